package tunesmith.model.fused;

import tunesmith.kernel.Cells;
import tunesmith.kernel.DropoutMask;
import tunesmith.kernel.Gemm;
import tunesmith.kernel.Workers;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Deeplearning4j's LSTM computed the fast way (see {@link FusedLstm} for the configuration).
 *
 * <p>Forward: the input projection of all T steps in one GEMM ({@code [T*B, nIn] x [nIn, 4H]},
 * bias included), then per step one recurrent GEMM ({@code h_{t-1} [B,H] x RW [H,4H]}) added
 * into that step's gates and one fused elementwise pass ({@link Cells}). Backward: per step one
 * GEMM ({@code dG_{t+1} x RW^T}) and one fused pass; then the weight gradients and the input
 * epsilon as four big GEMMs over all steps. The GEMMs call OpenBLAS (the library ND4J itself
 * uses) directly on preallocated buffers, so a step dispatches no ND4J op and allocates nothing.
 *
 * <p>The output [B,H,T] lies as row-major [T][B][H] rows (strides H, 1, B*H), and an input or
 * epsilon that lies so is copied in one piece: the fused layers above and below read each other's
 * arrays without reshaping. Plain dropout on the input is drawn in Java ({@link DropoutMask}) while
 * the input is copied; other kinds of dropout are DL4J's.
 *
 * <p>The buffers live outside DL4J's workspaces and persist between calls; what DL4J receives
 * (activations, epsilons, stored states) is created through its {@link LayerWorkspaceMgr} as the
 * built-in layers do. A training forward pass is kept for the backward pass that follows (DL4J's
 * LSTM computes it again), keyed by the input and mask it was computed from.
 *
 * <p>Behaviour matches {@code org.deeplearning4j.nn.layers.recurrent.LSTM}: NCW (and NWC) data,
 * masks that zero state and output at masked steps, dropout on the input, truncated BPTT with the
 * same state maps and keys, {@code rnnTimeStep}. Gradients are those of the forward pass that was
 * computed, and equal DL4J's with two exceptions where DL4J's are not: under a mask with a gap
 * between unmasked steps (DL4J lets a cell gradient leak through the masked step), and in the
 * second and later TBPTT segments of a MultiLayerNetwork (there DL4J's LSTM recomputes its forward
 * pass from a zero state, not the carried state the loss was computed from).
 */
public class FusedLstmLayer extends BaseRecurrentLayer<FusedLstm> {

    /** State keys, the same as DL4J's LSTM so stored states are interchangeable. */
    static final String STATE_H = "prevAct", STATE_C = "prevMem";

    private Buffers buf;
    // The training forward pass held in buf: what it was computed from (identity), for backprop.
    private INDArray keptInput, keptMask;
    private boolean kept;
    private long forwardRecomputations;
    private boolean javaDropout;   // the last forward pass drew its dropout in Java (its mask in buf.dropMask)

    public FusedLstmLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** How often backprop had to compute the forward pass again (0 when each reuses its forward); for tests. */
    long forwardRecomputations() { return forwardRecomputations; }

    @Override
    public Type type() { return Type.RECURRENT; }

    @Override
    public boolean isPretrainLayer() { return false; }

    @Override
    public Gradient gradient() {
        throw new UnsupportedOperationException("gradient() is not supported by " + layerId() + ": use backpropGradient(epsilon)");
    }

    /**
     * As DL4J's LSTM: a feature mask from a MultiLayerNetwork passes through to the layers above
     * without being applied here (padding at sequence ends then only changes outputs the loss
     * ignores); a mask set directly with {@link #setMaskArray}, as {@code Bidirectional} does, is applied.
     */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        return new Pair<>(maskArray, MaskState.Passthrough);
    }

    // ---------------------------------------------------------------- forward entry points (as DL4J's LSTM)

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr mgr) {
        setInput(input, mgr);
        return forward(training, null, null, mgr);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        return forward(training, null, null, mgr);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr mgr) {
        setInput(input, mgr);
        INDArray x = permuteIfNWC(input);
        if (dataType == DataType.FLOAT && x.dataType() == DataType.FLOAT && maskArray == null
                && (x.rank() == 2 || x.rank() == 3 && x.size(2) == 1))
            return step(x, mgr);
        INDArray out = forward(false, stateMap.get(STATE_H), stateMap.get(STATE_C), mgr);
        stateMap.put(STATE_H, lastState(buf.h));
        stateMap.put(STATE_C, lastState(buf.c));
        return out;
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT, LayerWorkspaceMgr mgr) {
        setInput(input, mgr);
        INDArray out = forward(training, tBpttStateMap.get(STATE_H), tBpttStateMap.get(STATE_C), mgr);
        if (storeLastForTBPTT) {
            tBpttStateMap.put(STATE_H, lastState(buf.h));
            tBpttStateMap.put(STATE_C, lastState(buf.c));
        }
        return out;
    }

    // ---------------------------------------------------------------- backward entry points

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        return backward(epsilon, false, 0, mgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength, LayerWorkspaceMgr mgr) {
        return backward(epsilon, true, tbpttBackLength, mgr);
    }

    // ---------------------------------------------------------------- forward

    private INDArray forward(boolean training, INDArray initH, INDArray initC, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        INDArray original = input;
        boolean nwc = layerConf().getRnnDataFormat() == RNNFormat.NWC;
        if (nwc) input = permuteIfNWC(input);
        // plain dropout is drawn in Java while the input is copied (toSteps); other kinds by DL4J
        double keep = training && layerConf().getIDropout() != null ? keepProbability(layerConf().getIDropout()) : 1;
        javaDropout = keep > 0 && keep < 1 && dataType == DataType.FLOAT;
        if (!javaDropout) applyDropOutIfNecessary(training, mgr);
        INDArray x = input.rank() == 2 ? input.reshape(input.size(0), input.size(1), 1) : input;
        if (x.rank() != 3)
            throw new DL4JInvalidInputException("FusedLstm " + layerId() + " expects input [batch, features, time] (rank 3), got shape "
                    + Arrays.toString(input.shape()));
        int batch = (int) x.size(0), nIn = (int) x.size(1), steps = (int) x.size(2);
        int units = (int) layerConf().getNOut();
        if (nIn != layerConf().getNIn())
            throw new DL4JInvalidInputException("FusedLstm " + layerId() + ": input has " + nIn + " features (shape "
                    + Arrays.toString(input.shape()) + ") but the layer has nIn = " + layerConf().getNIn());
        if (initH != null && initH.size(0) != batch)
            throw new DL4JInvalidInputException("FusedLstm " + layerId() + ": the stored state is for " + initH.size(0)
                    + " sequences but the input has " + batch + ". Call rnnClearPreviousState() between different batches of sequences.");
        INDArray w = fOrder(getParamWithNoise(LSTMParamInitializer.INPUT_WEIGHT_KEY, training, mgr));
        INDArray rw = fOrder(getParamWithNoise(LSTMParamInitializer.RECURRENT_WEIGHT_KEY, training, mgr));
        INDArray bias = fOrder(getParamWithNoise(LSTMParamInitializer.BIAS_KEY, training, mgr));

        Buffers s = buffers(batch, steps, nIn, units);
        float[] drop = null;
        if (javaDropout) {
            if (s.dropMask.length < steps * batch * nIn) s.dropMask = new float[steps * batch * nIn];
            DropoutMask.fill(s.dropMask, nIn, steps * batch, Nd4j.getRandom().nextLong(), keep);
            drop = s.dropMask;
        }
        toSteps(x, s.x, s.xF, 0, batch, nIn, steps, drop);
        INDArray h0 = view(s.h, 0, batch, units), c0 = view(s.c, 0, batch, units);
        if (initH != null) h0.assign(initH); else h0.assign(0);
        if (initC != null) c0.assign(initC); else c0.assign(0);
        float[] mask = mask(batch, steps);

        int rows = steps * batch, g4 = 4 * units;
        Pointer wp = pointer(w), rwp = pointer(rw), bp = pointer(bias);
        s.sparse = !s.dbl && s.oneHot(rows, nIn);
        if (s.sparse) {
            // one-hot tokens: a row's input projection is one row of W, so gather instead of a GEMM
            // over mostly zeros (from W transposed, [nIn][4H], where that row is contiguous)
            view(s.wt, 0, nIn, g4).assign(w);
            FloatPointer g = (FloatPointer) s.gP, wt = (FloatPointer) s.wtP;
            for (int r = 0; r < rows; r++) {
                openblas_nolapack.cblas_scopy(g4, (FloatPointer) bp, 1, g.position((long) r * g4), 1);
                if (s.hot[r] >= 0) openblas_nolapack.cblas_saxpy(g4, s.hotValue[r], wt.position((long) s.hot[r] * g4), 1, g.position((long) r * g4), 1);
            }
        } else {
            gemm(false, false, rows, g4, 1, s.onesP.position(0), 1, bp, g4, 0, s.gP.position(0), g4);   // bias in every row
            gemm(false, true, rows, g4, nIn, s.xP.position(0), nIn, wp, nIn, 1, s.gP.position(0), g4);   // + X W, all steps
        }
        boolean fromState = initH != null;                                                                  // else h_{-1} = 0 adds nothing
        if (unitParts(batch, s) > 1) {
            byUnits(unitParts(batch, s), units, (u0, u1, p, step) -> {
                for (int t = 0; t < steps; t++) {
                    if (t > 0 || fromState)
                        for (int q = 0; q < 4; q++)   // this part's units of gate q: rows q*H+u0.. of RW [4H][H]
                            gemm(false, true, batch, u1 - u0, units, p.h.position((long) t * batch * units), units,
                                    p.rw.position((long) (q * units + u0) * units), units, 1, p.g.position((long) t * batch * g4 + q * units + u0), g4);
                    Cells.forward(s.gF, s.hF, s.cF, mask, t, steps, batch, units, 0, batch, u0, u1);
                    step.await();                                                                           // h_{t+1} complete
                }
            }, s, rwp);
        } else inParallel(batch, (lo, hi, p) -> {
            for (int t = 0; t < steps; t++) {
                if (t > 0 || fromState)
                    gemm(false, true, hi - lo, g4, units, p.h.position(((long) t * batch + lo) * units), units, p.rw, units,
                            1, p.g.position(((long) t * batch + lo) * g4), g4);
                if (s.dbl) Cells.forward(s.gD, s.hD, s.cD, mask, t, steps, batch, units, lo, hi);
                else Cells.forward(s.gF, s.hF, s.cF, mask, t, steps, batch, units, lo, hi);
            }
        }, s, rwp);

        INDArray out;
        if (s.dbl) {
            out = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[]{batch, units, steps}, 'f');
            fromSteps(s.h, s.hF, (long) batch * units, out, batch, units, steps);
        } else {
            // [B,H,T] lying as the [T][B][H] rows of h: one copy, and the layers above (fused LSTM,
            // fused output) read it in place
            INDArray rowsOut = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[]{steps, batch, units}, 'c');
            openblas_nolapack.cblas_scopy(rows * units, ((FloatPointer) s.hP).position((long) batch * units), 1, (FloatPointer) pointer(rowsOut), 1);
            s.hP.position(0);
            out = rowsOut.permute(1, 2, 0);
        }
        if (nwc) input = original; // as DL4J's LSTM; with NCW, input stays as dropout left it, for backprop
        kept = training;
        keptInput = input;
        keptMask = maskArray;
        return permuteIfNWC(out);
    }

    // ---------------------------------------------------------------- one step (sampling)

    private INDArray stepH, stepC;   // the state between rnnTimeStep calls, updated in place
    private float[] stepX = new float[0];

    /**
     * One time step for stateful sampling, without ND4J ops: the state stays in this layer's own
     * arrays and is updated in place (what {@link #rnnGetPreviousState} returns is a copy), a batch
     * of one uses GEMV, and a sparse input (one-hot tokens) adds only its weight rows.
     */
    private INDArray step(INDArray x, LayerWorkspaceMgr mgr) {
        int batch = (int) x.size(0), nIn = (int) x.size(1), units = (int) layerConf().getNOut(), g4 = 4 * units;
        if (nIn != layerConf().getNIn())
            throw new DL4JInvalidInputException("FusedLstm " + layerId() + ": input has " + nIn + " features but the layer has nIn = " + layerConf().getNIn());
        Buffers s = buffers(batch, 1, nIn, units);
        if (stepH == null || stepH.size(0) != batch) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                stepH = Nd4j.create(DataType.FLOAT, batch, units);
                stepC = Nd4j.create(DataType.FLOAT, batch, units);
            }
        }
        INDArray h = stateMap.get(STATE_H), c = stateMap.get(STATE_C);
        if (h != stepH) { // a cleared or a given state: start from it
            if (h != null && h.size(0) != batch)
                throw new DL4JInvalidInputException("FusedLstm " + layerId() + ": the stored state is for " + h.size(0)
                        + " sequences but the input has " + batch + ". Call rnnClearPreviousState() between different batches of sequences.");
            if (h == null) stepH.assign(0); else stepH.assign(h);
            if (c == null) stepC.assign(0); else stepC.assign(c);
        }
        // the input, read through its strides (any order, views included)
        if (stepX.length < batch * nIn) stepX = new float[batch * nIn];
        long[] st = x.stride();
        long extent = 1;
        for (int d = 0; d < x.rank(); d++) extent += (x.size(d) - 1) * st[d];
        FloatBuffer in = floats(x, extent);
        int nonZero = 0;
        for (int b = 0; b < batch; b++)
            for (int i = 0; i < nIn; i++) {
                float v = in.get((int) (b * st[0] + i * st[1]));
                stepX[b * nIn + i] = v;
                if (v != 0) nonZero++;
            }
        Pointer w = pointer(fOrder(getParamWithNoise(LSTMParamInitializer.INPUT_WEIGHT_KEY, false, mgr)));
        Pointer rw = pointer(fOrder(getParamWithNoise(LSTMParamInitializer.RECURRENT_WEIGHT_KEY, false, mgr)));
        Pointer bias = pointer(fOrder(getParamWithNoise(LSTMParamInitializer.BIAS_KEY, false, mgr)));
        FloatPointer g = (FloatPointer) s.gP;
        for (int b = 0; b < batch; b++) openblas_nolapack.cblas_scopy(g4, (FloatPointer) bias, 1, g.position((long) b * g4), 1);
        if (nonZero * 4 < batch * nIn) {
            // W is [nIn, 4H] column-major: row i, over the 4H gates, is strided by nIn
            for (int b = 0; b < batch; b++)
                for (int i = 0; i < nIn; i++) {
                    float v = stepX[b * nIn + i];
                    if (v != 0) openblas_nolapack.cblas_saxpy(g4, v, ((FloatPointer) w).position(i), nIn, g.position((long) b * g4), 1);
                }
            ((FloatPointer) w).position(0);
        } else {
            s.xF.position(0);
            s.xF.put(stepX, 0, batch * nIn);
            gemm(false, true, batch, g4, nIn, s.xP.position(0), nIn, w, nIn, 1, g.position(0), g4);
        }
        gemm(false, true, batch, g4, units, pointer(stepH), units, rw, units, 1, g.position(0), g4);
        Cells.step(s.gF, floats(stepH, (long) batch * units), floats(stepC, (long) batch * units), batch, units);
        stateMap.put(STATE_H, stepH);
        stateMap.put(STATE_C, stepC);
        kept = false;
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[]{batch, units, 1}, 'c');
        openblas_nolapack.cblas_scopy(batch * units, (FloatPointer) pointer(stepH), 1, (FloatPointer) pointer(out), 1);
        return permuteIfNWC(out);
    }

    /** Copies, since the live state is updated in place by the next step. */
    @Override
    public Map<String, INDArray> rnnGetPreviousState() {
        Map<String, INDArray> copy = new java.util.HashMap<>();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            stateMap.forEach((k, v) -> copy.put(k, v.dup()));
        }
        return copy;
    }

    /** A direct buffer over an array's elements from its first (offset included), for reading and writing in Java. */
    static FloatBuffer floats(INDArray a, long n) {
        FloatPointer p = new FloatPointer(a.data().addressPointer());
        p.capacity(n).limit(n);
        return p.asBuffer();
    }

    // ---------------------------------------------------------------- backward

    private Pair<Gradient, INDArray> backward(INDArray epsilon, boolean tbptt, int tbpttBackLength, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        INDArray initH = tbptt ? stateMap.get(STATE_H) : null, initC = tbptt ? stateMap.get(STATE_C) : null;
        // The kept pass is the one whose output produced this epsilon, whatever state it started from.
        // (In TBPTT, M2.1's MultiLayerNetwork calls backpropGradient, not tbpttBackpropGradient, so
        // DL4J's LSTM recomputes later segments from a zero state; we backpropagate what was computed.)
        boolean reuse = kept && buf != null && keptInput == input && keptMask == maskArray;
        if (!reuse) {
            forwardRecomputations++;
            forward(true, initH, initC, mgr);
        }
        INDArray x = permuteIfNWC(input);
        int batch = (int) x.size(0), nIn = (int) x.size(1), steps = x.rank() == 2 ? 1 : (int) x.size(2);
        int units = (int) layerConf().getNOut(), g4 = 4 * units, rows = steps * batch;
        if (tbptt) {
            tBpttStateMap.put(STATE_H, lastState(buf.h));
            tBpttStateMap.put(STATE_C, lastState(buf.c));
        }
        Buffers s = buf;
        s.ensureBackward();
        INDArray eps = permuteIfNWC(epsilon);
        if (eps.rank() == 2) eps = eps.reshape(eps.size(0), eps.size(1), 1);
        toSteps(eps, s.dh, s.dhF, 0, batch, units, steps, null);
        view(s.dc, 0, batch, units).assign(0);
        float[] mask = mask(batch, steps);
        INDArray w = fOrder(getParamWithNoise(LSTMParamInitializer.INPUT_WEIGHT_KEY, true, mgr));
        INDArray rw = fOrder(getParamWithNoise(LSTMParamInitializer.RECURRENT_WEIGHT_KEY, true, mgr));
        Pointer wp = pointer(w), rwp = pointer(rw);

        int end = tbptt ? Math.max(0, steps - tbpttBackLength) : 0;
        if (unitParts(batch, s) > 1) {
            byUnits(unitParts(batch, s), units, (u0, u1, p, step) -> {
                for (int t = steps - 1; t >= end; t--) {
                    if (t < steps - 1)                                                                      // dh_t += dG_{t+1} RW^T, this part's units
                        gemm(false, false, batch, u1 - u0, g4, p.dg.position((long) (t + 1) * batch * g4), g4, p.rw.position(u0), units,
                                1, p.dh.position((long) t * batch * units + u0), units);
                    Cells.backward(s.gF, s.cF, s.dhF, s.dcF, s.dgF, mask, t, steps, batch, units, 0, batch, u0, u1);
                    step.await();                                                                           // dG_t complete
                }
            }, s, rwp);
        } else inParallel(batch, (lo, hi, p) -> {
            for (int t = steps - 1; t >= end; t--) {
                if (t < steps - 1)                                                                          // dh_t += dG_{t+1} RW^T
                    gemm(false, false, hi - lo, units, g4, p.dg.position(((long) (t + 1) * batch + lo) * g4), g4, p.rw, units,
                            1, p.dh.position(((long) t * batch + lo) * units), units);
                if (s.dbl) Cells.backward(s.gD, s.cD, s.dhD, s.dcD, s.dgD, mask, t, steps, batch, units, lo, hi);
                else Cells.backward(s.gF, s.cF, s.dhF, s.dcF, s.dgF, mask, t, steps, batch, units, lo, hi);
            }
        }, s, rwp);
        if (end > 0) view(s.dg, 0, (long) end * batch * g4).assign(0);                                     // steps before the window

        INDArray wGrad = gradientViews.get(LSTMParamInitializer.INPUT_WEIGHT_KEY);
        INDArray rwGrad = gradientViews.get(LSTMParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray bGrad = gradientViews.get(LSTMParamInitializer.BIAS_KEY);
        if (s.sparse && s.steps == steps && s.batch == batch) {
            // one-hot input: dW's row of a token is the sum of the gate deltas of the rows holding it
            view(s.wt, 0, nIn, g4).assign(0);
            FloatPointer dg = (FloatPointer) s.dgP, wt = (FloatPointer) s.wtP;
            for (int r = 0; r < rows; r++)
                if (s.hot[r] >= 0) openblas_nolapack.cblas_saxpy(g4, s.hotValue[r], dg.position((long) r * g4), 1, wt.position((long) s.hot[r] * g4), 1);
            wGrad.assign(view(s.wt, 0, nIn, g4));
        } else {
            gemm(true, false, g4, nIn, rows, s.dgP.position(0), g4, s.xP.position(0), nIn, 0, pointer(wGrad), nIn); // dW^T = dG^T X
        }
        gemm(true, false, g4, units, rows, s.dgP.position(0), g4, s.hP.position(0), units, 0, pointer(rwGrad), units); // dRW^T = dG^T H_prev
        gemm(false, false, 1, g4, rows, s.onesP.position(0), rows, s.dgP.position(0), g4, 0, pointer(bGrad), g4);      // db = column sums
        INDArray epsOut = null;
        if (layerConf().isInputGradient()) {
            if (s.dbl) {
                gemm(false, false, rows, nIn, g4, s.dgP.position(0), g4, wp, nIn, 0, s.dxP.position(0), nIn);         // dX = dG W^T
                epsOut = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, new long[]{batch, nIn, steps}, 'f');
                fromSteps(s.dx, s.dxF, 0, epsOut, batch, nIn, steps);
            } else {
                // straight into the epsilon, [B,nIn,T] lying as [T][B][nIn] rows
                INDArray rowsEps = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, new long[]{steps, batch, nIn}, 'c');
                gemm(false, false, rows, nIn, g4, s.dgP.position(0), g4, wp, nIn, 0, pointer(rowsEps), nIn);          // dX = dG W^T
                if (javaDropout) scale(floats(rowsEps, (long) rows * nIn), s.dropMask, rows, nIn);
                epsOut = rowsEps.permute(1, 2, 0);
            }
        }
        kept = false;

        Gradient g = new DefaultGradient();
        g.gradientForVariable().put(LSTMParamInitializer.INPUT_WEIGHT_KEY, wGrad);
        g.gradientForVariable().put(LSTMParamInitializer.RECURRENT_WEIGHT_KEY, rwGrad);
        g.gradientForVariable().put(LSTMParamInitializer.BIAS_KEY, bGrad);
        weightNoiseParams.clear();
        if (epsOut != null && !javaDropout) epsOut = backpropDropOutIfPresent(epsOut);
        return new Pair<>(g, epsOut == null ? null : permuteIfNWC(epsOut));
    }

    // ---------------------------------------------------------------- batch halves in parallel

    /** Aliases of the shared pointers for one thread (a Pointer's position is state, so each thread moves its own). */
    private record Ptrs(Pointer g, Pointer h, Pointer dg, Pointer dh, Pointer rw) {}

    private interface Rows {
        void run(int lo, int hi, Ptrs p);
    }

    /** Rows per part below which splitting the batch costs more than it saves. */
    static final int MIN_ROWS_PER_PART = 8;

    /**
     * Rows per part below which the units are split instead of the batch (see {@link #unitParts}).
     * Measured at batch 32 on two threads: 9,238-9,367 tokens/s split by units against 8,415-8,607
     * by sequences; at batch 128 the two were within noise. The system property is for benchmarks.
     */
    static final int UNIT_SPLIT_BELOW = Integer.getInteger("tunesmith.unitSplitBelow", 32);

    private interface Units {
        void run(int u0, int u1, Ptrs p, tunesmith.kernel.StepBarrier step);
    }

    /**
     * Parts to split the units of a recurrence into (1: split the batch instead, or not at all).
     * Every per-step product multiplies the whole recurrent weight matrix, which OpenBLAS packs
     * again at each call: with half a small batch per thread the packing costs as much as the
     * arithmetic, while with half the units per thread each packs half the weights for the whole
     * batch. The price is a wait for the other part at every step.
     */
    private int unitParts(int batch, Buffers s) {
        int parts = Workers.threads();
        if (parts < 2 || s.dbl || batch / parts >= UNIT_SPLIT_BELOW) return 1;
        return (int) Math.min(parts, layerConf().getNOut() / 32);
    }

    /** Runs a recurrence split by units, each part over every row, all parts meeting at each step. */
    private void byUnits(int parts, int units, Units body, Buffers s, Pointer rw) {
        var blas = Nd4j.factory().blas();
        int threads = blas.getMaxThreads();
        if (threads != 1) blas.setMaxThreads(1);
        var step = new tunesmith.kernel.StepBarrier(parts);
        try {
            Workers.split(parts, (k, ps) -> {
                int u0 = Workers.bound(units, k, ps, 8), u1 = Workers.bound(units, k + 1, ps, 8);
                Ptrs p = k == 0 ? new Ptrs(s.gP, s.hP, s.dgP, s.dhP, rw) : new Ptrs(alias(s.gP), alias(s.hP), alias(s.dgP), alias(s.dhP), alias(rw));
                try {
                    body.run(u0, u1, p, step);
                } catch (RuntimeException | Error e) {
                    step.breakBarrier();
                    throw e;
                }
            });
        } finally {
            if (threads != 1) blas.setMaxThreads(threads);
        }
    }

    /**
     * Runs a recurrence over the batch's rows, split into one part per kernel thread
     * ({@link Workers}) when the batch is big enough. The sequences of a batch are independent, so
     * each thread carries its rows through every step with one-thread GEMMs and no synchronisation
     * between steps, which measured faster than OpenBLAS splitting each small per-step GEMM over two
     * threads (see docs/measurements.md). OpenBLAS runs one thread per call meanwhile, then gets its
     * setting back (it is already one inside {@link tunesmith.kernel.BlasThreads#with}).
     */
    private void inParallel(int batch, Rows body, Buffers s, Pointer rw) {
        int parts = Math.max(1, Math.min(Workers.threads(), batch / MIN_ROWS_PER_PART));
        if (parts == 1) {
            body.run(0, batch, new Ptrs(s.gP, s.hP, s.dgP, s.dhP, rw));
            return;
        }
        var blas = Nd4j.factory().blas();
        int threads = blas.getMaxThreads();
        if (threads != 1) blas.setMaxThreads(1);
        try {
            Workers.split(parts, (k, ps) -> {
                int lo = batch * k / ps, hi = batch * (k + 1) / ps;
                Ptrs p = k == 0 ? new Ptrs(s.gP, s.hP, s.dgP, s.dhP, rw) : new Ptrs(alias(s.gP), alias(s.hP), alias(s.dgP), alias(s.dhP), alias(rw));
                body.run(lo, hi, p);
            });
        } finally {
            if (threads != 1) blas.setMaxThreads(threads);
        }
    }

    private Pointer alias(Pointer p) {
        if (p == null) return null;
        return dataType == DataType.DOUBLE ? new DoublePointer(p) : new FloatPointer(p);
    }

    // ---------------------------------------------------------------- layout copies

    /**
     * {@code a} [B,F,T] (any strides) into the row-major [T][B][F] buffer {@code flat} from
     * element {@code at}. ND4J's permuted assign took 7% of a training step's time on two threads,
     * all of it on one; this reads through the strides in Java, the steps split over the kernel threads.
     */
    private void toSteps(INDArray a, INDArray flat, FloatBuffer dst, long at, int batch, int features, int steps, float[] mask) {
        if (dst == null || a.dataType() != DataType.FLOAT) {
            view(flat, at, steps, batch, features).assign(a.permute(2, 0, 1));
            return;
        }
        int n = steps * batch * features;
        if (mask == null && FusedOutputLayer.stepRows(a, batch, features, steps)) {   // already [T][B][F] rows (a fused layer's)
            openblas_nolapack.cblas_scopy(n, (FloatPointer) pointer(a), 1, new FloatPointer(flat.data().addressPointer()).position(at), 1);
            return;
        }
        long[] st = a.stride();
        long extent = 1 + (batch - 1) * st[0] + (features - 1) * st[1] + (steps - 1) * st[2];
        FloatBuffer src = floats(a, extent);
        long sb = st[0], sf = st[1], stt = st[2];
        Workers.split(Math.min(Workers.threads(), steps), (p, ps) -> {
            for (int t = steps * p / ps, end = steps * (p + 1) / ps; t < end; t++)
                for (int b = 0; b < batch; b++) {
                    int o = (int) (at + ((long) t * batch + b) * features), i = (int) (b * sb + t * stt);
                    if (mask != null) {
                        int m = (t * batch + b) * features;
                        for (int f = 0; f < features; f++) dst.put(o + f, src.get(i + (int) (f * sf)) * mask[m + f]);
                    } else for (int f = 0; f < features; f++) dst.put(o + f, src.get(i + (int) (f * sf)));
                }
        });
    }

    /** The row-major [T][B][F] buffer from element {@code at} into {@code a} [B,F,T] (any strides); see {@link #toSteps}. */
    private void fromSteps(INDArray flat, FloatBuffer srcBuf, long at, INDArray a, int batch, int features, int steps) {
        if (srcBuf == null || a.dataType() != DataType.FLOAT) {
            a.assign(view(flat, at, steps, batch, features).permute(1, 2, 0));
            return;
        }
        long[] st = a.stride();
        long extent = 1 + (batch - 1) * st[0] + (features - 1) * st[1] + (steps - 1) * st[2];
        FloatBuffer dst = floats(a, extent);
        long sb = st[0], sf = st[1], stt = st[2];
        Workers.split(Math.min(Workers.threads(), steps), (p, ps) -> {
            for (int t = steps * p / ps, end = steps * (p + 1) / ps; t < end; t++)
                for (int b = 0; b < batch; b++) {
                    int i = (int) (at + ((long) t * batch + b) * features), o = (int) (b * sb + t * stt);
                    for (int f = 0; f < features; f++) dst.put(o + (int) (f * sf), srcBuf.get(i + f));
                }
        });
    }

    // ---------------------------------------------------------------- helpers

    /**
     * The keep probability of Deeplearning4j's plain {@code Dropout} without a schedule, which the
     * fused layers draw in Java ({@link DropoutMask}); -1 for any other dropout, left to DL4J.
     */
    static double keepProbability(IDropout dropout) {
        return dropout instanceof Dropout d && d.getPSchedule() == null ? d.getP() : -1;
    }

    /** {@code a[i] *= m[i]} over {@code rows} rows of {@code width}, split over the kernel threads. */
    static void scale(FloatBuffer a, float[] m, int rows, int width) {
        Workers.split(Math.max(1, Math.min(Workers.threads(), rows / 64)), (k, ks) -> {
            for (int i = Workers.bound(rows, k, ks, 1) * width, end = Workers.bound(rows, k + 1, ks, 1) * width; i < end; i++)
                a.put(i, a.get(i) * m[i]);
        });
    }

    /** The last step's state [B,H] of h or c, detached from workspaces (it outlives this call). */
    private INDArray lastState(INDArray flat) {
        Buffers s = buf;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return view(flat, (long) s.steps * s.batch * s.units, s.batch, s.units).dup('c');
        }
    }

    private float[] mask(int batch, int steps) {
        if (maskArray == null) return null;
        if (maskArray.length() != (long) batch * steps)
            throw new DL4JInvalidInputException("FusedLstm " + layerId() + ": mask of shape " + Arrays.toString(maskArray.shape())
                    + " does not fit input of " + batch + " sequences x " + steps + " steps (expected [" + batch + ", " + steps + "])");
        return maskArray.reshape(batch, steps).castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    static INDArray fOrder(INDArray a) {
        return a.ordering() == 'f' && Shape.hasDefaultStridesForShape(a) ? a : a.dup('f');
    }

    /** A row-major view of {@code shape} starting at element {@code offset} of a flat buffer. */
    private static INDArray view(INDArray flat, long offset, long... shape) {
        long n = 1;
        for (long d : shape) n *= d;
        return flat.get(NDArrayIndex.interval(offset, offset + n)).reshape('c', shape);
    }

    private static INDArray view(INDArray flat, long offset, int... shape) {
        return view(flat, offset, Arrays.stream(shape).asLongStream().toArray());
    }

    /** The address of an array's first element (for a view, DL4J's data() pointer includes the offset). */
    private Pointer pointer(INDArray a) {
        return dataType == DataType.DOUBLE ? new DoublePointer(a.data().addressPointer()) : new FloatPointer(a.data().addressPointer());
    }

    /**
     * Row-major C = op(A) op(B) + beta C, straight to OpenBLAS. One row (a batch of one, when
     * sampling) goes to GEMV: OpenBLAS 0.3.19's GEMM packs all of B even for a single row, which
     * measured 5-10x slower than GEMV for [1,256] x [256,1024].
     */
    private void gemm(boolean transA, boolean transB, int m, int n, int k, Pointer a, int lda, Pointer b, int ldb,
                      double beta, Pointer c, int ldc) {
        boolean dbl = dataType == DataType.DOUBLE;
        if (!dbl) {   // float: through the kernels' GEMM, which splits a large product over the kernel threads
            Gemm.gemm(transA, transB, m, n, k, (FloatPointer) a, lda, (FloatPointer) b, ldb, (float) beta, (FloatPointer) c, ldc);
            return;
        }
        if (m == 1) {   // double (gradient checks): GEMV for one row, as Gemm does for floats
            int tb = transB ? CblasNoTrans : CblasTrans, rows = transB ? n : k, cols = transB ? k : n;
            openblas_nolapack.cblas_dgemv(CblasRowMajor, tb, rows, cols, 1.0, (DoublePointer) b, ldb, (DoublePointer) a, transA ? lda : 1, beta, (DoublePointer) c, 1);
            return;
        }
        openblas_nolapack.cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                m, n, k, 1.0, (DoublePointer) a, lda, (DoublePointer) b, ldb, beta, (DoublePointer) c, ldc);
    }

    private Buffers buffers(int batch, int steps, int nIn, int units) {
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE)
            throw new IllegalStateException("FusedLstm " + layerId() + " computes in float or double, not " + dataType
                    + ": build the network with the default data type (float) or DOUBLE");
        if (buf == null || !buf.fits(batch, steps, nIn, units)) buf = new Buffers(dataType, batch, steps, nIn, units, buf);
        else buf.use(batch, steps);
        return buf;
    }

    /**
     * Working memory, grown as needed and then reused: row-major flat arrays outside any workspace,
     * with direct buffers for the elementwise passes and OpenBLAS pointers for the GEMMs.
     */
    private static final class Buffers {
        final boolean dbl;
        final DataType type;
        final int nIn, units;
        final long capRows; // capacity in rows of B*T
        int batch, steps;
        final INDArray x, g, h, c, ones;
        final Pointer xP, gP, hP, onesP;
        final FloatBuffer gF, hF, cF, xF;
        final DoubleBuffer gD, hD, cD;
        final INDArray wt;           // W transposed [nIn][4H] for one-hot rows; dW's rows in backprop
        final Pointer wtP;
        float[] dropMask = new float[0];   // the training pass's input dropout, [T][B][nIn] as X
        int[] hot = new int[0];      // per row of X: the index of its one non-zero (-1: none), when sparse
        float[] hotValue = new float[0];
        boolean sparse;
        INDArray dg, dh, dc, dx;
        Pointer dgP, dhP, dxP;
        FloatBuffer dgF, dhF, dcF, dxF;
        DoubleBuffer dgD, dhD, dcD;
        long capBatch;

        Buffers(DataType type, int batch, int steps, int nIn, int units, Buffers old) {
            this.type = type;
            this.dbl = type == DataType.DOUBLE;
            this.nIn = nIn;
            this.units = units;
            this.batch = batch;
            this.steps = steps;
            // grow to at least what was there, so alternating shapes (a short last segment) do not reallocate
            long rows = (long) batch * steps;
            this.capRows = old != null && old.nIn == nIn && old.units == units && old.type == type ? Math.max(rows, old.capRows) : rows;
            this.capBatch = old != null && old.nIn == nIn && old.units == units && old.type == type ? Math.max(batch, old.capBatch) : batch;
            long stateRows = capRows + capBatch;
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                x = Nd4j.create(type, capRows * nIn);
                g = Nd4j.create(type, capRows * 4L * units);
                h = Nd4j.create(type, stateRows * units);
                c = Nd4j.create(type, stateRows * units);
                ones = Nd4j.ones(type, capRows);
                wt = Nd4j.create(type, (long) nIn * 4 * units);
            }
            wtP = ptr(wt);
            xP = ptr(x); gP = ptr(g); hP = ptr(h); onesP = ptr(ones);
            xF = dbl ? null : x.data().asNioFloat();
            gF = dbl ? null : g.data().asNioFloat(); hF = dbl ? null : h.data().asNioFloat(); cF = dbl ? null : c.data().asNioFloat();
            gD = dbl ? g.data().asNioDouble() : null; hD = dbl ? h.data().asNioDouble() : null; cD = dbl ? c.data().asNioDouble() : null;
        }

        /** Whether every row of X holds at most one non-zero (one-hot tokens, or none at padded steps); records them. */
        boolean oneHot(int rows, int nIn) {
            if (hot.length < rows) { hot = new int[rows]; hotValue = new float[rows]; }
            for (int r = 0; r < rows; r++) {
                int at = -1, base = r * nIn;
                for (int i = 0; i < nIn; i++) {
                    float v = xF.get(base + i);
                    if (v != 0) {
                        if (at >= 0) return false;
                        at = i;
                        hotValue[r] = v;
                    }
                }
                hot[r] = at;
            }
            return true;
        }

        boolean fits(int batch, int steps, int nIn, int units) {
            return this.nIn == nIn && this.units == units && (long) batch * steps <= capRows && batch <= capBatch;
        }

        void use(int batch, int steps) {
            this.batch = batch;
            this.steps = steps;
        }

        void ensureBackward() {
            if (dg != null) return;
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                dg = Nd4j.create(type, capRows * 4L * units);
                dh = Nd4j.create(type, capRows * units);
                dc = Nd4j.create(type, capBatch * units);
                dx = Nd4j.create(type, capRows * nIn);
            }
            dgP = ptr(dg); dhP = ptr(dh); dxP = ptr(dx);
            if (dbl) { dgD = dg.data().asNioDouble(); dhD = dh.data().asNioDouble(); dcD = dc.data().asNioDouble(); }
            else { dgF = dg.data().asNioFloat(); dhF = dh.data().asNioFloat(); dcF = dc.data().asNioFloat(); dxF = dx.data().asNioFloat(); }
        }

        private Pointer ptr(INDArray a) {
            return dbl ? new DoublePointer(a.data().addressPointer()) : new FloatPointer(a.data().addressPointer());
        }
    }

    @Override
    public void rnnClearPreviousState() {
        super.rnnClearPreviousState();
        kept = false;
    }
}
