package tunesmith.model.fused;

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
        for (int b = lo; b < hi; b++) {
            int gb = (t * batch + b) * g4, prev = (t * batch + b) * units, next = ((t + 1) * batch + b) * units;
            boolean on = mask == null || mask[b * steps + t] != 0;
            for (int j = 0; j < units; j++) {
                double a = tanh(g.get(gb + j));
                double f = sigmoid(g.get(gb + units + j));
                double o = sigmoid(g.get(gb + 2 * units + j));
                double i = sigmoid(g.get(gb + 3 * units + j));
                double cell = f * c.get(prev + j) + i * a;
                g.put(gb + j, (float) a);
                g.put(gb + units + j, (float) f);
                g.put(gb + 2 * units + j, (float) o);
                g.put(gb + 3 * units + j, (float) i);
                c.put(next + j, on ? (float) cell : 0f);
                h.put(next + j, on ? (float) (o * tanh(cell)) : 0f);
            }
        }
    }

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
        for (int b = 0; b < batch; b++) {
            int gb = b * g4, sb = b * units;
            for (int j = 0; j < units; j++) {
                double a = tanh(g.get(gb + j));
                double f = sigmoid(g.get(gb + units + j));
                double o = sigmoid(g.get(gb + 2 * units + j));
                double i = sigmoid(g.get(gb + 3 * units + j));
                double cell = f * c.get(sb + j) + i * a;
                c.put(sb + j, (float) cell);
                h.put(sb + j, (float) (o * tanh(cell)));
            }
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
        for (int b = lo; b < hi; b++) {
            int gb = (t * batch + b) * g4, prev = (t * batch + b) * units, cur = ((t + 1) * batch + b) * units;
            int hb = (t * batch + b) * units, cb = b * units;
            if (mask != null && mask[b * steps + t] == 0) {
                for (int k = 0; k < g4; k++) dg.put(gb + k, 0f);
                for (int j = 0; j < units; j++) carry.put(cb + j, 0f);
                continue;
            }
            for (int j = 0; j < units; j++) {
                double a = g.get(gb + j), f = g.get(gb + units + j), o = g.get(gb + 2 * units + j), i = g.get(gb + 3 * units + j);
                double tc = tanh(c.get(cur + j));
                double dhj = dh.get(hb + j);
                double dc = carry.get(cb + j) + dhj * o * (1 - tc * tc);
                dg.put(gb + j, (float) (dc * i * (1 - a * a)));
                dg.put(gb + units + j, (float) (dc * c.get(prev + j) * f * (1 - f)));
                dg.put(gb + 2 * units + j, (float) (dhj * tc * o * (1 - o)));
                dg.put(gb + 3 * units + j, (float) (dc * a * i * (1 - i)));
                carry.put(cb + j, (float) (dc * f));
            }
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
