package tunesmith.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import tunesmith.midi.MidiFileException;
import tunesmith.midi.MidiIn;
import tunesmith.music.Tune;
import tunesmith.notation.AbcReader;
import tunesmith.notation.LoadReport;
import tunesmith.notation.Problem;
import tunesmith.notation.Tunebook;

/**
 * The files tunes are read from: ABC tunebooks ({@code .abc}) and standard MIDI files ({@code .mid},
 * {@code .midi}), one at a time or a folder of them. A MIDI file is read as a book of one tune; one
 * that cannot be read is a book of none, its reason in the report, as a bad tune of an ABC book is.
 */
public final class MusicFiles {

    private MusicFiles() {}

    /** True for a file named as a standard MIDI file: {@code .mid} or {@code .midi}, any case. */
    public static boolean isMidi(Path file) {
        String n = name(file);
        return n.endsWith(".mid") || n.endsWith(".midi");
    }

    /** True for a file named as an ABC tunebook: {@code .abc}, any case. */
    public static boolean isAbc(Path file) { return name(file).endsWith(".abc"); }

    /** The file's name without {@code .abc}, {@code .mid} or {@code .midi}: a corpus or an output file is named after it. */
    public static String stem(Path path) {
        String n = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        return n.replaceFirst("(?i)\\.(abc|midi?)$", "");
    }

    /** The tune files at a path: the file itself, or every .abc, .mid and .midi file below a folder, sorted. */
    public static List<Path> files(Path path) {
        if (!Files.exists(path)) throw new CorpusException("No such file or folder: " + path.toAbsolutePath()
                + " (expected an .abc or .mid file or a folder of them)");
        if (Files.isRegularFile(path)) return List.of(path);
        try (Stream<Path> s = Files.walk(path)) {
            List<Path> out = s.filter(p -> Files.isRegularFile(p) && (isAbc(p) || isMidi(p))).sorted().toList();
            if (out.isEmpty()) throw new CorpusException("No .abc, .mid or .midi files in " + path.toAbsolutePath());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + path + ": " + e.getMessage(), e);
        }
    }

    /** The tunes of one file: a MIDI file by its name (read with {@code midi}), any other as ABC. */
    public static Tunebook read(Path file, MidiIn midi) {
        if (!isMidi(file)) return AbcReader.read(file);
        String source = file.toString();
        try {
            Tune t = midi.read(file).tune();
            return new Tunebook(source, List.of(t), new LoadReport(1, List.of()));
        } catch (MidiFileException e) {
            return new Tunebook(source, List.of(), new LoadReport(0, List.of(Problem.ofFile(Problem.Severity.ERROR, source, e.reason()))));
        } catch (UncheckedIOException e) {
            return new Tunebook(source, List.of(), new LoadReport(0, List.of(Problem.ofFile(Problem.Severity.ERROR, source,
                    "cannot be read: " + e.getCause().getMessage()))));
        }
    }

    /**
     * The one tune of a file: a MIDI file, or an ABC file that holds one tune.
     *
     * @throws IllegalArgumentException for an ABC file of several tunes or of none (saying why), a
     *                                  MIDI file that cannot be read, or a file of another kind
     */
    public static Tune tune(Path file) {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("No such file: " + file.toAbsolutePath()
                + (Files.isDirectory(file) ? " is a folder (corpus(path) reads a folder of tunes)" : ""));
        if (isMidi(file)) return MidiIn.midiIn().tune(file);
        if (!isAbc(file)) throw new IllegalArgumentException(file + ": expected an .abc file (one tune) or a MIDI file (.mid, .midi)");
        Tunebook book = AbcReader.read(file);
        if (book.size() == 1) return book.get(0);
        if (book.size() == 0) throw new IllegalArgumentException(file + " gives no tune: " + book.report().describe());
        throw new IllegalArgumentException(file + " holds " + book.size() + " tunes, and tune(path) reads a file of one: tunebook(path) "
                + "reads them all (then .x(" + book.get(1).x() + ") or .tune(\"" + book.get(1).title() + "\") picks one), corpus(path) makes them a corpus");
    }

    private static String name(Path file) {
        Path n = file.getFileName();
        return (n == null ? file.toString() : n.toString()).toLowerCase(Locale.ROOT);
    }
}
