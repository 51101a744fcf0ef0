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
import tunesmith.kernel.Gemm;
import tunesmith.kernel.LstmSequence;
import tunesmith.kernel.NativeFloats;
import tunesmith.kernel.Workers;

/**
 * The VAE computed by hand: forward and backward passes of {@link VaeParams}' network with
 * OpenBLAS GEMMs and the fused LSTM kernels ({@link LstmSequence}), on buffers allocated once and
 * reused, so a batch dispatches no ND4J op and allocates no native memory. It replaced SameDiff,
 * which trained at 338-2,157 tokens/s and leaked ~68 MB of native memory per batch (docs/measurements.md).
 *
 * <p>The network (as the SameDiff graph it replaced, kept as the tests' oracle): two LSTMs read
 * each excerpt's tokens, one forwards, one backwards from its last real step to its first; their
 * states at the excerpt's last real step give μ and log σ² (dense); z = μ + σ·ε; the decoder LSTM
 * starts from h = tanh(dense(z)), c = tanh(dense(z)) and reads [previous token, z] at every step;
 * dense, log-softmax. Loss per excerpt: NLL summed over its steps + β·max(KL − free nats, 0),
 * averaged over the batch. A batch runs only to its longest excerpt; shorter ones are masked.
 * With {@link VaeConfig#conductorUnits()} the decoder is hierarchical: a conductor LSTM from z gives
 * one embedding per bar, and each bar is a segment of the decoder started from, and reading, its
 * bar's embedding instead of z (batches of one length then).
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
    private static final Set<String> GATED = Set.of("encF_W", "encF_RW", "encF_b", "encB_W", "encB_RW", "encB_b", "dec_W", "dec_RW", "dec_b",
            "cond_RW", "cond_b");

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
    private final int cu, cd, segs; // conductor units (0: flat), width of what the decoder is conditioned on, decoder segments (bars, or 1)
    private final Map<String, INDArray> params = new LinkedHashMap<>(), grads = new LinkedHashMap<>();
    private final Map<String, NativeFloats> p = new LinkedHashMap<>(), d = new LinkedHashMap<>();
    private Work w;

    /** Sums over one batch's forward pass. {@code loss} is the batch's mean loss per excerpt (β and free nats applied). */
    record Out(double loss, double recon, double kl, long tokens, long correct, long steps, long readable) {
        /**
         * {@code correct}: steps after the meter token whose argmax over all tokens is the true one;
         * {@code readable}: tokens (meter included) whose argmax over the tokens decoding may write
         * there (meters first, then grid classes) is the true one, the choice greedy decoding makes.
         */
    }

    VaeNet(VaeConfig c, Map<String, INDArray> saved) {
        this.config = c;
        this.v = VaeParams.vocab(c);
        this.he = c.encoderUnits();
        this.hd = c.decoderUnits();
        this.zd = c.latent();
        this.grid = VaeData.grid(c).classes();
        this.maxT = VaeParams.length(c);
        this.cu = c.conductorUnits();
        this.cd = cu > 0 ? cu : zd;
        this.segs = cu > 0 ? c.bars() : 1;
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
        final NativeFloats sg, sh, sc, slog, initH, initC, gzAll; // decoding step by step
        final NativeFloats cg, ch, cc, cdh, ccarry, cdg, cdh0;    // the conductor (null when flat)
        final double[] nll, kl;
        // Java copies of rows the passes read or sum many times: loops over direct buffers run one
        // element at a time, over arrays the JIT vectorises (a batch's gate rows are ~5% of it otherwise)
        final float[] decW, gzRows, dDecW, dgSumRows;
        final float[][] encW = new float[2][], dEncW = new float[2][], encRow = new float[2][]; // per encoder direction (they may run at once)

        Work(int cap) {
            this.cap = cap;
            long rows = (long) maxT * cap, states = (long) (maxT + segs) * cap; // each decoder segment has its initial-state block
            tok = new int[cap][];
            len = new int[cap];
            mask = new float[(int) rows];
            for (int k = 0; k < 2; k++) {
                eg[k] = new NativeFloats(rows * 4 * he);
                eh[k] = new NativeFloats((rows + cap) * he);
                ec[k] = new NativeFloats((rows + cap) * he);
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
            initH = new NativeFloats((long) segs * cap * hd); initC = new NativeFloats((long) segs * cap * hd);
            gzAll = new NativeFloats((long) segs * cap * 4 * hd);
            if (cu > 0) {
                cg = new NativeFloats((long) segs * cap * 4 * cu);
                ch = new NativeFloats((long) (segs + 1) * cap * cu);
                cc = new NativeFloats((long) (segs + 1) * cap * cu);
                cdh = new NativeFloats((long) segs * cap * cu);
                ccarry = new NativeFloats((long) cap * cu);
                cdg = new NativeFloats((long) segs * cap * 4 * cu);
                cdh0 = new NativeFloats((long) cap * cu);
            } else {
                cg = ch = cc = cdh = ccarry = cdg = cdh0 = null;
            }
            nll = new double[cap];
            kl = new double[cap];
            decW = new float[v * 4 * hd];
            dDecW = new float[v * 4 * hd];
            gzRows = new float[cap * 4 * hd];
            dgSumRows = new float[cap * 4 * hd];
            for (int k = 0; k < 2; k++) {
                encW[k] = new float[v * 4 * he];
                dEncW[k] = new float[v * 4 * he];
                encRow[k] = new float[4 * he];
            }
        }
    }

    private Work work(int batch) {
        if (w == null || w.cap < batch) w = new Work(Math.max(batch, w == null ? 0 : w.cap));
        return w;
    }

    // ---- the pass of the last forward -------------------------------------------------------------

    private int B, T; // excerpts and steps of the batch held in the work buffers
    private final int[] segStart = new int[16], segLen = new int[16]; // the decoder's segments of the held batch (bars, or one)
    private boolean sampled; // whether the held pass drew z with ε (else z = μ)
    private double beta;

    private FloatPointer ptr(String name) { return p.get(name).at(0); }

    private FloatPointer ptr(String name, long offset) { return p.get(name).at(offset); }

    private FloatPointer gptr(String name) { return d.get(name).at(0); }

    private FloatPointer gptr(String name, long offset) { return d.get(name).at(offset); }

    /** out[r] = in[r] W + b for {@code rows} rows: the bias copied into each row, then one GEMM. */
    private void dense(int rows, NativeFloats in, int inDim, String weight, String bias, NativeFloats out, int outDim) {
        fillRows(out.buf, rows, read(p.get(bias).buf, outDim));
        Gemm.gemm(false, false, rows, outDim, inDim, in.at(0), inDim, ptr(weight), outDim, 1f, out.at(0), outDim);
    }

    private interface Range {
        void run(int lo, int hi);
    }

    /** {@code body} over [0, n) in one range per kernel thread, bounds in multiples of {@code align}. */
    private static void split(int n, int align, Range body) {
        Workers.split(Math.max(1, Math.min(Workers.threads(), n / align)),
                (part, parts) -> body.run(Workers.bound(n, part, parts, align), Workers.bound(n, part + 1, parts, align)));
    }

    /**
     * tanh to double precision from one exp (an intrinsic; Math.tanh is StrictMath's, about 30 ns, 1% of
     * a batch on the initial states), so its float rounding is Math.tanh's. Below 1e-6, tanh x = x in float.
     */
    static double tanh(double x) {
        double a = Math.abs(x);
        if (a < 1e-6) return x;
        double e = Math.exp(-2 * a), t = (1 - e) / (1 + e);
        return x < 0 ? -t : t;
    }

    /** Elements 0..n-1 of a buffer as a Java array. */
    private static float[] read(FloatBuffer b, int n) {
        float[] a = new float[n];
        b.get(0, a, 0, n);
        return a;
    }

    /** Rows 0..rows-1 of {@code out} (of {@code row.length} columns) set to {@code row}. */
    private static void fillRows(FloatBuffer out, int rows, float[] row) {
        for (int r = 0; r < rows; r++) out.put(r * row.length, row, 0, row.length);
    }

    /** The token fed to encoder direction {@code dir} at step t of excerpt b, or -1 past its end. */
    private int encoderToken(Work s, int dir, int b, int t) {
        int n = s.len[b];
        return t >= n ? -1 : dir == 0 ? s.tok[b][t] : s.tok[b][n - 1 - t];
    }

    private void tokens(Work s, List<Excerpt> batch) {
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
        byDirection(dir -> encode(s, dir));
        dense(B, s.enc, 2 * he, "mu_W", "mu_b", s.mu, zd);
        dense(B, s.enc, 2 * he, "lv_W", "lv_b", s.lv, zd);
    }

    /**
     * Runs the two encoder directions, at once on two kernel threads when there are: they are
     * independent, and a thread carrying one direction's whole batch packs its recurrent weights
     * once a step, where splitting each direction's batch packs them on both threads.
     */
    private static void byDirection(java.util.function.IntConsumer body) {
        Workers.split(Math.min(2, Workers.threads()), (part, parts) -> {
            for (int dir = part; dir < 2; dir += parts) body.accept(dir);
        });
    }

    /** Encoder direction {@code dir} over the held tokens, its summary into its half of {@code enc}. */
    private void encode(Work s, int dir) {
        int g4 = 4 * he;
        String pre = dir == 0 ? "encF" : "encB";
        float[] wgt = s.encW[dir], bias = read(p.get(pre + "_b").buf, g4), x = s.encRow[dir];
        p.get(pre + "_W").buf.get(0, wgt, 0, v * g4);
        FloatBuffer g = s.eg[dir].buf;
        for (int t = 0; t < T; t++)
            for (int b = 0; b < B; b++) {
                int row = (t * B + b) * g4, tk = encoderToken(s, dir, b, t);
                if (tk < 0) g.put(row, bias, 0, g4);
                else {
                    for (int j = 0, wr = tk * g4; j < g4; j++) x[j] = bias[j] + wgt[wr + j];
                    g.put(row, x, 0, g4);
                }
            }
        s.eh[dir].zero(0, (long) B * he);
        s.ec[dir].zero(0, (long) B * he);
        LstmSequence.forward(T, B, he, s.eg[dir], s.eh[dir], s.ec[dir], ptr(pre + "_RW"), s.mask);
        for (int b = 0; b < B; b++) { // the state after the excerpt's last real step: block len
            s.eh[dir].buf.get((s.len[b] * B + b) * he, x, 0, he);
            s.enc.buf.put(b * 2 * he + dir * he, x, 0, he);
        }
    }

    /**
     * The forward pass of a batch, kept for {@link #backward}. {@code eps} [B·z] draws z = μ + σ·ε;
     * null takes z = μ (evaluation). Returns the loss with {@code beta} and the config's free nats,
     * reconstruction and KL sums, and teacher-forced argmax hits over the steps after the meter token.
     */
    Out forward(List<Excerpt> batch, float[] eps, double beta) { return run(batch, eps, null, beta); }

    /** Teacher-forced outputs of excerpts decoded from given codes z (one per excerpt), the encoder's μ set aside. */
    Out score(List<Excerpt> batch, float[][] z) {
        if (z.length != batch.size()) throw new IllegalArgumentException("score: " + z.length + " codes for " + batch.size() + " excerpts");
        return run(batch, null, z, 0);
    }

    private Out run(List<Excerpt> batch, float[] eps, float[][] given, double beta) {
        if (batch.isEmpty()) return new Out(0, 0, 0, 0, 0, 0, 0);
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
                z.put(i, given != null ? given[b][k] : eps == null ? (float) m : (float) (m + Math.exp(0.5 * l) * eps[i]));
            }
            s.kl[b] = 0.5 * kl;
            klSum += s.kl[b];
        }
        // decoder, segment by segment (the whole excerpt, or bar by bar after the conductor)
        segments(s);
        if (cu > 0) conductor(s, B);
        int g4 = 4 * hd;
        float[] wgt = s.decW, gz = s.gzRows;
        p.get("dec_W").buf.get(0, wgt, 0, v * g4);
        FloatBuffer lg = s.logits.buf;
        for (int u = 0; u < segs; u++) {
            NativeFloats h = segState(s.dh, u), c = segState(s.dc, u), g = s.dg.slice((long) segStart[u] * B * g4, (long) segLen[u] * B * g4);
            initialState(s, cond(s, u), B, h, c, s.gz);
            s.gz.buf.get(0, gz, 0, B * g4);
            int seg = u;
            split(segLen[u] * B, 1, (lo, hi) -> {
                float[] x = new float[g4];
                for (int r = lo; r < hi; r++) {
                    int b = r % B, t = segStart[seg] + r / B, row = r * g4, prev = t >= 1 && t - 1 < s.len[b] ? s.tok[b][t - 1] : -1;
                    if (prev < 0) g.buf.put(row, gz, b * g4, g4);
                    else {
                        for (int j = 0, wr = prev * g4, zr = b * g4; j < g4; j++) x[j] = gz[zr + j] + wgt[wr + j];
                        g.buf.put(row, x, 0, g4);
                    }
                }
            });
            LstmSequence.forward(segLen[u], B, hd, g, h, c, ptr("dec_RW"), null);
            int rows = segLen[u] * B, first = segStart[u] * B;
            fillRows(s.logits.slice((long) first * v, (long) rows * v).buf, rows, read(p.get("out_b").buf, v));
            Gemm.gemm(false, false, rows, v, hd, h.at((long) B * hd), hd, ptr("out_W"), v, 1f, s.logits.at((long) first * v), v);
        }
        // log-softmax NLL at real steps; the logits become dL/dlogits for backward (softmax − one-hot, over the batch size)
        double reconSum = 0, lossSum = 0;
        java.util.concurrent.atomic.AtomicLongArray counts = new java.util.concurrent.atomic.AtomicLongArray(4); // tokens, steps, correct, readable
        split(B, 1, (lo, hi) -> { // by excerpt, so each one's NLL is summed in step order by one thread
            float[] l = new float[v];
            double[] e = new double[v];
            long tokens = 0, steps = 0, correct = 0, readable = 0;
            for (int b = lo; b < hi; b++) s.nll[b] = 0;
            for (int t = 0; t < T; t++)
                for (int b = lo; b < hi; b++) {
                    int r = (t * B + b) * v;
                    if (t >= s.len[b]) { java.util.Arrays.fill(l, 0f); lg.put(r, l, 0, v); continue; }
                    lg.get(r, l, 0, v);
                    int label = s.tok[b][t], best = 0;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < v; j++) { float y = l[j]; if (y > max) { max = y; best = j; } }
                    double sum = 0;
                    for (int j = 0; j < v; j++) { e[j] = Math.exp(l[j] - max); sum += e[j]; }
                    double lse = max + Math.log(sum);
                    s.nll[b] += lse - l[label];
                    tokens++;
                    if (t >= 1) { steps++; if (best == label) correct++; }
                    int from = t == 0 ? grid : 0, to = t == 0 ? v : grid, pick = from;
                    for (int j = from + 1; j < to; j++) if (l[j] > l[pick]) pick = j;
                    if (pick == label) readable++;
                    // softmax e^(x - max) / sum: the same as e^(x - lse) to double rounding, without a second exp
                    for (int j = 0; j < v; j++) l[j] = (float) ((e[j] / sum - (j == label ? 1 : 0)) / B);
                    lg.put(r, l, 0, v);
                }
            counts.addAndGet(0, tokens);
            counts.addAndGet(1, steps);
            counts.addAndGet(2, correct);
            counts.addAndGet(3, readable);
        });
        long tokens = counts.get(0), steps = counts.get(1), correct = counts.get(2), readable = counts.get(3);
        double free = config.freeNats();
        for (int b = 0; b < B; b++) {
            reconSum += s.nll[b];
            lossSum += s.nll[b] + beta * Math.max(s.kl[b] - free, 0);
        }
        return new Out(lossSum / B, reconSum, klSum, tokens, correct, steps, readable);
    }

    /**
     * The held batch's decoder segments: the whole excerpt for the flat decoder (its steps up to
     * the longest excerpt); bar by bar for the hierarchical one (the meter token with the first bar),
     * which needs every excerpt of the batch to be of one length.
     */
    private void segments(Work s) {
        if (cu == 0) { segStart[0] = 0; segLen[0] = T; return; }
        for (int b = 0; b < B; b++)
            if (s.len[b] != T)
                throw new IllegalArgumentException("the hierarchical decoder takes batches of excerpts of one length (bars of one size); this batch holds "
                        + (s.len[b] - 1) + " and " + (T - 1) + " steps: batch by length, as VaeTrainer.batches and VaeOps do");
        int bar = (T - 1) / config.bars();
        for (int u = 0; u < segs; u++) {
            segStart[u] = u == 0 ? 0 : 1 + u * bar;
            segLen[u] = u == 0 ? 1 + bar : bar;
        }
    }

    /** Segment u's decoder states in {@code all}: its initial-state block, then one block per step. */
    private NativeFloats segState(NativeFloats all, int u) {
        return all.slice((long) (segStart[u] + u) * B * hd, (long) (segLen[u] + 1) * B * hd);
    }

    /** What segment u is conditioned on: z for the flat decoder, its bar's embedding (conductor output u) for the hierarchical one. */
    private NativeFloats cond(Work s, int u) { return cu == 0 ? s.z : s.ch.slice((long) (u + 1) * B * cu, (long) B * cu); }

    /** Where the gradient of {@link #cond} goes. */
    private NativeFloats dcond(Work s, int u) { return cu == 0 ? s.dz : s.cdh.slice((long) u * B * cu, (long) B * cu); }

    /**
     * A decoder segment's start from its conditioning e [n][cd]: block 0 of {@code h} and {@code c}
     * set to tanh(e W + b) (see {@link #H0}), and {@code gz} to e·W_e + dec_b, the input projection its steps share.
     */
    private void initialState(Work s, NativeFloats e, int n, NativeFloats h, NativeFloats c, NativeFloats gz) {
        dense(n, e, cd, H0 + "_W", H0 + "_b", h, hd);
        dense(n, e, cd, C0 + "_W", C0 + "_b", c, hd);
        for (int i = 0; i < n * hd; i++) {
            h.buf.put(i, (float) tanh(h.buf.get(i)));
            c.buf.put(i, (float) tanh(c.buf.get(i)));
        }
        int g4 = 4 * hd;
        fillRows(gz.buf, n, read(p.get("dec_b").buf, g4));
        Gemm.gemm(false, false, n, g4, cd, e.at(0), cd, ptr("dec_W", (long) v * g4), g4, 1f, gz.at(0), g4);
    }

    /** The conductor over n excerpts: state from z (tanh dense), no input, one output per bar into blocks 1.. of {@code ch}. */
    private void conductor(Work s, int n) {
        dense(n, s.z, zd, "cond_h0_W", "cond_h0_b", s.ch, cu);
        dense(n, s.z, zd, "cond_c0_W", "cond_c0_b", s.cc, cu);
        for (int i = 0; i < n * cu; i++) {
            s.ch.buf.put(i, (float) tanh(s.ch.buf.get(i)));
            s.cc.buf.put(i, (float) tanh(s.cc.buf.get(i)));
        }
        int c4 = 4 * cu;
        fillRows(s.cg.buf, segs * n, read(p.get("cond_b").buf, c4));
        LstmSequence.forward(segs, n, cu, s.cg, s.ch, s.cc, ptr("cond_RW"), null);
    }

    /** Gradients of the last {@link #forward}'s loss into {@link #grad} for every weight. */
    void backward() {
        Work s = w;
        if (s == null || B == 0) throw new IllegalStateException("backward() needs a forward pass first");
        for (NativeFloats g : d.values()) g.zero();
        int g4 = 4 * hd, rows = T * B;
        s.dz.zero(0, (long) B * zd);
        if (cu > 0) s.cdh.zero(0, (long) segs * B * cu);
        float[] dW = s.dDecW, sum = s.dgSumRows;
        java.util.Arrays.fill(dW, 0f);
        for (int u = 0; u < segs; u++) {
            int n = segLen[u] * B, first = segStart[u] * B;
            NativeFloats h = segState(s.dh, u), c = segState(s.dc, u), g = s.dg.slice((long) first * g4, (long) n * g4);
            NativeFloats ddh = s.ddh.slice((long) first * hd, (long) n * hd), ddg = s.ddg.slice((long) first * g4, (long) n * g4);
            FloatPointer dl = s.logits.at((long) first * v);
            // output layer
            Gemm.gemm(false, true, n, hd, v, dl, v, ptr("out_W"), v, 0f, ddh.at(0), hd);
            Gemm.gemm(true, false, hd, v, n, h.at((long) B * hd), hd, dl, v, 1f, gptr("out_W"), v);
            Gemm.gemm(false, false, 1, v, n, s.ones.at(0), n, dl, v, 1f, gptr("out_b"), v);
            // decoder LSTM
            s.dcarry.zero(0, (long) B * hd);
            LstmSequence.backward(segLen[u], B, hd, g, h, c, ptr("dec_RW"), null, ddh, s.dcarry, ddg, s.dh0, gptr("dec_RW"));
            Gemm.gemm(false, false, 1, g4, n, s.ones.at(0), n, ddg.at(0), g4, 1f, gptr("dec_b"), g4);
            java.util.Arrays.fill(sum, 0, B * g4, 0f);
            int seg = u;
            split(g4, 16, (j0, j1) -> { // by columns, so every sum is added in row order by one thread
                float[] x = new float[g4];
                for (int tau = 0; tau < segLen[seg]; tau++)
                    for (int b = 0; b < B; b++) {
                        int t = segStart[seg] + tau, row = (tau * B + b) * g4, prev = t >= 1 && t - 1 < s.len[b] ? s.tok[b][t - 1] : -1;
                        ddg.buf.get(row + j0, x, j0, j1 - j0);
                        if (prev >= 0) for (int j = j0, wr = prev * g4; j < j1; j++) dW[wr + j] += x[j];
                        for (int j = j0, sr = b * g4; j < j1; j++) sum[sr + j] += x[j];
                    }
            });
            s.dgSum.buf.put(0, sum, 0, B * g4);
            NativeFloats e = cond(s, u), de = dcond(s, u);
            Gemm.gemm(true, false, cd, g4, B, e.at(0), cd, s.dgSum.at(0), g4, 1f, gptr("dec_W", (long) v * g4), g4);
            Gemm.gemm(false, true, B, cd, g4, s.dgSum.at(0), g4, ptr("dec_W", (long) v * g4), g4, 1f, de.at(0), cd);
            // initial states: h = tanh(e W + b), c likewise, in block 0 of the segment's states
            initialStateBackward(s.dh0, h, hd, H0, e, cd, de);
            initialStateBackward(s.dcarry, c, hd, C0, e, cd, de);
        }
        d.get("dec_W").buf.put(0, dW, 0, v * g4);
        if (cu > 0) { // the conductor: the bars' embedding gradients in, z's out
            s.ccarry.zero(0, (long) B * cu);
            LstmSequence.backward(segs, B, cu, s.cg, s.ch, s.cc, ptr("cond_RW"), null, s.cdh, s.ccarry, s.cdg, s.cdh0, gptr("cond_RW"));
            Gemm.gemm(false, false, 1, 4 * cu, segs * B, s.ones.at(0), segs * B, s.cdg.at(0), 4 * cu, 1f, gptr("cond_b"), 4 * cu);
            initialStateBackward(s.cdh0, s.ch, cu, "cond_h0", s.z, zd, s.dz);
            initialStateBackward(s.ccarry, s.cc, cu, "cond_c0", s.z, zd, s.dz);
        }
        // z = μ + σ ε, and the KL term where it is above the free nats
        FloatBuffer mu = s.mu.buf, lv = s.lv.buf, dz = s.dz.buf;
        double free = config.freeNats();
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
        byDirection(dir -> encoderBackward(s, dir));
    }

    /** Encoder direction {@code dir}'s gradients from its summary's ({@code denc}). */
    private void encoderBackward(Work s, int dir) {
        int rows = T * B, e2 = 2 * he, eg4 = 4 * he;
        float[] x = s.encRow[dir];
        String pre = dir == 0 ? "encF" : "encB";
        s.edh[dir].zero(0, (long) rows * he);
        for (int b = 0; b < B; b++) {
            s.denc.buf.get(b * e2 + dir * he, x, 0, he);
            s.edh[dir].buf.put(((s.len[b] - 1) * B + b) * he, x, 0, he);
        }
        s.ecarry[dir].zero(0, (long) B * he);
        LstmSequence.backward(T, B, he, s.eg[dir], s.eh[dir], s.ec[dir], ptr(pre + "_RW"), s.mask, s.edh[dir], s.ecarry[dir], s.edg[dir], null,
                gptr(pre + "_RW"));
        Gemm.gemm(false, false, 1, eg4, rows, s.ones.at(0), rows, s.edg[dir].at(0), eg4, 0f, gptr(pre + "_b"), eg4);
        float[] ew = s.dEncW[dir];
        java.util.Arrays.fill(ew, 0f);
        FloatBuffer edg = s.edg[dir].buf;
        for (int t = 0; t < T; t++)
            for (int b = 0; b < B; b++) {
                int tk = encoderToken(s, dir, b, t);
                if (tk < 0) continue;
                edg.get((t * B + b) * eg4, x, 0, eg4);
                for (int j = 0, wr = tk * eg4; j < eg4; j++) ew[wr + j] += x[j];
            }
        d.get(pre + "_W").buf.put(0, ew, 0, v * eg4);
    }

    /**
     * Through state = tanh(in W + b) (W, b the arrays named {@code pre}_W, {@code pre}_b; the state
     * in the first B rows of {@code state}): {@code grad} [B][units] is dL/dstate, turned into the
     * pre-activation's in place; adds the weight gradients and dL/din into {@code dIn}.
     */
    private void initialStateBackward(NativeFloats grad, NativeFloats state, int units, String pre, NativeFloats in, int inDim, NativeFloats dIn) {
        for (int i = 0; i < B * units; i++) {
            float y = state.buf.get(i);
            grad.buf.put(i, grad.buf.get(i) * (1 - y * y));
        }
        Gemm.gemm(true, false, inDim, units, B, in.at(0), inDim, grad.at(0), units, 1f, gptr(pre + "_W"), units);
        columnSums(grad, B, units, pre + "_b");
        Gemm.gemm(false, true, B, inDim, units, grad.at(0), units, ptr(pre + "_W"), units, 1f, dIn.at(0), inDim);
    }

    /** Adds the column sums of {@code m} [rows][cols] into the gradient {@code into}. */
    private void columnSums(NativeFloats m, int rows, int cols, String into) {
        FloatBuffer out = d.get(into).buf;
        for (int j = 0; j < cols; j++) {
            double sum = 0;
            for (int r = 0; r < rows; r++) sum += m.buf.get(r * cols + j);
            out.put(j, (float) (out.get(j) + sum));
        }
    }

    // ---- encoding and decoding ----------------------------------------------------------------------

    /** μ of a batch of excerpts. */
    float[][] mu(List<Excerpt> batch) {
        float[][] out = new float[batch.size()][zd];
        if (batch.isEmpty()) return out;
        Work s = work(batch.size());
        tokens(s, batch);
        encode(s);
        for (int b = 0; b < B; b++) for (int k = 0; k < zd; k++) out[b][k] = s.mu.buf.get(b * zd + k);
        return out;
    }

    /**
     * The decoder of each z as a stateful step for the sampling loop ({@link tunesmith.sample.Generation}):
     * the state carried, never the prefix re-run. Its first token is a meter class (token
     * {@code grid + m}), then grid classes; its distributions are the softmax over every class, and
     * {@link #rule} keeps each sample to a meter token and then exactly {@code bars} bars of grid steps.
     * {@link #decode} is the way in.
     */
    /** Each z decoded through the shared sampling loop, its steps chosen by the strategy (greedy: the likeliest). */
    List<Excerpt> decode(float[][] zs, tunesmith.sample.Strategy strategy, Random random) {
        if (zs.length == 0) return List.of();
        Decoder decoder = new Decoder(zs);
        List<Excerpt> out = new ArrayList<>();
        try {
            for (int[] tokens : tunesmith.sample.Generation.run(decoder, zs.length, strategy, random, maxSteps(), k -> rule()))
                out.add(new Excerpt(tokens[0] - grid, java.util.Arrays.copyOfRange(tokens, 1, tokens.length)));
        } finally {
            decoder.close();
        }
        return out;
    }

    /** Longest excerpt in steps: the meter token and the bars of the longest meter. */
    int maxSteps() { return 1 + config.bars() * Meters.maxBarSteps(); }

    /** One sample's rule: a meter token first, then grid steps until its meter's bars are full. */
    tunesmith.sample.StepRule rule() {
        return new tunesmith.sample.StepRule() {
            int t, length = -1;

            @Override
            public void mask(double[] p) {
                int from = t == 0 ? grid : 0, to = t == 0 ? grid + Meters.CLASSES.size() : grid;
                for (int j = 0; j < p.length; j++) if (j < from || j >= to) p[j] = 0;
            }

            @Override
            public void accept(int token) {
                if (t == 0) length = config.bars() * Meters.barSteps(token - grid);
                t++;
            }

            @Override public boolean done() { return length >= 0 && t > length; }
        };
    }

    /** {@link #decoder}: holds the engine's working buffers until the sampling is done. */
    final class Decoder implements tunesmith.sample.Steps {
        private final int n, g4 = 4 * hd;
        private final Work s;
        private final int[] meter, seg;
        private final double[] exp = new double[v]; // one row's softmax terms, reused at every step
        private int t;

        private Decoder(float[][] zs) {
            n = zs.length;
            if (n == 0) throw new IllegalArgumentException("decode: no latent vectors");
            s = work(n);
            B = n; // the held forward pass is gone; B sizes the conductor's and segments' views
            for (int b = 0; b < n; b++) {
                if (zs[b].length != zd)
                    throw new IllegalArgumentException("decode: vectors of length " + zs[b].length + ", this model's latent space has " + zd + " dimensions");
                for (int k = 0; k < zd; k++) s.z.buf.put(b * zd + k, zs[b][k]);
            }
            if (cu > 0) conductor(s, n);
            // every segment's initial state and shared input projection, before the steps: the conductor reads no tokens
            for (int u = 0; u < segs; u++)
                initialState(s, cond(s, u), n, s.initH.slice((long) u * n * hd, (long) n * hd), s.initC.slice((long) u * n * hd, (long) n * hd),
                        s.gzAll.slice((long) u * n * g4, (long) n * g4));
            meter = new int[n];
            seg = new int[n];
        }

        @Override public int vocabulary() { return v; }

        @Override public float[] first() { return step(null); }

        @Override
        public float[] next(int[] tokens) {
            if (t == 1) for (int b = 0; b < n; b++) meter[b] = tokens[b] - grid;
            return step(tokens);
        }

        /** One step for every sample: from the previous tokens (none at the first step) to the next distributions. */
        private float[] step(int[] prev) {
            FloatBuffer wgt = p.get("dec_W").buf, ob = p.get("out_b").buf, sh = s.sh.buf, sc = s.sc.buf, sg = s.sg.buf;
            for (int b = 0; b < n; b++) {
                // a segment starts: the excerpt's first step, or (hierarchical) the first step of each later bar of its meter
                int bar = t == 0 ? 0 : (t - 1) / Meters.barSteps(meter[b]);
                boolean starts = t == 0 || cu > 0 && bar < segs && bar > seg[b] && (t - 1) % Meters.barSteps(meter[b]) == 0;
                if (starts) {
                    seg[b] = bar;
                    long from = ((long) bar * n + b) * hd;
                    for (int j = 0; j < hd; j++) { sh.put(b * hd + j, s.initH.buf.get((int) from + j)); sc.put(b * hd + j, s.initC.buf.get((int) from + j)); }
                }
                int r = b * g4, gr = (seg[b] * n + b) * g4;
                if (prev == null) for (int j = 0; j < g4; j++) sg.put(r + j, s.gzAll.buf.get(gr + j));
                else for (int j = 0, wr = prev[b] * g4; j < g4; j++) sg.put(r + j, s.gzAll.buf.get(gr + j) + wgt.get(wr + j));
            }
            Gemm.gemm(false, false, n, g4, hd, s.sh.at(0), hd, ptr("dec_RW"), g4, 1f, s.sg.at(0), g4);
            tunesmith.kernel.Cells.step(sg, sh, sc, n, hd);
            for (int b = 0; b < n; b++) for (int j = 0; j < v; j++) s.slog.buf.put(b * v + j, ob.get(j));
            Gemm.gemm(false, false, n, v, hd, s.sh.at(0), hd, ptr("out_W"), v, 1f, s.slog.at(0), v);
            t++;
            float[] probs = new float[n * v];
            for (int b = 0; b < n; b++) { // softmax, summed in double
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (int j = 0; j < v; j++) max = Math.max(max, s.slog.buf.get(b * v + j));
                for (int j = 0; j < v; j++) { exp[j] = Math.exp(s.slog.buf.get(b * v + j) - max); sum += exp[j]; }
                for (int j = 0; j < v; j++) probs[b * v + j] = (float) (exp[j] / sum);
            }
            return probs;
        }

        /** Gives the working buffers back to the engine (for the next forward pass). */
        void close() { B = 0; }
    }

    /** Indices of the excerpts sorted by length (stable), so batches cut from it run no padded steps. */
    static List<Integer> byLength(List<Excerpt> excerpts) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < excerpts.size(); i++) idx.add(i);
        idx.sort((a, b) -> Integer.compare(excerpts.get(a).length(), excerpts.get(b).length()));
        return Collections.unmodifiableList(idx);
    }
}
