package tunesmith.notation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tunebook files as editors save them: UTF-8 with or without a byte-order mark, UTF-16 either way round
 * with or without one, Latin-1; and files with no tune in them, which the report must name with the reason.
 */
class AbcEncodingTest {

    private static final String TUNE = "X:1\nT:Sí Bheag, Sí Mhór\nC:Turlough O'Carolan\nM:3/4\nL:1/8\nK:D\nA2|d3 e d2|c4 A2|\n";

    @TempDir
    Path dir;

    private Tunebook readFile(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return AbcReader.read(f);
    }

    private static byte[] bytes(byte[] mark, String text, Charset cs) {
        byte[] body = text.getBytes(cs);
        byte[] out = java.util.Arrays.copyOf(mark, mark.length + body.length);
        System.arraycopy(body, 0, out, mark.length, body.length);
        return out;
    }

    @Test
    void aTuneIsReadWhateverTheEncoding() throws IOException {
        byte[] none = {};
        List<Object[]> cases = List.of(
                new Object[]{"utf8.abc", bytes(none, TUNE, StandardCharsets.UTF_8)},
                new Object[]{"utf8-bom.abc", bytes(new byte[]{(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, TUNE, StandardCharsets.UTF_8)},
                new Object[]{"utf16le-bom.abc", bytes(new byte[]{(byte) 0xff, (byte) 0xfe}, TUNE, StandardCharsets.UTF_16LE)},
                new Object[]{"utf16be-bom.abc", bytes(new byte[]{(byte) 0xfe, (byte) 0xff}, TUNE, StandardCharsets.UTF_16BE)},
                new Object[]{"utf16le.abc", bytes(none, TUNE, StandardCharsets.UTF_16LE)},
                new Object[]{"utf16be.abc", bytes(none, TUNE, StandardCharsets.UTF_16BE)},
                new Object[]{"latin1.abc", bytes(none, TUNE, StandardCharsets.ISO_8859_1)},
                new Object[]{"crlf.abc", bytes(none, TUNE.replace("\n", "\r\n"), StandardCharsets.UTF_16LE)});
        for (Object[] c : cases) {
            Tunebook b = readFile((String) c[0], (byte[]) c[1]);
            assertEquals(1, b.size(), c[0] + ": " + b.report().describe());
            assertEquals("Sí Bheag, Sí Mhór", b.get(0).title(), (String) c[0]);
            assertEquals(3, b.get(0).barCount(), (String) c[0]); // the pickup is a bar
            assertTrue(b.report().problems().isEmpty(), c[0] + ": " + b.report().problems());
        }
    }

    @Test
    void aFileWithNoTuneIsReportedWithTheReason() throws IOException {
        byte[] random = new byte[3000];
        new Random(14).nextBytes(random);
        Object[][] cases = {
                {"empty.abc", new byte[0], "the file is empty"},
                {"blank.abc", "\n\n  \n".getBytes(StandardCharsets.UTF_8), "only blank lines"},
                {"random.abc", random, "not text"},
                {"midi.abc", "MThd\0\0\0\6\0\1\0\2\1\340MTrk\0\0\0\23\0\377\3\0\0\220<d\201\0\200<\0\0\377/\0"
                        .getBytes(StandardCharsets.ISO_8859_1), "not text"},
                {"notes.abc", "My tunes, to be typed in later.\nT:not a tune\n".getBytes(StandardCharsets.UTF_8), "no line starts with X:"},
                {"nox.abc", "T:Tune without X\nK:G\nGABc|\n".getBytes(StandardCharsets.UTF_8), "K: lines but no X:"},
        };
        for (Object[] c : cases) {
            Tunebook b = readFile((String) c[0], (byte[]) c[1]);
            assertEquals(0, b.size(), (String) c[0]);
            assertTrue(b.report().noTunes(), (String) c[0]);
            assertEquals(1, b.report().warnings().size(), c[0] + ": " + b.report().problems());
            Problem p = b.report().warnings().get(0);
            assertTrue(p.isFileProblem(), p.toString());
            assertEquals(dir.resolve((String) c[0]).toString(), p.file());
            assertTrue(p.message().startsWith("no tunes read: ") && p.message().contains((String) c[2]), c[0] + ": " + p);
            assertTrue(p.toString().startsWith(dir.resolve((String) c[0]) + ": warning: no tunes read"), p.toString());
            assertTrue(b.report().describe().contains(p.toString()), "the report's description says it: " + b.report().describe());
        }
    }

    @Test
    void aFileWhoseTunesAllFailHasTheirErrorsAndNoExtraWarning() throws IOException {
        Tunebook b = readFile("bad.abc", "X:1\nT:Bad\nK:G\nGA#B|\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, b.size());
        assertEquals(1, b.report().errors().size());
        assertTrue(b.report().warnings().stream().noneMatch(Problem::isFileProblem), b.report().problems().toString());
    }

    @Test
    void textWithNoTuneIsReportedToo() {
        Tunebook b = AbcReader.read("just words\n", "words.txt");
        assertEquals(0, b.size());
        assertTrue(b.report().warnings().get(0).message().contains("no line starts with X:"), b.report().describe());
    }
}
