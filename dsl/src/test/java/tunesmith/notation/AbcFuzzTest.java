package tunesmith.notation;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import tunesmith.music.Tune;

/**
 * Fuzzing the reader with random text and with damaged real tunes. Whatever the input,
 * {@link AbcReader#read(String, String)} returns a tunebook and a report (it never throws and
 * never hangs: each input has 2 s), every X: header is accounted for (a tune or an error), no
 * tune is lost to an internal reader error, and every tune it accepts survives the round trip
 * through the writer.
 *
 * <p>The inputs come from a fixed seed, so a failure repeats; {@code -Dtunesmith.fuzz.seed=...}
 * and {@code -Dtunesmith.fuzz.inputs=...} (per kind) explore further. Real tunes come from the
 * corpora when they are found ({@code $TUNESMITH_CORPORA}), else from a few tunes built in here.
 */
class AbcFuzzTest {

    private static final long SEED = Long.getLong("tunesmith.fuzz.seed", 20_250_601L);
    private static final int INPUTS = Integer.getInteger("tunesmith.fuzz.inputs", 1000);
    private static final int SHOW = Integer.getInteger("tunesmith.fuzz.show", 5);
    private static final Duration PER_INPUT = Duration.ofSeconds(2);

    /** Characters that mean something in ABC, to make random text go deep into the reader. */
    private static final String ABC_PUNCTUATION = "|:[]{}()\"!^_=,'/<>-~.+%\\0123456789 \n\tzZxXyABCDEFGabcdefgHIJKLMNOPQRSTUVWuvw&$*#@;`?";
    private static final String[] SNIPPETS = {
            "|:", ":|", "::", "|]", "[|", "||", ":|:", "[1", "[2", "|1", ":|2", "[K:", "[K:Bb]", "[M:6/8]", "[M:0/0]", "[L:1/0]",
            "[L:", "[V:2]", "(3", "(3:2:3", "(9:99:99", "(0", "(", ")", "{", "}", "{/", "[", "]", "\"", "\"Am\"", "\"^",
            "!", "!trill!", "!foo!", "+", "+fermata+", "-", ">", ">>>>", "<", "~", ".", "Z", "Z0", "Z99999", "X", "z0", "A0",
            "A/0", "A////////////", "A99999", "A,,,,,,,,,,,,", "a''''''''''''", "^^^", "__", "=", "^/", "&", "\\", "%", "%%",
            "%%foo", "%%MIDI program 1", "\nV:2\n", "\nV:\n", "\nK:\n", "\nK:H\n", "\nK:Zz\n", "\nM:\n", "\nM:1/0\n",
            "\nL:0\n", "\nL:1/0\n", "\nX:\n", "\nX:2\n", "\nT:\n", "\nw:", "\nW:", "\nP:A\n", "\nP:(((\n", "\nU:T=!x!\n",
            "\nU:\n", "\nm:\n", "\ns:x\n", "\n+:more\n", "\n\n", "\r", "\r\n", "\u0000", "\uFEFF", "é", "\uD834\uDD1E", "y",
            "$", "*", "`", "J", "R", "[P:A]", "[I:x]", "[r:", "[Q:1/4=]", "[Q:", "[1-3", "[1,", "|[1-99999",
            // constructs read since issue 14
            "\n%%begintext\n", "\n%%endtext\n", "\nK:bass\n", "[K:bass3]", "\nK:C^f^c\n", "[K:D exp _b_e]", "&", " & ", "(&", "&)",
            "[HC6HA6]", "[E4(e4]", "[E)G]", "{[Ge]}", "{g[^FA]2}", "\\\n", "\nT:a \\\n", "\n3/8=120\n", "_3/4c", "^/"};

    private static final List<String> BUILT_IN = List.of("""
            X:1
            T:The Kesh
            R:jig
            M:6/8
            L:1/8
            K:G
            |:GAG GAB|ABA ABd|edd gdd|edB dBA|
            GAG GAB|ABA ABd|edd gdB|AGF G3:|
            |:BAB dBd|ege dBA|BAB dBG|ABA AGA|
            BAB dBd|ege dBd|gfg aga|1 bgf g3:|2 bgf g2||
            """, """
            X:2
            T:Drowsy Maggie
            R:reel
            M:C|
            L:1/8
            K:Edor
            |:E2BE dEBE|E2BE AFDF|E2BE dEBE|BABc dAFD:|
            |:(3fgf ec dB (3cBA|~B2 AB dAFA|"D"d2 fd "A"c2 ec|"G"BABc dAFD:|
            """, """
            X:3
            T:Two Voices
            M:3/4
            L:1/4
            Q:1/4=100
            K:Bb
            V:1 clef=treble
            V:2 clef=bass
            V:1
            !p!F>G A|{A}B2 _e|[K:D] ^c2 d|z3|Z2|]
            w:la la la la la
            V:2
            B,,2 F,|[B,,F,]3|(3A,B,C D2-|D3|x3|x3|]
            """);

    @Test
    void randomTextNeverBreaksTheReader() {
        Random r = new Random(SEED);
        Fuzz fuzz = new Fuzz();
        for (int i = 0; i < INPUTS; i++) {
            int len = r.nextInt(6) == 0 ? r.nextInt(2000) : r.nextInt(200);
            StringBuilder b = new StringBuilder();
            if (r.nextInt(3) > 0) b.append("X:").append(r.nextInt(100)).append('\n').append(r.nextBoolean() ? "T:t\n" : "")
                    .append(r.nextBoolean() ? "M:" + pick(r, "6/8", "C", "none", "2/4", "3/0", "") + "\n" : "")
                    .append("K:").append(pick(r, "C", "D", "Ador", "none", "Hp", "Fb loc", "")).append('\n');
            for (int k = 0; k < len; k++) {
                int kind = r.nextInt(10);
                if (kind < 6) b.append(ABC_PUNCTUATION.charAt(r.nextInt(ABC_PUNCTUATION.length())));
                else if (kind < 8) b.append(pick(r, SNIPPETS));
                else if (kind < 9) b.append((char) (32 + r.nextInt(95)));
                else b.append((char) r.nextInt(0x3000));
            }
            fuzz.check("random text #" + i, b.toString());
        }
        fuzz.finish("random text");
    }

    @Test
    void randomBytesNeverBreakTheReader() {
        Random r = new Random(SEED + 1);
        Fuzz fuzz = new Fuzz();
        for (int i = 0; i < INPUTS / 2; i++) {
            byte[] bytes = new byte[r.nextInt(600)];
            r.nextBytes(bytes);
            String prefix = r.nextBoolean() ? "X:1\nT:bytes\nK:C\n" : "";
            String text = prefix + (r.nextBoolean() ? new String(bytes, StandardCharsets.ISO_8859_1) : new String(bytes, StandardCharsets.UTF_8));
            fuzz.check("random bytes #" + i, text);
        }
        fuzz.finish("random bytes");
    }

    @Test
    void damagedRealTunesNeverBreakTheReader() {
        List<String> tunes = realTunes();
        Random r = new Random(SEED + 2);
        Fuzz fuzz = new Fuzz();
        int n = INPUTS * 5 / 2;
        for (int i = 0; i < n; i++) {
            String original = tunes.get(r.nextInt(tunes.size()));
            String damaged = mutate(original, r, 1 + r.nextInt(r.nextInt(4) == 0 ? 12 : 4));
            fuzz.check("damaged tune #" + i, damaged);
        }
        fuzz.finish("damaged real tunes (from " + tunes.size() + " tunes)");
    }

    /**
     * Voice overlays put into real tunes: at a random place of a line of music, {@code &} and a piece of
     * the tune's music (sometimes several, sometimes at a line's end, before an ending or a bar line).
     * The overlay is the newest and most stateful part of the reader, so it gets inputs of its own.
     */
    @Test
    void overlaysInRealTunesNeverBreakTheReader() {
        List<String> tunes = realTunes();
        Random r = new Random(SEED + 4);
        Fuzz fuzz = new Fuzz();
        for (int i = 0; i < INPUTS / 2; i++) {
            String tune = tunes.get(r.nextInt(tunes.size()));
            List<String> lines = new ArrayList<>(List.of(tune.split("\n", -1)));
            int k = lines.indexOf(lines.stream().filter(l -> l.startsWith("K:")).findFirst().orElse(""));
            if (k < 0 || k + 1 >= lines.size()) continue;
            for (int n = 1 + r.nextInt(3); n > 0; n--) {
                int li = k + 1 + r.nextInt(lines.size() - k - 1);
                String line = lines.get(li);
                if (line.length() < 2 || (Character.isLetter(line.charAt(0)) && line.charAt(1) == ':')) continue;
                int at = r.nextInt(line.length() + 1);
                int from = r.nextInt(line.length()), to = Math.min(line.length(), from + 1 + r.nextInt(16));
                String piece = line.substring(from, to).replace("|", r.nextBoolean() ? "" : "|");
                lines.set(li, line.substring(0, at) + pick(r, "&", " & ", "&&", "& ") + piece + line.substring(at));
            }
            fuzz.check("overlay #" + i, String.join("\n", lines));
        }
        fuzz.finish("overlays in real tunes");
    }

    /** Whole tunebooks damaged as files are: how many, and the time each may take (a very long line is in some). */
    private static final int BOOKS = Integer.getInteger("tunesmith.fuzz.books", 200);
    private static final Duration PER_BOOK = Duration.ofSeconds(5);

    /**
     * Real tunebook files (a file of Ryan's, or up to 300 lines of a bigger book from anywhere in it, so
     * sometimes from the middle of a tune), saved in UTF-8, UTF-16 (with or without a byte-order mark) or
     * Latin-1, and damaged as files get damaged: truncated, bytes or lines deleted, inserted, duplicated or
     * swapped, random Unicode, NULs, a very long line. The reader never throws, each book is read in time,
     * and every X: line of the damaged text is a tune read or an error in the report.
     */
    @Test
    void damagedTunebooksLoseNoTune() {
        Path root = tunesmith.TestCorpora.root();
        List<List<Path>> corpora = new ArrayList<>();
        for (String corpus : AbcTestSupport.ABC_CORPORA) corpora.add(AbcTestSupport.abcFiles(root.resolve(corpus)));
        Random r = new Random(SEED + 3);
        Fuzz fuzz = new Fuzz();
        for (int i = 0; i < BOOKS; i++) {
            List<Path> files = corpora.get(r.nextInt(corpora.size())); // a corpus first: Ryan's has a thousand one-tune files
            Path f = files.get(r.nextInt(files.size()));
            String text = excerpt(AbcReader.decode(f), r);
            byte[] bytes = damage(encode(text, r), r, 1 + r.nextInt(r.nextInt(3) == 0 ? 10 : 3));
            fuzz.check("damaged book #" + i + " (" + root.relativize(f) + ")", bytes, PER_BOOK);
        }
        fuzz.finish("damaged tunebooks (from " + corpora.stream().mapToInt(List::size).sum() + " files)");
    }

    /** Up to 300 lines of a book, from a random line (the whole book when it is short). */
    private static String excerpt(String book, Random r) {
        List<String> lines = book.lines().toList();
        if (lines.size() <= 300) return book;
        int from = r.nextInt(4) == 0 ? 0 : r.nextInt(lines.size() - 300);
        return String.join("\n", lines.subList(from, from + 50 + r.nextInt(250))) + "\n";
    }

    private static byte[] encode(String text, Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> concat(new byte[]{(byte) 0xff, (byte) 0xfe}, text.getBytes(StandardCharsets.UTF_16LE));
            case 1 -> concat(new byte[]{(byte) 0xfe, (byte) 0xff}, text.getBytes(StandardCharsets.UTF_16BE));
            case 2 -> text.getBytes(r.nextBoolean() ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
            case 3 -> concat(new byte[]{(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, text.getBytes(StandardCharsets.UTF_8));
            case 4 -> text.getBytes(StandardCharsets.ISO_8859_1);
            default -> text.getBytes(StandardCharsets.UTF_8);
        };
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Damages a file's bytes {@code times} times. */
    static byte[] damage(byte[] bytes, Random r, int times) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        byte[] d = bytes;
        for (int t = 0; t < times; t++) {
            int n = d.length, at = n == 0 ? 0 : r.nextInt(n + 1);
            b.reset();
            switch (r.nextInt(10)) {
                case 0 -> b.write(d, 0, at); // truncated
                case 1 -> { // a range deleted
                    int end = Math.min(n, at + 1 + r.nextInt(r.nextBoolean() ? 8 : 400));
                    b.write(d, 0, at);
                    b.write(d, end, n - end);
                }
                case 2 -> { // random bytes, or NULs, inserted
                    byte[] junk = new byte[1 + r.nextInt(r.nextBoolean() ? 4 : 200)];
                    if (r.nextBoolean()) r.nextBytes(junk);
                    b.write(d, 0, at);
                    b.write(junk, 0, junk.length);
                    b.write(d, at, n - at);
                }
                case 3 -> { // a range duplicated
                    int end = Math.min(n, at + 1 + r.nextInt(600));
                    b.write(d, 0, end);
                    b.write(d, at, n - at);
                }
                case 4 -> { // random Unicode inserted, in the file's own encoding where it has one
                    StringBuilder u = new StringBuilder();
                    for (int k = 1 + r.nextInt(30); k > 0; k--) {
                        int cp = r.nextInt(5) == 0 ? r.nextInt(0x110000) : r.nextInt(0x3000);
                        if (Character.isValidCodePoint(cp) && !(cp >= 0xd800 && cp < 0xe000)) u.appendCodePoint(cp);
                    }
                    byte[] junk = u.toString().getBytes(StandardCharsets.UTF_8);
                    b.write(d, 0, at);
                    b.write(junk, 0, junk.length);
                    b.write(d, at, n - at);
                }
                case 5 -> { // a very long line: music, or one character, many thousand times
                    String unit = pick(r, "abc def|", "|", "(", "[", "{", "\"", "!", "z", "A-", ">", "%", "X:1 ", "\\");
                    byte[] line = ("\n" + unit.repeat(20_000 / unit.length() + r.nextInt(20_000)) + "\n").getBytes(StandardCharsets.UTF_8);
                    b.write(d, 0, at);
                    b.write(line, 0, line.length);
                    b.write(d, at, n - at);
                }
                default -> { // lines: deleted, duplicated, swapped, or a tune's key line lost
                    String text = new String(d, StandardCharsets.ISO_8859_1); // one char a byte: lines cut at the bytes' line feeds
                    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
                    int i = r.nextInt(lines.size()), j = r.nextInt(lines.size());
                    switch (r.nextInt(4)) {
                        case 0 -> lines.remove(i);
                        case 1 -> lines.add(i, lines.get(i));
                        case 2 -> { String x = lines.get(i); lines.set(i, lines.get(j)); lines.set(j, x); }
                        default -> lines.removeIf(l -> l.startsWith("K:") && r.nextInt(3) == 0);
                    }
                    byte[] out = String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
                    b.write(out, 0, out.length);
                }
            }
            d = b.toByteArray();
        }
        return d;
    }

    // ---- inputs ---------------------------------------------------------------------------------

    /** The text of each tune (X: to the next X:) of the corpora, or the built-in tunes without them. */
    private static List<String> realTunes() {
        Optional<Path> root = AbcTestSupport.corporaRoot();
        if (root.isEmpty()) return BUILT_IN;
        List<String> out = new ArrayList<>(BUILT_IN);
        for (String corpus : AbcTestSupport.ABC_CORPORA) {
            for (Path f : AbcTestSupport.abcFiles(root.get().resolve(corpus))) {
                String text = AbcReader.decode(f);
                int at = text.startsWith("X:") ? 0 : text.indexOf("\nX:");
                while (at >= 0) {
                    int next = text.indexOf("\nX:", at + 1);
                    out.add(text.substring(at, next < 0 ? text.length() : next + 1));
                    at = next;
                }
            }
        }
        return out;
    }

    /** Deletes, inserts, duplicates and swaps random characters and lines, and inserts ABC punctuation. */
    static String mutate(String text, Random r, int times) {
        StringBuilder b = new StringBuilder(text);
        for (int t = 0; t < times; t++) {
            int len = b.length();
            int at = len == 0 ? 0 : r.nextInt(len);
            switch (r.nextInt(9)) {
                case 0 -> { if (len > 0) b.deleteCharAt(at); }
                case 1 -> b.insert(at, ABC_PUNCTUATION.charAt(r.nextInt(ABC_PUNCTUATION.length())));
                case 2 -> b.insert(at, pick(r, SNIPPETS));
                case 3 -> { // duplicate a short range
                    int end = Math.min(len, at + 1 + r.nextInt(12));
                    b.insert(at, b.substring(at, end));
                }
                case 4 -> { // swap two characters
                    if (len > 1) {
                        int j = r.nextInt(len);
                        char c = b.charAt(at);
                        b.setCharAt(at, b.charAt(j));
                        b.setCharAt(j, c);
                    }
                }
                case 5, 6, 7 -> { // a whole line: delete, duplicate, swap with another
                    List<String> lines = new ArrayList<>(List.of(b.toString().split("\n", -1)));
                    int i = r.nextInt(lines.size()), j = r.nextInt(lines.size());
                    switch (r.nextInt(3)) {
                        case 0 -> lines.remove(i);
                        case 1 -> lines.add(i, lines.get(i));
                        default -> { String s = lines.get(i); lines.set(i, lines.get(j)); lines.set(j, s); }
                    }
                    b = new StringBuilder(String.join("\n", lines));
                }
                default -> { if (len > 0) b.setCharAt(at, ABC_PUNCTUATION.charAt(r.nextInt(ABC_PUNCTUATION.length()))); }
            }
        }
        return b.toString();
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... options) { return options[r.nextInt(options.length)]; }

    // ---- the checks -----------------------------------------------------------------------------

    /**
     * Disagreements this fuzzer found that are reported to the owners of the reader and not fixed
     * yet. They are counted and printed, not failed, unless {@code -Dtunesmith.fuzz.strict=true}.
     */
    enum Known {
        NO_KEY("a tune without a K: field is read (with a warning), but AbcWriter refuses to write it"),
        FILE_HEADER_KEY("a K: in a file header is inherited right after X:, before the tune's M:/L:, so the written header ends too early"),
        ZERO_DENOMINATOR("a length with denominator 0 (A/0) is an internal reader error (ArithmeticException), not a reading error"),
        PLUS_CONTINUATION("a +: line after music continues the last header field (K:G + '+:dor' gives K:G dor after the music was read in G;"
                + " M:4/4 + '+:more' is an internal reader error)");

        final String what;

        Known(String what) { this.what = what; }
    }

    private static final boolean STRICT = !"false".equals(System.getProperty("tunesmith.fuzz.strict"));

    /** Runs inputs through the reader and the round trip, collecting failures to report them together. */
    private static final class Fuzz {
        private final List<String> failures = new ArrayList<>();
        private final java.util.EnumMap<Known, Integer> known = new java.util.EnumMap<>(Known.class);
        private final java.util.EnumMap<Known, String> knownExample = new java.util.EnumMap<>(Known.class);
        private int inputs, tunes, errors;

        /** Counts a known issue; true when it should be let pass. */
        private boolean known(Known k, String input) {
            known.merge(k, 1, Integer::sum);
            knownExample.putIfAbsent(k, input);
            return !STRICT;
        }

        void check(String name, String input) {
            check(name, input, PER_INPUT, () -> checkOne(input, null));
        }

        /** A tunebook file's bytes, read as {@link AbcReader#read(Path)} reads a file. */
        void check(String name, byte[] bytes, Duration limit) {
            String text = AbcReader.decode(bytes);
            check(name, text, limit, () -> checkOne(text, bytes));
        }

        private void check(String name, String input, Duration limit, org.junit.jupiter.api.function.ThrowingSupplier<String> one) {
            inputs++;
            String problem;
            try {
                problem = assertTimeoutPreemptively(limit, one, () -> "reader hangs (over " + limit.toMillis() + " ms)");
            } catch (AssertionFailedError e) {
                problem = e.getMessage();
            }
            if (problem != null && failures.size() < 2000) {
                failures.add(name + ": " + problem + "\n  input (" + input.length() + " chars):\n" + indent(input));
            }
        }

        /** Null when all is well, else what went wrong; {@code bytes} when the input is a file's bytes. */
        private String checkOne(String input, byte[] bytes) {
            Tunebook book;
            try {
                book = bytes == null ? AbcReader.read(input, "fuzz.abc") : AbcReader.read(bytes, "fuzz.abc");
            } catch (Throwable e) {
                return "read threw " + e + stack(e);
            }
            tunes += book.size();
            errors += book.report().skipped();
            // no silent loss: every X: line is a tune read or an error that names it, and no tune at all is said
            long xs = input.lines().filter(l -> l.startsWith("X:")).count();
            if (xs != book.size() + book.report().skipped()) {
                return xs + " X: headers but " + book.size() + " tunes read and " + book.report().skipped() + " skipped";
            }
            String unnamed = unaccounted(input, book);
            if (unnamed != null) return unnamed;
            for (Problem p : book.report().problems()) {
                if (!"fuzz.abc".equals(p.file())) return "a problem names another file: " + p;
                if (!p.isFileProblem() && p.line() < 1) return "a problem names no line: " + p;
            }
            if (book.size() == 0 && book.report().problems().stream().noneMatch(p -> p.isError() || p.isFileProblem())) {
                return "no tune read and the report does not say why: " + book.report().describe();
            }
            for (Problem p : book.report().errors()) {
                if (p.message().contains("internal reader error")) {
                    if (p.message().contains("Duration with denominator 0") && known(Known.ZERO_DENOMINATOR, input)) continue;
                    if (plusLine(input) && known(Known.PLUS_CONTINUATION, input)) continue;
                    return "reader bug: " + p;
                }
            }
            for (Tune t : book.tunes()) {
                if (t.field('K').isEmpty() && known(Known.NO_KEY, input)) continue;
                if (keyBeforeHeaderFields(t) && known(Known.FILE_HEADER_KEY, input)) continue;
                String abc;
                try {
                    abc = AbcWriter.write(t);
                } catch (RuntimeException e) {
                    return "the writer cannot write a tune the reader accepted: " + e + stack(e);
                }
                Tune back;
                try {
                    back = AbcReader.readTune(abc);
                } catch (RuntimeException e) {
                    return "the written ABC of an accepted tune does not read: " + e.getMessage() + "\n  written ABC:\n" + indent(abc);
                }
                if (!back.equals(t)) {
                    if (plusLine(input) && known(Known.PLUS_CONTINUATION, input)) continue;
                    return "an accepted tune does not read back equal:\n" + AbcTestSupport.diff(t, back) + "  written ABC:\n" + indent(abc);
                }
            }
            return null;
        }

        /** The first X: line that is neither a tune read (by its line) nor an error between it and the next X:, or null. */
        private static String unaccounted(String input, Tunebook book) {
            List<String> lines = input.lines().toList();
            List<Integer> xs = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith("X:")) xs.add(i + 1);
            java.util.Set<Integer> read = new java.util.HashSet<>();
            for (Tune t : book.tunes()) read.add(t.line());
            for (int k = 0; k < xs.size(); k++) {
                int from = xs.get(k), to = k + 1 < xs.size() ? xs.get(k + 1) : Integer.MAX_VALUE;
                boolean named = read.contains(from)
                        || book.report().errors().stream().anyMatch(p -> p.line() >= from && p.line() < to);
                if (!named) return "the tune at line " + from + " (" + lines.get(from - 1) + ") is neither read nor named in the report";
            }
            return null;
        }

        private static boolean plusLine(String input) { return input.startsWith("+:") || input.contains("\n+:"); }

        /** A K: field followed by M:, L:, Q: or another K: field, which only a file header's K: gives. */
        private static boolean keyBeforeHeaderFields(Tune t) {
            boolean key = false;
            for (tunesmith.music.Field f : t.fields()) {
                if (key && "KMLQ".indexOf(f.name()) >= 0) return true;
                if (f.name() == 'K') key = true;
            }
            return false;
        }

        void finish(String what) {
            System.out.printf("Fuzz %s: %d inputs, %d tunes read, %d tunes skipped with an error, %d failures (seed %d)%n",
                    what, inputs, tunes, errors, failures.size(), SEED);
            known.forEach((k, n) -> System.out.printf("  known issue %s (%d inputs): %s; e.g.%n%s%n", k, n, k.what,
                    indent(knownExample.get(k).length() > 400 ? knownExample.get(k).substring(0, 400) + "…" : knownExample.get(k))));
            if (!failures.isEmpty()) {
                java.util.Map<String, Integer> kinds = new java.util.TreeMap<>();
                for (String f : failures) {
                    String first = f.substring(f.indexOf(": ") + 2).lines().findFirst().orElse("");
                    first = first.replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\"").replaceAll("\\d+", "#");
                    kinds.merge(first.length() > 160 ? first.substring(0, 160) : first, 1, Integer::sum);
                }
                System.out.println("Failures by kind:");
                kinds.forEach((k, c) -> System.out.printf("  %5d  %s%n", c, k));
                String msg = failures.size() + " of " + inputs + " fuzz inputs (" + what + ") broke the reader or the round trip; first:\n\n"
                        + String.join("\n\n", failures.subList(0, Math.min(SHOW, failures.size())));
                System.out.println(msg);
                fail(msg);
            }
        }
    }

    private static String stack(Throwable e) {
        StringBuilder b = new StringBuilder();
        StackTraceElement[] st = e.getStackTrace();
        for (int i = 0; i < Math.min(6, st.length); i++) b.append("\n    at ").append(st[i]);
        return b.toString();
    }

    private static String indent(String s) {
        String t = s.length() > 3000 ? s.substring(0, 3000) + "…" : s;
        return "    | " + t.replace("\n", "\n    | ");
    }
}
