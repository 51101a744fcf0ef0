package tunesmith.vae;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import tunesmith.corpus.Corpus;
import tunesmith.kernel.BlasThreads;

/**
 * Training speed and native memory of the VAE on the folk corpora, default config: the engine
 * (batches of one length, as {@link VaeTrainer} cuts them; then batches of mixed lengths) against
 * the SameDiff graph it replaced (its old training step: gradients, global-norm clip, Adam, arrays
 * freed). Run by {@code bench/musicvae-speed.sh [ENGINE_BATCHES] [SAMEDIFF_BATCHES]}; a benchmark, not a
 * test: it lives in bench/src, compiled with the tests (dsl/pom.xml) for the engine's package-private parts.
 */
public final class VaeSpeed {

    public static void main(String[] a) {
        int engineBatches = a.length > 0 ? Integer.parseInt(a[0]) : 1000, sdBatches = a.length > 1 ? Integer.parseInt(a[1]) : 20;
        VaeConfig c = VaeConfig.DEFAULTS;
        Corpus folk = Corpus.load("oneills").plus(Corpus.load("ryans")).plus(Corpus.load("nottingham"));
        VaeData data = new MusicVaeBuilder(c).data(folk);
        System.out.println(data + "\n" + c.toText());
        List<List<Excerpt>> bucketed = new ArrayList<>();
        for (int e = 1; bucketed.size() < engineBatches; e++) bucketed.addAll(VaeTrainer.batches(data.train(), c.batch(), c.seed(), e));
        List<Excerpt> shuffled = new ArrayList<>(data.train());
        Collections.shuffle(shuffled, new Random(1));
        List<List<Excerpt>> mixed = new ArrayList<>();
        for (int i = 0; i + c.batch() <= shuffled.size(); i += c.batch()) mixed.add(shuffled.subList(i, i + c.batch()));

        BlasThreads.with(BlasThreads.training(), () -> {
            engine("engine, one-length batches", c, bucketed.subList(0, engineBatches), 100);
            engine("engine, mixed-length batches", c, mixed.subList(0, Math.min(mixed.size(), Math.max(100, engineBatches / 5))), 100);
            return null;
        });
        sameDiff(c, mixed.subList(0, sdBatches));
    }

    private static void engine(String what, VaeConfig c, List<List<Excerpt>> batches, int every) {
        VaeState s = VaeState.fresh(c, Map.of());
        for (int i = 0; i < 5; i++) VaeTrainer.step(s, batches.get(i), 0.1); // warm-up: buffers, JIT
        System.gc();
        System.out.printf(Locale.ROOT, "%s: %d batches of %d, OpenBLAS %d threads; native memory before: resident %,d MB, JavaCPP %,d MB%n", what,
                batches.size(), c.batch(), Nd4j.factory().blas().getMaxThreads(), Pointer.physicalBytes() >> 20, Pointer.totalBytes() >> 20);
        long t0 = System.nanoTime(), tokens = 0, tWin = t0, tokWin = 0;
        for (int i = 0; i < batches.size(); i++) {
            VaeTrainer.step(s, batches.get(i), c.betaAt(s.iteration));
            long n = VaeBatch.tokenCount(batches.get(i));
            tokens += n;
            tokWin += n;
            if ((i + 1) % every == 0) {
                long now = System.nanoTime();
                System.out.printf(Locale.ROOT, "  batch %5d: %,8.0f tokens/s (last %d), resident %,d MB, JavaCPP %,d MB%n", i + 1, tokWin / ((now - tWin) / 1e9),
                        every, Pointer.physicalBytes() >> 20, Pointer.totalBytes() >> 20);
                tWin = now;
                tokWin = 0;
            }
        }
        double sec = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %,d tokens in %.1f s = %,.0f tokens/s (%.1f ms a batch)%n", what, tokens, sec, tokens / sec, 1000 * sec / batches.size());
    }

    /** The training step SameDiff took before the engine (VaeTrainer's, as it was). */
    private static void sameDiff(VaeConfig c, List<List<Excerpt>> batches) {
        Map<String, INDArray> w = VaeParams.initial(c);
        SameDiff sd = VaeGraph.training(c, w);
        Map<String, AdamUpdater> updaters = new LinkedHashMap<>();
        Adam adam = new Adam(new ExponentialSchedule(ScheduleType.ITERATION, c.learningRate(), c.decay()));
        for (String n : w.keySet()) {
            AdamUpdater u = new AdamUpdater(adam);
            u.setState(Map.of(AdamUpdater.M_STATE, Nd4j.zerosLike(w.get(n)), AdamUpdater.V_STATE, Nd4j.zerosLike(w.get(n))), false);
            updaters.put(n, u);
        }
        System.gc();
        System.out.printf(Locale.ROOT, "SameDiff: %d batches of %d (padded to %d steps), OpenBLAS %d threads; resident %,d MB before%n", batches.size(), c.batch(),
                VaeParams.length(c), Nd4j.factory().blas().getMaxThreads(), Pointer.physicalBytes() >> 20);
        long t0 = 0, tokens = 0;
        java.io.PrintStream out = System.out;
        for (int i = 0; i < batches.size(); i++) {
            if (i == 2) t0 = System.nanoTime(); // the first two build the gradient graph
            List<Excerpt> batch = batches.get(i);
            Map<String, INDArray> ph = VaeGraph.placeholders(batch, c, VaeTrainer.noise(c, i, batch.size()), c.betaAt(i));
            if (i == 0) System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            OutAndGrad og = sd.calculateGradientsAndOutputs(ph, List.of(VaeGraph.LOSS), updaters.keySet());
            System.setOut(out);
            double sq = 0;
            for (INDArray g : og.getGradients().values()) { double n = g.norm2Number().doubleValue(); sq += n * n; }
            double scale = Math.sqrt(sq) > c.clip() ? c.clip() / Math.sqrt(sq) : 1;
            for (Map.Entry<String, INDArray> e : og.getGradients().entrySet()) {
                if (scale != 1) e.getValue().muli(scale);
                updaters.get(e.getKey()).applyUpdater(e.getValue(), i, 0);
                sd.getVariable(e.getKey()).getArr().subi(e.getValue());
            }
            for (INDArray x : og.getGradients().values()) if (x.closeable()) x.close();
            for (INDArray x : og.getOutputs().values()) if (x.closeable()) x.close();
            for (INDArray x : ph.values()) if (x.closeable()) x.close();
            if (i >= 2) tokens += VaeBatch.tokenCount(batch);
            System.out.printf(Locale.ROOT, "  batch %3d: resident %,d MB, JavaCPP %,d MB%n", i + 1, Pointer.physicalBytes() >> 20, Pointer.totalBytes() >> 20);
        }
        double sec = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "SameDiff: %,d tokens in %.1f s = %,.0f tokens/s (%.0f ms a batch)%n", tokens, sec, tokens / sec, 1000 * sec / (batches.size() - 2));
    }
}
