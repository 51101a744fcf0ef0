package tunesmith.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import tunesmith.corpus.MusicFiles;
import tunesmith.midi.MidiIn;
import tunesmith.model.MelodyModel;
import tunesmith.model.Sampling;
import tunesmith.music.Tune;
import tunesmith.notation.Tunebook;
import tunesmith.sample.Sample;
import tunesmith.sample.Samples;

/**
 * {@code continue MODEL MELODY --bars N [--count 3] [--temperature T | --greedy] [--top-p P] [--seed N] --out DIR}:
 * continues each tune of an ABC file, or the melody of a MIDI file, for N bars with a melody LSTM
 * ({@code model.sample().prime(tune).bars(n)}), and writes each continuation as ABC, MIDI, WAV and
 * MusicXML. A tune the model cannot read is named with the reason; the others go on.
 */
final class ContinueCommand {

    private ContinueCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Args a = Args.parse(args, Set.of("bars", "count", "temperature", "top-p", "seed", "out"), Set.of("greedy"));
        if (a.positional().size() != 2)
            throw new Main.UsageException("continue needs a MODEL (a .tsm file or a zoo name) and a MELODY (.abc, .mid or .midi); got " + a.positional());
        Path outDir = Path.of(a.required("out")), melodies = Path.of(a.positional().get(1));
        int bars = a.intOption("bars", 8, 1, 1000);
        int count = a.intOption("count", 3, 1, Integer.MAX_VALUE);
        double temperature = a.doubleOption("temperature", 0, "a number above 0, e.g. 0.9 (1 samples the model as it is)", x -> x > 0);
        double topP = a.doubleOption("top-p", 0, "a share above 0 up to 1, e.g. 0.9", x -> x > 0 && x <= 1);
        long seed = a.longOption("seed", 1);
        if (a.flag("greedy") && a.options().containsKey("temperature"))
            throw new Main.UsageException("--greedy and --temperature " + a.options().get("temperature") + " both given: greedy takes the most "
                    + "probable token, the temperature samples; give one");
        if (!Files.isRegularFile(melodies))
            throw new Main.Failure(melodies.toAbsolutePath() + (Files.isDirectory(melodies) ? " is a folder" : " does not exist")
                    + ": give continue an ABC file of one or more tunes or a MIDI file");
        OutputFolder.create("--out", outDir);
        Tunebook book = MusicFiles.read(melodies, MidiIn.midiIn());
        if (book.size() == 0) {
            CorpusArgs.warnNoTune(melodies, book, "continue", err);
            return 2;
        }
        MelodyModel model = ModelRef.resolve(a.positional().get(0)).melodyModel();
        String stem = MusicFiles.stem(melodies);
        int written = 0, invalid = 0, failed = book.report().skipped();
        for (Tune t : book.tunes()) {
            Samples samples;
            try {
                Sampling s = model.sample().prime(t).bars(bars).seed(seed);
                if (a.options().containsKey("temperature")) s = s.temperature(temperature);
                if (a.options().containsKey("top-p")) s = s.topP(topP);
                if (a.flag("greedy")) s = s.greedy();
                samples = s.count(count);
            } catch (RuntimeException e) {
                err.println("tunesmith continue: tune X:" + t.x() + " '" + t.title() + "' skipped: " + e.getMessage());
                failed++;
                continue;
            }
            for (Sample x : samples) {
                String name = stem + "_" + t.x() + "_continued_" + x.index();
                if (x.isValid()) {
                    Tune continued = x.tune().withTitle(t.title() + ", continued " + x.index());
                    for (String format : List.of("abc", "midi", "wav", "musicxml"))
                        ConvertCommand.write(continued, format, outDir.resolve(name + "." + (format.equals("midi") ? "mid" : format)));
                    written++;
                } else {
                    invalid++;
                    TrainCommand.write(outDir.resolve(name + ".invalid.txt"), "% invalid: " + x.invalidReason() + "\n" + x.text());
                }
            }
        }
        out.println("continued " + (book.size() - (failed - book.report().skipped())) + " tune" + (book.size() == 1 ? "" : "s") + " of " + melodies
                + " by " + bars + " bars: " + written + " continuations (ABC, MIDI, WAV, MusicXML)"
                + (invalid > 0 ? " and " + invalid + " invalid ones (.invalid.txt)" : "") + " in " + outDir + (failed > 0 ? "; " + failed + " skipped" : ""));
        return failed > 0 ? 3 : 0;
    }
}
