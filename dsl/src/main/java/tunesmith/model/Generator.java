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
import tunesmith.sample.Strategy;

/**
 * Generates token sequences note by note: the prime goes through the network once, then each
 * chosen token is fed back one step at a time, the LSTM state kept ({@link Stepper} for fused
 * networks, {@code rnnTimeStep} otherwise), so the prefix is never run again. All samples of a
 * request run side by side as one batch.
 */
final class Generator {

    private Generator() {}

    static List<int[]> generate(MultiLayerNetwork net, int vocab, boolean indices, int[] prime, int end, int[] forbidden,
                                boolean[][] firstSteps, TokenConstraint constraint, Strategy strategy, int count, int maxLength, long seed) {
        return BlasThreads.with(BlasThreads.SAMPLING, () -> run(net, vocab, indices, prime, end, forbidden, firstSteps, constraint, strategy, count, maxLength, seed));
    }

    private static List<int[]> run(MultiLayerNetwork net, int vocab, boolean indices, int[] prime, int end, int[] forbidden,
                                   boolean[][] firstSteps, TokenConstraint constraint, Strategy strategy, int count, int maxLength, long seed) {
        if (prime.length == 0) throw new IllegalArgumentException("A prime needs at least the start token");
        Random random = new Random(seed);
        Stepper stepper = Stepper.of(net, count).orElse(null);
        Steps steps = stepper != null ? new Stepped(stepper) : new Networked(net, vocab, indices);
        float[] probs = steps.prime(prime, count);
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.add(new ArrayList<>());
        boolean[] done = new boolean[count];
        TokenConstraint.State[] rules = new TokenConstraint.State[count];
        if (constraint != null) for (int i = 0; i < count; i++) {
            rules[i] = constraint.start();
            for (int t : prime) rules[i].accept(t);
        }
        int remaining = count;
        for (int step = 0; step < maxLength && remaining > 0; step++) {
            int[] next = new int[count];
            for (int i = 0; i < count; i++) {
                if (done[i]) { next[i] = end; continue; }
                double[] p = new double[vocab];
                for (int k = 0; k < vocab; k++) p[k] = probs[i * vocab + k];
                for (int f : forbidden) if (f >= 0 && f < p.length) p[f] = 0; // padding, unknown and start never belong inside a tune
                if (step < firstSteps.length) for (int k = 0; k < p.length; k++) if (!firstSteps[step][k]) p[k] = 0;
                if (rules[i] != null) rules[i].mask(p); // the encoding's syntax (and bar lengths)
                int tok = strategy.choose(p, random);
                if (rules[i] != null) rules[i].accept(tok);
                next[i] = tok;
                out.get(i).add(tok);
                if (tok == end) { done[i] = true; remaining--; }
            }
            if (remaining == 0) break;
            probs = steps.feed(next);
        }
        net.rnnClearPreviousState();
        List<int[]> result = new ArrayList<>();
        for (List<Integer> l : out) {
            int[] s = new int[prime.length + l.size()];
            System.arraycopy(prime, 0, s, 0, prime.length);
            for (int k = 0; k < l.size(); k++) s[prime.length + k] = l.get(k);
            result.add(s);
        }
        return result;
    }

    /** The network one step at a time: the prime, then each chosen token; next-token probabilities [n][V] row-major. */
    private interface Steps {
        float[] prime(int[] prime, int n);

        float[] feed(int[] tokens);
    }

    /** Through {@link Stepper}: a fused network's arithmetic without DL4J's per-step overhead (≈3× faster at batch 1). */
    private record Stepped(Stepper stepper) implements Steps {
        public float[] prime(int[] prime, int n) {
            stepper.reset();
            float[] p = null;
            int[] tokens = new int[n];
            for (int t : prime) {
                java.util.Arrays.fill(tokens, t);
                p = stepper.step(tokens);
            }
            return p;
        }

        public float[] feed(int[] tokens) { return stepper.step(tokens); }
    }

    /** Through {@code rnnTimeStep} (DL4J's own LSTM layers, older models): the prime in one call. */
    private record Networked(MultiLayerNetwork net, int vocab, boolean indices) implements Steps {
        public float[] prime(int[] prime, int n) {
            net.rnnClearPreviousState();
            return floats(last(net.rnnTimeStep(input(prime, n, vocab, indices))));
        }

        public float[] feed(int[] tokens) { return floats(last(net.rnnTimeStep(step(tokens, vocab, indices)))); }

        private static float[] floats(INDArray probs) { return probs.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat(); }
    }

    /** The prime, repeated for every sample: one-hot [n, V, T] or indices [n, 1, T]. */
    private static INDArray input(int[] prime, int n, int vocab, boolean indices) {
        int t = prime.length;
        if (indices) {
            float[] a = new float[n * t];
            for (int i = 0; i < n; i++) for (int k = 0; k < t; k++) a[i * t + k] = prime[k];
            return Nd4j.create(a, new long[]{n, 1, t}, 'c');
        }
        float[] a = new float[n * vocab * t];
        for (int i = 0; i < n; i++) for (int k = 0; k < t; k++) a[(i * vocab + prime[k]) * t + k] = 1f;
        return Nd4j.create(a, new long[]{n, vocab, t}, 'c');
    }

    private static INDArray step(int[] tokens, int vocab, boolean indices) {
        int n = tokens.length;
        if (indices) {
            float[] a = new float[n];
            for (int i = 0; i < n; i++) a[i] = tokens[i];
            return Nd4j.create(a, new long[]{n, 1, 1}, 'c');
        }
        float[] a = new float[n * vocab];
        for (int i = 0; i < n; i++) a[i * vocab + tokens[i]] = 1f;
        return Nd4j.create(a, new long[]{n, vocab, 1}, 'c');
    }

    /** Probabilities at the last time step, [n, V]. */
    private static INDArray last(INDArray out) {
        if (out.rank() == 2) return out;
        return out.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(out.size(2) - 1));
    }
}
