package tunesmith.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The float tanh and sigmoid the cells use, against Math's doubles over the range an LSTM's gates see and beyond. */
class CellsTest {

    @Test
    void floatTanhIsWithinAFewUlps() {
        double worstUlps = 0;
        for (double x = -40; x <= 40; x += 0.000731) {
            float fx = (float) x;
            float exact = (float) Math.tanh(fx);
            worstUlps = Math.max(worstUlps, Math.abs(Cells.tanhf(fx) - Math.tanh(fx)) / Math.ulp(exact));
        }
        assertTrue(worstUlps <= 8, "largest error " + worstUlps + " ulps");
        for (float tiny : new float[]{1e-4f, 1e-20f, 1e-37f}) {
            assertEquals(tiny, Cells.tanhf(tiny), Math.ulp(tiny) * 2);
            assertEquals(-tiny, Cells.tanhf(-tiny), Math.ulp(tiny) * 2);
        }
        assertEquals(-1.0, Cells.tanhf(-200f), 0);
        assertEquals(1.0, Cells.tanhf(200f), 0);
        assertEquals(1.0, Cells.tanhf(Float.POSITIVE_INFINITY), 0);
        assertEquals(0.0, Cells.tanhf(0f), 0);
        assertTrue(Float.isNaN(Cells.tanhf(Float.NaN)), "NaN passes through, so a diverging run shows");
    }

    @Test
    void floatSigmoidIsWithinFloatRounding() {
        double worst = 0;
        for (double x = -60; x <= 60; x += 0.000917) {
            float fx = (float) x;
            worst = Math.max(worst, Math.abs(Cells.sigmoidf(fx) - 1 / (1 + Math.exp(-fx))));
        }
        assertTrue(worst < 2e-7, "largest absolute error " + worst);
        assertEquals(0.0, Cells.sigmoidf(-200f), 0);
        assertEquals(1.0, Cells.sigmoidf(200f), 0);
        assertEquals(0.5, Cells.sigmoidf(0f), 0);
    }
}
