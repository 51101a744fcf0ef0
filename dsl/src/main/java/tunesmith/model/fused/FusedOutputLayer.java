package tunesmith.model.fused;

import tunesmith.kernel.DropoutMask;
import tunesmith.kernel.Gemm;
import tunesmith.kernel.Workers;

import static tunesmith.model.fused.FusedLstmLayer.fOrder;
import static tunesmith.model.fused.FusedLstmLayer.floats;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.RnnOutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Deeplearning4j's softmax output layer with multi-class cross-entropy, computed the fast way (see
 * {@link FusedOutput}). In a training step DL4J's layer reshapes its input, labels and epsilon
 * between [B,F,T] and [B*T,F] (copies), applies dropout as three ND4J passes, and computes the
 * logits and softmax twice: once for the gradient and again for the score. Here one pass reads the
 * input where it lies (the fused LSTM hands it over as [T][B][H] rows), applies dropout while
 * copying, computes logits with one GEMM, the softmax, the loss and the delta in one pass over the
 * rows (split over the kernel threads), the three gradient products with {@link Gemm}, and keeps
 * the score for DL4J's {@code computeScore} that follows.
 *
 * <p>Score and gradients equal DL4J's: the same softmax clipping in the score, the label mask per
 * step, the sum over steps divided by the minibatch. Cases it does not compute (double precision,
 * a per-output mask, a dropout other than plain {@code Dropout}) go to DL4J's implementation.
 */
public class FusedOutputLayer extends RnnOutputLayer {

    // working memory, reused: logits -> probabilities -> delta [rows][V]; the dropped-out (or
    // gathered) input [rows][H]; ones for the bias gradient
    private INDArray p, x, ones;
    private FloatPointer pP, xP, onesP;
    private FloatBuffer pF, xF;
    private long capRows = -1;
    private float[] dropMask = new float[0];
    private int[] hot = new int[0];
    private float[] hotValue = new float[0], rowWeight = new float[0], dense = new float[0];

    // the pass held in p: what it was computed from (identity), for the score that follows backprop
    private INDArray keptInput, keptLabels, keptMask;
    private boolean kept, keptTraining;
    private double keptLoss;
    private FloatPointer inputRows;           // where the pass read its input rows
    private long passes;

    public FusedOutputLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** How many forward passes this layer computed (one per training step when the score reuses backprop's); for tests. */
    long passes() { return passes; }

    /** Whether this call is one the fused path computes; the others go to DL4J's implementation. */
    private boolean fast() {
        if (dataType != DataType.FLOAT || input == null || input.rank() != 3 || input.dataType() != DataType.FLOAT) return false;
        if (maskArray != null && !(maskArray.isColumnVectorOrScalar() && maskArray.length() == input.size(0) * input.size(2))) return false;
        return layerConf().getIDropout() == null || FusedLstmLayer.keepProbability(layerConf().getIDropout()) > 0;
    }

    // ---------------------------------------------------------------- entry points

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        if (!fast()) return super.activate(training, mgr);
        int batch = (int) input.size(0), steps = (int) input.size(2), classes = (int) layerConf().getNOut();
        pass(training, false, mgr);
        // [B,V,T] in f order, as DL4J's layer returns it; masked steps zeroed as it does
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[]{batch, classes, steps}, 'f');
        FloatBuffer o = floats(out, (long) batch * classes * steps);
        float[] w = maskArray == null ? null : rowWeight;
        Workers.split(parts(steps), (k, ks) -> {
            for (int t = Workers.bound(steps, k, ks, 1), end = Workers.bound(steps, k + 1, ks, 1); t < end; t++)
                for (int b = 0; b < batch; b++) {
                    int r = t * batch + b, base = b + batch * classes * t;
                    float m = w == null ? 1f : w[r];
                    for (int v = 0; v < classes; v++) o.put(base + batch * v, pF.get(r * classes + v) * m);
                }
        });
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        if (!fast() || labels == null) return super.backpropGradient(epsilon, mgr);
        int batch = (int) input.size(0), nIn = (int) input.size(1), steps = (int) input.size(2), classes = (int) layerConf().getNOut();
        int rows = batch * steps;
        pass(true, true, mgr);
        // delta = mask (p - y), in place
        boolean oneHot = dense.length == 0;
        float[] w = maskArray == null ? null : rowWeight;
        Workers.split(parts(rows / 64), (k, ks) -> {
            for (int r = Workers.bound(rows, k, ks, 1), end = Workers.bound(rows, k + 1, ks, 1); r < end; r++) {
                int base = r * classes;
                if (oneHot) {
                    if (hot[r] >= 0) pF.put(base + hot[r], pF.get(base + hot[r]) - hotValue[r]);
                } else for (int v = 0; v < classes; v++) pF.put(base + v, pF.get(base + v) - dense[base + v]);
                if (w != null && w[r] != 1f) for (int v = 0; v < classes; v++) pF.put(base + v, pF.get(base + v) * w[r]);
            }
        });
        INDArray weights = fOrder(getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, mgr));   // [nIn,V] f = [V][nIn] rows
        INDArray wGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY), bGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        Gemm.gemm(true, false, classes, nIn, rows, pP.position(0), classes, inputRows.position(0), nIn, 0, pointer(wGrad), nIn); // dW^T = D^T X
        Gemm.gemm(false, false, 1, classes, rows, onesP.position(0), rows, pP.position(0), classes, 0, pointer(bGrad), classes); // db = column sums
        // epsilon [B,H,T] over [T][B][H] rows: the product writes it in place, and the fused LSTM below reads it so
        INDArray eps = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, new long[]{steps, batch, nIn}, 'c');
        FloatPointer e = pointer(eps);
        Gemm.gemm(false, false, rows, nIn, classes, pP.position(0), classes, pointer(weights), nIn, 0, e, nIn);             // dX = D W^T
        if (layerConf().getIDropout() != null) FusedLstmLayer.scale(floats(eps, (long) rows * nIn), dropMask, rows, nIn);
        Gradient g = new DefaultGradient();
        g.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, wGrad);
        g.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, bGrad);
        weightNoiseParams.clear();
        return new Pair<>(g, eps.permute(1, 2, 0));
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr mgr) {
        if (input == null || labels == null)
            throw new IllegalStateException("Cannot calculate score without input and labels " + layerId());
        if (!fast()) return super.computeScore(fullNetRegTerm, training, mgr);
        if (!(kept && keptTraining == training && keptInput == input && keptLabels == labels && keptMask == maskArray)) pass(training, true, mgr);
        double s = keptLoss;
        if (conf().isMiniBatch()) s /= getInputMiniBatchSize();
        score = s + fullNetRegTerm;
        return score;
    }

    @Override
    public void clear() {
        super.clear();
        kept = false;
    }

    // ---------------------------------------------------------------- the pass

    /**
     * Probabilities of every row into p (and, with labels, the loss into keptLoss and the labels
     * into hot/hotValue or dense): input rows (dropped out when training), one GEMM, then per row
     * bias, softmax and loss.
     */
    private void pass(boolean training, boolean withLabels, LayerWorkspaceMgr mgr) {
        passes++;
        int batch = (int) input.size(0), nIn = (int) input.size(1), steps = (int) input.size(2), classes = (int) layerConf().getNOut();
        if (nIn != layerConf().getNIn())
            throw new org.deeplearning4j.exception.DL4JInvalidInputException("FusedOutput " + layerId() + ": input has " + nIn
                    + " features (shape " + Arrays.toString(input.shape()) + ") but the layer has nIn = " + layerConf().getNIn());
        int rows = batch * steps;
        ensure(rows, nIn, classes);
        double keep = training && layerConf().getIDropout() != null ? FusedLstmLayer.keepProbability(layerConf().getIDropout()) : 1;
        inputRows = rows(input, keep, batch, nIn, steps);
        if (maskArray != null) {
            float[] m = maskArray.castTo(DataType.FLOAT).reshape(rows).toFloatVector();   // row t*B+b, as DL4J's mask vector
            System.arraycopy(m, 0, rowWeight, 0, rows);
        }
        if (withLabels) readLabels(batch, classes, steps);
        INDArray weights = fOrder(getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, training, mgr));
        INDArray bias = getParamWithNoise(DefaultParamInitializer.BIAS_KEY, training, mgr);
        float[] b = bias.castTo(DataType.FLOAT).reshape(classes).toFloatVector();
        Gemm.gemm(false, true, rows, classes, nIn, inputRows.position(0), nIn, pointer(weights), nIn, 0, pP.position(0), classes); // Z = X W
        double eps = ((LossMCXENT) layerConf().getLossFn()).getSoftmaxClipEps();
        float lo = (float) eps, hi = (float) (1 - eps);
        boolean oneHot = dense.length == 0;
        float[] w = maskArray == null ? null : rowWeight;
        int parts = parts(rows / 64);
        double[] loss = new double[parts];
        Workers.split(parts, (k, ks) -> {
            double sum = 0;
            for (int r = Workers.bound(rows, k, ks, 1), end = Workers.bound(rows, k + 1, ks, 1); r < end; r++) {
                int base = r * classes;
                float max = Float.NEGATIVE_INFINITY;
                for (int v = 0; v < classes; v++) {
                    float z = pF.get(base + v) + b[v];
                    pF.put(base + v, z);
                    max = Math.max(max, z);
                }
                float total = 0;
                for (int v = 0; v < classes; v++) {
                    float e = (float) Math.exp(pF.get(base + v) - max);
                    pF.put(base + v, e);
                    total += e;
                }
                float inv = 1f / total;
                for (int v = 0; v < classes; v++) pF.put(base + v, pF.get(base + v) * inv);
                if (!withLabels) continue;
                // DL4J's score: log of the probability clipped to [eps, 1-eps], times the label, times the step's mask
                double row = 0;
                if (oneHot) {
                    if (hot[r] >= 0) row = hotValue[r] * Math.log(Math.min(hi, Math.max(lo, pF.get(base + hot[r]))));
                } else for (int v = 0; v < classes; v++) {
                    float y = dense[base + v];
                    if (y != 0) row += y * Math.log(Math.min(hi, Math.max(lo, pF.get(base + v))));
                }
                sum -= w == null ? row : w[r] * row;
            }
            loss[k] = sum;
        });
        kept = withLabels;
        keptTraining = training;
        keptInput = input;
        keptLabels = labels;
        keptMask = maskArray;
        keptLoss = 0;
        for (double l : loss) keptLoss += l;
    }

    /**
     * The input as [rows][H] row-major floats: in place when the array already lies so (the fused
     * LSTM's output) and no dropout applies, else copied through its strides into x, dropped out on
     * the way when {@code keep < 1}.
     */
    private FloatPointer rows(INDArray a, double keep, int batch, int nIn, int steps) {
        int rows = batch * steps;
        boolean drop = keep < 1;
        if (drop) {
            if (dropMask.length < rows * nIn) dropMask = new float[rows * nIn];
            DropoutMask.fill(dropMask, nIn, rows, Nd4j.getRandom().nextLong(), keep);
        }
        if (!drop && stepRows(a, batch, nIn, steps)) {
            return pointer(a);
        }
        long[] st = a.stride();
        long extent = 1 + (batch - 1) * st[0] + (nIn - 1) * st[1] + (steps - 1) * st[2];
        FloatBuffer src = floats(a, extent);
        long sb = st[0], sf = st[1], stt = st[2];
        float[] m = dropMask;
        Workers.split(parts(steps), (k, ks) -> {
            for (int t = Workers.bound(steps, k, ks, 1), end = Workers.bound(steps, k + 1, ks, 1); t < end; t++)
                for (int b = 0; b < batch; b++) {
                    int o = (t * batch + b) * nIn;
                    long i = b * sb + t * stt;
                    if (drop) for (int f = 0; f < nIn; f++) xF.put(o + f, src.get((int) (i + f * sf)) * m[o + f]);
                    else for (int f = 0; f < nIn; f++) xF.put(o + f, src.get((int) (i + f * sf)));
                }
        });
        return xP;
    }

    /** Whether [B,F,T] array {@code a} lies as row-major [T][B][F] rows (every stride of a dimension longer than 1 as such). */
    static boolean stepRows(INDArray a, int batch, int features, int steps) {
        long[] st = a.stride();
        return (batch == 1 || st[0] == features) && (features == 1 || st[1] == 1) && (steps == 1 || st[2] == (long) batch * features);
    }

    /** Labels [B,V,T] (any strides) into one index and value a row when each row holds at most one non-zero, else dense rows. */
    private void readLabels(int batch, int classes, int steps) {
        if (labels.rank() != 3 || labels.size(0) != batch || labels.size(1) != classes || labels.size(2) != steps)
            throw new org.deeplearning4j.exception.DL4JInvalidInputException("FusedOutput " + layerId() + ": labels of shape "
                    + Arrays.toString(labels.shape()) + " do not fit the output [" + batch + ", " + classes + ", " + steps + "]");
        INDArray y = labels.dataType() == DataType.FLOAT ? labels : labels.castTo(DataType.FLOAT);
        int rows = batch * steps;
        long[] st = y.stride();
        long extent = 1 + (batch - 1) * st[0] + (classes - 1) * st[1] + (steps - 1) * st[2];
        FloatBuffer src = floats(y, extent);
        long sb = st[0], sv = st[1], stt = st[2];
        boolean[] many = new boolean[1];
        for (int t = 0; t < steps && !many[0]; t++)
            for (int b = 0; b < batch; b++) {
                int r = t * batch + b, at = -1;
                long i = b * sb + t * stt;
                for (int v = 0; v < classes; v++) {
                    float value = src.get((int) (i + v * sv));
                    if (value != 0) {
                        if (at >= 0) { many[0] = true; break; }
                        at = v;
                        hotValue[r] = value;
                    }
                }
                if (many[0]) break;
                hot[r] = at;
            }
        if (!many[0]) {
            dense = new float[0];
            return;
        }
        dense = new float[rows * classes];   // soft labels: rare (not what Tunesmith's tasks build)
        for (int t = 0; t < steps; t++)
            for (int b = 0; b < batch; b++)
                for (int v = 0; v < classes; v++) dense[(t * batch + b) * classes + v] = src.get((int) (b * sb + v * sv + t * stt));
    }

    // ---------------------------------------------------------------- helpers

    private static int parts(int items) {
        return Math.max(1, Math.min(Workers.threads(), items));
    }

    private void ensure(int rows, int nIn, int classes) {
        if (rows <= capRows && x != null && x.length() >= (long) rows * nIn && p.length() >= (long) rows * classes) return;
        long cap = Math.max(rows, capRows);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            p = Nd4j.create(DataType.FLOAT, cap * classes);
            x = Nd4j.create(DataType.FLOAT, cap * nIn);
            ones = Nd4j.ones(DataType.FLOAT, cap);
        }
        pP = pointer(p);
        xP = pointer(x);
        onesP = pointer(ones);
        pF = p.data().asNioFloat();
        xF = x.data().asNioFloat();
        capRows = cap;
        hot = new int[(int) cap];
        hotValue = new float[(int) cap];
        rowWeight = new float[(int) cap];
    }

    /** The address of an array's first element (for a view, DL4J's data() pointer includes the offset). */
    private static FloatPointer pointer(INDArray a) {
        return new FloatPointer(a.data().addressPointer());
    }
}
