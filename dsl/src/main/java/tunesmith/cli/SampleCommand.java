package tunesmith.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import tunesmith.model.MelodyModel;
import tunesmith.model.Sampling;
import tunesmith.sample.Sample;
import tunesmith.sample.Samples;

/**
 * {@code sample MODEL [--count 5] [--temperature 0.9 | --greedy] [--top-k K] [--top-p P]
 * [--prime TEXT] [--seed N] [--max-length N] [--rules bars|syntax|none] --out DIR}: ABC, MIDI and WAV per
 * valid sample; invalid samples are written as text with their reason. {@code --rules} is what sampling keeps
 * to besides the model: {@code bars} (the default: ABC's syntax and every bar the length of its meter),
 * {@code syntax} (bars of any length, {@link Sampling#anyBarLength()}) or {@code none} (the model alone,
 * {@link Sampling#anySyntax()}).
 */
final class SampleCommand {

    private SampleCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Args a = Args.parse(args, Set.of("count", "temperature", "top-k", "top-p", "prime", "seed", "max-length", "rules", "out"), Set.of("greedy"));
        if (a.positional().size() != 1) throw new Main.UsageException("sample needs exactly one MODEL (a .tsm file or a zoo name; got " + a.positional() + ")");
        Path outDir = Path.of(a.required("out"));
        // every value is checked before the model is loaded
        String rules = a.options().containsKey("rules") ? a.options().get("rules") : "bars";
        if (!List.of("bars", "syntax", "none").contains(rules))
            throw new Main.UsageException("--rules takes bars, syntax or none (got '" + rules + "'): bars keeps ABC's syntax and every bar "
                    + "to its meter (the default), syntax lets bars be of any length, none leaves the model alone");
        int count = a.intOption("count", 5, 1, Integer.MAX_VALUE);
        double temperature = a.doubleOption("temperature", 0, "a number above 0, e.g. 0.9 (1 samples the model as it is)", x -> x > 0);
        int topK = a.intOption("top-k", 0, 1, Integer.MAX_VALUE);
        double topP = a.doubleOption("top-p", 0, "a share above 0 up to 1, e.g. 0.9", x -> x > 0 && x <= 1);
        long seed = a.longOption("seed", 0);
        int maxLength = a.intOption("max-length", 0, 1, Integer.MAX_VALUE);
        if (a.flag("greedy") && a.options().containsKey("temperature"))
            throw new Main.UsageException("--greedy and --temperature " + a.options().get("temperature") + " both given: greedy takes the most "
                    + "probable token, the temperature samples; give one");
        OutputFolder.create("--out", outDir);
        MelodyModel model = ModelRef.resolve(a.positional().get(0)).melodyModel();
        Sampling s = model.sample();
        try {
            if (a.options().containsKey("temperature")) s = s.temperature(temperature);
            if (a.options().containsKey("top-k")) s = s.topK(topK);
            if (a.options().containsKey("top-p")) s = s.topP(topP);
            if (a.flag("greedy")) s = s.greedy();
            if (rules.equals("syntax")) s = s.anyBarLength();
            if (rules.equals("none")) s = s.anySyntax();
            if (a.options().containsKey("seed")) s = s.seed(seed);
            if (a.options().containsKey("max-length")) s = s.maxLength(maxLength);
            if (a.options().containsKey("prime")) s = s.prime(a.options().get("prime"));
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
        Samples samples = s.count(count);
        out.println(samples);
        int invalid = 0;
        for (Sample x : samples) {
            String stem = "sample_" + x.index();
            if (x.isValid()) {
                for (String format : List.of("abc", "midi", "wav"))
                    ConvertCommand.write(x.tune(), format, outDir.resolve(stem + "." + (format.equals("midi") ? "mid" : format)));
            } else {
                invalid++;
                TrainCommand.write(outDir.resolve(stem + ".invalid.txt"), "% invalid: " + x.invalidReason() + "\n" + x.text());
            }
        }
        out.println("wrote " + (samples.size() - invalid) + " samples (ABC, MIDI, WAV) and " + invalid + " invalid ones (.invalid.txt) to " + outDir);
        return 0;
    }
}
