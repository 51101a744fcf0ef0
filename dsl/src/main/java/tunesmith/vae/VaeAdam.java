package tunesmith.vae;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;
import tunesmith.kernel.NativeFloats;
import tunesmith.kernel.Workers;

/**
 * A training step's update of every weight: the global L2 norm of the gradients clipped, then Adam,
 * in one pass per array over plain float chunks (loops the JIT vectorises) split over the kernel
 * threads. It replaced a clip op and ND4J's Adam op per array, 3-4% of a batch (perf). The
 * arithmetic is ND4J's (AdamUpdater: float, in its order), so the weights match within float
 * rounding; the moments are the updaters' own arrays, which are saved with the model.
 */
final class VaeAdam {

    /** Elements a pass copies into Java arrays at a time: small enough to stay in the L1 cache. */
    private static final int CHUNK = 2048;

    private final Adam config;
    private final List<NativeFloats[]> arrays; // per weight: weight, gradient, first moment, second moment

    VaeAdam(VaeNet net, Map<String, AdamUpdater> updaters) {
        this.config = (Adam) updaters.values().iterator().next().getConfig();
        this.arrays = net.names().stream().map(n -> new NativeFloats[]{
                NativeFloats.of(net.param(n)), NativeFloats.of(net.grad(n)), NativeFloats.of(updaters.get(n).getM()), NativeFloats.of(updaters.get(n).getV())}).toList();
    }

    /** The L2 norm of all gradients together, summed in double (chunk by chunk, so alike on any number of threads). */
    double gradientNorm() {
        int chunks = 0;
        for (NativeFloats[] a : arrays) chunks += chunks(a[1]);
        double[] sums = new double[chunks];
        Workers.split(parts(), (p, ps) -> {
            float[] x = new float[CHUNK];
            int k = 0;
            for (NativeFloats[] a : arrays) {
                NativeFloats g = a[1];
                for (int c = 0, n = chunks(g); c < n; c++, k++) {
                    if (k % ps != p) continue;
                    int from = c * CHUNK, len = (int) Math.min(CHUNK, g.length - from);
                    g.buf.get(from, x, 0, len);
                    double sq = 0;
                    for (int i = 0; i < len; i++) { double v = x[i]; sq += v * v; }
                    sums[k] = sq;
                }
            }
        });
        double sq = 0;
        for (double s : sums) sq += s;
        return Math.sqrt(sq);
    }

    /**
     * Scales the gradients to a global norm of {@code clip} when above it, then one Adam step at
     * batch count {@code iteration}: as ND4J's gradient.muli(scale), AdamUpdater.applyUpdater, weight.subi.
     */
    void step(double clip, long iteration, int epoch) {
        double norm = gradientNorm();
        float scale = norm > clip ? (float) (clip / norm) : 1f;
        float lr = (float) config.getLearningRate((int) iteration, epoch);
        float beta1 = (float) config.getBeta1(), beta2 = (float) config.getBeta2(), eps = (float) config.getEpsilon();
        float it = (int) iteration;
        float beta1T = (float) Math.pow(beta1, it + 1), beta2T = (float) Math.pow(beta2, it + 1);
        float stepSize = (float) (lr * (float) Math.sqrt((float) (1. - beta2T)) / (1.0 - beta1T));
        if (Float.isNaN(stepSize) || Float.isInfinite(stepSize) || stepSize == 0) stepSize = eps;
        float alpha = stepSize;
        Workers.split(parts(), (p, ps) -> {
            float[] w = new float[CHUNK], g = new float[CHUNK], m = new float[CHUNK], v = new float[CHUNK];
            int k = 0;
            for (NativeFloats[] a : arrays)
                for (int c = 0, n = chunks(a[0]); c < n; c++, k++) {
                    if (k % ps != p) continue;
                    int from = c * CHUNK, len = (int) Math.min(CHUNK, a[0].length - from);
                    a[0].buf.get(from, w, 0, len);
                    a[1].buf.get(from, g, 0, len);
                    a[2].buf.get(from, m, 0, len);
                    a[3].buf.get(from, v, 0, len);
                    if (scale != 1f) for (int i = 0; i < len; i++) g[i] *= scale;
                    adam(w, g, m, v, len, beta1, beta2, alpha, eps);
                    a[0].buf.put(from, w, 0, len);
                    a[2].buf.put(from, m, 0, len);
                    a[3].buf.put(from, v, 0, len);
                }
        });
    }

    /** Adam on one chunk, in ND4J's float expressions (libnd4j adamUpdater) and the weight's subi. */
    private static void adam(float[] w, float[] g, float[] m, float[] v, int n, float beta1, float beta2, float alpha, float eps) {
        float c1 = 1 - beta1, c2 = 1 - beta2;
        for (int i = 0; i < n; i++) {
            float mi = beta1 * m[i] + g[i] * c1, vi = beta2 * v[i] + g[i] * g[i] * c2;
            m[i] = mi;
            v[i] = vi;
            w[i] = w[i] - (mi * alpha) / ((float) Math.sqrt(vi) + eps);
        }
    }

    private static int chunks(NativeFloats a) { return (int) ((a.length + CHUNK - 1) / CHUNK); }

    private static int parts() { return Workers.threads(); }
}
