package tunesmith.kernel;

import org.bytedeco.javacpp.FloatPointer;

/**
 * An LSTM over a batch of sequences on plain native buffers, for models that wire LSTMs
 * themselves (the MusicVAE's engine): per step one recurrent GEMM and one fused {@link Cells} pass,
 * forward and backward, with a given initial state and nothing allocated. The input projection is
 * the caller's (one-hot inputs make it a row lookup, not a GEMM), and so are the input-weight and
 * bias gradients, from the gate deltas this leaves.
 *
 * <p>Layouts as {@link Cells}: gates {@code g} [T][B][4H] (gate blocks a|f|o|i), states {@code h},
 * {@code c} [T+1][B][H] with block 0 the initial state; the recurrent weights {@code rw} row-major
 * [H][4H]. A masked step ({@code mask[b*T+t] == 0}) zeroes its state and passes no gradient.
 */
public final class LstmSequence {

    private LstmSequence() {}

    /** Steps 0..T-1: {@code g} holds each step's input projection (bias included) on entry, the gate activations on exit. */
    public static void forward(int steps, int batch, int units, NativeFloats g, NativeFloats h, NativeFloats c, FloatPointer rw, float[] mask) {
        int g4 = 4 * units;
        Workers.split(parts(batch), (p, ps) -> {
            int lo = batch * p / ps, hi = batch * (p + 1) / ps;
            for (int t = 0; t < steps; t++) {
                long row = (long) t * batch + lo;
                Gemm.gemm(false, false, hi - lo, g4, units, h.at(row * units), units, rw, g4, 1f, g.at(row * g4), g4);
                Cells.forward(g.buf, h.buf, c.buf, mask, t, steps, batch, units, lo, hi);
            }
        });
    }

    /** Rows per part below which splitting the batch costs more than it saves (as the fused LSTM layer). */
    static final int MIN_ROWS_PER_PART = 8;

    /**
     * Parts of the batch, one per kernel thread ({@link Workers}): the sequences are independent,
     * so each part carries its rows through every step with no synchronisation between steps.
     */
    private static int parts(int batch) {
        return Math.max(1, Math.min(Workers.threads(), batch / MIN_ROWS_PER_PART));
    }

    /**
     * Backpropagation through all steps of the last {@link #forward} on these buffers. {@code dh}
     * [T][B][H] holds dL/dh_t from outside the LSTM (the recurrent part is added into it);
     * {@code carry} [B][H] holds dL/dc at the last step and leaves holding dL/dc_0, the initial
     * cell's gradient. Writes the gate deltas {@code dg} [T][B][4H], the initial hidden state's
     * gradient into {@code dh0} [B][H] (when not null), and adds dL/dRW into {@code dRw} [H][4H] (so
     * several sequences sharing the weights accumulate; zero it first).
     */
    public static void backward(int steps, int batch, int units, NativeFloats g, NativeFloats h, NativeFloats c, FloatPointer rw, float[] mask,
                                NativeFloats dh, NativeFloats carry, NativeFloats dg, NativeFloats dh0, FloatPointer dRw) {
        int g4 = 4 * units;
        Workers.split(parts(batch), (p, ps) -> {
            int lo = batch * p / ps, hi = batch * (p + 1) / ps;
            for (int t = steps - 1; t >= 0; t--) {
                if (t < steps - 1)                                                                         // dh_t += dG_{t+1} RW^T
                    Gemm.gemm(false, true, hi - lo, units, g4, dg.at(((long) (t + 1) * batch + lo) * g4), g4, rw, g4, 1f,
                            dh.at(((long) t * batch + lo) * units), units);
                Cells.backward(g.buf, c.buf, dh.buf, carry.buf, dg.buf, mask, t, steps, batch, units, lo, hi);
            }
        });
        if (dh0 != null) Gemm.gemm(false, true, batch, units, g4, dg.at(0), g4, rw, g4, 0f, dh0.at(0), units);
        Gemm.gemm(true, false, units, g4, steps * batch, h.at(0), units, dg.at(0), g4, 1f, dRw, g4);          // dRW += H_prev^T dG
    }
}
