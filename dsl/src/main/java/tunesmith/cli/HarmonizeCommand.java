package tunesmith.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import tunesmith.counterpoint.Counterpoint;
import tunesmith.counterpoint.Decoding;
import tunesmith.music.Tune;
import tunesmith.notation.AbcReader;
import tunesmith.notation.Tunebook;

/**
 * {@code harmonize MODEL MELODY.abc [--beam N | --temperature T --seed N] [--no-rules] --out DIR}: every
 * tune of the file set for four voices, written as ABC (V:S A T B), MIDI, WAV and MusicXML (a part per
 * voice, for a score editor) named {@code <file stem>_<X>_satb}. A tune that cannot be harmonized (triplets, no meter) is named with
 * its reason and the others go on; the exit code is then 3.
 */
final class HarmonizeCommand {

    private HarmonizeCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Args a = Args.parse(args, Set.of("beam", "temperature", "seed", "out"), Set.of("no-rules"));
        if (a.positional().size() != 2)
            throw new Main.UsageException("harmonize needs a MODEL (a .tsm file or a zoo name such as bach-satb) and a MELODY.abc file (got " + a.positional() + ")");
        Path outDir = Path.of(a.required("out")), melodies = Path.of(a.positional().get(1));
        int beam = a.intOption("beam", 0, 1, 1_000);
        double temperature = a.doubleOption("temperature", 0, "0 (the most probable) or a number above it, e.g. 0.8", x -> x >= 0);
        long seed = a.longOption("seed", 0);
        Decoding how = Decoding.DEFAULT;
        try {
            if (a.options().containsKey("beam")) how = Decoding.beam(beam).withRules();
            if (a.options().containsKey("temperature")) how = how.temperature(temperature);
            if (a.options().containsKey("seed")) how = how.seed(seed);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
        if (a.flag("no-rules")) how = how.withoutRules();
        if (!Files.isRegularFile(melodies))
            throw new Main.Failure(melodies.toAbsolutePath() + (Files.isDirectory(melodies) ? " is a folder" : " does not exist")
                    + ": give harmonize an ABC file of one or more tunes or a MIDI file");
        OutputFolder.create("--out", outDir);
        Tunebook book = tunesmith.corpus.MusicFiles.read(melodies, tunesmith.midi.MidiIn.midiIn());
        if (book.size() == 0) {
            CorpusArgs.warnNoTune(melodies, book, "harmonize", err);
            return 2;
        }
        Counterpoint model = ModelRef.resolve(a.positional().get(0)).counterpoint();
        String stem = tunesmith.corpus.MusicFiles.stem(melodies);
        int written = 0, failed = book.report().skipped();
        for (Tune t : book.tunes()) {
            Tune four;
            try {
                four = model.harmonize(t, how);
            } catch (RuntimeException e) {
                err.println("tunesmith harmonize: tune X:" + t.x() + " '" + t.title() + "' skipped: " + e.getMessage());
                failed++;
                continue;
            }
            String name = stem + "_" + t.x() + "_satb";
            for (String format : List.of("abc", "midi", "wav", "musicxml"))
                ConvertCommand.write(four, format, outDir.resolve(name + "." + (format.equals("midi") ? "mid" : format)));
            written++;
        }
        out.println("harmonized " + written + " tune" + (written == 1 ? "" : "s") + " of " + melodies + " (" + how + ") into " + outDir
                + (failed > 0 ? "; " + failed + " skipped" : ""));
        return failed > 0 ? 3 : 0;
    }
}
