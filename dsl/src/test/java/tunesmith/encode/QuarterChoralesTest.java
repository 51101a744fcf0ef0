package tunesmith.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.TestCorpora;
import tunesmith.corpus.CorpusException;

/** The quarter-note JSB chorales read, and go through the piano roll and back exactly. */
class QuarterChoralesTest {

    @Test
    void theStandardSplitReadsAndRoundTripsThroughThePianoRoll() {
        QuarterChorales q = QuarterChorales.read(TestCorpora.folder("jsb-chorales").resolve("jsb-chorales-quarter.json"));
        assertEquals(229, q.train().size());
        assertEquals(76, q.valid().size());
        assertEquals(77, q.test().size());
        System.out.println("[roll] " + q);
        for (String split : QuarterChorales.SPLITS) {
            for (int c = 0; c < q.split(split).size(); c++) {
                List<int[]> steps = q.split(split).get(c);
                boolean[][] roll = PianoRoll.encode(steps);
                assertEquals(PianoRoll.KEYS, roll[0].length);
                List<int[]> back = PianoRoll.decode(roll);
                for (int t = 0; t < steps.size(); t++) assertArrayEquals(steps.get(t), back.get(t), split + " chorale " + c + " step " + t);
            }
        }
    }

    @Test
    void aPitchOffThePianoIsRefusedNamingWhere(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"train\": [[[60, 64]]], \"valid\": [[[60], [62]], [[60], [], [20, 64]]], \"test\": []}");
        CorpusException e = assertThrows(CorpusException.class, () -> QuarterChorales.read(f));
        assertEquals(f + ": valid chorale 1 step 2 has pitch 20 (expected a MIDI number 21..108, a piano key)", e.getMessage());
        Files.writeString(f, "{\"train\": [], \"valid\": []}");
        assertEquals(f + ": no \"test\" list (expected keys train, valid, test)",
                assertThrows(CorpusException.class, () -> QuarterChorales.read(f)).getMessage());
    }
}
