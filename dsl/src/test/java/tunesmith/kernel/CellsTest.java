package tunesmith.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The float exponential the cells use, against Math.exp over the range an LSTM's gates see and beyond. */
class CellsTest {

    @Test
    void floatExpIsAccurateToFloatPrecision() {
        double worst = 0;
        for (double x = -80; x <= 80; x += 0.000731) {
            float fx = (float) x;
            double rel = Math.abs(Cells.expf(fx) - Math.exp(fx)) / Math.exp(fx);
            worst = Math.max(worst, rel);
        }
        assertTrue(worst < 3e-7, "largest relative error " + worst);
        assertEquals(0.0, Cells.sigmoidf(-200f), 1e-30);
        assertEquals(1.0, Cells.sigmoidf(200f), 0);
        assertEquals(-1.0, Cells.tanhf(-200f), 0);
        assertEquals(1.0, Cells.tanhf(200f), 0);
        assertEquals(Math.tanh(0.3), Cells.tanhf(0.3f), 2e-7);
        assertEquals(Math.tanh(-1e-4), Cells.tanhf(-1e-4f), 1e-7);
    }
}
