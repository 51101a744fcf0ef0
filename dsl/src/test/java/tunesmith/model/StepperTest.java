package tunesmith.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import tunesmith.model.fused.Stepper;

/**
 * The sampling stepper computes what {@code rnnTimeStep} computes, step after step with the state
 * carried: for one-hot and embedded inputs, one sequence and several, on trained (not just
 * initial) weights; and it declines networks it does not compute.
 */
class StepperTest {

    private static void sameAsRnnTimeStep(MultiLayerNetwork net, int batch, int vocab, boolean indices) {
        Stepper s = Stepper.of(net, batch).orElseThrow(() -> new AssertionError("a fused token network must get a stepper"));
        assertEquals(vocab, s.vocab());
        assertEquals(vocab, s.outputs());
        net.rnnClearPreviousState();
        Random r = new Random(5);
        double worst = 0;
        for (int t = 0; t < 40; t++) {
            int[] tokens = new int[batch];
            for (int b = 0; b < batch; b++) tokens[b] = r.nextInt(vocab);
            INDArray x = indices ? Nd4j.zeros(DataType.FLOAT, batch, 1, 1) : Nd4j.zeros(DataType.FLOAT, batch, vocab, 1);
            for (int b = 0; b < batch; b++) {
                if (indices) x.putScalar(new int[]{b, 0, 0}, tokens[b]);
                else x.putScalar(new int[]{b, tokens[b], 0}, 1f);
            }
            INDArray expected = net.rnnTimeStep(x).reshape(batch, vocab);
            float[] actual = s.step(tokens);
            for (int b = 0; b < batch; b++)
                for (int k = 0; k < vocab; k++) worst = Math.max(worst, Math.abs(expected.getDouble(b, k) - actual[b * vocab + k]));
        }
        assertTrue(worst < 1e-5, "largest probability difference over 40 steps: " + worst);
        s.reset();
        net.rnnClearPreviousState();
        int[] first = new int[batch];
        INDArray x0 = indices ? Nd4j.zeros(DataType.FLOAT, batch, 1, 1) : Nd4j.zeros(DataType.FLOAT, batch, vocab, 1);
        if (!indices) for (int b = 0; b < batch; b++) x0.putScalar(new int[]{b, 0, 0}, 1f);
        assertEquals(net.rnnTimeStep(x0).reshape(batch, vocab).getDouble(0, 3), s.step(first)[3], 1e-5, "reset starts from the zero state again");
    }

    private static MultiLayerNetwork trained(LstmConfig c, int vocab) {
        MultiLayerNetwork net = Networks.lstm(c, vocab, vocab, false);
        boolean indices = c.embedding() > 0;
        Random r = new Random(1);
        INDArray x = indices ? Nd4j.zeros(DataType.FLOAT, 4, 1, 16) : Nd4j.zeros(DataType.FLOAT, 4, vocab, 16);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 4, vocab, 16);
        for (int b = 0; b < 4; b++) for (int t = 0; t < 16; t++) {
            int tok = r.nextInt(vocab);
            if (indices) x.putScalar(new int[]{b, 0, t}, tok); else x.putScalar(new int[]{b, tok, t}, 1f);
            y.putScalar(new int[]{b, r.nextInt(vocab), t}, 1f);
        }
        for (int i = 0; i < 5; i++) net.fit(new DataSet(x, y));
        return net;
    }

    @Test
    void oneHotNetworkStepsAsRnnTimeStep() {
        MultiLayerNetwork net = trained(LstmConfig.DEFAULTS.withLayers(2).withUnits(24).withDropout(0.3).withSeed(3), 11);
        sameAsRnnTimeStep(net, 1, 11, false);
        sameAsRnnTimeStep(net, 3, 11, false);
    }

    @Test
    void embeddedNetworkStepsAsRnnTimeStep() {
        MultiLayerNetwork net = trained(LstmConfig.DEFAULTS.withLayers(3).withUnits(16).withEmbedding(8).withSeed(4), 13);
        sameAsRnnTimeStep(net, 1, 13, true);
        sameAsRnnTimeStep(net, 2, 13, true);
    }

    /** Models saved before the fused layer hold DL4J's LSTM, with the same parameters: they step alike. */
    @Test
    void stockLstmNetworkStepsAsRnnTimeStep() {
        MultiLayerNetwork net = trained(LstmConfig.DEFAULTS.withLayers(2).withUnits(20).withFused(false).withSeed(6), 9);
        sameAsRnnTimeStep(net, 1, 9, false);
        sameAsRnnTimeStep(net, 4, 9, false);
    }

    @Test
    void declinesWhatItDoesNotCompute() {
        assertTrue(Stepper.of(Networks.lstm(LstmConfig.DEFAULTS.withUnits(8), 5, 5, true), 1).isEmpty(), "piano roll: sigmoid outputs");
        Stepper s = Stepper.of(Networks.lstm(LstmConfig.DEFAULTS.withUnits(8), 5, 5, false), 2).orElseThrow();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.step(new int[]{1, 5}));
        assertTrue(e.getMessage().contains("token 5 of sequence 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.step(new int[]{1}));
    }
}
