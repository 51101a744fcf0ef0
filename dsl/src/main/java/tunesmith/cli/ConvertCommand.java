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
import tunesmith.notation.AbcReader;
import tunesmith.notation.AbcWriter;
import tunesmith.notation.Problem;
import tunesmith.notation.Tunebook;
import tunesmith.corpus.Corpus;
import tunesmith.music.NoteEvent;
import tunesmith.music.Tune;

/**
 * {@code convert PATH... --to abc|midi|wav|notes --out DIR}: one output file per tune, named
 * {@code <file stem>_<X>.<ext>}; a tune that cannot be read writes nothing and is listed at the end.
 */
final class ConvertCommand {

    private static final Set<String> FORMATS = Set.of("abc", "midi", "wav", "notes");

    private ConvertCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Args a = Args.parse(args, Set.of("to", "out"));
        if (a.positional().isEmpty()) throw new Main.UsageException("convert needs at least one PATH (an .abc file or a folder)");
        String format = a.required("to").toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(format)) throw new Main.UsageException("unknown format '" + format + "' for --to (expected abc, midi, wav or notes)");
        Path outDir = Path.of(a.required("out"));
        List<Path> files = new ArrayList<>();
        for (String p : a.positional()) files.addAll(Corpus.abcFiles(Path.of(p)));
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create output folder " + outDir + ": " + e.getMessage(), e);
        }
        int written = 0;
        List<String> failed = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Path f : files) {
            Tunebook book = AbcReader.read(f);
            for (Problem p : book.report().errors()) failed.add(p.toString());
            String stem = f.getFileName().toString().replaceFirst("(?i)\\.abc$", "");
            int index = 0;
            for (Tune t : book.tunes()) {
                index++;
                String base = stem + "_" + (t.x() > 0 ? t.x() : index);
                String name = base;
                for (int k = 2; !used.add(outDir.resolve(name).toString()); k++) name = base + "-" + k; // duplicate X: in one file
                try {
                    write(t, format, outDir.resolve(name + "." + extension(format)));
                    written++;
                } catch (RuntimeException e) {
                    failed.add(f + ": tune X:" + t.x() + " \"" + t.title() + "\": " + e.getMessage());
                }
            }
        }
        out.println("converted " + written + " tunes to " + format + " in " + outDir + "; " + failed.size() + " not converted");
        for (String s : failed) out.println("  not converted: " + s);
        return failed.isEmpty() ? 0 : 3;
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
                default -> throw new IllegalArgumentException(format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
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
