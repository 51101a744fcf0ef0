package tunesmith.model.fused;

import tunesmith.kernel.Cells;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.feedforward.embedding.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.layers.recurrent.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stateful next-token sampling of an LSTM network, one step per call, without going through
 * the network: token in, softmax out. The same arithmetic as {@code net.rnnTimeStep} (inference, so
 * no dropout), but per step only OpenBLAS GEMVs on weights copied once into the layout each needs
 * and {@link Cells}' fused pass, with the states, gates and probabilities in buffers allocated once.
 * What {@code rnnTimeStep} adds around that per step (the layer loop, input and output arrays,
 * workspaces, the softmax op) cost as much as the arithmetic for a batch of one.
 *
 * <p>Handles the networks {@code Networks.lstm} builds for tokens: an optional embedding, LSTM
 * layers (fused, or DL4J's with the same tanh cell), a softmax output; in float. {@link #of} says
 * empty for anything else (piano-roll sigmoid outputs, other activations, double precision), and
 * the caller uses {@code rnnTimeStep}.
 * Weights are copied when the stepper is made: make a new one after training further.
 */
public final class Stepper {

    private final int batch, vocab, outputs;
    private final int conditions;              // input columns after the one-hot token (chords), 0 for tokens alone
    private final FloatPointer embed;          // [vocab][E] or null: the input is one-hot
    private final int embedWidth;
    private final FloatPointer embedBias;      // [E] or null
    private final Lstm[] layers;
    private final FloatPointer outW, outB;     // [H][V] row-major, [V]
    private final FloatPointer x0, logits;     // first layer's input when embedded [B][E]; [B][V]
    private final FloatBuffer logitsF;
    private final float[] probs;

    /** One LSTM layer: weights in GEMV layouts, its state, its gates. */
    private static final class Lstm {
        final int nIn, units;
        final FloatPointer w;                  // [4H][nIn] row-major (gates a|f|o|i), or [nIn][4H] for a one-hot first layer
        final FloatPointer rw, bias;           // [4H][H], [4H]
        final FloatPointer h, c, g;            // [B][H], [B][H], [B][4H]
        final FloatBuffer hF, cF, gF;

        Lstm(FloatPointer w, FloatPointer rw, FloatPointer bias, int nIn, int units, int batch) {
            this.w = w; this.rw = rw; this.bias = bias; this.nIn = nIn; this.units = units;
            h = new FloatPointer((long) batch * units); c = new FloatPointer((long) batch * units); g = new FloatPointer(4L * batch * units);
            hF = h.asBuffer(); cF = c.asBuffer(); gF = g.asBuffer();
        }
    }

    private Stepper(int batch, int vocab, int conditions, FloatPointer embed, FloatPointer embedBias, int embedWidth, Lstm[] layers,
                    FloatPointer outW, FloatPointer outB, int outputs) {
        this.batch = batch;
        this.vocab = vocab;
        this.conditions = conditions;
        this.embed = embed;
        this.embedBias = embedBias;
        this.embedWidth = embedWidth;
        this.layers = layers;
        this.outW = outW;
        this.outB = outB;
        this.outputs = outputs;
        this.x0 = embed == null ? null : new FloatPointer((long) batch * embedWidth);
        this.logits = new FloatPointer((long) batch * outputs);
        this.logitsF = logits.asBuffer();
        this.probs = new float[batch * outputs];
        reset();
    }

    /**
     * A stepper for {@code batch} sequences side by side, if the network is one this class computes
     * (embedding or one-hot input, fused LSTMs, softmax output, float); else empty.
     */
    public static Optional<Stepper> of(MultiLayerNetwork net, int batch) {
        if (batch < 1) throw new IllegalArgumentException("a stepper needs a batch of at least 1 sequence, got " + batch);
        if (net.getLayerWiseConfigurations().getDataType() != DataType.FLOAT) return Optional.empty();
        Layer[] all = net.getLayers();
        int i = 0;
        FloatPointer embed = null, embedBias = null;
        int vocab, embedWidth = 0;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            if (all.length > 0 && all[0] instanceof EmbeddingSequenceLayer e) {
                if (!(e.layerConf().getActivationFn() instanceof ActivationIdentity)) return Optional.empty();
                INDArray w = e.getParam(DefaultParamInitializer.WEIGHT_KEY);   // [vocab, E]
                vocab = (int) w.size(0);
                embedWidth = (int) w.size(1);
                embed = copy(w, 'c');
                INDArray b = e.layerConf().hasBias() ? e.getParam(DefaultParamInitializer.BIAS_KEY) : null;
                embedBias = b == null ? null : copy(b, 'c');
                i++;
            } else vocab = -1;
            List<Lstm> lstms = new ArrayList<>();
            for (; i < all.length && lstm(all[i]); i++) {
                Layer l = all[i];
                INDArray w = l.getParam(LSTMParamInitializer.INPUT_WEIGHT_KEY);      // [nIn, 4H]
                INDArray rw = l.getParam(LSTMParamInitializer.RECURRENT_WEIGHT_KEY); // [H, 4H]
                int nIn = (int) w.size(0), units = (int) rw.size(0);
                boolean oneHot = lstms.isEmpty() && embed == null;
                if (oneHot) vocab = nIn;
                // column-major [nIn, 4H] is row-major [4H][nIn], GEMV's layout; a one-hot input instead
                // picks one row of [nIn][4H], contiguous in the row-major copy
                lstms.add(new Lstm(copy(w, oneHot ? 'c' : 'f'), copy(rw, 'f'), copy(l.getParam(LSTMParamInitializer.BIAS_KEY), 'c'), nIn, units, batch));
            }
            if (lstms.isEmpty() || i != all.length - 1 || !(all[i] instanceof RnnOutputLayer out)
                    || !(out.layerConf().getActivationFn() instanceof ActivationSoftmax)) return Optional.empty();
            INDArray ow = out.getParam(DefaultParamInitializer.WEIGHT_KEY);          // [H, V]
            int outputs = (int) ow.size(1);
            // a one-hot input wider than the outputs has conditioning columns after the token's (Networks.lstm)
            int conditions = embed == null ? vocab - outputs : 0;
            if (conditions < 0) return Optional.empty();
            return Optional.of(new Stepper(batch, vocab - conditions, conditions, embed, embedBias, embedWidth, lstms.toArray(Lstm[]::new),
                    copy(ow, 'c'), copy(out.getParam(DefaultParamInitializer.BIAS_KEY), 'c'), outputs));
        }
    }

    /**
     * Our fused LSTM, or DL4J's with the same cell (tanh, sigmoid gates): the two share parameters,
     * layout and gate order, so models saved before the fused layer sample as fast.
     */
    private static boolean lstm(Layer layer) {
        if (layer instanceof FusedLstmLayer) return true;
        return layer instanceof org.deeplearning4j.nn.layers.recurrent.LSTM
                && layer.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.LSTM c
                && c.getActivationFn() instanceof org.nd4j.linalg.activations.impl.ActivationTanH
                && c.getGateActivationFn() instanceof org.nd4j.linalg.activations.impl.ActivationSigmoid;
    }

    private static FloatPointer copy(INDArray a, char order) {
        float[] v = a.dup(order).data().asFloat();
        FloatPointer p = new FloatPointer(v.length);
        p.put(v);
        return p;
    }

    /** Sequences side by side. */
    public int batch() { return batch; }

    /** Input tokens (the vocabulary). */
    public int vocab() { return vocab; }

    /** Input columns after the token's one-hot (e.g. the chord sounding), 0 for a network of tokens alone. */
    public int conditions() { return conditions; }

    /** Output classes per sequence. */
    public int outputs() { return outputs; }

    /** Back to the zero state, as {@code rnnClearPreviousState}. */
    public void reset() {
        for (Lstm l : layers) {
            for (int k = 0; k < batch * l.units; k++) { l.hF.put(k, 0f); l.cF.put(k, 0f); }
        }
    }

    /**
     * Feeds one token per sequence and returns the next-token probabilities, row-major
     * [batch][outputs], in an array reused by the next call.
     */
    public float[] step(int[] tokens) { return step(tokens, 0); }

    /**
     * As {@link #step(int[])}, every sequence also hearing the conditioning columns set in
     * {@code columns} (bit {@code j}: column {@code j} after the token's one-hot is 1).
     */
    public float[] step(int[] tokens, int columns) {
        if (conditions < 32 && columns >>> conditions != 0)
            throw new IllegalArgumentException("conditioning bits " + Integer.toBinaryString(columns) + " beyond the network's " + conditions + " columns");
        if (tokens.length != batch) throw new IllegalArgumentException("stepper for " + batch + " sequences was given " + tokens.length + " tokens");
        for (int b = 0; b < batch; b++)
            if (tokens[b] < 0 || tokens[b] >= vocab)
                throw new IllegalArgumentException("token " + tokens[b] + " of sequence " + b + " is outside the vocabulary 0.." + (vocab - 1));
        FloatPointer input = null;
        int inWidth = 0;
        if (embed != null) {
            for (int b = 0; b < batch; b++) {
                openblas_nolapack.cblas_scopy(embedWidth, embed.position((long) tokens[b] * embedWidth), 1, x0.position((long) b * embedWidth), 1);
                if (embedBias != null) openblas_nolapack.cblas_saxpy(embedWidth, 1f, embedBias.position(0), 1, x0.position((long) b * embedWidth), 1);
            }
            embed.position(0);
            input = x0.position(0);
            inWidth = embedWidth;
        }
        for (int k = 0; k < layers.length; k++) {
            Lstm l = layers[k];
            int g4 = 4 * l.units;
            for (int b = 0; b < batch; b++) openblas_nolapack.cblas_scopy(g4, l.bias.position(0), 1, l.g.position((long) b * g4), 1);
            if (input == null) {                                   // one-hot: the token's row of W
                for (int b = 0; b < batch; b++) {
                    openblas_nolapack.cblas_saxpy(g4, 1f, l.w.position((long) tokens[b] * g4), 1, l.g.position((long) b * g4), 1);
                    for (int j = 0; j < conditions; j++)
                        if ((columns >> j & 1) != 0)
                            openblas_nolapack.cblas_saxpy(g4, 1f, l.w.position((long) (vocab + j) * g4), 1, l.g.position((long) b * g4), 1);
                }
            } else {
                gemm(batch, g4, inWidth, input, l.w.position(0), l.g.position(0));
            }
            gemm(batch, g4, l.units, l.h.position(0), l.rw.position(0), l.g.position(0));
            Cells.step(l.gF, l.hF, l.cF, batch, l.units);
            input = l.h.position(0);
            inWidth = l.units;
        }
        for (int b = 0; b < batch; b++) openblas_nolapack.cblas_scopy(outputs, outB.position(0), 1, logits.position((long) b * outputs), 1);
        if (batch == 1)
            openblas_nolapack.cblas_sgemv(CblasRowMajor, CblasTrans, inWidth, outputs, 1f, outW.position(0), outputs, input, 1, 1f, logits.position(0), 1);
        else
            openblas_nolapack.cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, batch, outputs, inWidth, 1f, input, inWidth,
                    outW.position(0), outputs, 1f, logits.position(0), outputs);
        for (int b = 0; b < batch; b++) {
            int o = b * outputs;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < outputs; j++) max = Math.max(max, logitsF.get(o + j));
            double sum = 0;
            for (int j = 0; j < outputs; j++) {
                double e = Math.exp(logitsF.get(o + j) - max);
                probs[o + j] = (float) e;
                sum += e;
            }
            for (int j = 0; j < outputs; j++) probs[o + j] = (float) (probs[o + j] / sum);
        }
        return probs;
    }

    /** g[B][n] += in[B][k] · Wᵀ, W row-major [n][k]: GEMV for one row (OpenBLAS's GEMM packs all of W even for one). */
    private static void gemm(int batch, int n, int k, FloatPointer in, FloatPointer w, FloatPointer g) {
        if (batch == 1) openblas_nolapack.cblas_sgemv(CblasRowMajor, CblasNoTrans, n, k, 1f, w, k, in, 1, 1f, g, 1);
        else openblas_nolapack.cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, batch, n, k, 1f, in, k, w, k, 1f, g, n);
    }

    @Override
    public String toString() {
        return "Stepper(" + batch + " × " + layers.length + " fused LSTM layers of " + layers[0].units + ", " + outputs + " outputs)";
    }
}
