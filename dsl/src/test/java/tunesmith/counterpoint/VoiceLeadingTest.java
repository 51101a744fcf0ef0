package tunesmith.counterpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tunesmith.TestCorpora;
import tunesmith.corpus.Chorale;
import tunesmith.corpus.Chorales;

/** The voice-leading figures on small hand-made progressions, and on Bach's own chorales. */
class VoiceLeadingTest {

    @Test
    void parallelsAreSimilarMotionIntoTheSamePerfectInterval() {
        assertTrue(VoiceLeading.parallel(67, 60, 69, 62), "G/C to A/D: parallel fifths");
        assertTrue(VoiceLeading.parallel(72, 48, 74, 50), "octaves two octaves apart count as octaves");
        assertFalse(VoiceLeading.parallel(67, 60, 65, 62), "contrary motion");
        assertFalse(VoiceLeading.parallel(67, 60, 67, 62), "one voice holds");
        assertFalse(VoiceLeading.parallel(65, 60, 67, 62), "fourths");
    }

    @Test
    void figuresOfAShortProgression() {
        // C major (C5 G4 E4 C3) → D minor with parallel octaves S-B and fifths A-B (D5 A4 F4 D3) → a chord with the alto above the soprano and above where it just was
        int[][] piece = {{72, 67, 64, 48}, {72, 67, 64, 48}, {74, 69, 65, 50}, {71, 75, 65, 43}};
        VoiceLeading.Figures f = VoiceLeading.of(List.<int[][]>of(piece));
        assertEquals(3, f.chords(), "a repeated step is the same chord");
        assertEquals(100.0 * 2 / 3, f.parallels(), 1e-9);
        assertEquals(100.0 / 3, f.crossings(), 1e-9);
        assertEquals(100.0 / 3, f.overlaps(), 1e-9, "the alto moves above where the soprano just was");
        assertEquals(100.0 * 2 / 3, f.complete(), 1e-9, "C major and D minor are complete, B D# F G is not");
        assertEquals(2, f.longestHold()[0], "the soprano's C5 held two steps");
    }

    @Test
    void completeChordsAreTriadsAndSeventhsWithEveryTone() {
        assertTrue(VoiceLeading.completeChord(new int[]{72, 67, 64, 48}));
        assertTrue(VoiceLeading.completeChord(new int[]{71, 65, 62, 55}), "G7: G B D F");
        assertFalse(VoiceLeading.completeChord(new int[]{72, 72, 64, 48}), "C and E only");
        assertFalse(VoiceLeading.completeChord(new int[]{72, 71, 64, 48}), "C E B: no triad");
    }

    @Test
    void bachsTestChoralesHaveAlmostNoParallelsAndMostlyCompleteChords() {
        Chorales ch = Chorales.read(TestCorpora.folder("jsb-chorales").resolve("Jsb16thSeparated.json"));
        VoiceLeading.Figures f = VoiceLeading.of(ch.test().stream().map(Chorale::steps).toList());
        assertTrue(f.parallels() < 0.5, f.toString());
        assertTrue(f.complete() > 50, f.toString());
        assertTrue(f.crossings() < 5, f.toString());
        assertTrue(f.lowest()[3] < f.lowest()[1] && f.highest()[0] > f.highest()[1], "bass lowest, soprano highest");
    }
}
