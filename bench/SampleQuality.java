import java.nio.file.Path;
import tunesmith.corpus.Corpus;
import tunesmith.eval.SampleStats;
import tunesmith.model.MelodyModel;
import tunesmith.model.Sampling;
import tunesmith.sample.Samples;

/**
 * The sample-quality bar: of 100 samples at temperature 1.0, the share that reads as valid ABC and
 * the share with every bar the right length, against the training corpus; as sampled by default
 * (ABC's syntax and every bar's length kept), with the syntax only, and with the model alone. Run with
 * bench/sample-quality.sh MODEL [CORPUS] (default corpus oneills+ryans+nottingham).
 */
public class SampleQuality {
    public static void main(String[] a) {
        MelodyModel model = MelodyModel.load(Path.of(a[0]));
        Corpus corpus = null;
        for (String part : (a.length > 1 ? a[1] : "oneills+ryans+nottingham").split("\\+")) {
            Corpus c = Corpus.load(part);
            corpus = corpus == null ? c : corpus.plus(c);
        }
        System.out.println(model);
        for (Sampling.Rules rules : Sampling.Rules.values()) {
            long t0 = System.nanoTime();
            var sampling = model.sample().temperature(1.0).seed(1);
            Samples samples = (rules == Sampling.Rules.BARS ? sampling : rules == Sampling.Rules.SYNTAX ? sampling.anyBarLength() : sampling.anySyntax()).count(100);
            double seconds = (System.nanoTime() - t0) / 1e9;
            SampleStats stats = SampleStats.of(samples, corpus.tunes());
            System.out.println(stats);
            System.out.printf(java.util.Locale.ROOT, "{\"rules\": \"%s\", \"valid\": %.3f, \"bars_fit\": %.3f, \"bars_fit_of_valid\": %.3f, \"copied\": %.3f, \"sampling_seconds\": %.1f}%n",
                    rules, stats.validFraction(), stats.barsFitFraction(), stats.barsFitFractionOfValid(), stats.copyFraction(), seconds);
        }
    }
}
