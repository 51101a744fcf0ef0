import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import tunesmith.model.MelodyModel;
import tunesmith.model.Sampling;
import tunesmith.sample.Samples;

/**
 * Stateful sampling speed of a trained model as users get it: {@code model.sample()} one tune at a
 * time (batch 1) at temperature 1.0, decoding and ABC checking included, for each rule set (ABC
 * syntax and bar lengths, syntax only, none). Tokens/s = sampled tokens / wall seconds, after a
 * warm-up. Run with bench/sample-speed.sh MODEL [SECONDS per rule set].
 */
public class SampleSpeed {
    public static void main(String[] a) throws Exception {
        MelodyModel model = MelodyModel.load(Path.of(a[0]));
        double seconds = a.length > 1 ? Double.parseDouble(a[1]) : 20;
        System.out.println(model);
        for (Sampling.Rules rules : Sampling.Rules.values()) {
            for (int i = 0; i < 3; i++) sample(model, rules, 1000 + i);   // warm-up
            long t0 = System.nanoTime(), tokens = 0;
            int tunes = 0;
            while ((System.nanoTime() - t0) / 1e9 < seconds) {
                Samples s = sample(model, rules, tunes);
                tokens += s.get(0).tokens();
                tunes++;
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            System.out.printf(Locale.ROOT, "sample batch 1 rules %s: %.0f tokens/s (%d tunes, %d tokens, %.1f s, load %s)%n",
                    rules, tokens / wall, tunes, tokens, wall, load);
        }
    }

    private static Samples sample(MelodyModel model, Sampling.Rules rules, long seed) {
        Sampling s = model.sample().temperature(1.0).seed(seed);
        s = rules == Sampling.Rules.BARS ? s : rules == Sampling.Rules.SYNTAX ? s.anyBarLength() : s.anySyntax();
        return s.count(1);
    }
}
