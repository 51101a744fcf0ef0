package tunesmith.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tunesmith.corpus.Catalogue;
import tunesmith.corpus.Corpus;
import tunesmith.corpus.MusicFiles;
import tunesmith.encode.SplitSpec;
import tunesmith.midi.MidiIn;
import tunesmith.music.Tune;
import tunesmith.notation.LoadReport;
import tunesmith.notation.Tunebook;

/**
 * A corpus named on the command line: {@code NAME[+NAME...]}, each part a catalogue name or a path to
 * an .abc file or folder. {@link #check} runs before anything is read, so a mistyped name or path is
 * named at once; {@link #load} reads the paths file by file, so a file that gives no tune (empty, not
 * ABC, another encoding) is named instead of silently adding nothing.
 */
final class CorpusArgs {

    private CorpusArgs() {}

    /** What was read, and the files among it that gave no tune (each already reported as a warning). */
    record Loaded(Corpus corpus, List<Path> filesWithoutTunes) {}

    /**
     * Refuses a part that is neither an existing path nor a catalogue name: a part that looks like a path
     * (a slash, or an .abc ending) is a missing file; any other is an unknown corpus, with the nearest names.
     */
    static void check(String spec) {
        for (String part : parts(spec)) {
            if (part.equals(SplitSpec.JSB_SOPRANO) || Files.exists(Path.of(part))) continue;
            if (looksLikePath(part))
                throw new Main.Failure(Path.of(part).toAbsolutePath() + " does not exist: give an .abc or .mid file, a folder of them, "
                        + "or a corpus name from `tunesmith corpus list`");
            Catalogue catalogue = Catalogue.standard();
            if (catalogue.find(part).isPresent()) continue;
            List<String> near = catalogue.nearest(part);
            throw new Main.Failure("unknown corpus '" + part + "'" + (near.isEmpty() ? "" : ": did you mean " + String.join(" or ", near) + "?")
                    + " (`tunesmith corpus list` lists the corpora; a file or folder is given by its path)");
        }
    }

    /** Reads the corpus of a checked spec; paths file by file, with a warning on {@code err} for each file without a tune. */
    static Loaded load(String spec, String command, PrintStream err) {
        check(spec);
        Corpus joined = null;
        List<Path> empty = new ArrayList<>();
        for (String part : parts(spec)) {
            Path p = Path.of(part);
            Corpus next = Files.exists(p) ? read(p, command, err, empty) : Corpus.load(part);
            joined = joined == null ? next : joined.plus(next);
        }
        return new Loaded(joined, List.copyOf(empty));
    }

    /** As {@link Corpus#load(Path)} (same name, files, order), one file at a time. */
    private static Corpus read(Path path, String command, PrintStream err, List<Path> empty) {
        String stem = MusicFiles.stem(path);
        List<Tune> tunes = new ArrayList<>();
        LoadReport report = new LoadReport(0, List.of());
        for (Path f : MusicFiles.files(path)) {
            Tunebook book = MusicFiles.read(f, MidiIn.midiIn());
            if (book.size() == 0) {
                warnNoTune(f, book, command, err);
                empty.add(f);
            }
            tunes.addAll(book.tunes());
            report = report.plus(book.report());
        }
        return new Corpus(stem, tunes, report);
    }

    /** The one wording of a file that gave no tune, with the reader's reasons when it has some. */
    static void warnNoTune(Path file, Tunebook book, String command, PrintStream err) {
        String why;
        var errors = book.report().errors();
        var warnings = book.report().warnings();
        try {
            why = MusicFiles.isMidi(file) && !errors.isEmpty() ? errors.get(0).message() // a MIDI file is one tune: its reason is the file's
                    : Files.size(file) == 0 ? "the file is empty"
                    : !errors.isEmpty() ? (errors.size() == 1 ? "its one tune could not be read: " : "none of its " + errors.size()
                            + " tunes could be read, the first: ") + errors.get(0)
                    : utf16(file) ? "it is UTF-16 text, which this reader does not decode; save it as UTF-8"
                    : "no tune (X:, T:, K: and music) was found; is it ABC text?"
                            + (warnings.isEmpty() ? "" : " The reader says: " + warnings.get(0));
        } catch (java.io.IOException e) {
            why = "it cannot be read: " + e.getMessage();
        }
        err.println("tunesmith " + command + ": warning: " + file + " holds no tune: " + why);
    }

    /** Whether the file starts with a UTF-16 byte-order mark (a tunebook saved by a Windows editor as "Unicode"). */
    private static boolean utf16(Path file) throws java.io.IOException {
        byte[] head = new byte[2];
        try (var in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 2) < 2) return false;
        }
        return (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE) || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF);
    }

    private static List<String> parts(String spec) {
        if (spec.isBlank()) throw new Main.UsageException("the corpus is empty: give a corpus name, an .abc file or a folder");
        List<String> parts = new ArrayList<>();
        for (String part : spec.split("\\+", -1)) {
            if (part.isBlank())
                throw new Main.UsageException("corpus '" + spec + "': an empty part between '+' signs; expected names such as oneills+ryans");
            parts.add(part.strip());
        }
        return parts;
    }

    static boolean looksLikePath(String arg) {
        String lower = arg.toLowerCase(Locale.ROOT);
        return arg.contains("/") || arg.contains("\\") || lower.endsWith(".abc") || lower.endsWith(".mid") || lower.endsWith(".midi")
                || lower.startsWith(".") || lower.startsWith("~");
    }
}
