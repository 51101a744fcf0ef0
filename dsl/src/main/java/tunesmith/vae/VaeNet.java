package tunesmith.vae;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tunesmith.model.fused.Gemm;
import tunesmith.model.fused.LstmSequence;
import tunesmith.model.fused.NativeFloats;

/**
 * The VAE computed by hand: forward and backward passes of {@link VaeParams}' network with
 * OpenBLAS GEMMs and the fused LSTM kernels ({@link LstmSequence}), on buffers allocated once and
 * reused, so a batch dispatches no ND4J op and allocates no native memory. It replaced SameDiff,
 * which trained at 338-1,671 tokens/s and leaked ~70 MB of native memory per batch.
 *
 * <p>The network (as the SameDiff graph it replaced, kept as the tests' oracle): two LSTMs read
 * each excerpt's tokens, one forwards, one backwards from its last real step to its first; their
 * states at the excerpt's last real step give μ and log σ² (dense); z = μ + σ·ε; the decoder LSTM
 * starts from h = tanh(dense(z)), c = tanh(dense(z)) and reads [previous token, z] at every step;
 * dense, log-softmax. Loss per excerpt: NLL summed over its steps + β·max(KL − free nats, 0),
 * averaged over the batch. A batch runs only to its longest excerpt; shorter ones are masked.
 *
 * <p>One-hot inputs make every input projection a row lookup (W[token] + b) and its weight
 * gradient a scatter-add of gate deltas, not a GEMM. Weights live as ND4J arrays (Adam updates
 * them in place) in the kernels' gate order a|f|o|i; {@link #load} and {@link #saved} convert from
 * and to SameDiff's lstmLayer order i|f|g|o, the order saved files hold.
 *
 * <p>Not thread-safe on its own; {@link VaeState} serialises use.
 */
final class VaeNet {

    /** Kernel gate block k is saved (SameDiff lstmLayer, i|f|g|o) block TO_CELLS[k]; kernels use a|f|o|i. */
    private static final int[] TO_CELLS = {2, 1, 3, 0}, TO_SAVED = {3, 1, 0, 2};
    private static final Set<String> GATED = Set.of("encF_W", "encF_RW", "encF_b", "encB_W", "encB_RW", "encB_b", "dec_W", "dec_RW", "dec_b");

    /**
     * The dense layers that give the decoder's initial hidden and cell state. Crossed, as the
     * SameDiff graph that trained the first saved models had them: its {@code lstmLayer(x, c0, h0, ...)}
     * started the hidden state from the array named "c0_W" and the cell from "h0_W" (measured: the
     * loss matches to 1e-7 this way round, and differs by 0.1% the other way round), so saved files
     * keep meaning what they meant.
     */
    static final String H0 = "c0", C0 = "h0";

    final VaeConfig config;
    private final int v, he, hd, zd, grid, maxT;
    private final Map<String, INDArray> params = new LinkedHashMap<>(), grads = new LinkedHashMap<>();
    private final Map<String, NativeFloats> p = new LinkedHashMap<>(), d = new LinkedHashMap<>();
    private Work w;

    /** Sums over one batch's forward pass. {@code loss} is the batch's mean loss per excerpt (β and free nats applied). */
    record Out(double loss, double recon, double kl, long tokens, long correct, long steps) {}

    VaeNet(VaeConfig c, Map<String, INDArray> saved) {
        this.config = c;
        this.v = VaeParams.vocab(c);
        this.he = c.encoderUnits();
        this.hd = c.decoderUnits();
        this.zd = c.latent();
        this.grid = VaeData.grid(c).classes();
        this.maxT = VaeParams.length(c);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            VaeParams.shapes(c).forEach((name, shape) -> {
                INDArray a = Nd4j.create(DataType.FLOAT, shape, 'c'), g = Nd4j.create(DataType.FLOAT, shape, 'c');
                params.put(name, a);
                grads.put(name, g);
                p.put(name, NativeFloats.of(a));
                d.put(name, NativeFloats.of(g));
            });
        }
        load(saved);
    }

    // ---- weights ----------------------------------------------------------------------------------

    /** The live weight (kernel gate order), updated in place by training. */
    INDArray param(String name) { return params.get(name); }

    /** The live gradient of the last {@link #backward} (kernel gate order). */
    INDArray grad(String name) { return grads.get(name); }

    Set<String> names() { return params.keySet(); }

    /** Sets the weights from arrays in the saved layout. */
    void load(Map<String, INDArray> saved) {
        for (String name : params.keySet()) {
            INDArray a = saved.get(name);
            if (a == null || !java.util.Arrays.equals(a.shape(), params.get(name).shape()))
                throw new IllegalArgumentException("VAE weights: " + name + " is " + (a == null ? "missing" : "of shape " + java.util.Arrays.toString(a.shape()))
                        + ", expected " + java.util.Arrays.toString(params.get(name).shape()));
            params.get(name).assign(toCells(name, a));
        }
    }

    /** Copies of the weights in the saved layout, in the saved order. */
    Map<String, INDArray> saved() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        params.forEach((n, a) -> m.put(n, toSaved(n, a)));
        return m;
    }

    /** An array of the saved layout (SameDiff's gate order) as the kernels hold it. */
    static INDArray toCells(String name, INDArray saved) { return GATED.contains(name) ? permuteGates(saved, TO_CELLS) : saved.castTo(DataType.FLOAT).dup('c'); }

    /** An array as the kernels hold it in the saved layout. */
    static INDArray toSaved(String name, INDArray cells) { return GATED.contains(name) ? permuteGates(cells, TO_SAVED) : cells.dup('c'); }

    /** Gate block k of the result is block {@code from[k]} of {@code a}, along the last dimension (4H). */
    private static INDArray permuteGates(INDArray a, int[] from) {
        long[] shape = a.shape();
        int cols = (int) shape[shape.length - 1], h = cols / 4, rows = (int) (a.length() / cols);
        float[] in = a.castTo(DataType.FLOAT).dup('c').reshape(a.length()).toFloatVector(), out = new float[in.length];
        for (int r = 0; r < rows; r++)
            for (int k = 0; k < 4; k++) System.arraycopy(in, r * cols + from[k] * h, out, r * cols + k * h, h);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.create(out, shape, 'c');
        }
    }

    // ---- working memory ---------------------------------------------------------------------------

    /** Buffers for batches of up to {@code cap} excerpts of up to {@code maxT} steps, grown when a bigger batch comes. */
    private final class Work {
        final int cap;
        final int[][] tok;
        final int[] len;
        final float[] mask;
        final NativeFloats[] eg = new NativeFloats[2], eh = new NativeFloats[2], ec = new NativeFloats[2],
                edh = new NativeFloats[2], ecarry = new NativeFloats[2], edg = new NativeFloats[2];
        final NativeFloats enc, denc, mu, lv, eps, z, dz, dmu, dlv, gz, dgSum, dg, dh, dc, ddh, dcarry, ddg, dh0, logits, ones;
        final NativeFloats sg, sh, sc, slog; // one decoding step
        final double[] nll, kl;

        Work(int cap) {
            this.cap = cap;
            long rows = (long) maxT * cap, states = (long) (maxT + 1) * cap;
            tok = new int[cap][];
            len = new int[cap];
            mask = new float[(int) rows];
            for (int k = 0; k < 2; k++) {
                eg[k] = new NativeFloats(rows * 4 * he);
                eh[k] = new NativeFloats(states * he);
                ec[k] = new NativeFloats(states * he);
                edh[k] = new NativeFloats(rows * he);
                ecarry[k] = new NativeFloats((long) cap * he);
                edg[k] = new NativeFloats(rows * 4 * he);
            }
            enc = new NativeFloats((long) cap * 2 * he);
            denc = new NativeFloats((long) cap * 2 * he);
            mu = new NativeFloats((long) cap * zd); lv = new NativeFloats((long) cap * zd); eps = new NativeFloats((long) cap * zd);
            z = new NativeFloats((long) cap * zd); dz = new NativeFloats((long) cap * zd);
            dmu = new NativeFloats((long) cap * zd); dlv = new NativeFloats((long) cap * zd);
            gz = new NativeFloats((long) cap * 4 * hd);
            dgSum = new NativeFloats((long) cap * 4 * hd);
            dg = new NativeFloats(rows * 4 * hd);
            dh = new NativeFloats(states * hd);
            dc = new NativeFloats(states * hd);
            ddh = new NativeFloats(rows * hd);
            dcarry = new NativeFloats((long) cap * hd);
            ddg = new NativeFloats(rows * 4 * hd);
            dh0 = new NativeFloats((long) cap * hd);
            logits = new NativeFloats(rows * v);
            ones = new NativeFloats(rows);
            for (int i = 0; i < rows; i++) ones.buf.put(i, 1f);
            sg = new NativeFloats((long) cap * 4 * hd); sh = new NativeFloats((long) cap * hd); sc = new NativeFloats((long) cap * hd);
            slog = new NativeFloats((long) cap * v);
            nll = new double[cap];
            kl = new double[cap];
        }
    }

    private Work work(int batch) {
        if (w == null || w.cap < batch) w = new Work(Math.max(batch, w == null ? 0 : w.cap));
        return w;
    }

    // ---- the pass of the last forward -------------------------------------------------------------

    private int B, T; // excerpts and steps of the batch held in the work buffers
    private boolean sampled; // whether the held pass drew z with ε (else z = μ)
    private double beta;

    private FloatPointer ptr(String name) { return p.get(name).at(0); }

    private FloatPointer ptr(String name, long offset) { return p.get(name).at(offset); }

    private FloatPointer gptr(String name) { return d.get(name).at(0); }

    private FloatPointer gptr(String name, long offset) { return d.get(name).at(offset); }

    /** out[r] = in[r] W + b for {@code rows} rows: the bias copied into each row, then one GEMM. */
    private void dense(int rows, NativeFloats in, int inDim, String weight, String bias, NativeFloats out, int outDim) {
        FloatBuffer b = p.get(bias).buf;
        for (int r = 0; r < rows; r++) for (int j = 0; j < outDim; j++) out.buf.put(r * outDim + j, b.get(j));
        Gemm.gemm(false, false, rows, outDim, inDim, in.at(0), inDim, ptr(weight), outDim, 1f, out.at(0), outDim);
    }

    /** The token fed to encoder direction {@code dir} at step t of excerpt b, or -1 past its end. */
    private int encoderToken(Work s, int dir, int b, int t) {
        int n = s.len[b];
        return t >= n ? -1 : dir == 0 ? s.tok[b][t] : s.tok[b][n - 1 - t];
    }

    private void tokens(Work s, List<Slice> batch) {
        B = batch.size();
        T = 0;
        for (int b = 0; b < B; b++) {
            s.tok[b] = VaeBatch.tokens(batch.get(b), grid);
            s.len[b] = s.tok[b].length;
            if (s.len[b] > maxT)
                throw new IllegalArgumentException("an excerpt of " + (s.len[b] - 1) + " steps is longer than this model's " + (maxT - 1) + " (" + config.bars() + " bars)");
            T = Math.max(T, s.len[b]);
        }
        for (int b = 0; b < B; b++) for (int t = 0; t < T; t++) s.mask[b * T + t] = t < s.len[b] ? 1f : 0f;
    }

    /** Both encoder directions over the held tokens, their summaries into {@code enc}, then μ and log σ². */
    private void encode(Work s) {
        int g4 = 4 * he;
        for (int dir = 0; dir < 2; dir++) {
            String pre = dir == 0 ? "encF" : "encB";
            FloatBuffer wgt = p.get(pre + "_W").buf, bias = p.get(pre + "_b").buf, g = s.eg[dir].buf;
            for (int t = 0; t < T; t++)
                for (int b = 0; b < B; b++) {
                    int row = (t * B + b) * g4, tk = encoderToken(s, dir, b, t);
                    if (tk < 0) for (int j = 0; j < g4; j++) g.put(row + j, bias.get(j));
                    else for (int j = 0, wr = tk * g4; j < g4; j++) g.put(row + j, bias.get(j) + wgt.get(wr + j));
                }
            s.eh[dir].zero(0, (long) B * he);
            s.ec[dir].zero(0, (long) B * he);
            LstmSequence.forward(T, B, he, s.eg[dir], s.eh[dir], s.ec[dir], ptr(pre + "_RW"), s.mask);
            FloatBuffer h = s.eh[dir].buf;
            for (int b = 0; b < B; b++) // the state after the excerpt's last real step: block len
                for (int j = 0, from = (s.len[b] * B + b) * he; j < he; j++) s.enc.buf.put(b * 2 * he + dir * he + j, h.get(from + j));
        }
        dense(B, s.enc, 2 * he, "mu_W", "mu_b", s.mu, zd);
        dense(B, s.enc, 2 * he, "lv_W", "lv_b", s.lv, zd);
    }

    /**
     * The forward pass of a batch, kept for {@link #backward}. {@code eps} [B·z] draws z = μ + σ·ε;
     * null takes z = μ (evaluation). Returns the loss with {@code beta} and the config's free nats,
     * reconstruction and KL sums, and teacher-forced argmax hits over the steps after the meter token.
     */
    Out forward(List<Slice> batch, float[] eps, double beta) {
        if (batch.isEmpty()) return new Out(0, 0, 0, 0, 0, 0);
        Work s = work(batch.size());
        tokens(s, batch);
        this.beta = beta;
        this.sampled = eps != null;
        encode(s);
        FloatBuffer mu = s.mu.buf, lv = s.lv.buf, z = s.z.buf;
        double klSum = 0;
        for (int b = 0; b < B; b++) {
            double kl = 0;
            for (int k = 0; k < zd; k++) {
                int i = b * zd + k;
                double m = mu.get(i), l = lv.get(i);
                kl += m * m + Math.exp(l) - l - 1;
                if (eps != null) s.eps.buf.put(i, eps[i]);
                z.put(i, eps == null ? (float) m : (float) (m + Math.exp(0.5 * l) * eps[i]));
            }
            s.kl[b] = 0.5 * kl;
            klSum += s.kl[b];
        }
        // decoder: initial state from z, [previous token, z] in at every step
        int g4 = 4 * hd;
        dense(B, s.z, zd, H0 + "_W", H0 + "_b", s.dh, hd);
        dense(B, s.z, zd, C0 + "_W", C0 + "_b", s.dc, hd);
        for (int i = 0; i < B * hd; i++) {
            s.dh.buf.put(i, (float) Math.tanh(s.dh.buf.get(i)));
            s.dc.buf.put(i, (float) Math.tanh(s.dc.buf.get(i)));
        }
        decoderZ(s, B);
        FloatBuffer wgt = p.get("dec_W").buf, gz = s.gz.buf, g = s.dg.buf;
        for (int t = 0; t < T; t++)
            for (int b = 0; b < B; b++) {
                int row = (t * B + b) * g4, prev = t >= 1 && t - 1 < s.len[b] ? s.tok[b][t - 1] : -1;
                if (prev < 0) for (int j = 0; j < g4; j++) g.put(row + j, gz.get(b * g4 + j));
                else for (int j = 0, wr = prev * g4; j < g4; j++) g.put(row + j, gz.get(b * g4 + j) + wgt.get(wr + j));
            }
        LstmSequence.forward(T, B, hd, s.dg, s.dh, s.dc, ptr("dec_RW"), null);
        int rows = T * B;
        FloatBuffer ob = p.get("out_b").buf, lg = s.logits.buf;
        for (int r = 0; r < rows; r++) for (int j = 0; j < v; j++) lg.put(r * v + j, ob.get(j));
        Gemm.gemm(false, false, rows, v, hd, s.dh.at((long) B * hd), hd, ptr("out_W"), v, 1f, s.logits.at(0), v);
        // log-softmax NLL at real steps; the logits become dL/dlogits for backward (softmax − one-hot, over the batch size)
        double reconSum = 0, lossSum = 0;
        long correct = 0, steps = 0, tokens = 0;
        for (int b = 0; b < B; b++) s.nll[b] = 0;
        for (int t = 0; t < T; t++)
            for (int b = 0; b < B; b++) {
                int r = (t * B + b) * v;
                if (t >= s.len[b]) { for (int j = 0; j < v; j++) lg.put(r + j, 0f); continue; }
                int label = s.tok[b][t], best = 0;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < v; j++) { float x = lg.get(r + j); if (x > max) { max = x; best = j; } }
                double sum = 0;
                for (int j = 0; j < v; j++) sum += Math.exp(lg.get(r + j) - max);
                double lse = max + Math.log(sum);
                s.nll[b] += lse - lg.get(r + label);
                tokens++;
                if (t >= 1) { steps++; if (best == label) correct++; }
                for (int j = 0; j < v; j++) lg.put(r + j, (float) ((Math.exp(lg.get(r + j) - lse) - (j == label ? 1 : 0)) / B));
            }
        double free = config.freeBits();
        for (int b = 0; b < B; b++) {
            reconSum += s.nll[b];
            lossSum += s.nll[b] + beta * Math.max(s.kl[b] - free, 0);
        }
        return new Out(lossSum / B, reconSum, klSum, tokens, correct, steps);
    }

    /** gz = z·W_z + dec_b for the first n rows of z: the decoder's input projection that every step shares. */
    private void decoderZ(Work s, int n) {
        int g4 = 4 * hd;
        FloatBuffer db = p.get("dec_b").buf;
        for (int b = 0; b < n; b++) for (int j = 0; j < g4; j++) s.gz.buf.put(b * g4 + j, db.get(j));
        Gemm.gemm(false, false, n, g4, zd, s.z.at(0), zd, ptr("dec_W", (long) v * g4), g4, 1f, s.gz.at(0), g4);
    }

    /** Gradients of the last {@link #forward}'s loss into {@link #grad} for every weight. */
    void backward() {
        Work s = w;
        if (s == null || B == 0) throw new IllegalStateException("backward() needs a forward pass first");
        for (NativeFloats g : d.values()) g.zero();
        int g4 = 4 * hd, rows = T * B;
        // output layer
        Gemm.gemm(false, true, rows, hd, v, s.logits.at(0), v, ptr("out_W"), v, 0f, s.ddh.at(0), hd);
        Gemm.gemm(true, false, hd, v, rows, s.dh.at((long) B * hd), hd, s.logits.at(0), v, 0f, gptr("out_W"), v);
        Gemm.gemm(false, false, 1, v, rows, s.ones.at(0), rows, s.logits.at(0), v, 0f, gptr("out_b"), v);
        // decoder LSTM
        s.dcarry.zero(0, (long) B * hd);
        LstmSequence.backward(T, B, hd, s.dg, s.dh, s.dc, ptr("dec_RW"), null, s.ddh, s.dcarry, s.ddg, s.dh0, gptr("dec_RW"));
        Gemm.gemm(false, false, 1, g4, rows, s.ones.at(0), rows, s.ddg.at(0), g4, 0f, gptr("dec_b"), g4);
        FloatBuffer dW = d.get("dec_W").buf, ddg = s.ddg.buf, sum = s.dgSum.buf;
        s.dgSum.zero(0, (long) B * g4);
        for (int t = 0; t < T; t++)
            for (int b = 0; b < B; b++) {
                int row = (t * B + b) * g4, prev = t >= 1 && t - 1 < s.len[b] ? s.tok[b][t - 1] : -1;
                if (prev >= 0) for (int j = 0, wr = prev * g4; j < g4; j++) dW.put(wr + j, dW.get(wr + j) + ddg.get(row + j));
                for (int j = 0; j < g4; j++) sum.put(b * g4 + j, sum.get(b * g4 + j) + ddg.get(row + j));
            }
        Gemm.gemm(true, false, zd, g4, B, s.z.at(0), zd, s.dgSum.at(0), g4, 0f, gptr("dec_W", (long) v * g4), g4);
        Gemm.gemm(false, true, B, zd, g4, s.dgSum.at(0), g4, ptr("dec_W", (long) v * g4), g4, 0f, s.dz.at(0), zd);
        // initial states: h0 = tanh(z h0_W + h0_b), c0 likewise; block 0 of the state buffers holds them
        initialStateBackward(s, s.dh0, s.dh, H0);
        initialStateBackward(s, s.dcarry, s.dc, C0);
        // z = μ + σ ε, and the KL term where it is above the free nats
        FloatBuffer mu = s.mu.buf, lv = s.lv.buf, dz = s.dz.buf;
        double free = config.freeBits();
        for (int b = 0; b < B; b++) {
            double gate = s.kl[b] > free ? beta / B : 0;
            for (int k = 0; k < zd; k++) {
                int i = b * zd + k;
                double m = mu.get(i), l = lv.get(i), g = dz.get(i);
                s.dmu.buf.put(i, (float) (g + gate * m));
                s.dlv.buf.put(i, (float) ((sampled ? g * s.eps.buf.get(i) * 0.5 * Math.exp(0.5 * l) : 0) + gate * 0.5 * (Math.exp(l) - 1)));
            }
        }
        int e2 = 2 * he;
        Gemm.gemm(true, false, e2, zd, B, s.enc.at(0), e2, s.dmu.at(0), zd, 0f, gptr("mu_W"), zd);
        Gemm.gemm(true, false, e2, zd, B, s.enc.at(0), e2, s.dlv.at(0), zd, 0f, gptr("lv_W"), zd);
        columnSums(s.dmu, B, zd, "mu_b");
        columnSums(s.dlv, B, zd, "lv_b");
        Gemm.gemm(false, true, B, e2, zd, s.dmu.at(0), zd, ptr("mu_W"), zd, 0f, s.denc.at(0), e2);
        Gemm.gemm(false, true, B, e2, zd, s.dlv.at(0), zd, ptr("lv_W"), zd, 1f, s.denc.at(0), e2);
        // encoder: each direction's summary gradient enters at its excerpt's last real step
        int eg4 = 4 * he;
        for (int dir = 0; dir < 2; dir++) {
            String pre = dir == 0 ? "encF" : "encB";
            s.edh[dir].zero(0, (long) rows * he);
            for (int b = 0; b < B; b++)
                for (int j = 0, at = ((s.len[b] - 1) * B + b) * he; j < he; j++) s.edh[dir].buf.put(at + j, s.denc.buf.get(b * e2 + dir * he + j));
            s.ecarry[dir].zero(0, (long) B * he);
            LstmSequence.backward(T, B, he, s.eg[dir], s.eh[dir], s.ec[dir], ptr(pre + "_RW"), s.mask, s.edh[dir], s.ecarry[dir], s.edg[dir], null,
                    gptr(pre + "_RW"));
            Gemm.gemm(false, false, 1, eg4, rows, s.ones.at(0), rows, s.edg[dir].at(0), eg4, 0f, gptr(pre + "_b"), eg4);
            FloatBuffer ew = d.get(pre + "_W").buf, edg = s.edg[dir].buf;
            for (int t = 0; t < T; t++)
                for (int b = 0; b < B; b++) {
                    int tk = encoderToken(s, dir, b, t);
                    if (tk < 0) continue;
                    for (int j = 0, row = (t * B + b) * eg4, wr = tk * eg4; j < eg4; j++) ew.put(wr + j, ew.get(wr + j) + edg.get(row + j));
                }
        }
    }

    /** Through state = tanh(z W + b) (W, b the arrays named {@code pre}_W, {@code pre}_b): {@code grad} [B][hd] is dL/dstate, turned into the pre-activation's in place. */
    private void initialStateBackward(Work s, NativeFloats grad, NativeFloats state, String pre) {
        for (int i = 0; i < B * hd; i++) {
            float y = state.buf.get(i);
            grad.buf.put(i, grad.buf.get(i) * (1 - y * y));
        }
        Gemm.gemm(true, false, zd, hd, B, s.z.at(0), zd, grad.at(0), hd, 0f, gptr(pre + "_W"), hd);
        columnSums(grad, B, hd, pre + "_b");
        Gemm.gemm(false, true, B, zd, hd, grad.at(0), hd, ptr(pre + "_W"), hd, 1f, s.dz.at(0), zd);
    }

    private void columnSums(NativeFloats m, int rows, int cols, String into) {
        FloatBuffer out = d.get(into).buf;
        for (int j = 0; j < cols; j++) {
            double sum = 0;
            for (int r = 0; r < rows; r++) sum += m.buf.get(r * cols + j);
            out.put(j, (float) sum);
        }
    }

    /** The L2 norm of all gradients together, summed in double. */
    double gradientNorm() {
        double sq = 0;
        for (NativeFloats g : d.values())
            for (int i = 0; i < g.length; i++) { double x = g.buf.get(i); sq += x * x; }
        return Math.sqrt(sq);
    }

    // ---- encoding and decoding ----------------------------------------------------------------------

    /** μ of a batch of excerpts. */
    float[][] mu(List<Slice> batch) {
        float[][] out = new float[batch.size()][zd];
        if (batch.isEmpty()) return out;
        Work s = work(batch.size());
        tokens(s, batch);
        encode(s);
        for (int b = 0; b < B; b++) for (int k = 0; k < zd; k++) out[b][k] = s.mu.buf.get(b * zd + k);
        return out;
    }

    /**
     * Decodes each z step by step (the decoder's state carried, never the prefix re-run): first a
     * meter token, then grid steps for exactly {@code bars} bars of that meter. Greedy when
     * {@code random} is null, else sampled from the softmax at the temperature.
     */
    List<Slice> decode(float[][] zs, double temperature, Random random) {
        int n = zs.length, g4 = 4 * hd, meters = Meters.CLASSES.size();
        if (n == 0) return List.of();
        Work s = work(n);
        B = 0; // the held forward pass is gone
        for (int b = 0; b < n; b++) {
            if (zs[b].length != zd)
                throw new IllegalArgumentException("decode: vectors of length " + zs[b].length + ", this model's latent space has " + zd + " dimensions");
            for (int k = 0; k < zd; k++) s.z.buf.put(b * zd + k, zs[b][k]);
        }
        dense(n, s.z, zd, H0 + "_W", H0 + "_b", s.sh, hd);
        dense(n, s.z, zd, C0 + "_W", C0 + "_b", s.sc, hd);
        for (int i = 0; i < n * hd; i++) {
            s.sh.buf.put(i, (float) Math.tanh(s.sh.buf.get(i)));
            s.sc.buf.put(i, (float) Math.tanh(s.sc.buf.get(i)));
        }
        decoderZ(s, n);
        int[] prev = new int[n], meter = new int[n];
        java.util.Arrays.fill(prev, -1);
        int[][] steps = new int[n][];
        float[] row = new float[v];
        FloatBuffer wgt = p.get("dec_W").buf, ob = p.get("out_b").buf;
        int longest = config.bars() * Meters.maxBarSteps();
        for (int t = 0; t <= longest; t++) {
            for (int b = 0; b < n; b++) {
                int r = b * g4;
                if (prev[b] < 0) for (int j = 0; j < g4; j++) s.sg.buf.put(r + j, s.gz.buf.get(r + j));
                else for (int j = 0, wr = prev[b] * g4; j < g4; j++) s.sg.buf.put(r + j, s.gz.buf.get(r + j) + wgt.get(wr + j));
            }
            Gemm.gemm(false, false, n, g4, hd, s.sh.at(0), hd, ptr("dec_RW"), g4, 1f, s.sg.at(0), g4);
            tunesmith.model.fused.Cells.step(s.sg.buf, s.sh.buf, s.sc.buf, n, hd);
            for (int b = 0; b < n; b++) for (int j = 0; j < v; j++) s.slog.buf.put(b * v + j, ob.get(j));
            Gemm.gemm(false, false, n, v, hd, s.sh.at(0), hd, ptr("out_W"), v, 1f, s.slog.at(0), v);
            for (int b = 0; b < n; b++) {
                for (int j = 0; j < v; j++) row[j] = s.slog.buf.get(b * v + j);
                // the meter token first, then grid classes only: every decoded excerpt is readable
                int from = t == 0 ? grid : 0, to = t == 0 ? grid + meters : grid;
                int tok = choose(row, from, to, temperature, random);
                if (t == 0) { meter[b] = tok - grid; steps[b] = new int[config.bars() * Meters.barSteps(meter[b])]; }
                else if (t - 1 < steps[b].length) steps[b][t - 1] = tok;
                prev[b] = tok;
            }
        }
        List<Slice> out = new ArrayList<>();
        for (int b = 0; b < n; b++) out.add(new Slice(meter[b], steps[b]));
        return out;
    }

    private static int choose(float[] logits, int from, int to, double temperature, Random random) {
        if (random == null) {
            int best = from;
            for (int j = from + 1; j < to; j++) if (logits[j] > logits[best]) best = j;
            return best;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int j = from; j < to; j++) max = Math.max(max, logits[j] / temperature);
        double[] q = new double[to - from];
        double sum = 0;
        for (int j = from; j < to; j++) { q[j - from] = Math.exp(logits[j] / temperature - max); sum += q[j - from]; }
        double u = random.nextDouble() * sum;
        for (int j = 0; j < q.length; j++) { u -= q[j]; if (u <= 0) return from + j; }
        return to - 1;
    }

    /** Indices of the excerpts sorted by length (stable), so batches cut from it run no padded steps. */
    static List<Integer> byLength(List<Slice> slices) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < slices.size(); i++) idx.add(i);
        idx.sort((a, b) -> Integer.compare(slices.get(a).length(), slices.get(b).length()));
        return Collections.unmodifiableList(idx);
    }
}
