package tunesmith.notation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tunesmith.music.Decoration;
import tunesmith.music.Tune;

/**
 * The reader against the real corpora (O'Neill's, Ryan's Mammoth, Essen, Nottingham; about
 * 12,600 tunes): nearly all tunes read, every X: header is accounted for (read, or skipped with a
 * reason in the report), every tune read survives the round trip through the writer, and errors
 * and warnings say where and what.
 *
 * <p>The corpora are found through {@code -Dtunesmith.corpora} or {@code $TUNESMITH_CORPORA};
 * without them the corpus tests are skipped. A report goes to stdout and to
 * {@code target/corpus-read-report.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorpusReadTest {

    /** One file as read, with its X: header lines counted independently of the reader. */
    record FileResult(String corpus, Path file, List<Integer> xLines, Tunebook book) {}

    private final List<FileResult> results = new ArrayList<>();
    private Path root;

    @BeforeAll
    void readCorpora() throws IOException {
        Optional<Path> r = AbcTestSupport.corporaRoot();
        if (r.isEmpty()) return;
        root = r.get();
        for (String corpus : AbcTestSupport.ABC_CORPORA) {
            for (Path file : AbcTestSupport.abcFiles(root.resolve(corpus))) {
                // ISO-8859-1 keeps one char per byte, so line numbers match the reader's whatever the encoding
                List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).lines().toList();
                List<Integer> xs = new ArrayList<>();
                for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith("X:")) xs.add(i + 1);
                results.add(new FileResult(corpus, file, xs, AbcReader.read(file)));
            }
        }
    }

    private void requireCorpora() {
        assumeTrue(root != null, "ABC corpora not found: set TUNESMITH_CORPORA (or -Dtunesmith.corpora) to the corpora folder");
    }

    // ---- reading --------------------------------------------------------------------------------

    @Test
    void atLeast99PercentOfTunesReadAndEveryXIsAccountedFor() throws IOException {
        requireCorpora();
        int headers = 0, read = 0, skipped = 0, warnings = 0;
        List<String> unaccounted = new ArrayList<>();
        Map<String, int[]> perCorpus = new LinkedHashMap<>();
        Map<String, Integer> warningKinds = new TreeMap<>();
        List<Problem> errors = new ArrayList<>();
        for (FileResult f : results) {
            LoadReport rep = f.book().report();
            int[] c = perCorpus.computeIfAbsent(f.corpus(), k -> new int[5]);
            c[0]++;
            c[1] += f.xLines().size();
            c[2] += f.book().size();
            c[3] += rep.skipped();
            c[4] += rep.warnings().size();
            headers += f.xLines().size();
            read += f.book().size();
            skipped += rep.skipped();
            warnings += rep.warnings().size();
            errors.addAll(rep.errors());
            for (Problem w : rep.warnings()) warningKinds.merge(kind(w.message()), 1, Integer::sum);
            unaccounted.addAll(account(f));
        }

        StringBuilder out = new StringBuilder();
        out.append("ABC corpus read report (corpora at ").append(root).append(")\n\n");
        out.append(String.format("%-14s %6s %8s %8s %8s %9s%n", "corpus", "files", "X:", "read", "skipped", "warnings"));
        for (Map.Entry<String, int[]> e : perCorpus.entrySet()) {
            int[] c = e.getValue();
            out.append(String.format("%-14s %6d %8d %8d %8d %9d%n", e.getKey(), c[0], c[1], c[2], c[3], c[4]));
        }
        out.append(String.format("%-14s %6d %8d %8d %8d %9d%n", "total", results.size(), headers, read, skipped, warnings));
        out.append(String.format("%nread %.3f%% of the X: headers%n", 100.0 * read / Math.max(1, headers)));
        out.append("\nSkipped tunes (").append(errors.size()).append("):\n");
        for (Problem p : errors) out.append("  ").append(relative(p.toString())).append('\n');
        out.append("\nWarnings by kind (").append(warnings).append("):\n");
        warningKinds.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(e -> out.append(String.format("  %6d  %s%n", e.getValue(), e.getKey())));
        if (!unaccounted.isEmpty()) {
            out.append("\nX: headers not accounted for (").append(unaccounted.size()).append("):\n");
            for (String u : unaccounted) out.append("  ").append(u).append('\n');
        }
        System.out.println(out);
        Path report = Path.of("target", "corpus-read-report.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, out.toString(), StandardCharsets.UTF_8);

        assertTrue(headers > 12_000, "expected about 12,600 X: headers in the four ABC corpora, found " + headers);
        assertEquals(headers, read + skipped, "every X: header must be read or reported: " + headers + " X: headers, "
                + read + " read, " + skipped + " skipped");
        assertTrue(unaccounted.isEmpty(), "X: headers neither read nor in the report:\n  " + String.join("\n  ", unaccounted));
        assertTrue(read >= 0.99 * headers, String.format("only %d of %d tunes read (%.2f%%, need 99%%)", read, headers, 100.0 * read / headers));
        for (Problem p : errors) {
            assertTrue(p.message() != null && p.message().length() > 10, "a skipped tune needs a reason: " + p);
            assertTrue(p.line() > 0, "a skipped tune needs a line: " + p);
        }
    }

    /**
     * Matches each X: header of a file to a tune read from it (by its line) or to an error in
     * the report (by a line between this X: and the next); returns the headers matched by neither,
     * or by both.
     */
    private static List<String> account(FileResult f) {
        List<String> out = new ArrayList<>();
        Set<Integer> tuneLines = new HashSet<>();
        for (Tune t : f.book().tunes()) {
            if (!tuneLines.add(t.line())) out.add(f.file() + ":" + t.line() + ": two tunes read from one X:");
            if (!f.xLines().contains(t.line())) out.add(f.file() + ":" + t.line() + ": tune read from a line that is not an X: header");
            if (!f.file().toString().equals(t.source())) out.add(f.file() + ":" + t.line() + ": tune's source is " + t.source());
        }
        List<Problem> errors = f.book().report().errors();
        boolean[] used = new boolean[errors.size()];
        List<Integer> xs = f.xLines();
        for (int j = 0; j < xs.size(); j++) {
            int from = xs.get(j), to = j + 1 < xs.size() ? xs.get(j + 1) : Integer.MAX_VALUE;
            boolean isRead = tuneLines.contains(from);
            int matched = 0;
            for (int e = 0; e < errors.size(); e++) {
                int line = errors.get(e).line();
                if (!used[e] && line >= from && line < to) { used[e] = true; matched++; }
            }
            if (!isRead && matched == 0) out.add(f.file() + ":" + from + ": X: neither read nor reported (silently lost)");
            if (isRead && matched > 0) out.add(f.file() + ":" + from + ": X: both read and reported as skipped");
            if (matched > 1) out.add(f.file() + ":" + from + ": X: reported as skipped " + matched + " times");
        }
        for (int e = 0; e < errors.size(); e++) if (!used[e]) out.add("error outside any tune: " + errors.get(e));
        for (Problem p : f.book().report().problems()) {
            if (!f.file().toString().equals(p.file())) out.add("problem names file " + p.file() + " instead of " + f.file() + ": " + p);
        }
        return out;
    }

    /** A warning's message with its particulars (quoted text, numbers) blanked, to group like with like. */
    private static String kind(String message) {
        String k = message.replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\"").replaceAll("![^!\\s]*!", "!…!")
                .replaceAll("%%\\S+", "%%…").replaceAll("\\[[A-Za-z]:[^\\]]*\\]", "[…]").replaceAll("\\d+", "#");
        return k.length() > 110 ? k.substring(0, 110) + "…" : k;
    }

    private String relative(String s) {
        return root == null ? s : s.replace(root.toString() + "/", "");
    }

    // ---- round trip -----------------------------------------------------------------------------

    @Test
    void everyTuneReadSurvivesTheRoundTripThroughTheWriter() {
        requireCorpora();
        int tunes = 0;
        List<String> failures = new ArrayList<>();
        int failed = 0;
        for (FileResult f : results) {
            for (Tune t : f.book().tunes()) {
                tunes++;
                String abc = null;
                String why;
                try {
                    abc = AbcWriter.write(t);
                    Tune back = AbcReader.readTune(abc);
                    if (back.equals(t)) continue;
                    why = AbcTestSupport.diff(t, back);
                } catch (RuntimeException e) {
                    why = "  " + e + "\n";
                }
                failed++;
                if (failures.size() < 5) {
                    failures.add(relative(t.source()) + ":" + t.line() + " X:" + t.x() + " \"" + t.title() + "\"\n" + why
                            + (abc == null ? "" : "  written ABC:\n" + AbcTestSupport.numbered(abc)));
                }
            }
        }
        System.out.println("Round trip: " + (tunes - failed) + " of " + tunes + " tunes read back equal from their written ABC");
        if (failed > 0) {
            String msg = failed + " of " + tunes + " tunes do not read back equal from their written ABC; first "
                    + failures.size() + ":\n" + String.join("\n", failures);
            System.out.println(msg);
            fail(msg);
        }
    }

    // ---- messages -------------------------------------------------------------------------------

    private static final String BOOK = """
            %abc-2.1
            % a tunebook with one good tune, one bad and another good one
            M:4/4
            L:1/8

            X:1
            T:First Good Tune
            K:D
            |:DEFG ABcd:|

            X:2
            T:The Broken Reel
            R:reel
            K:G
            |:GABc dedB|dB#d g2fe|
            dBGB d2gf:|

            X:3
            T:Second Good Tune
            K:Ador
            |:eAAB e2dB|cBAG EGDG:|
            """;

    @Test
    void anErrorNamesFileTuneTitleLineColumnWhatWasFoundAndWhatWasExpected() {
        Tunebook book = AbcReader.read(BOOK, "reels.abc");
        assertEquals(List.of("First Good Tune", "Second Good Tune"), book.tunes().stream().map(Tune::title).toList(),
                "the good tunes around a bad one load");
        assertEquals(2, book.report().read());
        assertEquals(1, book.report().skipped(), book.report().describe());
        Problem p = book.report().errors().get(0);
        assertEquals("reels.abc", p.file());
        assertEquals(2, p.x());
        assertEquals("The Broken Reel", p.title());
        assertEquals(15, p.line(), "line of the bad character in the file");
        assertEquals(15, p.column(), "column of the '#' in '|:GABc dedB|dB#d g2fe|'");
        assertTrue(p.message().contains("found '#'"), "says what was found: " + p.message());
        assertTrue(p.message().contains("expected a note"), "says what was expected: " + p.message());
        String text = p.toString();
        for (String part : List.of("reels.abc", "15", "X:2", "The Broken Reel", "'#'", "expected")) {
            assertTrue(text.contains(part), "the message names " + part + ": " + text);
        }
        assertTrue(text.startsWith("reels.abc:15:15: error"), text);
        assertTrue(book.report().describe().contains(text), "the report lists the skipped tune: " + book.report().describe());

        // the same tune read alone throws, with the same information
        String alone = BOOK.substring(BOOK.indexOf("X:2"), BOOK.indexOf("X:3"));
        AbcException e = org.junit.jupiter.api.Assertions.assertThrows(AbcException.class, () -> AbcReader.readTune(alone));
        assertTrue(e.getMessage().contains("X:2") && e.getMessage().contains("The Broken Reel")
                && e.getMessage().contains("found '#'") && e.getMessage().contains("expected"), e.getMessage());
        assertEquals(15, e.problem().column());
    }

    @Test
    void anUnclosedChordIsReportedAtItsOpeningBracket() {
        Tunebook book = AbcReader.read("X:7\nT:Open Chord\nM:3/4\nK:C\nCDE|[CEG\n", "chords.abc");
        assertEquals(0, book.size());
        Problem p = book.report().errors().get(0);
        assertEquals(7, p.x());
        assertEquals("Open Chord", p.title());
        assertEquals(5, p.line());
        assertEquals(5, p.column(), p.toString());
        assertTrue(p.message().contains("found") && p.message().contains("expected"), p.toString());
    }

    @Test
    void anUnknownDecorationIsAWarningAndTheTuneLoads() {
        Tunebook book = AbcReader.read("X:1\nT:Decorated\nM:2/4\nL:1/8\nK:D\n!foo!DE !trill!FG|A4|\n", "deco.abc");
        assertEquals(1, book.size(), book.report().describe());
        assertEquals(0, book.report().skipped());
        List<Problem> w = book.report().warnings();
        assertTrue(w.stream().anyMatch(p -> p.message().contains("foo") && p.line() == 6 && p.x() == 1 && "Decorated".equals(p.title())),
                "a warning names the unknown decoration and where it is: " + w);
        assertTrue(w.stream().noneMatch(p -> p.message().contains("trill")), "a known decoration is no warning: " + w);
        Tune t = book.get(0);
        assertTrue(t.bars().get(0).elements().contains(new Decoration("foo")), "the unknown decoration is kept");
        assertEquals(t, AbcReader.readTune(AbcWriter.write(t)));
    }

    @Test
    void anUnknownDirectiveIsAWarningAndTheTuneLoads() {
        Tunebook book = AbcReader.read("X:1\nT:Directed\n%%foo bar baz\nM:2/4\nK:D\n%%foo again\nDE FG|A4|\n%%MIDI program 1\n", "dir.abc");
        assertEquals(1, book.size(), book.report().describe());
        assertEquals(0, book.report().skipped());
        List<Problem> w = book.report().warnings();
        assertTrue(w.stream().anyMatch(p -> p.message().contains("%%foo") && p.line() == 3), "header directive warned: " + w);
        assertTrue(w.stream().anyMatch(p -> p.message().contains("%%foo") && p.line() == 6), "body directive warned: " + w);
        assertTrue(w.stream().noneMatch(p -> p.message().contains("MIDI")), "a known directive is no warning: " + w);
        assertEquals(2, book.get(0).barCount());
    }
}
