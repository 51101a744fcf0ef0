package tunesmith.harmony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tunesmith.TestCorpora;
import tunesmith.corpus.Corpus;
import tunesmith.music.Annotation;
import tunesmith.music.Bar;
import tunesmith.music.ChordSymbol;
import tunesmith.music.Element;
import tunesmith.music.Progression;
import tunesmith.music.Tune;
import tunesmith.notation.AbcReader;
import tunesmith.notation.AbcWriter;

/** Chord symbols suggested for a melody by an HMM learned from Nottingham, judged on held-out Nottingham tunes. */
class ChordHmmTest {

    static Corpus.Split split;
    static ChordHmm hmm;

    @BeforeAll
    static void learn() {
        split = Corpus.load(TestCorpora.folder("nottingham")).split(0.9, 0.05, Corpus.DEFAULT_SEED);
        hmm = ChordHmm.train(split.train());
    }

    @Test
    void onHeldOutTunesItBeatsTheTonicAndTheMostCommonChord() {
        ChordHmm.Accuracy a = hmm.accuracy(split.test());
        assertTrue(a.bars() > 1000, a.toString());
        assertTrue(a.hmm() > a.tonic() + 0.08, a.toString());
        assertTrue(a.hmm() > a.mostCommon() + 0.08, a.toString());
        assertTrue(a.tonic() > 0.3 && a.tonic() < 0.7, "the tonic chord is the usual chord of a folk tune's bar, not every bar's: " + a);
    }

    @Test
    void aSuggestionIsAChordAtEveryChangeAndReadsBackFromItsAbc() {
        Tune held = split.test().get(0);
        Tune suggested = hmm.suggest(held);
        assertEquals(held.melody(), suggested.melody(), "the melody is untouched");
        String abc = AbcWriter.write(suggested);
        Tune back = AbcReader.readTune(abc);
        Progression p = Progression.of(back);
        assertTrue(p.hasChords(), abc);
        for (Progression.Measure m : p.withoutPickup().measures())
            for (Progression.Change c : m.changes()) assertEquals(tunesmith.music.Duration.ZERO, c.offset(), "one chord a bar, at its start: " + abc);
        int symbols = 0;
        for (Bar b : back.bars()) for (Element e : b.elements()) if (e instanceof Annotation a && a.isChordSymbol()) {
            symbols++;
            assertTrue(ChordSymbol.read(a.text()).isPresent(), a.text());
        }
        assertTrue(symbols >= 2, abc);
    }

    @Test
    void aMelodyOfTheTonicTriadGetsTheTonicAndOneOfTheDominantGetsTheDominant() {
        Tune t = AbcReader.readTune("X:1\nT:t\nM:4/4\nL:1/8\nK:D\nD2F2A2F2|A2c2e2c2|D2F2A2d2|]\n");
        Progression p = Progression.of(hmm.suggest(t));
        List<Integer> roots = p.timeline().stream().map(c -> c.chord().root()).toList();
        assertEquals(List.of(2, 9, 2), roots, "D, then A (or A7), then D: " + p);
    }

    @Test
    void aTuneWithoutKeyOrChordsIsRefusedByName() {
        Tune atonal = AbcReader.readTune("X:1\nT:Drone\nM:4/4\nL:1/8\nK:none\nC8|]\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> hmm.suggest(atonal));
        assertTrue(e.getMessage().contains("'Drone'") && e.getMessage().contains("tonal key"), e.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> ChordHmm.train(List.of(AbcReader.readTune("X:1\nT:t\nM:4/4\nL:1/8\nK:G\nG8|]\n"))));
        assertTrue(none.getMessage().contains("no bar with a chord symbol"), none.getMessage());
    }
}
