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
 * {@code sample MODEL [--count 5] [--temperature 0.9 | --greedy true] [--top-k K] [--top-p P]
 * [--prime TEXT] [--seed N] [--max-length N] --out DIR}: ABC, MIDI and WAV per valid sample; invalid
 * samples are written as text with their reason.
 */
final class SampleCommand {

    private SampleCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Args a = Args.parse(args, Set.of("count", "temperature", "greedy", "top-k", "top-p", "prime", "seed", "max-length", "out"));
        if (a.positional().size() != 1) throw new Main.UsageException("sample needs exactly one MODEL (a .tsm file or a zoo name; got " + a.positional() + ")");
        Path outDir = Path.of(a.required("out"));
        MelodyModel model = ModelRef.resolve(a.positional().get(0)).melodyModel();
        Sampling s = model.sample();
        try {
            if (a.options().containsKey("temperature")) s = s.temperature(Double.parseDouble(a.options().get("temperature")));
            if (a.options().containsKey("top-k")) s = s.topK(Integer.parseInt(a.options().get("top-k")));
            if (a.options().containsKey("top-p")) s = s.topP(Double.parseDouble(a.options().get("top-p")));
            if (Boolean.parseBoolean(a.option("greedy", "false"))) s = s.greedy();
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
