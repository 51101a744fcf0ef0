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

    /**
     * Reads every tune of an ABC file (UTF-8, UTF-16 or Latin-1, see {@link #decode(byte[])}). A file with
     * no tune in it gets a warning in the report that says why: empty, not text, or no X: line.
     */
    public static Tunebook read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read ABC file " + file + ": " + e.getMessage(), e);
        }
        return read(bytes, file.toString());
    }

    /** Reads every tune of an ABC file's bytes; {@code source} names it in messages. */
    public static Tunebook read(byte[] bytes, String source) {
        String text = decode(bytes);
        Tunebook book = readTunes(text, source);
        if (book.size() > 0 || !book.report().errors().isEmpty()) return book;
        String why;
        if (bytes.length == 0) why = "the file is empty";
        else if (text.isBlank()) why = "the file holds only blank lines";
        else if (binary(text)) why = "the file is not text (" + controls(text) + " of its first " + Math.min(text.length(), SAMPLE)
                + " characters are control characters or NUL); an ABC tunebook is plain text";
        else why = noTuneReason(text);
        return withNoTune(book, source, why);
    }

    /** Reads every tune of ABC text; {@code source} names it in messages. Text with no tune gets a warning saying so. */
    public static Tunebook read(String text, String source) {
        Tunebook book = readTunes(text, source);
        if (book.size() > 0 || !book.report().errors().isEmpty()) return book;
        return withNoTune(book, source, text.isBlank() ? "the text is empty" : noTuneReason(text));
    }

    private static String noTuneReason(String text) {
        boolean key = text.lines().anyMatch(l -> l.startsWith("K:"));
        return "no tune found: no line starts with X: (an ABC tune starts with an X: line, e.g. X:1"
                + (key ? "; this text has K: lines but no X:)" : ", and its header ends with a K: line)");
    }

    private static Tunebook withNoTune(Tunebook book, String source, String why) {
        List<Problem> problems = new ArrayList<>(book.report().problems());
        problems.add(0, Problem.ofFile(Problem.Severity.WARNING, source, "no tunes read: " + why));
        return new Tunebook(source, book.tunes(), new LoadReport(book.size(), problems));
    }

    private static final int SAMPLE = 4096;

    /** Control characters (not tab, line feed, form feed, carriage return) in the first characters of a text. */
    private static int controls(String text) {
        int n = 0;
        for (int i = 0; i < Math.min(text.length(), SAMPLE); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || (c >= 0x7f && c < 0xa0) || c == '\uFFFD') n++;
        }
        return n;
    }

    /** Text that is not text: more than one character in twenty a control character (binary data, a MIDI file, a zip). */
    private static boolean binary(String text) {
        return controls(text) * 20 > Math.min(text.length(), SAMPLE);
    }

    private static Tunebook readTunes(String text, String source) {
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

    /** The text of an ABC file; see {@link #decode(byte[])}. */
    static String decode(Path file) {
        try {
            return decode(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read ABC file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Text of a tunebook's bytes: UTF-16 when a byte-order mark says so or, without one, when every other
     * byte is 0 (as ASCII text saved as UTF-16 is); else UTF-8 when valid (a byte-order mark dropped); else
     * Latin-1 (older tunebooks).
     */
    public static String decode(byte[] bytes) {
        int n = bytes.length;
        if (n >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) return new String(bytes, 2, n - 2, StandardCharsets.UTF_16LE);
        if (n >= 2 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff) return new String(bytes, 2, n - 2, StandardCharsets.UTF_16BE);
        if (n >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
            return decode(java.util.Arrays.copyOfRange(bytes, 3, n)); // a UTF-8 byte-order mark
        }
        int utf16 = utf16WithoutMark(bytes);
        if (utf16 != 0) return new String(bytes, utf16 > 0 ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * 1 for UTF-16LE, -1 for UTF-16BE, 0 for neither: in the first bytes, nearly every odd (LE) or even (BE)
     * byte is 0 and nearly none of the others, which Latin text in UTF-16 always gives and ABC never has.
     */
    private static int utf16WithoutMark(byte[] bytes) {
        int n = Math.min(bytes.length, SAMPLE) & ~1;
        if (n < 4) return 0;
        int evenZero = 0, oddZero = 0;
        for (int i = 0; i < n; i += 2) {
            if (bytes[i] == 0) evenZero++;
            if (bytes[i + 1] == 0) oddZero++;
        }
        int pairs = n / 2;
        if (oddZero * 10 >= pairs * 9 && evenZero * 10 <= pairs) return 1;
        if (evenZero * 10 >= pairs * 9 && oddZero * 10 <= pairs) return -1;
        return 0;
    }
}
