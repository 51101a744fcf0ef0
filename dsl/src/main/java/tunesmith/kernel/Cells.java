package tunesmith.kernel;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * The LSTM's elementwise work for one time step, fused into one pass over the step's gates:
 * nonlinearities, cell and hidden update forward; gate deltas and the cell-gradient carry backward.
 * One float and one double version (double for gradient checks) of the same arithmetic, on direct
 * buffers over the layer's native arrays, so nothing is allocated and no op is dispatched per step.
 *
 * <p>Layouts (row-major, B sequences, H units, gates in DL4J's order a|f|o|i, a = tanh block input):
 * gates {@code g} [T][B][4H] (pre-activations in, activations out), hidden and cell states
 * {@code h}, {@code c} [T+1][B][H] with block 0 the initial state, so step t reads block t and writes
 * block t+1. Masked steps ({@code mask[b*T+t] == 0}) zero the state, as DL4J's LSTM does. The
 * sequence passes work on rows {@code lo..hi-1} of the batch only: sequences are independent, so
 * two threads can each carry half the batch through all steps.
 *
 * <p>Public for the other recurrent models written on the same kernels (the MusicVAE's engine,
 * through {@link LstmSequence}), so the arithmetic exists once.
 */
public final class Cells {

    private Cells() {}

    // tanh from one exp: Math.tanh is not an intrinsic, exp is; the error is a few ulps of double.
    private static double sigmoid(double x) { return 1.0 / (1.0 + Math.exp(-x)); }

    private static double tanh(double x) { return 2.0 / (1.0 + Math.exp(-2.0 * x)) - 1.0; }

    /** Step t forward for the whole batch. */
    public static void forward(FloatBuffer g, FloatBuffer h, FloatBuffer c, float[] mask, int t, int steps, int batch, int units) {
        forward(g, h, c, mask, t, steps, batch, units, 0, batch);
    }

    public static void forward(FloatBuffer g, FloatBuffer h, FloatBuffer c, float[] mask, int t, int steps, int batch, int units, int lo, int hi) {
        int g4 = 4 * units;
        Scratch w = Scratch.of(units);
        for (int b = lo; b < hi; b++) {
            int gb = (t * batch + b) * g4, prev = (t * batch + b) * units, next = ((t + 1) * batch + b) * units;
            g.get(gb, w.g, 0, g4);
            c.get(prev, w.c, 0, units);
            cell(w.g, w.c, w.c2, w.h, w.e, units);
            g.put(gb, w.g, 0, g4);
            if (mask == null || mask[b * steps + t] != 0) {
                c.put(next, w.c2, 0, units);
                h.put(next, w.h, 0, units);
            } else {
                c.put(next, w.zero, 0, units);
                h.put(next, w.zero, 0, units);
            }
        }
    }

    /**
     * Step t forward for rows {@code lo..hi-1} and units {@code u0..u1-1} only: two threads can each
     * update half the units of every sequence (each gate's columns of those units are theirs).
     */
    public static void forward(FloatBuffer g, FloatBuffer h, FloatBuffer c, float[] mask, int t, int steps, int batch, int units,
                               int lo, int hi, int u0, int u1) {
        if (u0 == 0 && u1 == units) {
            forward(g, h, c, mask, t, steps, batch, units, lo, hi);
            return;
        }
        int g4 = 4 * units, width = u1 - u0;
        Scratch w = Scratch.of(units);
        for (int b = lo; b < hi; b++) {
            int gb = (t * batch + b) * g4 + u0, prev = (t * batch + b) * units + u0, next = ((t + 1) * batch + b) * units + u0;
            for (int q = 0; q < 4; q++) g.get(gb + q * units, w.g, q * width, width);
            c.get(prev, w.c, 0, width);
            cell(w.g, w.c, w.c2, w.h, w.e, width);
            for (int q = 0; q < 4; q++) g.put(gb + q * units, w.g, q * width, width);
            boolean on = mask == null || mask[b * steps + t] != 0;
            c.put(next, on ? w.c2 : w.zero, 0, width);
            h.put(next, on ? w.h : w.zero, 0, width);
        }
    }

    /**
     * One cell update on plain arrays, so the loops are simple enough for the JIT to vectorise:
     * gate pre-activations {@code g} [4H] become activations, {@code c} [H] is the previous cell,
     * {@code cNext} and {@code hNext} [H] the new cell and output.
     */
    private static void cell(float[] g, float[] c, float[] cNext, float[] hNext, float[] e, int units) {
        // each loop does one thing, which is what lets the JIT vectorise it
        int g4 = 4 * units;
        for (int j = 0; j < units; j++) g[j] = tanhf(g[j]);
        for (int j = units; j < g4; j++) g[j] = sigmoidf(g[j]);
        for (int j = 0; j < units; j++) cNext[j] = g[units + j] * c[j] + g[3 * units + j] * g[j];
        for (int j = 0; j < units; j++) e[j] = tanhf(cNext[j]);
        for (int j = 0; j < units; j++) hNext[j] = g[2 * units + j] * e[j];
    }

    /** Per-thread working rows (each batch part runs on its own thread). */
    private static final class Scratch {
        private static final ThreadLocal<Scratch> LOCAL = new ThreadLocal<>();
        final float[] g, dg, c, c2, h, dh, carry, zero, e;

        private Scratch(int units) {
            g = new float[4 * units]; dg = new float[4 * units];
            c = new float[units]; c2 = new float[units]; h = new float[units]; dh = new float[units]; carry = new float[units];
            zero = new float[4 * units]; e = new float[4 * units];
        }

        static Scratch of(int units) {
            Scratch s = LOCAL.get();
            if (s == null || s.c.length != units) LOCAL.set(s = new Scratch(units));
            return s;
        }
    }

    // tanh in float from arithmetic the JIT vectorises: Math.tanh and Math.exp are calls on
    // doubles, and building 2^k from exponent bits (Float.intBitsToFloat) stops JDK 17's
    // auto-vectoriser, so the old bit-built exponential ran one lane at a time (6 ns an element
    // against under 1 ns here; measured in a loop of 4,096 floats). For a = |x| clamped to 9 (tanh 9
    // is 1 in float), q = e^{2a} - 1 comes from its Taylor series at 2a/32 and five doublings
    // (e^{2y} - 1 = q(q + 2)), which keep q's relative error small since q >= 0 never cancels;
    // tanh a = q / (q + 2). Largest error over [-20, 20]: 6 ulps (relative 5e-7); sigmoid's
    // absolute error (through tanh(x/2)) 1.2e-7.
    static float tanhf(float x) {
        x = Math.max(-9f, Math.min(9f, x));
        float a = Math.abs(x), y = a * (2f / 32);
        float q = 1f / 362880;
        q = q * y + 1f / 40320;
        q = q * y + 1f / 5040;
        q = q * y + 1f / 720;
        q = q * y + 1f / 120;
        q = q * y + 1f / 24;
        q = q * y + 1f / 6;
        q = q * y + 0.5f;
        q = q * y + 1f;
        q = q * y;
        q = q * (2f + q);
        q = q * (2f + q);
        q = q * (2f + q);
        q = q * (2f + q);
        q = q * (2f + q);
        return x / Math.max(a, Float.MIN_NORMAL) * (q / (q + 2f));   // the sign without a branch (copySign is not vectorised)
    }

    static float sigmoidf(float x) { return 0.5f + 0.5f * tanhf(0.5f * x); }

    public static void forward(DoubleBuffer g, DoubleBuffer h, DoubleBuffer c, float[] mask, int t, int steps, int batch, int units) {
        forward(g, h, c, mask, t, steps, batch, units, 0, batch);
    }

    public static void forward(DoubleBuffer g, DoubleBuffer h, DoubleBuffer c, float[] mask, int t, int steps, int batch, int units, int lo, int hi) {
        int g4 = 4 * units;
        for (int b = lo; b < hi; b++) {
            int gb = (t * batch + b) * g4, prev = (t * batch + b) * units, next = ((t + 1) * batch + b) * units;
            boolean on = mask == null || mask[b * steps + t] != 0;
            for (int j = 0; j < units; j++) {
                double a = tanh(g.get(gb + j));
                double f = sigmoid(g.get(gb + units + j));
                double o = sigmoid(g.get(gb + 2 * units + j));
                double i = sigmoid(g.get(gb + 3 * units + j));
                double cell = f * c.get(prev + j) + i * a;
                g.put(gb + j, a);
                g.put(gb + units + j, f);
                g.put(gb + 2 * units + j, o);
                g.put(gb + 3 * units + j, i);
                c.put(next + j, on ? cell : 0);
                h.put(next + j, on ? o * tanh(cell) : 0);
            }
        }
    }

    /** One step in place for sampling: gates {@code g} [B][4H] (pre-activations), state {@code h}, {@code c} [B][H] updated. */
    public static void step(FloatBuffer g, FloatBuffer h, FloatBuffer c, int batch, int units) {
        int g4 = 4 * units;
        Scratch w = Scratch.of(units);
        for (int b = 0; b < batch; b++) {
            int gb = b * g4, sb = b * units;
            g.get(gb, w.g, 0, g4);
            c.get(sb, w.c, 0, units);
            cell(w.g, w.c, w.c2, w.h, w.e, units);
            c.put(sb, w.c2, 0, units);
            h.put(sb, w.h, 0, units);
        }
    }

    /**
     * Step t backward: {@code dh} [T][B][H] holds dL/dh_t (from above and, already added, from step
     * t+1); {@code carry} [B][H] holds dL/dc_t through step t+1 and leaves with dL/dc_{t-1}. Writes
     * the gate deltas of step t into {@code dg} [T][B][4H]. A masked step passes no gradient on.
     */
    public static void backward(FloatBuffer g, FloatBuffer c, FloatBuffer dh, FloatBuffer carry, FloatBuffer dg, float[] mask,
                                int t, int steps, int batch, int units) {
        backward(g, c, dh, carry, dg, mask, t, steps, batch, units, 0, batch);
    }

    public static void backward(FloatBuffer g, FloatBuffer c, FloatBuffer dh, FloatBuffer carry, FloatBuffer dg, float[] mask,
                                int t, int steps, int batch, int units, int lo, int hi) {
        int g4 = 4 * units;
        Scratch w = Scratch.of(units);
        for (int b = lo; b < hi; b++) {
            int gb = (t * batch + b) * g4, prev = (t * batch + b) * units, cur = ((t + 1) * batch + b) * units;
            int hb = (t * batch + b) * units, cb = b * units;
            if (mask != null && mask[b * steps + t] == 0) {
                dg.put(gb, w.zero, 0, g4);
                carry.put(cb, w.zero, 0, units);
                continue;
            }
            g.get(gb, w.g, 0, g4);
            c.get(prev, w.c, 0, units);
            c.get(cur, w.c2, 0, units);
            dh.get(hb, w.dh, 0, units);
            carry.get(cb, w.carry, 0, units);
            cellBackward(w.g, w.c, w.c2, w.dh, w.carry, w.dg, w.e, units);
            dg.put(gb, w.dg, 0, g4);
            carry.put(cb, w.carry, 0, units);
        }
    }

    /** Step t backward for rows {@code lo..hi-1} and units {@code u0..u1-1} only (see the unit-range forward). */
    public static void backward(FloatBuffer g, FloatBuffer c, FloatBuffer dh, FloatBuffer carry, FloatBuffer dg, float[] mask,
                                int t, int steps, int batch, int units, int lo, int hi, int u0, int u1) {
        if (u0 == 0 && u1 == units) {
            backward(g, c, dh, carry, dg, mask, t, steps, batch, units, lo, hi);
            return;
        }
        int g4 = 4 * units, width = u1 - u0;
        Scratch w = Scratch.of(units);
        for (int b = lo; b < hi; b++) {
            int gb = (t * batch + b) * g4 + u0, prev = (t * batch + b) * units + u0, cur = ((t + 1) * batch + b) * units + u0;
            int hb = (t * batch + b) * units + u0, cb = b * units + u0;
            if (mask != null && mask[b * steps + t] == 0) {
                for (int q = 0; q < 4; q++) dg.put(gb + q * units, w.zero, 0, width);
                carry.put(cb, w.zero, 0, width);
                continue;
            }
            for (int q = 0; q < 4; q++) g.get(gb + q * units, w.g, q * width, width);
            c.get(prev, w.c, 0, width);
            c.get(cur, w.c2, 0, width);
            dh.get(hb, w.dh, 0, width);
            carry.get(cb, w.carry, 0, width);
            cellBackward(w.g, w.c, w.c2, w.dh, w.carry, w.dg, w.e, width);
            for (int q = 0; q < 4; q++) dg.put(gb + q * units, w.dg, q * width, width);
            carry.put(cb, w.carry, 0, width);
        }
    }

    /** One cell's gate deltas {@code dg} [4H] from its activations, cells before and after, dL/dh; {@code carry} dL/dc in and out. */
    private static void cellBackward(float[] g, float[] c, float[] cNext, float[] dh, float[] carry, float[] dg, float[] e, int units) {
        for (int j = 0; j < units; j++) e[j] = tanhf(cNext[j]);   // tanh of the new cell
        for (int j = 0; j < units; j++) {
            float a = g[j], f = g[units + j], o = g[2 * units + j], i = g[3 * units + j];
            float tc = e[j];
            float dc = carry[j] + dh[j] * o * (1 - tc * tc);
            dg[j] = dc * i * (1 - a * a);
            dg[units + j] = dc * c[j] * f * (1 - f);
            dg[2 * units + j] = dh[j] * tc * o * (1 - o);
            dg[3 * units + j] = dc * a * i * (1 - i);
            carry[j] = dc * f;
        }
    }

    public static void backward(DoubleBuffer g, DoubleBuffer c, DoubleBuffer dh, DoubleBuffer carry, DoubleBuffer dg, float[] mask,
                                int t, int steps, int batch, int units) {
        backward(g, c, dh, carry, dg, mask, t, steps, batch, units, 0, batch);
    }

    public static void backward(DoubleBuffer g, DoubleBuffer c, DoubleBuffer dh, DoubleBuffer carry, DoubleBuffer dg, float[] mask,
                                int t, int steps, int batch, int units, int lo, int hi) {
        int g4 = 4 * units;
        for (int b = lo; b < hi; b++) {
            int gb = (t * batch + b) * g4, prev = (t * batch + b) * units, cur = ((t + 1) * batch + b) * units;
            int hb = (t * batch + b) * units, cb = b * units;
            if (mask != null && mask[b * steps + t] == 0) {
                for (int k = 0; k < g4; k++) dg.put(gb + k, 0);
                for (int j = 0; j < units; j++) carry.put(cb + j, 0);
                continue;
            }
            for (int j = 0; j < units; j++) {
                double a = g.get(gb + j), f = g.get(gb + units + j), o = g.get(gb + 2 * units + j), i = g.get(gb + 3 * units + j);
                double tc = tanh(c.get(cur + j));
                double dhj = dh.get(hb + j);
                double dc = carry.get(cb + j) + dhj * o * (1 - tc * tc);
                dg.put(gb + j, dc * i * (1 - a * a));
                dg.put(gb + units + j, dc * c.get(prev + j) * f * (1 - f));
                dg.put(gb + 2 * units + j, dhj * tc * o * (1 - o));
                dg.put(gb + 3 * units + j, dc * a * i * (1 - i));
                carry.put(cb + j, dc * f);
            }
        }
    }
}
