package tunesmith.vae;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The VAE's trainable arrays: names, shapes and the order they are saved in, and their seeded
 * initial values. Tokens: the grid's classes, then one per meter class; an excerpt is its meter
 * token and its steps. The LSTM arrays are in SameDiff lstmLayer's layout (W [in, 4H], RW [H, 4H],
 * b [4H], gate blocks i|f|g|o), the layout files written by the first, SameDiff-trained models hold.
 * The hierarchical decoder ({@link VaeConfig#conductorUnits()} above 0) adds the conductor's arrays
 * ("cond_*", the same layout) and conditions the bottom decoder on a bar's embedding instead of z.
 */
final class VaeParams {

    private VaeParams() {}

    /** Input tokens: grid classes, then meter classes. */
    static int vocab(VaeConfig c) { return VaeData.grid(c).classes() + Meters.CLASSES.size(); }

    /** The most steps of an excerpt: the meter token and the longest meter's bars. */
    static int length(VaeConfig c) { return 1 + c.bars() * Meters.maxBarSteps(); }

    /** Names and shapes of the trainable arrays, in a fixed order (the order they are saved in). */
    static Map<String, long[]> shapes(VaeConfig c) {
        int v = vocab(c), he = c.encoderUnits(), hd = c.decoderUnits(), z = c.latent(), cu = c.conductorUnits();
        int cond = cu > 0 ? cu : z; // what each decoder step is conditioned on: z, or its bar's embedding
        Map<String, long[]> m = new LinkedHashMap<>();
        for (String d : List.of("encF", "encB")) {
            m.put(d + "_W", new long[]{v, 4L * he});
            m.put(d + "_RW", new long[]{he, 4L * he});
            m.put(d + "_b", new long[]{4L * he});
        }
        m.put("mu_W", new long[]{2L * he, z});
        m.put("mu_b", new long[]{z});
        m.put("lv_W", new long[]{2L * he, z});
        m.put("lv_b", new long[]{z});
        if (cu > 0) { // the conductor: initial state from z, no input, one output per bar
            m.put("cond_h0_W", new long[]{z, cu});
            m.put("cond_h0_b", new long[]{cu});
            m.put("cond_c0_W", new long[]{z, cu});
            m.put("cond_c0_b", new long[]{cu});
            m.put("cond_RW", new long[]{cu, 4L * cu});
            m.put("cond_b", new long[]{4L * cu});
        }
        m.put("h0_W", new long[]{cond, hd});
        m.put("h0_b", new long[]{hd});
        m.put("c0_W", new long[]{cond, hd});
        m.put("c0_b", new long[]{hd});
        m.put("dec_W", new long[]{v + cond, 4L * hd});
        m.put("dec_RW", new long[]{hd, 4L * hd});
        m.put("dec_b", new long[]{4L * hd});
        m.put("out_W", new long[]{hd, v});
        m.put("out_b", new long[]{v});
        return m;
    }

    /** Fresh weights: Xavier-uniform matrices (log σ² ten times smaller, so σ starts near 1), zero biases; seeded. */
    static Map<String, INDArray> initial(VaeConfig c) {
        Random r = new Random(c.seed());
        Map<String, INDArray> out = new LinkedHashMap<>();
        shapes(c).forEach((name, shape) -> {
            int n = 1;
            for (long d : shape) n *= (int) d;
            float[] w = new float[n];
            if (shape.length == 2) {
                double a = Math.sqrt(6.0 / (shape[0] + shape[1])) * (name.startsWith("lv_") ? 0.1 : 1.0);
                for (int i = 0; i < n; i++) w[i] = (float) ((r.nextDouble() * 2 - 1) * a);
            }
            out.put(name, Nd4j.create(w, shape, 'c'));
        });
        return out;
    }
}
