package tunesmith.notation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tunesmith.music.Field;
import tunesmith.music.Tune;

/**
 * Reads ABC 2.1 tunebooks: many tunes per file with free text between them, a file header
 * whose fields every tune inherits, and tunes that end at a blank line or the next X:.
 * One bad tune never stops the book: it is skipped and named, with its reason, in the
 * {@link LoadReport}.
 */
public final class AbcReader {

    private AbcReader() {}

    /** Reads every tune of an ABC file. */
    public static Tunebook read(Path file) {
        return read(decode(file), file.toString());
    }

    /** Reads every tune of ABC text; {@code source} names it in messages. */
    public static Tunebook read(String text, String source) {
        List<String> lines = text.lines().toList();
        List<Tune> tunes = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<Field> fileHeader = fileHeader(lines);
        int i = 0, n = lines.size();
        while (i < n) {
            if (!isX(lines.get(i))) { i++; continue; }
            int start = i++;
            // a tune ends at a blank line, but not inside a block of text to typeset (abc2midi and abcm2ps agree)
            boolean inText = false;
            while (i < n && (inText || !lines.get(i).isBlank()) && !isX(lines.get(i))) {
                if (TuneParser.isBeginText(lines.get(i))) inText = true;
                else if (TuneParser.isEndText(lines.get(i))) inText = false;
                i++;
            }
            TuneParser parser = new TuneParser(source, lines.subList(start, i), start + 1, fileHeader);
            try {
                tunes.add(parser.parse());
            } catch (AbcException e) {
                problems.add(e.problem());
            } catch (RuntimeException e) {
                // a reader bug must not cost the user the rest of the book: report it against the tune
                problems.add(parser.problem(Problem.Severity.ERROR, start + 1, 0,
                        "internal reader error " + e + " (please report this tune)"));
            }
            problems.addAll(parser.warnings());
        }
        return new Tunebook(source, tunes, new LoadReport(tunes.size(), problems));
    }

    /** Reads exactly one tune (the first in the text); throws {@link AbcException} when it cannot be read. */
    public static Tune readTune(String text) {
        String t = text.stripLeading();
        if (!t.startsWith("X:")) t = "X:1\n" + t;
        Tunebook book = read(t, "<text>");
        if (!book.report().errors().isEmpty()) throw new AbcException(book.report().errors().get(0));
        if (book.tunes().isEmpty()) throw new IllegalArgumentException("No tune in the text (expected a tune starting with X: and T: fields)");
        return book.tunes().get(0);
    }

    static boolean isX(String line) {
        return line.length() >= 2 && line.charAt(0) == 'X' && line.charAt(1) == ':';
    }

    /** Fields of the first paragraph when it is not a tune: defaults for every tune of the file (not K:, which ends a tune header). */
    private static List<Field> fileHeader(List<String> lines) {
        List<Field> out = new ArrayList<>();
        boolean inText = false;
        for (String l : lines) {
            if (TuneParser.isBeginText(l)) inText = true;
            else if (TuneParser.isEndText(l)) inText = false;
            if (inText) continue; // "T: ..." in a text block is text, not a field
            if (l.isBlank() || isX(l)) break;
            if (l.length() >= 2 && l.charAt(1) == ':' && "LMRQCOABDGHINSZ".indexOf(l.charAt(0)) >= 0) {
                String v = l.substring(2);
                int pct = v.indexOf('%');
                if (pct >= 0) v = v.substring(0, pct);
                out.add(new Field(l.charAt(0), v));
            }
        }
        return out;
    }

    /** UTF-8 when the bytes are valid UTF-8, else Latin-1 (older tunebooks). */
    static String decode(Path file) {
        try {
            return decode(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read ABC file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Text of a tunebook's bytes: UTF-8 when valid (a byte-order mark dropped), else Latin-1. */
    public static String decode(byte[] bytes) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
