package tunesmith.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tunesmith.Tunesmith;
import tunesmith.music.Tune;
import tunesmith.sample.Sample;
import tunesmith.sample.Samples;

/** "Continue my melody": the zoo's folk-lstm primed with the opening of real tunes, ended a given number of bars later. */
class ContinuationTest {

    private static List<Integer> pitches(Tune t) { return t.melodyNotes().stream().map(n -> n.pitch().midi()).toList(); }

    @Test
    void samplesKeepTheMelodyInItsKeyAndAddTheBarsAskedFor() {
        MelodyModel model = Tunesmith.pretrained("folk-lstm").lstm();
        for (int k : new int[]{7, 30, 101}) {   // in D, G and C: the model reads tunes moved to C
            Tune opening = Tunesmith.corpus("oneills").tunes().get(k).firstBars(4);
            Samples samples = model.sample().prime(opening).bars(4).seed(3).count(3);
            for (Sample s : samples) {
                assertTrue(s.isValid(), opening.title() + ": " + s);
                Tune t = s.tune();
                assertEquals(opening.barCount() + 4, t.barCount(), opening.title() + ": the opening's bars and 4 more\n" + Tunesmith.abcText(t));
                assertEquals(opening.key().tonicPitchClass(), t.key().tonicPitchClass(), "back in the opening's key");
                assertEquals(pitches(opening), pitches(t.firstBars(opening.barCount())), opening.title() + ": the opening, note for note");
            }
        }
    }

    @Test
    void barsAreCheckedAndNeedBarLineTokens() {
        MelodyModel model = Tunesmith.pretrained("folk-lstm").lstm();
        assertThrows(IllegalArgumentException.class, () -> model.sample().bars(0));
        assertTrue(model.sample().bars(8).toString().contains("ended 8 bars after it"), model.sample().bars(8).toString());
        assertTrue(Sampling.barLines(model.vocabulary())[model.vocabulary().index("|")]);
    }
}
