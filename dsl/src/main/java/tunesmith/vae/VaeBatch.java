package tunesmith.vae;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Excerpts as the training graph's placeholders: x (one-hot tokens, zero vectors past the end),
 * xin (the same shifted one step right: the decoder's teacher-forced input), labels and mask
 * flattened to [batch·time], ε, β and the free nats.
 */
final class VaeBatch {

    private VaeBatch() {}

    /** The tokens of an excerpt: its meter token, then its steps. */
    static int[] tokens(Slice s, int gridClasses) {
        int[] t = new int[1 + s.length()];
        t[0] = gridClasses + s.meterClass();
        for (int i = 0; i < s.length(); i++) t[i + 1] = s.step(i);
        return t;
    }

    /** The excerpt of tokens: a meter token, then grid steps (the inverse of {@link #tokens}). */
    static Slice fromTokens(int[] tokens, int gridClasses) {
        if (tokens.length < 2 || tokens[0] < gridClasses || tokens[0] >= gridClasses + Meters.CLASSES.size())
            throw new IllegalArgumentException("excerpt tokens must start with a meter token (" + gridClasses + ".." + (gridClasses + Meters.CLASSES.size() - 1)
                    + ") and hold at least one step; got " + java.util.Arrays.toString(tokens));
        int[] steps = new int[tokens.length - 1];
        for (int i = 1; i < tokens.length; i++) {
            if (tokens[i] < 0 || tokens[i] >= gridClasses)
                throw new IllegalArgumentException("token " + tokens[i] + " at position " + i + " is not a grid step (0.." + (gridClasses - 1) + ")");
            steps[i - 1] = tokens[i];
        }
        return new Slice(tokens[0] - gridClasses, steps);
    }

    /** Placeholders for a batch; {@code noise} null gives ε = 0 (z = μ), for evaluation. */
    static Map<String, INDArray> placeholders(List<Slice> slices, VaeConfig c, Random noise, double beta) {
        int b = slices.size(), v = VaeGraph.vocab(c), t = VaeGraph.length(c), g = VaeData.grid(c).classes(), z = c.latent();
        float[] x = new float[b * v * t], xin = new float[b * v * t], labels = new float[b * t * v], mask = new float[b * t], eps = new float[b * z];
        for (int i = 0; i < b; i++) {
            int[] tok = tokens(slices.get(i), g);
            if (tok.length > t)
                throw new IllegalArgumentException("an excerpt of " + (tok.length - 1) + " steps is longer than this model's " + (t - 1) + " (" + c.bars() + " bars)");
            for (int k = 0; k < tok.length; k++) {
                x[(i * v + tok[k]) * t + k] = 1f;
                if (k + 1 < t) xin[(i * v + tok[k]) * t + k + 1] = 1f;
                labels[(i * t + k) * v + tok[k]] = 1f;
                mask[i * t + k] = 1f;
            }
            if (noise != null) for (int k = 0; k < z; k++) eps[i * z + k] = (float) noise.nextGaussian();
        }
        Map<String, INDArray> m = new HashMap<>();
        m.put(VaeGraph.X, Nd4j.create(x, new long[]{b, v, t}, 'c'));
        m.put(VaeGraph.XIN, Nd4j.create(xin, new long[]{b, v, t}, 'c'));
        m.put(VaeGraph.LABELS, Nd4j.create(labels, new long[]{(long) b * t, v}, 'c'));
        m.put(VaeGraph.MASK, Nd4j.create(mask, new long[]{(long) b * t}, 'c'));
        m.put(VaeGraph.EPS, Nd4j.create(eps, new long[]{b, z}, 'c'));
        m.put(VaeGraph.BETA, Nd4j.scalar(DataType.FLOAT, (float) beta));
        m.put(VaeGraph.FREE, Nd4j.scalar(DataType.FLOAT, (float) c.freeBits()));
        return m;
    }

    /** Only x, for encoding. */
    static Map<String, INDArray> inputs(List<Slice> slices, VaeConfig c) {
        Map<String, INDArray> all = placeholders(slices, c, null, 0);
        return Map.of(VaeGraph.X, all.get(VaeGraph.X));
    }

    static long tokenCount(List<Slice> slices) {
        long n = 0;
        for (Slice s : slices) n += 1 + s.length();
        return n;
    }
}
