package tunesmith.vae;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import tunesmith.corpus.Corpus;
import tunesmith.kernel.BlasThreads;

/**
 * The VAE's side of the PyTorch comparison (bench/pytorch/music_vae.py, bench/model-speed.sh):
 * exports the excerpts and batches the engine trains on, and times the engine on exactly those
 * exported batches, read back from the files, so both sides see the same data.
 *
 * <pre>
 * export DIR [BATCHES] [EPOCHS]         the folk corpora's excerpts (default config) and batch plans
 * speed DIR SECONDS THREADS [one|mixed] training tokens/s after VaeSpeed's warm-up (5 batches, β 0.1)
 * loss DIR TARGET BUDGET THREADS [EVAL] train until the valid reconstruction NLL/token reaches TARGET or BUDGET s pass
 * </pre>
 *
 * Tokens are counted as {@link VaeSpeed} counts them ({@link VaeBatch#tokenCount}: the meter token and
 * every grid step of each excerpt). Inside the clock: the engine's whole step (tokens, forward, backward,
 * global-norm clip, Adam), nothing else; the loss mode's clock stops while validating.
 */
public final class VaeReference {

    public static void main(String[] a) throws IOException {
        if (a.length < 2) throw new IllegalArgumentException("usage: export DIR [BATCHES] [EPOCHS] | speed DIR SECONDS THREADS [one|mixed] | loss DIR TARGET BUDGET THREADS [EVAL]");
        Path dir = Path.of(a[1]);
        switch (a[0]) {
            case "export" -> export(dir, a.length > 2 ? Integer.parseInt(a[2]) : 1000, a.length > 3 ? Integer.parseInt(a[3]) : 30);
            case "speed" -> speed(dir, Double.parseDouble(a[2]), Integer.parseInt(a[3]), a.length > 4 ? a[4] : "one");
            case "loss" -> loss(dir, Double.parseDouble(a[2]), Double.parseDouble(a[3]), Integer.parseInt(a[4]), a.length > 5 ? Integer.parseInt(a[5]) : 500);
            default -> throw new IllegalArgumentException("unknown mode " + a[0] + ": expected export, speed or loss");
        }
    }

    /**
     * train.txt / valid.txt: one excerpt a line, its tokens (meter token, then steps) as the engine
     * reads them; valid.txt holds the excerpts VaeTrainer validates on (the first 2,048).
     * speed-one.txt: VaeSpeed's one-length batches (VaeTrainer.batches of epochs 1, 2, ...), one a line,
     * as indices into train.txt; speed-mixed.txt: its mixed-length ones. epochs.txt: "epoch i i i ..."
     * per batch, VaeTrainer's plan of epochs 1..EPOCHS. config.json: the config and sizes.
     */
    static void export(Path dir, int speedBatches, int epochs) throws IOException {
        VaeConfig c = VaeConfig.DEFAULTS;
        Corpus folk = Corpus.load("oneills").plus(Corpus.load("ryans")).plus(Corpus.load("nottingham"));
        VaeData data = new MusicVaeBuilder(c).data(folk);
        Files.createDirectories(dir);
        int grid = VaeData.grid(c).classes();
        List<Excerpt> train = data.train(), valid = data.valid().subList(0, Math.min(data.valid().size(), VaeTrainer.VALID_SAMPLE));
        Files.write(dir.resolve("train.txt"), train.stream().map(x -> line(VaeBatch.tokens(x, grid))).toList());
        Files.write(dir.resolve("valid.txt"), valid.stream().map(x -> line(VaeBatch.tokens(x, grid))).toList());
        Map<Excerpt, Integer> index = new java.util.IdentityHashMap<>();
        for (int i = 0; i < train.size(); i++) index.put(train.get(i), i);
        List<String> one = new ArrayList<>();
        for (int e = 1; one.size() < speedBatches; e++)
            for (List<Excerpt> b : VaeTrainer.batches(train, c.batch(), c.seed(), e)) if (one.size() < speedBatches) one.add(indices(b, index));
        Files.write(dir.resolve("speed-one.txt"), one);
        Files.write(dir.resolve("speed-mixed.txt"), mixed(train, c).stream().map(b -> indices(b, index)).toList());
        List<String> plan = new ArrayList<>();
        for (int e = 1; e <= epochs; e++)
            for (List<Excerpt> b : VaeTrainer.batches(train, c.batch(), c.seed(), e)) plan.add(e + " " + indices(b, index));
        Files.write(dir.resolve("epochs.txt"), plan);
        long params = VaeState.fresh(c, Map.of()).parameters();
        Files.writeString(dir.resolve("config.json"), String.format(Locale.ROOT, """
                {"latent": %d, "encoder_units": %d, "decoder_units": %d, "beta": %s, "beta_rate": %s, "free_nats": %s,
                 "learning_rate": %s, "decay": %s, "clip": %s, "batch": %d, "seed": %d, "grid_classes": %d, "meter_classes": %d,
                 "vocab": %d, "max_length": %d, "java_parameters": %d, "train_excerpts": %d, "valid_excerpts": %d, "epochs": %d}
                """, c.latent(), c.encoderUnits(), c.decoderUnits(), c.beta(), c.betaRate(), c.freeNats(), c.learningRate(), c.decay(), c.clip(),
                c.batch(), c.seed(), grid, Meters.CLASSES.size(), VaeParams.vocab(c), VaeParams.length(c), params, train.size(), valid.size(), epochs));
        System.out.printf(Locale.ROOT, "%s%n%s%nexported to %s: %,d train excerpts (%,d tokens), %,d valid, %d speed batches, %d epochs planned; Java parameters %,d%n",
                data, c.toText(), dir, train.size(), VaeBatch.tokenCount(train), valid.size(), one.size(), epochs, params);
    }

    /** VaeSpeed's mixed-length batches: the training excerpts shuffled with Random(1), cut in order. */
    static List<List<Excerpt>> mixed(List<Excerpt> train, VaeConfig c) {
        List<Excerpt> shuffled = new ArrayList<>(train);
        Collections.shuffle(shuffled, new Random(1));
        List<List<Excerpt>> out = new ArrayList<>();
        for (int i = 0; i + c.batch() <= shuffled.size(); i += c.batch()) out.add(shuffled.subList(i, i + c.batch()));
        return out;
    }

    private static String line(int[] tokens) { return java.util.Arrays.stream(tokens).mapToObj(Integer::toString).collect(Collectors.joining(" ")); }

    private static String indices(List<Excerpt> batch, Map<Excerpt, Integer> index) {
        return batch.stream().map(x -> Integer.toString(index.get(x))).collect(Collectors.joining(" "));
    }

    // ---- reading an export back -----------------------------------------------------------------------

    private static List<Excerpt> excerpts(Path file, int grid) {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank())
                    .map(l -> VaeBatch.fromTokens(java.util.Arrays.stream(l.trim().split(" ")).mapToInt(Integer::parseInt).toArray(), grid)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (run: VaeReference export DIR)", e);
        }
    }

    /** Batches of a file of index lines; {@code skip} leading fields per line (the epoch of epochs.txt). */
    private static List<List<Excerpt>> batches(Path file, List<Excerpt> train, int skip, List<Integer> epochOf) throws IOException {
        List<List<Excerpt>> out = new ArrayList<>();
        for (String l : Files.readAllLines(file)) {
            if (l.isBlank()) continue;
            String[] f = l.trim().split(" ");
            List<Excerpt> b = new ArrayList<>();
            for (int i = skip; i < f.length; i++) b.add(train.get(Integer.parseInt(f[i])));
            out.add(b);
            if (epochOf != null) epochOf.add(Integer.parseInt(f[0]));
        }
        return out;
    }

    static void speed(Path dir, double seconds, int threads, String kind) throws IOException {
        VaeConfig c = VaeConfig.DEFAULTS;
        int grid = VaeData.grid(c).classes();
        List<Excerpt> train = excerpts(dir.resolve("train.txt"), grid);
        List<List<Excerpt>> batches = batches(dir.resolve("speed-" + kind + ".txt"), train, 0, null);
        BlasThreads.with(threads, () -> {
            VaeState s = VaeState.fresh(c, Map.of());
            System.out.printf(Locale.ROOT, "java vae: %,d parameters, %d %s-length batches of %d, OpenBLAS %d threads, OMP_NUM_THREADS=%s%n", s.parameters(),
                    batches.size(), kind, c.batch(), org.nd4j.linalg.factory.Nd4j.factory().blas().getMaxThreads(), System.getenv("OMP_NUM_THREADS"));
            for (int i = 0; i < 5; i++) VaeTrainer.step(s, batches.get(i), 0.1); // VaeSpeed's warm-up: buffers, JIT
            long t0 = System.nanoTime(), tokens = 0;
            int n = 0;
            double sec;
            do { // the batches in order from the first, again from the first if the time is not up
                List<Excerpt> b = batches.get(n % batches.size());
                VaeTrainer.step(s, b, c.betaAt(s.iteration));
                tokens += VaeBatch.tokenCount(b);
                n++;
                sec = (System.nanoTime() - t0) / 1e9;
            } while (sec < seconds);
            System.out.printf(Locale.ROOT, "java vae: %,d tokens in %d batches, %.2f s%nRESULT tokens_per_s=%.1f%n", tokens, n, sec, tokens / sec);
            return null;
        });
    }

    static void loss(Path dir, double target, double budget, int threads, int evalEvery) throws IOException {
        VaeConfig c = VaeConfig.DEFAULTS;
        int grid = VaeData.grid(c).classes();
        List<Excerpt> train = excerpts(dir.resolve("train.txt"), grid), valid = excerpts(dir.resolve("valid.txt"), grid);
        List<Integer> epochOf = new ArrayList<>();
        List<List<Excerpt>> plan = batches(dir.resolve("epochs.txt"), train, 1, epochOf);
        double stepsPerExcerpt = VaeBatch.tokenCount(valid) / (double) valid.size();
        BlasThreads.with(threads, () -> {
            VaeState s = VaeState.fresh(c, Map.of());
            System.out.printf(Locale.ROOT, "java vae: %,d parameters, target valid NLL/token %.4f, budget %.0f s, validating every %d batches, OpenBLAS %d threads%n",
                    s.parameters(), target, budget, evalEvery, org.nd4j.linalg.factory.Nd4j.factory().blas().getMaxThreads());
            double clock = 0;
            long tokens = 0;
            long w0 = System.nanoTime();
            for (int i = 0; i < plan.size(); i++) {
                long t0 = System.nanoTime();
                VaeTrainer.step(s, plan.get(i), c.betaAt(s.iteration));
                clock += (System.nanoTime() - t0) / 1e9;
                tokens += VaeBatch.tokenCount(plan.get(i));
                boolean epochEnd = i + 1 == plan.size() || !epochOf.get(i + 1).equals(epochOf.get(i));
                if ((i + 1) % evalEvery == 0 || epochEnd || clock >= budget) {
                    VaeOps.Sums v = VaeOps.teacherForced(s, valid);
                    double objective = v.reconPerToken() + c.beta() * Math.max(0, v.klPerExcerpt() - c.freeNats()) / stepsPerExcerpt;
                    System.out.printf(Locale.ROOT, "EVAL batches=%d epoch=%.3f train_s=%.1f wall_s=%.1f tokens=%d valid_nll=%.4f valid_kl=%.2f valid_objective=%.4f valid_acc=%.4f%n",
                            i + 1, epochOf.get(i) - 1 + fraction(epochOf, i), clock, (System.nanoTime() - w0) / 1e9, tokens, v.reconPerToken(), v.klPerExcerpt(),
                            objective, v.accuracy());
                    if (v.reconPerToken() <= target) { System.out.printf(Locale.ROOT, "RESULT reached=1 train_s=%.1f valid_nll=%.4f%n", clock, v.reconPerToken()); return null; }
                    if (clock >= budget) { System.out.printf(Locale.ROOT, "RESULT reached=0 train_s=%.1f valid_nll=%.4f%n", clock, v.reconPerToken()); return null; }
                }
            }
            System.out.printf(Locale.ROOT, "RESULT reached=0 train_s=%.1f (the exported epochs ran out: export more)%n", clock);
            return null;
        });
    }

    /** How far through its epoch batch i is (for the printed epoch). */
    private static double fraction(List<Integer> epochOf, int i) {
        int e = epochOf.get(i), first = epochOf.indexOf(e), last = epochOf.lastIndexOf(e);
        return (i - first + 1) / (double) (last - first + 1);
    }
}
