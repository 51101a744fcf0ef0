package tunesmith.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tunesmith.encode.TokenConstraint;
import tunesmith.sample.Strategy;

/**
 * Generates token sequences note by note: the prime goes through the network once, then each
 * chosen token is fed back with {@code rnnTimeStep}, which keeps the LSTM state, so the prefix
 * is never run again. All samples of a request run side by side as one batch.
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
        net.rnnClearPreviousState();
        INDArray probs = last(net.rnnTimeStep(input(prime, count, vocab, indices)));
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
                double[] p = probs.getRow(i).toDoubleVector();
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
            probs = last(net.rnnTimeStep(step(next, vocab, indices)));
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
