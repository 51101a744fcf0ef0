package tunesmith.model;
import tunesmith.kernel.BlasThreads;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tunesmith.encode.TokenConstraint;
import tunesmith.model.fused.Stepper;
import tunesmith.sample.Generation;
import tunesmith.sample.StepRule;
import tunesmith.sample.Steps;
import tunesmith.sample.Strategy;

/**
 * A melody LSTM in the shared sampling loop ({@link Generation}): the prime goes through the
 * network once, then each chosen token is fed back one step at a time, the LSTM state kept
 * ({@link Stepper} for fused networks, {@code rnnTimeStep} otherwise); the tune's rules ride along.
 */
final class Generator {

    private Generator() {}

    static List<int[]> generate(MultiLayerNetwork net, int vocab, boolean indices, int[] prime, int end, int[] forbidden,
                                boolean[][] firstSteps, TokenConstraint constraint, Strategy strategy, int count, int maxLength, long seed) {
        return generate(net, vocab, indices, prime, null, 0, end, forbidden, firstSteps, constraint, strategy, count, maxLength, seed, null, 0);
    }

    /**
     * As above, the network also hearing {@code width} conditioning columns at every input step
     * ({@code conditions[i]}, a bit set, at the i-th token fed, prime included; none past its end),
     * and each sample ended after {@code bars} of the {@code barLines} tokens (when {@code bars > 0}).
     */
    static List<int[]> generate(MultiLayerNetwork net, int vocab, boolean indices, int[] prime, int[] conditions, int width, int end, int[] forbidden,
                                boolean[][] firstSteps, TokenConstraint constraint, Strategy strategy, int count, int maxLength, long seed,
                                boolean[] barLines, int bars) {
        return BlasThreads.with(BlasThreads.SAMPLING, () -> run(net, vocab, indices, prime, conditions, width, end, forbidden, firstSteps, constraint,
                strategy, count, maxLength, seed, barLines, bars));
    }

    private static List<int[]> run(MultiLayerNetwork net, int vocab, boolean indices, int[] prime, int[] conditions, int width, int end, int[] forbidden,
                                   boolean[][] firstSteps, TokenConstraint constraint, Strategy strategy, int count, int maxLength, long seed,
                                   boolean[] barLines, int bars) {
        if (prime.length == 0) throw new IllegalArgumentException("A prime needs at least the start token");
        Stepper stepper = Stepper.of(net, count).orElse(null);
        if (stepper != null && stepper.conditions() != width)
            throw new IllegalArgumentException("the network hears " + stepper.conditions() + " conditioning columns, the sampling gives " + width);
        Conditions heard = new Conditions(conditions == null ? new int[0] : conditions, width);
        Steps steps = stepper != null ? new Stepped(stepper, prime, count, heard) : new Networked(net, vocab, indices, prime, count, heard);
        List<int[]> chosen;
        try {
            chosen = Generation.run(steps, count, strategy, new Random(seed), maxLength, i -> new TuneRule(end, forbidden, firstSteps, start(constraint, prime), barLines, bars));
        } finally {
            net.rnnClearPreviousState();
        }
        List<int[]> result = new ArrayList<>();
        for (int[] c : chosen) {
            int[] s = new int[prime.length + c.length];
            System.arraycopy(prime, 0, s, 0, prime.length);
            System.arraycopy(c, 0, s, prime.length, c.length);
            result.add(s);
        }
        return result;
    }

    private static TokenConstraint.State start(TokenConstraint constraint, int[] prime) {
        if (constraint == null) return null;
        TokenConstraint.State s = constraint.start();
        for (int t : prime) s.accept(t);
        return s;
    }

    /**
     * A tune's rules for one sample: padding, unknown and start never inside a tune; the header's
     * tokens first (meter, key); the encoding's syntax and bar lengths when asked; done at the end token.
     */
    private static final class TuneRule implements StepRule {
        private final int end;
        private final int[] forbidden;
        private final boolean[][] firstSteps;
        private final TokenConstraint.State syntax;
        private final boolean[] barLines;
        private int step, barsLeft;
        private boolean done;

        TuneRule(int end, int[] forbidden, boolean[][] firstSteps, TokenConstraint.State syntax, boolean[] barLines, int bars) {
            this.end = end;
            this.forbidden = forbidden;
            this.firstSteps = firstSteps;
            this.syntax = syntax;
            this.barLines = barLines;
            this.barsLeft = barLines == null ? -1 : bars;
        }

        @Override
        public void mask(double[] p) {
            for (int f : forbidden) if (f >= 0 && f < p.length) p[f] = 0;
            if (step < firstSteps.length) for (int k = 0; k < p.length; k++) if (!firstSteps[step][k]) p[k] = 0;
            if (syntax != null) syntax.mask(p);
            if (barsLeft == 0) {   // the bars asked for are written: the tune ends here
                java.util.Arrays.fill(p, 0);
                p[end] = 1;
            }
        }

        @Override
        public void accept(int token) {
            if (syntax != null) syntax.accept(token);
            step++;
            if (barsLeft > 0 && barLines[token]) barsLeft--;
            done = token == end;
        }

        @Override public boolean done() { return done; }
    }

    /** The conditioning columns of each input step, as fed: a cursor over them. */
    private static final class Conditions {
        private final int[] columns;
        private final int width;
        private int at;

        Conditions(int[] columns, int width) {
            this.columns = columns;
            this.width = width;
        }

        void reset() { at = 0; }

        /** The next input step's columns (0 past the end). */
        int next() {
            int c = at < columns.length ? columns[at] : 0;
            at++;
            return c;
        }
    }

    /** Through {@link Stepper}: a fused network's arithmetic without DL4J's per-step overhead (≈3× faster at batch 1). */
    private record Stepped(Stepper stepper, int[] prime, int n, Conditions conditions) implements Steps {
        public int vocabulary() { return stepper.vocab(); }

        public float[] first() {
            stepper.reset();
            conditions.reset();
            float[] p = null;
            int[] tokens = new int[n];
            for (int t : prime) {
                java.util.Arrays.fill(tokens, t);
                p = stepper.step(tokens, conditions.next());
            }
            return p;
        }

        public float[] next(int[] tokens) { return stepper.step(tokens, conditions.next()); }
    }

    /** Through {@code rnnTimeStep} (DL4J's own LSTM layers, older models): the prime in one call. */
    private record Networked(MultiLayerNetwork net, int vocab, boolean indices, int[] prime, int n, Conditions conditions) implements Steps {
        public int vocabulary() { return vocab; }

        public float[] first() {
            net.rnnClearPreviousState();
            conditions.reset();
            return floats(last(net.rnnTimeStep(input(prime, n, vocab, indices, conditions))));
        }

        public float[] next(int[] tokens) { return floats(last(net.rnnTimeStep(step(tokens, vocab, indices, conditions)))); }

        private static float[] floats(INDArray probs) { return probs.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat(); }
    }

    /** The prime, repeated for every sample: one-hot [n, V (+ conditioning columns), T] or indices [n, 1, T]. */
    private static INDArray input(int[] prime, int n, int vocab, boolean indices, Conditions c) {
        int t = prime.length;
        if (indices) {
            float[] a = new float[n * t];
            for (int i = 0; i < n; i++) for (int k = 0; k < t; k++) a[i * t + k] = prime[k];
            for (int k = 0; k < t; k++) c.next();
            return Nd4j.create(a, new long[]{n, 1, t}, 'c');
        }
        int rows = vocab + c.width;
        float[] a = new float[n * rows * t];
        for (int k = 0; k < t; k++) {
            int cols = c.next();
            for (int i = 0; i < n; i++) {
                a[(i * rows + prime[k]) * t + k] = 1f;
                for (int j = 0; j < c.width; j++) if ((cols >> j & 1) != 0) a[(i * rows + vocab + j) * t + k] = 1f;
            }
        }
        return Nd4j.create(a, new long[]{n, rows, t}, 'c');
    }

    private static INDArray step(int[] tokens, int vocab, boolean indices, Conditions c) {
        int n = tokens.length;
        int cols = c.next();
        if (indices) {
            float[] a = new float[n];
            for (int i = 0; i < n; i++) a[i] = tokens[i];
            return Nd4j.create(a, new long[]{n, 1, 1}, 'c');
        }
        int rows = vocab + c.width;
        float[] a = new float[n * rows];
        for (int i = 0; i < n; i++) {
            a[i * rows + tokens[i]] = 1f;
            for (int j = 0; j < c.width; j++) if ((cols >> j & 1) != 0) a[i * rows + vocab + j] = 1f;
        }
        return Nd4j.create(a, new long[]{n, rows, 1}, 'c');
    }

    /** Probabilities at the last time step, [n, V]. */
    private static INDArray last(INDArray out) {
        if (out.rank() == 2) return out;
        return out.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(out.size(2) - 1));
    }
}
