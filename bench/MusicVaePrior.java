import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tunesmith.Tunesmith;
import tunesmith.corpus.Corpus;
import tunesmith.vae.MusicVae;
import tunesmith.vae.MusicVaeBuilder;
import tunesmith.vae.VaeData;
import tunesmith.vae.VaeEvaluationReport;
import tunesmith.vae.VaeSampling;

/**
 * The prior of a trained MusicVAE scored beside its posterior: reconstructions of the test split
 * (held-out tunes of O'Neill's + Ryan's + Nottingham, cut and split with the model's own settings
 * and seed) with the "always hold" and "repeat the previous step" baselines beside the accuracies,
 * and N excerpts decoded from z ~ N(0, I) against the training excerpts (abc2midi's strict share,
 * notes per bar, pitch-class, interval and note-length TV).
 *
 * <pre>
 *   bench/musicvae-prior.sh MODEL.tsm [N] [TEMPERATURE|greedy] [SEED]      one model, the full report
 *   bench/musicvae-prior.sh --tradeoff MODEL.tsm... [N]                      one row per model (bench/musicvae-freenats.sh)
 * </pre>
 */
public class MusicVaePrior {
    public static void main(String[] a) throws Exception {
        Corpus folk = Tunesmith.corpus("oneills").plus(Tunesmith.corpus("ryans")).plus(Tunesmith.corpus("nottingham"));
        if (a.length > 0 && a[0].equals("--tradeoff")) {
            tradeoff(folk, a);
            return;
        }
        if (a.length == 0) throw new IllegalArgumentException("usage: bench/musicvae-prior.sh MODEL.tsm [N] [TEMPERATURE|greedy] [SEED]");
        MusicVae vae = MusicVae.load(Path.of(a[0]));
        int n = a.length > 1 ? Integer.parseInt(a[1]) : MusicVae.PRIOR_SAMPLES;
        VaeSampling sampling = vae.sample();
        if (a.length > 2) sampling = a[2].equals("greedy") ? sampling.greedy() : sampling.temperature(Double.parseDouble(a[2]));
        if (a.length > 3) sampling = sampling.seed(Long.parseLong(a[3]));
        System.out.println(vae);
        System.out.println("load before: " + Files.readString(Path.of("/proc/loadavg")).strip());
        long t0 = System.nanoTime();
        VaeData data = new MusicVaeBuilder(vae.config()).data(folk);
        System.out.println(data);
        VaeEvaluationReport e = sampling.evaluate(data, n);
        System.out.printf(Locale.ROOT, "%s, %d prior samples; test split (held-out tunes):%n%s%n(evaluated in %.0f s)%n", sampling, n, e,
                (System.nanoTime() - t0) / 1e9);
        System.out.println(e.table().print());
        e.prior().ifPresent(p -> {
            System.out.println(p.pitchClass());
            System.out.println(p.interval());
            System.out.println(p.noteLength());
        });
        e.training().ifPresent(p -> {
            System.out.println("training excerpts, for comparison:");
            System.out.println(p.pitchClass());
            System.out.println(p.interval());
            System.out.println(p.noteLength());
        });
        System.out.println("a few prior samples (ABC):");
        for (var s : sampling.count(Math.min(3, n))) System.out.println(s.text());
    }

    /** One row per model: free nats | KL | held-out sampled accuracy (and baselines) | prior abc2midi share | prior TVs | notes/bar. */
    static void tradeoff(Corpus folk, String[] a) {
        List<String> models = new ArrayList<>();
        int n = MusicVae.PRIOR_SAMPLES;
        for (int i = 1; i < a.length; i++) {
            if (a[i].matches("\\d+")) n = Integer.parseInt(a[i]);
            else models.add(a[i]);
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-10s | %-7s | %-9s | %-17s | %-19s | %-14s | %-11s | %-14s | %-9s%n",
                "free nats", "KL", "batches", "sampled accuracy", "(hold / repeat)", "prior abc2midi", "prior pc TV", "prior int. TV", "notes/bar"));
        String reference = "";
        for (String m : models) {
            MusicVae vae = MusicVae.load(Path.of(m));
            VaeData data = new MusicVaeBuilder(vae.config()).data(folk);
            VaeEvaluationReport e = vae.sample().evaluate(data, n);
            VaeEvaluationReport.Melodies p = e.prior().orElseThrow(), t = e.training().orElseThrow();
            reference = String.format(Locale.ROOT, "training excerpts: abc2midi %s (of %d checked), %s notes/bar; %d prior samples each at temperature 1, seed 1",
                    pct(t.abc2midiShare()), t.abc2midiChecked(), num(t.notesPerBar(), 2), n);
            out.append(String.format(Locale.ROOT, "%-10s | %-7s | %,-9d | %-17s | %-19s | %-14s | %-11s | %-14s | %-9s%n",
                    num(vae.config().freeNats(), 0), num(e.klNats(), 1), vae.iteration(), num(e.sampledAccuracy(), 4),
                    num(e.alwaysHoldAccuracy(), 3) + " / " + num(e.repeatPreviousAccuracy(), 3), pct(p.abc2midiShare()), num(p.pitchClassTv(), 3),
                    num(p.intervalTv(), 3), num(p.notesPerBar(), 2)));
            System.out.println(m + ":\n" + e);
        }
        System.out.println();
        System.out.print(out);
        System.out.println(reference);
    }

    static String pct(double f) { return Double.isNaN(f) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * f); }

    static String num(double v, int decimals) { return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", v); }
}
