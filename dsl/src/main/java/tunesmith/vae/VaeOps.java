package tunesmith.vae;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import tunesmith.sample.Strategy;

/**
 * What a trained VAE computes, through its engine ({@link VaeNet}): μ of excerpts, teacher-forced
 * metrics, and step-by-step decoding. Excerpts are batched by length, so no batch runs padded steps.
 */
final class VaeOps {

    private VaeOps() {}

    /** Excerpts per forward pass in evaluation and decoding. */
    static final int BATCH = 128;

    /** Sums over a set of excerpts, z = μ. */
    record Sums(double recon, double kl, long tokens, long excerpts, long correctSteps, long steps) {
        Sums plus(Sums o) {
            return new Sums(recon + o.recon, kl + o.kl, tokens + o.tokens, excerpts + o.excerpts, correctSteps + o.correctSteps, steps + o.steps);
        }

        double reconPerToken() { return tokens == 0 ? Double.NaN : recon / tokens; }

        double klPerExcerpt() { return excerpts == 0 ? Double.NaN : kl / excerpts; }

        double accuracy() { return steps == 0 ? Double.NaN : correctSteps / (double) steps; }
    }

    /**
     * The excerpts in batches of up to {@link #BATCH} of one length each (no padded steps; the
     * hierarchical decoder needs it), shortest first; each batch as indices into {@code excerpts}.
     */
    private static List<int[]> batches(List<Excerpt> excerpts) {
        List<Integer> order = VaeNet.byLength(excerpts);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < order.size(); ) {
            int len = excerpts.get(order.get(i)).length(), j = i;
            while (j < order.size() && j - i < BATCH && excerpts.get(order.get(j)).length() == len) j++;
            out.add(order.subList(i, j).stream().mapToInt(Integer::intValue).toArray());
            i = j;
        }
        return out;
    }

    private static List<Excerpt> pick(List<Excerpt> excerpts, int[] idx) {
        List<Excerpt> out = new ArrayList<>(idx.length);
        for (int i : idx) out.add(excerpts.get(i));
        return out;
    }

    static float[][] mu(VaeState s, List<Excerpt> excerpts) {
        float[][] out = new float[excerpts.size()][];
        synchronized (s) {
            for (int[] idx : batches(excerpts)) {
                float[][] mu = s.net.mu(pick(excerpts, idx));
                for (int k = 0; k < idx.length; k++) out[idx[k]] = mu[k];
            }
        }
        return out;
    }

    /** Reconstruction NLL and KL with z = μ, and teacher-forced accuracy over the 16th steps (the meter token not counted). */
    static Sums teacherForced(VaeState s, List<Excerpt> excerpts) {
        Sums total = new Sums(0, 0, 0, 0, 0, 0);
        synchronized (s) {
            for (int[] idx : batches(excerpts)) {
                VaeNet.Out o = s.net.forward(pick(excerpts, idx), null, 0);
                total = total.plus(new Sums(o.recon(), o.kl(), o.tokens(), idx.length, o.correct(), o.steps()));
            }
        }
        return total;
    }

    /**
     * Decodes each z step by step through the shared sampling loop: a meter token, then grid steps
     * for exactly {@code bars} bars of that meter, each chosen by the strategy (greedy: the likeliest).
     */
    static List<Excerpt> decode(VaeState s, float[][] z, Strategy strategy, Random random) {
        List<Excerpt> out = new ArrayList<>();
        synchronized (s) {
            for (int i = 0; i < z.length; i += BATCH) out.addAll(s.net.decode(Arrays.copyOfRange(z, i, Math.min(z.length, i + BATCH)), strategy, random));
        }
        return out;
    }

    /** Each excerpt's μ decoded greedily: the reconstructions, in the order of {@code excerpts}. */
    static List<Excerpt> reconstructions(VaeState s, List<Excerpt> excerpts) { return decode(s, mu(s, excerpts), Strategy.greedy(), null); }

    /**
     * Free-running reconstruction accuracy of {@code back} (the reconstructions of {@code excerpts}), step
     * by step over each excerpt's own length, and the share of excerpts whose meter came back.
     */
    static double[] sampled(List<Excerpt> excerpts, List<Excerpt> back) {
        long correct = 0, total = 0, meters = 0;
        for (int i = 0; i < excerpts.size(); i++) {
            Excerpt a = excerpts.get(i), b = back.get(i);
            if (a.meterClass() == b.meterClass()) meters++;
            for (int t = 0; t < a.length(); t++) { if (t < b.length() && a.step(t) == b.step(t)) correct++; total++; }
        }
        return new double[]{total == 0 ? Double.NaN : correct / (double) total, excerpts.isEmpty() ? Double.NaN : meters / (double) excerpts.size()};
    }

    /**
     * The trivial baselines on the steps {@link #teacherForced} scores (every 16th step, the meter token
     * not counted): the share of steps whose target is hold ("always hold"), and the share equal to the
     * step before ("repeat the previous step"; the first step follows the meter token, so it never is).
     */
    static double[] baselines(List<Excerpt> excerpts) {
        long hold = 0, repeat = 0, total = 0;
        for (Excerpt a : excerpts)
            for (int t = 0; t < a.length(); t++) {
                if (a.step(t) == tunesmith.encode.MelodyGrid.HOLD) hold++;
                if (t > 0 && a.step(t) == a.step(t - 1)) repeat++;
                total++;
            }
        return new double[]{total == 0 ? Double.NaN : hold / (double) total, total == 0 ? Double.NaN : repeat / (double) total};
    }
}
