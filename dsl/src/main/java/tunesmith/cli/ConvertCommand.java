package tunesmith.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tunesmith.notation.AbcWriter;
import tunesmith.notation.Problem;
import tunesmith.notation.Tunebook;
import tunesmith.corpus.MusicFiles;
import tunesmith.midi.MidiIn;
import tunesmith.music.NoteEvent;
import tunesmith.music.Tune;

/**
 * {@code convert PATH... --to abc|midi|wav|notes|musicxml --out DIR}: one output file per tune, named
 * {@code <file stem>_<X>.<ext>}; a tune that cannot be read writes nothing and is listed at the end.
 * PATH is an ABC tunebook, a MIDI file (its melody, read by {@link MidiIn}; {@code --track} and
 * {@code --channel} choose where it is) or a folder of them.
 */
final class ConvertCommand {

    private static final List<String> FORMATS = List.of("abc", "midi", "wav", "notes", "musicxml");

    /**
     * The most notes a tune may have to be converted (--max-notes). A fiddle tune has a few hundred and a long
     * chorale or suite movement a few thousand; a 5 MB one-line "tune" had a million and became a 370 MB JSON
     * file after 38 s (WAV would be hours of audio). Such a tune is refused by name, as abc2midi reports a
     * tune it will not convert and goes on with the next, and the others are converted; the count is of
     * notes as written, before anything is unfolded or rendered, so the refusal costs nothing; --max-notes
     * raises the bound for the rare real one.
     */
    static final int MAX_NOTES = 20_000;

    private ConvertCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Args a = Args.parse(args, Set.of("to", "out", "max-notes", "track", "channel"));
        if (a.positional().isEmpty()) throw new Main.UsageException("convert needs at least one PATH (an .abc or .mid file, or a folder)");
        String format = a.required("to").toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(format)) throw Args.bad("to", format, "abc, midi, wav, notes or musicxml");
        int maxNotes = a.intOption("max-notes", MAX_NOTES, 1, Integer.MAX_VALUE);
        MidiIn midi = midiIn(a);
        Path outDir = Path.of(a.required("out"));
        List<Path> files = new ArrayList<>();
        for (String p : a.positional()) {
            if (!Files.exists(Path.of(p))) throw new Main.Failure(Path.of(p).toAbsolutePath() + " does not exist: give an .abc or .mid file or a folder of them");
            files.addAll(MusicFiles.files(Path.of(p)));
        }
        OutputFolder.create("--out", outDir);
        int written = 0;
        List<String> failed = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Path f : files) {
            Tunebook book = MusicFiles.read(f, midi);
            if (book.size() == 0) {
                CorpusArgs.warnNoTune(f, book, "convert", err);
                failed.add(f + ": no tune");
                continue;
            }
            for (Problem p : book.report().errors()) failed.add(p.toString());
            String stem = MusicFiles.stem(f);
            int index = 0;
            for (Tune t : book.tunes()) {
                index++;
                String base = stem + "_" + (t.x() > 0 ? t.x() : index);
                String name = base;
                for (int k = 2; !used.add(outDir.resolve(name).toString()); k++) name = base + "-" + k; // duplicate X: in one file
                int notes = writtenNotes(t);
                if (notes > maxNotes) {
                    failed.add(f + ": tune X:" + t.x() + " \"" + t.title() + "\": " + notes + " notes, more than --max-notes " + maxNotes
                            + " (raise it to convert this tune)");
                    continue;
                }
                try {
                    write(t, format, outDir.resolve(name + "." + extension(format)));
                    written++;
                } catch (RuntimeException e) {
                    String problem = OutputFolder.unwritable(outDir);
                    if (problem != null) {
                        // the folder or the disk, not the tune: every later tune would fail the same way, so say it once and stop
                        err.println("tunesmith convert: " + e.getMessage() + "; " + problem + "; stopped after " + written + " tunes");
                        return 2;
                    }
                    failed.add(f + ": tune X:" + t.x() + " \"" + t.title() + "\": " + e.getMessage());
                }
            }
        }
        out.println("converted " + written + " tunes to " + format + " in " + outDir + "; " + failed.size() + " not converted");
        for (String s : failed) out.println("  not converted: " + s);
        return failed.isEmpty() ? 0 : written == 0 ? 2 : 3;
    }

    /** How MIDI files are read: the melody from --track (a name or a number from 1) and --channel (1..16), if given. */
    private static MidiIn midiIn(Args a) {
        MidiIn midi = MidiIn.midiIn();
        String track = a.option("track", null);
        if (track != null) {
            if (track.isBlank()) throw Args.bad("track", track, "a track's name or its number, counted from 1");
            midi = track.matches("\\d+") ? midi.track(a.intOption("track", 1, 1, Integer.MAX_VALUE)) : midi.track(track);
        }
        if (a.option("channel", null) != null) midi = midi.channel(a.intOption("channel", 1, 1, 16));
        return midi;
    }

    /** Notes as written in every voice (repeats not unfolded): cheap to count, before any output is made. */
    static int writtenNotes(Tune t) {
        int n = 0;
        for (var v : t.voices()) for (var b : v.bars()) n += b.melodyNotes().size();
        return n;
    }

    private static String extension(String format) {
        return switch (format) {
            case "midi" -> "mid";
            case "notes" -> "json";
            default -> format;
        };
    }

    static void write(Tune t, String format, Path target) {
        try {
            switch (format) {
                case "abc" -> Files.writeString(target, AbcWriter.write(t), StandardCharsets.UTF_8);
                case "notes" -> Files.writeString(target, notesJson(t), StandardCharsets.UTF_8);
                case "midi" -> Output.midi(t, target);
                case "wav" -> Output.wav(t, target);
                case "musicxml" -> Output.musicXml(t, target);
                default -> throw new IllegalArgumentException(format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target + ": " + OutputFolder.reason(e), e);
        }
    }

    /** The unfolded first-voice melody: pitch (MIDI), onset and duration in quarter notes. */
    static String notesJson(Tune t) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("x", t.x());
        root.put("title", t.title());
        ArrayNode notes = root.putArray("notes");
        for (NoteEvent e : t.melody()) {
            ObjectNode n = notes.addObject();
            n.put("pitch", e.midi());
            n.put("onset", e.onsetQuarters());
            n.put("duration", e.durationQuarters());
        }
        try {
            return m.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
