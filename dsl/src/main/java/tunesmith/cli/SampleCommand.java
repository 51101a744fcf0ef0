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
        String rules = a.option("rules", "bars");
        if (!List.of("bars", "syntax", "none").contains(rules))
            throw new Main.UsageException("--rules takes bars, syntax or none (got '" + rules + "'): bars keeps ABC's syntax and every bar "
                    + "to its meter (the default), syntax lets bars be of any length, none leaves the model alone");
        MelodyModel model = ModelRef.resolve(a.positional().get(0)).melodyModel();
        Sampling s = model.sample();
        try {
            if (a.options().containsKey("temperature")) s = s.temperature(Double.parseDouble(a.options().get("temperature")));
            if (a.options().containsKey("top-k")) s = s.topK(Integer.parseInt(a.options().get("top-k")));
            if (a.options().containsKey("top-p")) s = s.topP(Double.parseDouble(a.options().get("top-p")));
            if (a.flag("greedy")) s = s.greedy();
            if (rules.equals("syntax")) s = s.anyBarLength();
            if (rules.equals("none")) s = s.anySyntax();
            if (a.options().containsKey("seed")) s = s.seed(Long.parseLong(a.options().get("seed")));
            if (a.options().containsKey("max-length")) s = s.maxLength(Integer.parseInt(a.options().get("max-length")));
            if (a.options().containsKey("prime")) s = s.prime(a.options().get("prime"));
        } catch (NumberFormatException e) {
            throw new Main.UsageException("a numeric option is not a number: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
        int count = Integer.parseInt(a.option("count", "5"));
        Samples samples = s.count(count);
        out.println(samples);
        try {
            java.nio.file.Files.createDirectories(outDir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot create the output folder " + outDir + ": " + e.getMessage(), e);
        }
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
