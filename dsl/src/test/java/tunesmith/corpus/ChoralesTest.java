package tunesmith.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.TestCorpora;
import tunesmith.notation.AbcReader;
import tunesmith.notation.AbcWriter;
import tunesmith.music.NoteEvent;
import tunesmith.music.Tune;

class ChoralesTest {

    static Chorales jsb;

    @BeforeAll
    static void load() {
        jsb = Chorales.read(TestCorpora.folder("jsb-chorales").resolve("Jsb16thSeparated.json"));
    }

    @Test
    void theUnseenTestChoralesAreThoseWhoseMelodyNoTrainingChoraleHas() {
        List<Chorale> unseen = jsb.unseenTest();
        java.util.Set<List<Integer>> train = new java.util.HashSet<>();
        for (Chorale c : jsb.train()) train.add(c.melodyOpening(Chorales.MELODY_OPENING));
        assertTrue(unseen.stream().noneMatch(c -> train.contains(c.melodyOpening(Chorales.MELODY_OPENING))));
        assertEquals(59, unseen.size(), "18 of the 77 test chorales set a melody of the training split");
        Chorale first = jsb.test().get(0);
        assertEquals(2 * Chorales.MELODY_OPENING, first.melodyOpening(Chorales.MELODY_OPENING).size(), "an interval and a length per note");
        assertEquals(0, (int) first.melodyOpening(3).get(0), "the first note has no interval before it");
    }

    @Test
    void standardSplitSizes() {
        assertEquals(229, jsb.train().size());
        assertEquals(76, jsb.valid().size());
        assertEquals(77, jsb.test().size());
        assertEquals(382, jsb.all().size());
    }

    @Test
    void everyChoraleBecomesFourVoicesWhoseNotesGiveBackTheGrid() {
        for (Chorale c : jsb.test()) {
            Tune t = c.tune();
            assertEquals(4, t.voices().size());
            for (int v = 0; v < 4; v++) {
                int[] expected = c.voice(v);
                int[] got = new int[c.length()];
                Arrays.fill(got, -1);
                for (NoteEvent e : t.withMelodyVoice(Chorale.VOICES[v]).melody()) {
                    int from = (int) (e.onset().numerator() * 16 / e.onset().denominator());
                    int steps = (int) (e.duration().numerator() * 16 / e.duration().denominator());
                    for (int k = 0; k < steps; k++) got[from + k] = e.midi();
                }
                assertEquals(Arrays.toString(expected), Arrays.toString(got), c + " voice " + v);
            }
        }
    }

    @Test
    void sopranoLinesAreMelodiesAndRoundTripThroughAbc() {
        for (Chorale c : jsb.valid()) {
            Tune s = c.soprano();
            assertEquals(1, s.voices().size());
            Tune full = c.tune();
            assertEquals(full, AbcReader.readTune(AbcWriter.write(full)), c.toString());
        }
    }

    @Test
    void keyEstimateFindsPlausibleKeys() {
        long tonal = jsb.train().stream().map(Chorale::estimateKey).filter(k -> Math.abs(k.fifths()) <= 5).count();
        assertEquals(jsb.train().size(), tonal, "Bach's chorale keys have at most 5 sharps or flats");
    }

    @Test
    void malformedJsonIsRefusedClearly(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"train\": [[[60, 55, 52]]], \"valid\": [], \"test\": []}");
        CorpusException e = assertThrows(CorpusException.class, () -> Chorales.read(bad));
        assertTrue(e.getMessage().contains("train chorale 0 step 0 has 3 pitches (expected 4"), e.getMessage());
        Path truncated = dir.resolve("cut.json");
        Files.writeString(truncated, "{\"train\": [[[60, 55, 52, 48]");
        assertTrue(assertThrows(CorpusException.class, () -> Chorales.read(truncated)).getMessage().contains("Cannot read JSB chorales"));
    }
}
