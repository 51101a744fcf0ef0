import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tunesmith.corpus.Corpus;
import tunesmith.latent.EncodedCorpus;
import tunesmith.latent.LatentModel;
import tunesmith.latent.LatentModels;
import tunesmith.latent.LatentSpace;
import tunesmith.latent.LinearLatentModel;
import tunesmith.latent.Projection;
import tunesmith.latent.Tsne;

/**
 * The bar "encoding a whole folk corpus for a projection takes under 30 s on 2 cores": times
 * encoding O'Neill's (2,007 tunes) and all three folk corpora (O'Neill's, Ryan's, Nottingham)
 * through a latent model read from a file, then PCA and t-SNE of the codes, with the load average
 * (other builds share the machine). Reading the ABC is timed apart: it is the corpus's cost, not the model's.
 *
 * <p>Usage: {@code bench/encode-corpus.sh [--model FILE] [--tsne-iterations N] [--out DIR]}. Without
 * {@code --model} it fits the linear PCA baseline on O'Neill's, saves it and reads it back, so the
 * file path is the same as for a trained VAE ({@link LatentModels#load} reads any registered kind).
 */
public class EncodeCorpusBench {

    static final double TARGET_SECONDS = 30;

    public static void main(String[] args) throws Exception {
        Path modelFile = null, out = null;
        Tsne tsne = Tsne.DEFAULTS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> modelFile = Path.of(args[++i]);
                case "--tsne-iterations" -> tsne = tsne.iterations(Integer.parseInt(args[++i]));
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (expected --model FILE, --tsne-iterations N, --out DIR)");
            }
        }
        System.out.printf(Locale.ROOT, "OMP_NUM_THREADS=%s, %d processors, load average before: %s%n", System.getenv("OMP_NUM_THREADS"),
                Runtime.getRuntime().availableProcessors(), load());

        long t0 = System.nanoTime();
        List<Corpus> folk = List.of(Corpus.load("oneills"), Corpus.load("ryans"), Corpus.load("nottingham"));
        int all = folk.stream().mapToInt(Corpus::size).sum();
        System.out.printf(Locale.ROOT, "read %,d tunes of %s in %.1f s (not part of encoding)%n", all, folk.stream().map(Corpus::name).toList(), secs(t0));

        if (modelFile == null) {
            t0 = System.nanoTime();
            LinearLatentModel fitted = LinearLatentModel.fit(folk.get(0).tunes(), 2, 32);
            modelFile = fitted.save(Files.createTempFile("linear-latent", ".tsl"));
            modelFile.toFile().deleteOnExit();
            System.out.printf(Locale.ROOT, "no --model: fitted %s in %.1f s, saved to %s%n", fitted, secs(t0), modelFile);
        }
        t0 = System.nanoTime();
        LatentModel model = LatentModels.load(modelFile);
        LatentSpace space = LatentSpace.of(model);
        System.out.printf(Locale.ROOT, "loaded %s in %.2f s%n", model, secs(t0));

        for (int pass = 1; pass <= 2; pass++) {
            t0 = System.nanoTime();
            double c0 = cpu();
            EncodedCorpus oneills = space.encode(folk.get(0));
            double one = secs(t0), oneCpu = cpu() - c0;
            EncodedCorpus three = oneills;
            for (Corpus c : folk.subList(1, folk.size())) three = three.plus(space.encode(c));
            double total = secs(t0), totalCpu = cpu() - c0;
            System.out.printf(Locale.ROOT, "pass %d (%s): O'Neill's %,d tunes (%,d encoded, %,d refused) in %.2f s (%.2f s CPU); all three %,d tunes (%,d encoded) in %.2f s (%.2f s CPU): %s (target %.0f s)%n",
                    pass, pass == 1 ? "cold" : "warm", folk.get(0).size(), oneills.size(), oneills.skipped().size(), one, oneCpu, all, three.size(), total, totalCpu,
                    total < TARGET_SECONDS ? "MEETS" : "MISSES", TARGET_SECONDS);
            if (pass == 2) maps(space, oneills, three, tsne, out);
        }
        System.out.printf(Locale.ROOT, "load average after: %s%n", load());
    }

    static void maps(LatentSpace space, EncodedCorpus oneills, EncodedCorpus three, Tsne tsne, Path out) {
        List<Projection> shown = new ArrayList<>();
        for (EncodedCorpus c : List.of(oneills, three)) {
            long t0 = System.nanoTime();
            double c0 = cpu();
            Projection pca = c.pca();
            double p = secs(t0), pCpu = cpu() - c0;
            t0 = System.nanoTime();
            c0 = cpu();
            Projection t = c.tsne(tsne);
            double s = secs(t0), sCpu = cpu() - c0;
            System.out.printf(Locale.ROOT, "maps of %,d codes: PCA %.2f s (%.2f s CPU), %s %.1f s (%.1f s CPU)%n", c.size(), p, pCpu, tsne, s, sCpu);
            shown.add(pca);
            shown.add(t);
        }
        if (out != null) {
            for (Projection p : shown) {
                String name = p.method().toLowerCase(Locale.ROOT).replace("-", "") + "-" + p.size();
                p.colorBy("rhythm").writePng(out.resolve(name + "-rhythm.png"));
                p.colorBy("corpus").writePng(out.resolve(name + "-corpus.png"));
            }
            System.out.println("charts written to " + out);
        }
    }

    static double secs(long t0) { return (System.nanoTime() - t0) / 1e9; }

    /** CPU seconds of the whole JVM (all threads, GC and JIT): on a shared machine it says what the work costs, where wall time says how busy the machine was. */
    static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    static double cpu() { return OS.getProcessCpuTime() / 1e9; }

    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
