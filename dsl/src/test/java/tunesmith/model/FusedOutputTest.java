package tunesmith.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tunesmith.model.FusedLstmTest.TOL;
import static tunesmith.model.FusedLstmTest.close;
import static tunesmith.model.FusedLstmTest.oneHot;
import static tunesmith.model.FusedLstmTest.trailingMask;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import tunesmith.kernel.BlasThreads;
import tunesmith.model.fused.FusedLstm;
import tunesmith.model.fused.FusedOutput;

/**
 * The fused softmax output layer against Deeplearning4j's, both above fused LSTMs: outputs, scores
 * (training and evaluation, masked), every gradient on one and two kernel threads, soft labels,
 * TBPTT training step by step, sampling, save and load. Dropout, which both draw at random, is
 * checked by reading the fused layer's mask back from its epsilon and giving DL4J's layer the
 * input that mask made.
 */
class FusedOutputTest {

    /** Fused LSTMs (nIn -> units -> units) under a stock or a fused softmax output; dropout keep 1 means none. */
    static MultiLayerNetwork net(boolean fusedOutput, int nIn, int units, int nOut, int tbptt, double keep) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(21)
                .updater(new Adam(0.01)).weightInit(WeightInit.XAVIER)
                .gradientNormalization(GradientNormalization.ClipL2PerLayer).gradientNormalizationThreshold(5).list();
        for (int i = 0; i < 2; i++) {
            LSTM.Builder b = new LSTM.Builder().nIn(i == 0 ? nIn : units).nOut(units).activation(Activation.TANH);
            if (i > 0 && keep < 1) b.dropOut(new Dropout(keep));
            list.layer(i, FusedLstm.of(b.build()));
        }
        RnnOutputLayer.Builder out = new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nIn(units).nOut(nOut).dataFormat(RNNFormat.NCW);
        if (keep < 1) out.dropOut(new Dropout(keep));
        list.layer(2, fusedOutput ? FusedOutput.of(out.build()) : out.build());
        if (tbptt > 0) list.backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(tbptt).tBPTTBackwardLength(tbptt);
        list.setInputType(InputType.recurrent(nIn, RNNFormat.NCW));
        MultiLayerNetwork n = new MultiLayerNetwork(list.build());
        n.init();
        return n;
    }

    @Test
    void sameSeedSameParametersAndTheFusedLayerIsUsed() {
        MultiLayerNetwork stock = net(false, 9, 12, 9, 0, 1), fused = net(true, 9, 12, 9, 0, 1);
        assertEquals(stock.params(), fused.params());
        assertEquals("FusedOutputLayer", fused.getLayer(2).getClass().getSimpleName());
        assertInstanceOf(FusedOutput.class, Networks.lstm(LstmConfig.DEFAULTS.withUnits(8), 10, 10, false).getLayerWiseConfigurations().getConf(2).getLayer());
        assertEquals(RnnOutputLayer.class, Networks.lstm(LstmConfig.DEFAULTS.withUnits(8), 10, 10, true).getLayerWiseConfigurations().getConf(2).getLayer().getClass(),
                "piano rolls (sigmoid, binary cross-entropy) keep DL4J's layer");
        assertEquals(RnnOutputLayer.class, Networks.lstm(LstmConfig.DEFAULTS.withUnits(8).withFused(false), 10, 10, false)
                .getLayerWiseConfigurations().getConf(2).getLayer().getClass(), "the stock LSTM network keeps DL4J's layer");
    }

    @Test
    void refusesWhatItDoesNotCompute() {
        RnnOutputLayer sigmoid = new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID).nIn(4).nOut(4).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FusedOutput.of(sigmoid));
        assertTrue(e.getMessage().contains("softmax") && e.getMessage().contains("RnnOutputLayer"), e.getMessage());
        RnnOutputLayer nwc = new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(4).nOut(4)
                .dataFormat(RNNFormat.NWC).build();
        assertThrows(IllegalArgumentException.class, () -> FusedOutput.of(nwc));
    }

    @Test
    void outputsAndScoresEqualStockUnderMasks() {
        MultiLayerNetwork stock = net(false, 10, 16, 10, 0, 1), fused = net(true, 10, 16, 10, 0, 1);
        INDArray x = oneHot(6, 10, 11, 1, DataType.FLOAT), y = oneHot(6, 10, 11, 2, DataType.FLOAT);
        INDArray mask = trailingMask(6, 11, DataType.FLOAT);
        close(stock.output(x), fused.output(x), TOL, "output");
        close(stock.output(x, false, mask, mask), fused.output(x, false, mask, mask), TOL, "masked output");
        DataSet d = new DataSet(x, y, mask, mask);
        assertEquals(stock.score(d), fused.score(d), 1e-5, "evaluation score");
        assertEquals(stock.score(new DataSet(x, y)), fused.score(new DataSet(x, y)), 1e-5, "evaluation score without masks");
        close(stock.scoreExamples(d, false), fused.scoreExamples(d, false), TOL, "score per sequence");
        // a batch of one step, and one sequence
        INDArray step = x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 1)).dup();
        close(stock.output(step), fused.output(step), TOL, "one step");
        INDArray one = x.get(NDArrayIndex.interval(0, 1), NDArrayIndex.all(), NDArrayIndex.all()).dup();
        close(stock.output(one), fused.output(one), TOL, "one sequence");
    }

    @Test
    void gradientsEqualStockOnOneAndTwoThreadsAndTheScoreReusesBackprop() throws Exception {
        for (int threads : new int[]{1, 2}) {
            MultiLayerNetwork stock = net(false, 12, 20, 12, 0, 1), fused = net(true, 12, 20, 12, 0, 1);
            INDArray x = oneHot(70, 12, 9, 3, DataType.FLOAT), y = oneHot(70, 12, 9, 4, DataType.FLOAT);
            INDArray mask = trailingMask(70, 9, DataType.FLOAT);
            stock.setInput(x);
            stock.setLabels(y);
            stock.setLayerMaskArrays(mask, mask);
            stock.computeGradientAndScore();
            long before = passes(fused.getLayer(2));
            BlasThreads.with(threads, () -> {
                fused.setInput(x);
                fused.setLabels(y);
                fused.setLayerMaskArrays(mask, mask);
                fused.computeGradientAndScore();
                return null;
            });
            assertEquals(1, passes(fused.getLayer(2)) - before, "one forward pass for the gradient and the score");
            assertEquals(stock.score(), fused.score(), 1e-5, threads + " thread(s): loss");
            for (String k : stock.paramTable().keySet())
                close(stock.gradient().getGradientFor(k), fused.gradient().getGradientFor(k), TOL, threads + " thread(s): gradient " + k);
        }
    }

    /** Labels with more than one non-zero a step (soft targets) take the dense path. */
    @Test
    void softLabelsEqualStock() {
        MultiLayerNetwork stock = net(false, 7, 10, 7, 0, 1), fused = net(true, 7, 10, 7, 0, 1);
        INDArray x = oneHot(4, 7, 6, 5, DataType.FLOAT);
        INDArray y = oneHot(4, 7, 6, 6, DataType.FLOAT).muli(0.75).addi(oneHot(4, 7, 6, 7, DataType.FLOAT).muli(0.25));
        for (MultiLayerNetwork n : new MultiLayerNetwork[]{stock, fused}) {
            n.setInput(x);
            n.setLabels(y);
            n.computeGradientAndScore();
        }
        assertEquals(stock.score(), fused.score(), 1e-5);
        close(stock.gradient().gradient(), fused.gradient().gradient(), TOL, "gradients with soft labels");
    }

    /** Truncated BPTT with masks, step after step of Adam: the parameters follow DL4J's. */
    @Test
    void trainingFollowsStock() {
        MultiLayerNetwork stock = net(false, 8, 16, 8, 5, 1), fused = net(true, 8, 16, 8, 5, 1);
        INDArray x = oneHot(4, 8, 13, 10, DataType.FLOAT), y = oneHot(4, 8, 13, 20, DataType.FLOAT);
        INDArray mask = trailingMask(4, 13, DataType.FLOAT);
        // the first segment starts from zero state in both networks (later ones differ as FusedLstmTest explains)
        DataSet first = new DataSet(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 5)).dup(),
                y.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 5)).dup(),
                mask.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 5)).dup(), mask.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 5)).dup());
        for (int i = 0; i < 5; i++) {
            stock.fit(first);
            fused.fit(first);
        }
        close(stock.params(), fused.params(), 1e-4, "parameters after five steps");
        DataSet d = new DataSet(x, y, mask, mask);
        double start = fused.score(d);
        for (int i = 0; i < 20; i++) fused.fit(d);
        assertTrue(fused.score(d) < start, "training lowers the loss: " + start + " -> " + fused.score(d));
    }

    @Test
    void samplingStepByStepEqualsStock() {
        MultiLayerNetwork stock = net(false, 9, 16, 9, 0, 1), fused = net(true, 9, 16, 9, 0, 1);
        INDArray x = oneHot(1, 9, 6, 8, DataType.FLOAT);
        for (int t = 0; t < 6; t++) {
            INDArray step = x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(t, t + 1)).dup();
            close(stock.rnnTimeStep(step), fused.rnnTimeStep(step), TOL, "step " + t);
        }
    }

    /**
     * Dropout at the output layer: the fused layer's epsilon is zero exactly where its mask dropped
     * an input, so the mask is read back from it; DL4J's layer without dropout, given the input
     * times that mask over keep, must then give the same score, weight gradients and (times the
     * mask) epsilon. About keep of the inputs survive, and the same seed draws the same mask.
     */
    @Test
    void outputDropoutIsInvertedDropoutWithOneMask() {
        double keep = 0.6;
        MultiLayerNetwork fused = net(true, 5, 24, 11, 0, keep), plain = net(false, 5, 24, 11, 0, 1);
        plain.setParams(fused.params());
        fused.initGradientsView();
        plain.initGradientsView();
        Layer f = fused.getLayer(2), s = plain.getLayer(2);
        INDArray x = Nd4j.rand(DataType.FLOAT, 40, 24, 7).addi(0.5), y = oneHot(40, 11, 7, 3, DataType.FLOAT);
        Nd4j.getRandom().setSeed(5);
        Pair<Gradient, INDArray> a = backprop(f, x, y);
        double fusedScore = ((org.deeplearning4j.nn.api.layers.IOutputLayer) f).computeScore(0, true, LayerWorkspaceMgr.noWorkspaces());
        INDArray kept = a.getSecond().neq(0).castTo(DataType.FLOAT);
        double fraction = kept.meanNumber().doubleValue();
        assertEquals(keep, fraction, 0.03, "fraction of inputs kept");
        INDArray scaled = kept.div(keep);
        Pair<Gradient, INDArray> b = backprop(s, x.mul(scaled), y);
        double stockScore = ((org.deeplearning4j.nn.api.layers.IOutputLayer) s).computeScore(0, true, LayerWorkspaceMgr.noWorkspaces());
        assertEquals(stockScore, fusedScore, 1e-4, "score of the dropped-out pass");
        for (String k : new String[]{"W", "b"}) close(b.getFirst().getGradientFor(k), a.getFirst().getGradientFor(k), TOL, "gradient " + k);
        close(b.getSecond().mul(scaled), a.getSecond(), TOL, "epsilon");
        Nd4j.getRandom().setSeed(5);
        assertEquals(a.getSecond(), backprop(f, x, y).getSecond(), "the same seed draws the same mask");
    }

    /** The same for the fused LSTM's input dropout, drawn in Java as well. */
    @Test
    void lstmInputDropoutIsInvertedDropoutWithOneMask() {
        double keep = 0.7;
        MultiLayerNetwork fused = net(true, 5, 16, 5, 0, keep), plain = net(true, 5, 16, 5, 0, 1);
        plain.setParams(fused.params());
        Layer f = fused.getLayer(1), s = plain.getLayer(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 50, 16, 8).addi(0.5), eps = Nd4j.rand(DataType.FLOAT, 50, 16, 8).subi(0.5);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        fused.initGradientsView();
        plain.initGradientsView();
        f.activate(x, true, mgr);
        Pair<Gradient, INDArray> a = f.backpropGradient(eps, mgr);
        INDArray kept = a.getSecond().neq(0).castTo(DataType.FLOAT);
        assertEquals(keep, kept.meanNumber().doubleValue(), 0.03, "fraction of inputs kept");
        INDArray scaled = kept.div(keep);
        INDArray wA = a.getFirst().getGradientFor("W").dup(), epsA = a.getSecond().dup();
        s.activate(x.mul(scaled), true, mgr);
        Pair<Gradient, INDArray> b = s.backpropGradient(eps, mgr);
        close(b.getFirst().getGradientFor("W"), wA, TOL, "gradient W");
        close(b.getSecond().mul(scaled), epsA, TOL, "epsilon");
    }

    private static Pair<Gradient, INDArray> backprop(Layer layer, INDArray x, INDArray y) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        layer.setInput(x, mgr);
        ((org.deeplearning4j.nn.api.layers.IOutputLayer) layer).setLabels(y);
        Pair<Gradient, INDArray> p = layer.backpropGradient(null, mgr);
        Gradient g = new org.deeplearning4j.nn.gradient.DefaultGradient();
        p.getFirst().gradientForVariable().forEach((k, v) -> g.setGradientFor(k, v.dup()));
        return new Pair<>(g, p.getSecond().dup());
    }

    @Test
    void saveAndLoadRoundTripIsBitIdentical() throws Exception {
        MultiLayerNetwork n = net(true, 9, 16, 9, 4, 0.8);
        INDArray x = oneHot(4, 9, 12, 8, DataType.FLOAT), y = oneHot(4, 9, 12, 9, DataType.FLOAT);
        n.fit(new DataSet(x, y));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(n, bytes, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), true);
        assertInstanceOf(FusedOutput.class, back.getLayerWiseConfigurations().getConf(2).getLayer());
        assertEquals(n.getLayerWiseConfigurations().toJson(), back.getLayerWiseConfigurations().toJson());
        assertEquals(n.params(), back.params());
        assertEquals(n.output(x), back.output(x));
        Nd4j.getRandom().setSeed(8);
        n.fit(new DataSet(x, y));
        Nd4j.getRandom().setSeed(8);
        back.fit(new DataSet(x, y));
        assertEquals(n.params(), back.params(), "training continues identically");
    }

    static long passes(Layer l) {
        return FusedLstmTest.counter(l, "passes");
    }
}
