package tunesmith.vae;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** What a trained VAE computes: μ of excerpts, teacher-forced metrics, and step-by-step decoding. */
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

    static float[][] mu(VaeState s, List<Slice> slices) {
        float[][] out = new float[slices.size()][];
        for (int i = 0; i < slices.size(); i += BATCH) {
            List<Slice> part = slices.subList(i, Math.min(slices.size(), i + BATCH));
            INDArray mu = s.graph.output(VaeBatch.inputs(part, s.config), VaeGraph.MU).get(VaeGraph.MU);
            for (int k = 0; k < part.size(); k++) out[i + k] = mu.getRow(k).toFloatVector();
        }
        return out;
    }

    /** Reconstruction NLL and KL with z = μ, and teacher-forced accuracy over the 16th steps (the meter token not counted). */
    static Sums teacherForced(VaeState s, List<Slice> slices) {
        Sums total = new Sums(0, 0, 0, 0, 0, 0);
        int t = VaeGraph.length(s.config), g = VaeData.grid(s.config).classes();
        for (int i = 0; i < slices.size(); i += BATCH) {
            List<Slice> part = slices.subList(i, Math.min(slices.size(), i + BATCH));
            Map<String, INDArray> ph = VaeBatch.placeholders(part, s.config, null, 0);
            Map<String, INDArray> out = s.graph.output(ph, VaeGraph.LOGITS, VaeGraph.RECON, VaeGraph.KL);
            INDArray best = Nd4j.argMax(out.get(VaeGraph.LOGITS), 1); // [B*T]
            long correct = 0, steps = 0;
            for (int k = 0; k < part.size(); k++) {
                int[] tok = VaeBatch.tokens(part.get(k), g);
                for (int j = 1; j < tok.length; j++) { if (best.getInt(k * t + j) == tok[j]) correct++; steps++; }
            }
            VaeTrainer.collectIfNeeded();
            total = total.plus(new Sums(out.get(VaeGraph.RECON).getDouble(0), out.get(VaeGraph.KL).getDouble(0), VaeBatch.tokenCount(part),
                    part.size(), correct, steps));
        }
        return total;
    }

    /**
     * Decodes each z step by step (the decoder's state carried, never the prefix re-run): first a
     * meter token, then grid steps for exactly {@code bars} bars of that meter. Greedy when
     * {@code random} is null, else sampled from the softmax at the temperature.
     */
    static List<Slice> decode(VaeState s, SameDiff step, float[][] z, double temperature, Random random) {
        List<Slice> out = new ArrayList<>();
        for (int i = 0; i < z.length; i += BATCH) {
            float[][] part = java.util.Arrays.copyOfRange(z, i, Math.min(z.length, i + BATCH));
            out.addAll(decodeBatch(s, step, part, temperature, random));
        }
        return out;
    }

    private static List<Slice> decodeBatch(VaeState s, SameDiff step, float[][] zs, double temperature, Random random) {
        VaeConfig c = s.config;
        int b = zs.length, v = VaeGraph.vocab(c), g = VaeData.grid(c).classes(), meters = Meters.CLASSES.size();
        INDArray z = Nd4j.create(zs).castTo(DataType.FLOAT);
        if (z.columns() != c.latent())
            throw new IllegalArgumentException("decode: vectors of length " + z.columns() + ", this model's latent space has " + c.latent() + " dimensions");
        INDArray h = Transforms.tanh(z.mmul(s.weight("h0_W")).addRowVector(s.weight("h0_b")), false);
        INDArray cell = Transforms.tanh(z.mmul(s.weight("c0_W")).addRowVector(s.weight("c0_b")), false);
        INDArray in = Nd4j.zeros(DataType.FLOAT, b, v);
        int[] meter = new int[b];
        int[][] steps = new int[b][];
        int longest = c.bars() * Meters.maxBarSteps();
        for (int t = 0; t <= longest; t++) {
            Map<String, INDArray> ph = new HashMap<>();
            ph.put(VaeGraph.IN, in);
            ph.put(VaeGraph.Z, z);
            ph.put(VaeGraph.H, h);
            ph.put(VaeGraph.C, cell);
            Map<String, INDArray> o = step.output(ph, VaeGraph.STEP_LOGITS, VaeGraph.HL, VaeGraph.CL);
            INDArray logits = o.get(VaeGraph.STEP_LOGITS);
            h = o.get(VaeGraph.HL);
            cell = o.get(VaeGraph.CL);
            in = Nd4j.zeros(DataType.FLOAT, b, v);
            VaeTrainer.collectIfNeeded();
            for (int k = 0; k < b; k++) {
                // the meter token first, then grid classes only: every decoded excerpt is readable
                int from = t == 0 ? g : 0, to = t == 0 ? g + meters : g;
                int tok = choose(logits.getRow(k).toFloatVector(), from, to, temperature, random);
                if (t == 0) { meter[k] = tok - g; steps[k] = new int[c.bars() * Meters.barSteps(meter[k])]; }
                else if (t - 1 < steps[k].length) steps[k][t - 1] = tok;
                in.putScalar(k, tok, 1f);
            }
        }
        List<Slice> out = new ArrayList<>();
        for (int k = 0; k < b; k++) out.add(new Slice(meter[k], steps[k]));
        return out;
    }

    private static int choose(float[] logits, int from, int to, double temperature, Random random) {
        if (random == null) {
            int best = from;
            for (int j = from + 1; j < to; j++) if (logits[j] > logits[best]) best = j;
            return best;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int j = from; j < to; j++) max = Math.max(max, logits[j] / temperature);
        double[] p = new double[to - from];
        double sum = 0;
        for (int j = from; j < to; j++) { p[j - from] = Math.exp(logits[j] / temperature - max); sum += p[j - from]; }
        double u = random.nextDouble() * sum;
        for (int j = 0; j < p.length; j++) { u -= p[j]; if (u <= 0) return from + j; }
        return to - 1;
    }

    /** Free-running reconstruction accuracy: each excerpt's μ decoded greedily, compared step by step over its own length. */
    static double[] sampled(VaeState s, SameDiff step, List<Slice> slices) {
        float[][] mu = mu(s, slices);
        List<Slice> back = decode(s, step, mu, 1, null);
        long correct = 0, total = 0, meters = 0;
        for (int i = 0; i < slices.size(); i++) {
            Slice a = slices.get(i), b = back.get(i);
            if (a.meterClass() == b.meterClass()) meters++;
            for (int t = 0; t < a.length(); t++) { if (t < b.length() && a.step(t) == b.step(t)) correct++; total++; }
        }
        return new double[]{total == 0 ? Double.NaN : correct / (double) total, slices.isEmpty() ? Double.NaN : meters / (double) slices.size()};
    }
}
