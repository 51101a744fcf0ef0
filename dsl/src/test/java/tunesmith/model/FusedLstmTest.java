package tunesmith.model;

import tunesmith.train.Training;
import tunesmith.train.TrainingEvent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
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
import tunesmith.model.fused.FusedLstm;

/**
 * The fused LSTM against Deeplearning4j's own: with the same parameters (copied, and also equal
 * from the same seed), outputs, gradients, input epsilons, masked batches, TBPTT segments and
 * step-by-step sampling agree to float tolerance; a double-precision gradient check; a bit-identical
 * save/load round trip.
 */
class FusedLstmTest {

    static final double TOL = 2e-5;

    /** 2 LSTM layers (nIn → h → h) + softmax output; stock or fused, seeded alike. */
    static MultiLayerNetwork net(boolean fused, int nIn, int units, int nOut, int tbptt, DataType type) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(12).dataType(type)
                .updater(new Adam(0.01)).weightInit(WeightInit.XAVIER)
                .gradientNormalization(GradientNormalization.ClipL2PerLayer).gradientNormalizationThreshold(5).list();
        for (int i = 0; i < 2; i++) {
            LSTM l = new LSTM.Builder().nIn(i == 0 ? nIn : units).nOut(units).activation(Activation.TANH).build();
            list.layer(i, fused ? FusedLstm.of(l) : l);
        }
        list.layer(2, new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nIn(units).nOut(nOut).dataFormat(RNNFormat.NCW).build());
        if (tbptt > 0) list.backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(tbptt).tBPTTBackwardLength(tbptt);
        list.setInputType(InputType.recurrent(nIn, RNNFormat.NCW));
        MultiLayerNetwork n = new MultiLayerNetwork(list.build());
        n.init();
        return n;
    }

    static INDArray oneHot(int batch, int vocab, int steps, long seed, DataType type) {
        Random r = new Random(seed);
        INDArray x = Nd4j.zeros(type, batch, vocab, steps);
        for (int b = 0; b < batch; b++) for (int t = 0; t < steps; t++) x.putScalar(new int[]{b, r.nextInt(vocab), t}, 1.0);
        return x;
    }

    /** Trailing padding: sequence b has length steps - b (at least 1). */
    static INDArray trailingMask(int batch, int steps, DataType type) {
        INDArray m = Nd4j.zeros(type, batch, steps);
        for (int b = 0; b < batch; b++) for (int t = 0; t < Math.max(1, steps - b); t++) m.putScalar(b, t, 1.0);
        return m;
    }

    static void close(INDArray expected, INDArray actual, double tol, String what) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what + ": shape");
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        double scale = Math.max(1.0, expected.castTo(DataType.DOUBLE).amaxNumber().doubleValue());
        assertTrue(diff <= tol * scale, what + ": max difference " + diff + " (scale " + scale + ")");
    }

    @Test
    void sameSeedGivesTheSameParametersAndLayout() {
        MultiLayerNetwork stock = net(false, 11, 8, 11, 0, DataType.FLOAT), fused = net(true, 11, 8, 11, 0, DataType.FLOAT);
        assertEquals(stock.params(), fused.params());
        assertEquals(stock.paramTable().keySet(), fused.paramTable().keySet());
        assertEquals("FusedLstmLayer", fused.getLayer(0).getClass().getSimpleName());
    }

    @Test
    void forwardEqualsStockWithCopiedParameters() {
        MultiLayerNetwork stock = net(false, 13, 24, 13, 0, DataType.FLOAT), fused = net(true, 13, 24, 13, 0, DataType.FLOAT);
        INDArray p = Nd4j.rand(DataType.FLOAT, 1, stock.numParams()).subi(0.5).muli(0.8);
        stock.setParams(p);
        fused.setParams(p);
        INDArray x = oneHot(5, 13, 17, 1, DataType.FLOAT);
        close(stock.output(x), fused.output(x), TOL, "output");
        java.util.List<INDArray> a = stock.feedForward(x, false), b = fused.feedForward(x, false);
        for (int i = 0; i < a.size(); i++) close(a.get(i), b.get(i), TOL, "activations of layer " + (i - 1));
        // a batch of one, and one step
        close(stock.output(x.get(NDArrayIndex.interval(0, 1), NDArrayIndex.all(), NDArrayIndex.all())),
                fused.output(x.get(NDArrayIndex.interval(0, 1), NDArrayIndex.all(), NDArrayIndex.all())), TOL, "batch 1");
        close(stock.output(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 1))),
                fused.output(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 1))), TOL, "one step");
    }

    @Test
    void forwardUnderMasksEqualsStock() {
        MultiLayerNetwork stock = net(false, 9, 16, 9, 0, DataType.FLOAT), fused = net(true, 9, 16, 9, 0, DataType.FLOAT);
        INDArray x = oneHot(6, 9, 10, 2, DataType.FLOAT);
        INDArray mask = trailingMask(6, 10, DataType.FLOAT);
        // in a MultiLayerNetwork the feature mask passes the LSTMs by, for the output layer
        close(stock.output(x, false, mask, null), fused.output(x, false, mask, null), TOL, "masked output");
        // set on the layer (as Bidirectional does), a mask zeroes state at masked steps, gaps included
        INDArray holes = mask.dup();
        holes.putScalar(0, 3, 0.0);
        holes.putScalar(1, 0, 0.0);
        holes.putScalar(2, 1, 0.0);
        for (INDArray m : new INDArray[]{mask, holes}) {
            LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
            stock.getLayer(0).setMaskArray(m);
            fused.getLayer(0).setMaskArray(m);
            INDArray a = stock.getLayer(0).activate(x, false, mgr), b = fused.getLayer(0).activate(x, false, mgr);
            close(a, b, TOL, "layer output under mask " + m);
            if (m == holes) assertEquals(0.0, b.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.point(0)).amaxNumber().doubleValue());
        }
    }

    /**
     * With two kernel threads ({@code BlasThreads.with(2, ..)}, as training runs) a batch of 16+ is
     * carried through its steps in two halves, one per thread, or (a small batch of a wide layer)
     * each thread takes half the units of every sequence; and one-hot rows are gathered, not multiplied. Both must give what one thread and a
     * dense GEMM give: outputs and every gradient of a masked batch of 21 one-hot sequences, against
     * the stock LSTM, and the same input scaled by 0.5 (still sparse: one value per row, not 1).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "batch {0}, {1} units")
    @org.junit.jupiter.params.provider.CsvSource({
            "21, 20",    // too few units to split them: the batch in halves
            "21, 64",    // a small batch: the units in halves, the parts meeting at every step
            "80, 64"})   // 40 rows a part: the batch in halves
    void partsOnTwoThreadsAndOneHotGatherEqualStock(int rows, int units) {
        var blas = Nd4j.factory().blas();
        int before = blas.getMaxThreads();
        try {
            for (double scale : new double[]{1.0, 0.5}) {
                MultiLayerNetwork stock = net(false, 11, units, 11, 0, DataType.FLOAT), fused = net(true, 11, units, 11, 0, DataType.FLOAT);
                fused.setParams(stock.params());
                INDArray x = oneHot(rows, 11, 14, 5, DataType.FLOAT).muli(scale), y = oneHot(rows, 11, 14, 6, DataType.FLOAT);
                INDArray mask = trailingMask(rows, 14, DataType.FLOAT);
                blas.setMaxThreads(1);
                stock.setInput(x);
                stock.setLabels(y);
                stock.setLayerMaskArrays(mask, mask);
                stock.computeGradientAndScore();
                blas.setMaxThreads(2);
                tunesmith.kernel.BlasThreads.with(2, () -> {
                    assertEquals(2, tunesmith.kernel.Workers.threads(), "the kernels' threads inside the task");
                    assertEquals(1, blas.getMaxThreads(), "OpenBLAS runs one thread inside the task");
                    fused.setInput(x);
                    fused.setLabels(y);
                    fused.setLayerMaskArrays(mask, mask);
                    fused.computeGradientAndScore();
                    return null;
                });
                assertEquals(2, blas.getMaxThreads(), "the OpenBLAS setting is restored after the task");
                assertEquals(1, tunesmith.kernel.Workers.threads(), "the kernels' setting is restored after the task");
                assertEquals(stock.score(), fused.score(), 1e-5, "loss, scale " + scale);
                close(stock.gradient().gradient(), fused.gradient().gradient(), TOL, "all gradients, scale " + scale);
                close(stock.output(x, false, mask, null), fused.output(x, false, mask, null), TOL, "output, scale " + scale);
            }
        } finally {
            blas.setMaxThreads(before);
        }
    }

    /**
     * The first layer of a token network skips the input gradient nobody reads: the network's
     * gradients are still the stock network's, and the setting survives a save and load.
     */
    @Test
    void firstLayerSkipsTheUnreadInputGradient() throws Exception {
        LstmConfig c = LstmConfig.DEFAULTS.withUnits(16).withDropout(0).withTbptt(0).withSeed(9);
        MultiLayerNetwork fused = Networks.lstm(c, 10, 10, false), stock = Networks.lstm(c.withFused(false), 10, 10, false);
        FusedLstm first = (FusedLstm) fused.getLayerWiseConfigurations().getConf(0).getLayer();
        assertTrue(!first.isInputGradient() && ((FusedLstm) fused.getLayerWiseConfigurations().getConf(1).getLayer()).isInputGradient());
        fused.setParams(stock.params());
        INDArray x = oneHot(6, 10, 12, 7, DataType.FLOAT), y = oneHot(6, 10, 12, 8, DataType.FLOAT);
        for (MultiLayerNetwork n : new MultiLayerNetwork[]{fused, stock}) { n.setInput(x); n.setLabels(y); n.computeGradientAndScore(); }
        close(stock.gradient().gradient(), fused.gradient().gradient(), TOL, "gradients");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(fused, bytes, false);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), false);
        assertTrue(!((FusedLstm) back.getLayerWiseConfigurations().getConf(0).getLayer()).isInputGradient());
        assertTrue(new FusedLstm().isInputGradient(), "layers read from files written before the setting compute it");
    }

    /** Layer-level: the three parameter gradients and the input epsilon, with and without a mask. */
    @Test
    void gradientsAndEpsilonEqualStock() {
        for (boolean masked : new boolean[]{false, true}) {
            MultiLayerNetwork stock = net(false, 7, 12, 7, 0, DataType.FLOAT), fused = net(true, 7, 12, 7, 0, DataType.FLOAT);
            INDArray x = Nd4j.rand(DataType.FLOAT, 4, 7, 9).subi(0.5);
            INDArray eps = Nd4j.rand(DataType.FLOAT, 4, 12, 9).subi(0.5);
            INDArray mask = masked ? trailingMask(4, 9, DataType.FLOAT) : null;
            if (masked) eps.muli(mask.reshape(4, 1, 9).broadcast(4, 12, 9)); // what a masked output layer sends back
            stock.initGradientsView();
            fused.initGradientsView();
            Pair<Gradient, INDArray> a = layerBackprop(stock.getLayer(0), x, mask, eps);
            Pair<Gradient, INDArray> b = layerBackprop(fused.getLayer(0), x, mask, eps);
            for (String k : new String[]{"W", "RW", "b"})
                close(a.getFirst().getGradientFor(k), b.getFirst().getGradientFor(k), TOL, "gradient " + k + (masked ? " (masked)" : ""));
            close(a.getSecond(), b.getSecond(), TOL, "input epsilon" + (masked ? " (masked)" : ""));
        }
    }

    private static Pair<Gradient, INDArray> layerBackprop(Layer layer, INDArray x, INDArray mask, INDArray eps) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        layer.setMaskArray(mask);
        layer.activate(x, true, mgr);
        Pair<Gradient, INDArray> p = layer.backpropGradient(eps, mgr);
        Gradient g = new org.deeplearning4j.nn.gradient.DefaultGradient();
        for (Map.Entry<String, INDArray> e : p.getFirst().gradientForVariable().entrySet()) g.setGradientFor(e.getKey(), e.getValue().dup());
        return new Pair<>(g, p.getSecond().dup());
    }

    /** Network-level: score and every gradient, masked labels and features, standard backprop. */
    @Test
    void networkGradientsEqualStockUnderMasks() {
        MultiLayerNetwork stock = net(false, 10, 20, 10, 0, DataType.FLOAT), fused = net(true, 10, 20, 10, 0, DataType.FLOAT);
        INDArray x = oneHot(5, 10, 12, 3, DataType.FLOAT), y = oneHot(5, 10, 12, 4, DataType.FLOAT);
        INDArray mask = trailingMask(5, 12, DataType.FLOAT);
        for (MultiLayerNetwork n : new MultiLayerNetwork[]{stock, fused}) {
            n.setInput(x);
            n.setLabels(y);
            n.setLayerMaskArrays(mask, mask);
            n.computeGradientAndScore();
        }
        assertEquals(stock.score(), fused.score(), 1e-5);
        for (String k : stock.paramTable().keySet())
            close(stock.gradient().getGradientFor(k), fused.gradient().getGradientFor(k), TOL, "gradient " + k);
    }

    /**
     * Truncated BPTT at the layer, segment by segment with the state carried: outputs, then the
     * three gradients and the input epsilon against DL4J's {@code tbpttBackpropGradient} from the
     * segment's start state (the gradient of the pass that was computed).
     */
    @Test
    void tbpttSegmentsEqualStock() {
        MultiLayerNetwork stock = net(false, 8, 16, 8, 5, DataType.FLOAT), fused = net(true, 8, 16, 8, 5, DataType.FLOAT);
        stock.initGradientsView();
        fused.initGradientsView();
        org.deeplearning4j.nn.api.layers.RecurrentLayer s = (org.deeplearning4j.nn.api.layers.RecurrentLayer) stock.getLayer(0);
        org.deeplearning4j.nn.api.layers.RecurrentLayer f = (org.deeplearning4j.nn.api.layers.RecurrentLayer) fused.getLayer(0);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 8, 15).subi(0.5);
        for (int seg = 0; seg < 3; seg++) {
            INDArray part = x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(5 * seg, 5 * seg + 5)).dup();
            Map<String, INDArray> start = new java.util.HashMap<>(s.rnnGetTBPTTState());
            INDArray a = s.rnnActivateUsingStoredState(part, true, true, mgr).dup(), b = f.rnnActivateUsingStoredState(part, true, true, mgr).dup();
            close(a, b, TOL, "segment " + seg + " output");
            INDArray eps = Nd4j.rand(DataType.FLOAT, 4, 16, 5).subi(0.5);
            s.rnnSetPreviousState(start);
            Pair<Gradient, INDArray> gs = s.tbpttBackpropGradient(eps, 5, mgr), gf = f.backpropGradient(eps, mgr);
            for (String k : new String[]{"W", "RW", "b"})
                close(gs.getFirst().getGradientFor(k), gf.getFirst().getGradientFor(k), TOL, "segment " + seg + " gradient " + k);
            close(gs.getSecond(), gf.getSecond(), TOL, "segment " + seg + " epsilon");
            for (String k : new String[]{"prevAct", "prevMem"})
                close(s.rnnGetTBPTTState().get(k), f.rnnGetTBPTTState().get(k), TOL, "segment " + seg + " stored state " + k);
        }
    }

    /** Truncated BPTT through a MultiLayerNetwork: each segment's backward pass reuses its forward pass; training works. */
    @Test
    void tbpttFitReusesEachForwardPassAndLearns() {
        MultiLayerNetwork stock = net(false, 8, 16, 8, 5, DataType.FLOAT), fused = net(true, 8, 16, 8, 5, DataType.FLOAT);
        INDArray x = oneHot(4, 8, 23, 10, DataType.FLOAT), y = oneHot(4, 8, 23, 20, DataType.FLOAT);
        INDArray mask = trailingMask(4, 23, DataType.FLOAT);
        DataSet d = new DataSet(x, y, mask, mask);
        // the first segment starts from zero state in both, so one fit on a single segment is the same update
        DataSet first = new DataSet(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 5)).dup(),
                y.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 5)).dup());
        stock.fit(first);
        fused.fit(first);
        close(stock.params(), fused.params(), 1e-5, "parameters after one segment");
        double before = fused.score(d);
        for (int i = 0; i < 30; i++) fused.fit(d);
        assertTrue(fused.score(d) < before, "TBPTT training lowers the loss: " + before + " -> " + fused.score(d));
        assertEquals(0L, forwardRecomputations(fused.getLayer(0)));
        assertEquals(0L, forwardRecomputations(fused.getLayer(1)));
    }

    static long forwardRecomputations(Layer l) {
        return counter(l, "forwardRecomputations");
    }

    /** A fused layer's package-private counter for tests (the layers live in model.fused). */
    static long counter(Layer l, String name) {
        try {
            java.lang.reflect.Method m = l.getClass().getDeclaredMethod(name);
            m.setAccessible(true);
            return (Long) m.invoke(l);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Batch 3 and 1 (the GEMV path), one-hot (the sparse path) and dense inputs, a prime then single steps. */
    @Test
    void rnnTimeStepStepByStepEqualsTheWholeForwardAndStock() {
        for (int batch : new int[]{3, 1})
            for (boolean dense : new boolean[]{false, true}) {
                MultiLayerNetwork stock = net(false, 9, 16, 9, 0, DataType.FLOAT), fused = net(true, 9, 16, 9, 0, DataType.FLOAT);
                INDArray x = dense ? Nd4j.rand(DataType.FLOAT, batch, 9, 8) : oneHot(batch, 9, 8, 5, DataType.FLOAT);
                String what = "batch " + batch + (dense ? " dense" : " one-hot");
                INDArray whole = fused.output(x);
                fused.rnnClearPreviousState();
                stock.rnnClearPreviousState();
                INDArray prime = x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 3)).dup();
                INDArray head = whole.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 3));
                close(head, fused.rnnTimeStep(prime), TOL, what + " prime");
                close(head, stock.rnnTimeStep(prime), TOL, what + " stock prime");
                for (int t = 3; t < 8; t++) {
                    INDArray step = x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(t, t + 1)).dup();
                    INDArray f = fused.rnnTimeStep(step), s = stock.rnnTimeStep(step);
                    close(whole.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(t, t + 1)), f, TOL, what + " step " + t);
                    close(s, f, TOL, what + " stock step " + t);
                }
                // stored states are DL4J's: same keys, same values; and a snapshot, not the live state
                Map<String, INDArray> a = stock.rnnGetPreviousState(0), b = fused.rnnGetPreviousState(0);
                assertEquals(a.keySet(), b.keySet());
                for (String k : a.keySet()) close(a.get(k), b.get(k), TOL, what + " state " + k);
                Map<String, INDArray> a1 = stock.rnnGetPreviousState(1), b1 = fused.rnnGetPreviousState(1);
                INDArray before = b.get("prevAct").dup();
                fused.rnnTimeStep(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 1)).dup());
                assertEquals(before, b.get("prevAct"), what + ": a state once taken does not change");
                // setting the states back resumes from them
                fused.rnnSetPreviousState(0, b);
                fused.rnnSetPreviousState(1, b1);
                stock.rnnSetPreviousState(0, a);
                stock.rnnSetPreviousState(1, a1);
                INDArray step = x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(2, 3)).dup();
                close(stock.rnnTimeStep(step), fused.rnnTimeStep(step), TOL, what + " after setting the state");
            }
    }

    @Test
    void doublePrecisionGradientCheck() {
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            for (boolean masked : new boolean[]{false, true}) {
                NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                        .updater(new org.nd4j.linalg.learning.config.NoOp()).weightInit(WeightInit.XAVIER).list();
                list.layer(0, FusedLstm.of(new LSTM.Builder().nIn(4).nOut(5).activation(Activation.TANH).build()));
                list.layer(1, FusedLstm.of(new LSTM.Builder().nIn(5).nOut(3).activation(Activation.TANH).build()));
                list.layer(2, new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nIn(3).nOut(4).dataFormat(RNNFormat.NCW).build());
                MultiLayerNetwork n = new MultiLayerNetwork(list.build());
                n.init();
                INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 4, 6).subi(0.5), y = oneHot(3, 4, 6, 7, DataType.DOUBLE);
                INDArray mask = masked ? trailingMask(3, 6, DataType.DOUBLE) : null;
                boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(n).input(x).labels(y)
                        .inputMask(mask).labelMask(mask).epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)
                        .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false));
                assertTrue(ok, "gradient check " + (masked ? "with masks" : "without masks"));
            }
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }

    /**
     * Masks in double precision, at the layer (where masks act): central differences of
     * L = sum(output * R) against backprop, for every parameter and every input, with an interior gap.
     */
    @Test
    void maskedLayerGradientMatchesFiniteDifferences() {
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE)
                    .updater(new org.nd4j.linalg.learning.config.NoOp()).weightInit(WeightInit.XAVIER).list();
            list.layer(0, FusedLstm.of(new LSTM.Builder().nIn(3).nOut(4).activation(Activation.TANH).build()));
            list.layer(1, new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).nIn(4).nOut(2).build());
            MultiLayerNetwork n = new MultiLayerNetwork(list.build());
            n.init();
            n.initGradientsView();
            Layer layer = n.getLayer(0);
            INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 3, 7).subi(0.5), r = Nd4j.rand(DataType.DOUBLE, 3, 4, 7).subi(0.5);
            INDArray mask = trailingMask(3, 7, DataType.DOUBLE);
            mask.putScalar(0, 2, 0.0);
            mask.putScalar(1, 0, 0.0);
            LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
            layer.setMaskArray(mask);
            layer.activate(x, true, mgr);
            Pair<Gradient, INDArray> g = layer.backpropGradient(r, mgr);
            INDArray analytic = layer.getGradientsViewArray().dup(), dx = g.getSecond().dup();
            INDArray p = layer.params();
            double h = 1e-6;
            java.util.function.DoubleSupplier loss = () -> layer.activate(x, false, mgr).mul(r).sumNumber().doubleValue();
            for (int i = 0; i < p.length(); i++) {
                double v = p.getDouble(i);
                p.putScalar(i, v + h);
                double up = loss.getAsDouble();
                p.putScalar(i, v - h);
                double down = loss.getAsDouble();
                p.putScalar(i, v);
                assertEquals((up - down) / (2 * h), analytic.getDouble(i), 1e-7, "parameter " + i);
            }
            for (int i = 0; i < x.length(); i++) {
                double v = x.getDouble(i);
                x.putScalar(i, v + h);
                double up = loss.getAsDouble();
                x.putScalar(i, v - h);
                double down = loss.getAsDouble();
                x.putScalar(i, v);
                assertEquals((up - down) / (2 * h), dx.getDouble(i), 1e-7, "input " + i);
            }
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }

    @Test
    void saveAndLoadRoundTripIsBitIdentical() throws Exception {
        MultiLayerNetwork n = net(true, 9, 16, 9, 4, DataType.FLOAT);
        INDArray x = oneHot(4, 9, 12, 8, DataType.FLOAT), y = oneHot(4, 9, 12, 9, DataType.FLOAT);
        n.fit(new DataSet(x, y)); // updater state too
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(n, bytes, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), true);
        assertTrue(back.getLayerWiseConfigurations().getConf(0).getLayer() instanceof FusedLstm);
        assertEquals(n.getLayerWiseConfigurations().toJson(), back.getLayerWiseConfigurations().toJson());
        assertEquals(n.params(), back.params());
        assertEquals(n.getUpdater().getStateViewArray(), back.getUpdater().getStateViewArray());
        assertEquals(n.output(x), back.output(x));
        n.fit(new DataSet(x, y));
        back.fit(new DataSet(x, y));
        assertEquals(n.params(), back.params(), "training continues identically");
    }

    /** The default model now trains with the fused layer on real tunes, and learns. */
    @Test
    void fusedIsTheDefaultAndLearnsRealTunes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        assertTrue(LstmConfig.DEFAULTS.fused());
        tunesmith.encode.TokenSplit data = tunesmith.corpus.Corpus.load("starter").tokens(tunesmith.encode.AbcTokens.abc()).split(0.8, 0.2, 3);
        MelodyModel m = Lstm.lstm().layers(1).units(32).tbptt(16).batch(8).seed(2).train(data, Training.epochs(3).patience(0).quiet());
        assertTrue(m.network().getLayerWiseConfigurations().getConf(0).getLayer() instanceof FusedLstm);
        java.util.List<TrainingEvent.Epoch> h = m.history().epochs();
        assertTrue(h.get(2).validLoss() < h.get(0).validLoss(), h.toString());
        m.save(dir.resolve("fused.tsm"));
        MelodyModel back = MelodyModel.load(dir.resolve("fused.tsm"));
        assertTrue(back.config().fused());
        assertEquals(m.network().params(), back.network().params());
        assertEquals(m.sample().seed(3).maxLength(120).count(2).get(1).text(), back.sample().seed(3).maxLength(120).count(2).get(1).text());
    }

    /** Models saved with DL4J's LSTM (all before the fused layer, and stockLstm() now) load, say so, sample and resume. */
    @Test
    void stockModelFilesStillLoadAndSample(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        tunesmith.encode.TokenSplit data = tunesmith.corpus.Corpus.load("starter").tokens(tunesmith.encode.AbcTokens.abc()).split(0.8, 0.2, 3);
        MelodyModel m = Lstm.lstm().stockLstm().layers(1).units(16).tbptt(0).batch(8).seed(2).train(data, Training.epochs(1).patience(0).quiet());
        assertTrue(m.network().getLayerWiseConfigurations().getConf(0).getLayer().getClass() == LSTM.class);
        java.nio.file.Path file = dir.resolve("stock.tsm");
        m.save(file);
        // a file from before this change has no "fused" in its configuration text: rewrite the manifest so
        java.nio.file.Path old = dir.resolve("old.tsm");
        rewriteConfig(file, old, m.config().toText().replace(" fused=false", ""));
        MelodyModel back = MelodyModel.load(old);
        assertEquals(false, back.config().fused(), "the configuration says which layer the file holds");
        assertEquals(16, back.config().units());
        assertEquals(3, back.sample().seed(4).count(3).size());
        assertTrue(back.resume(data, Training.epochs(1).patience(0).quiet()).history().size() == 2);
        assertEquals(LstmConfig.DEFAULTS, LstmConfig.parse(LstmConfig.DEFAULTS.toText()));
        assertEquals(true, LstmConfig.parse("layers=2 units=256").fused(), "old texts parse; the layer defaults to fused");
    }

    private static void rewriteConfig(java.nio.file.Path from, java.nio.file.Path to, String config) throws Exception {
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(java.nio.file.Files.newInputStream(from));
             java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(to))) {
            java.util.zip.ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals("manifest.json")) {
                    com.fasterxml.jackson.databind.node.ObjectNode m = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(bytes);
                    m.put("config", config);
                    bytes = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(m);
                }
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
    }
}
