package tunesmith.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tunesmith.TestCorpora;
import tunesmith.notation.AbcReader;
import tunesmith.corpus.Corpus;
import tunesmith.encode.EncodingException;
import tunesmith.encode.MelodyGrid;
import tunesmith.music.Tune;

/** The excerpts the VAE reads: laws on the real folk corpora, and what is left out and why. */
class VaeExcerptsTest {

    static final MelodyGrid GRID = VaeData.grid(VaeConfig.DEFAULTS);

    @Test
    void excerptsOfTheFolkCorporaRoundTripThroughTokensAndTunes() {
        TestCorpora.root();
        int checked = 0;
        for (String name : List.of("oneills", "ryans", "nottingham")) {
            Corpus c = Corpus.load(name).shuffle(3).head(60);
            for (Tune t : c) {
                for (Excerpt s : VaeExcerpts.cut(t, 2, GRID).excerpts()) {
                    assertEquals(2 * Meters.barSteps(s.meterClass()), s.length(), s.toString());
                    assertNotEquals(MelodyGrid.HOLD, s.step(0), "an excerpt starts with a note-on or a rest: " + s);
                    // tokens: decode(encode(excerpt)) == excerpt
                    assertEquals(s, VaeBatch.fromTokens(VaeBatch.tokens(s, GRID.classes()), GRID.classes()));
                    // as a tune and back: the tune's first two bars are the excerpt again
                    Tune tune = s.toTune(GRID, null);
                    assertEquals(2, tune.barCount(), tune.toString());
                    assertEquals(s, VaeExcerpts.cut(tune, 2, GRID, 1).excerpts().get(0), t.title());
                    checked++;
                }
            }
        }
        assertTrue(checked > 2000, "only " + checked + " excerpts checked");
    }

    @Test
    void aTripletLeavesOutOnlyTheWindowsThatHoldIt() {
        Tune t = AbcReader.readTune("""
                X:1
                T:Triplet in bar 3
                M:4/4
                L:1/8
                K:D
                defg abag|fdec dBAF|(3ABA GF EDEF|GABc d4|defg abag|fdec dBAF|GABc d2c2|d8|]
                """);
        VaeExcerpts.Result r = VaeExcerpts.cut(t, 2, GRID);
        // 7 windows: the two over bar 3 left out, and bars 5-6 repeat bars 1-2, kept once
        assertEquals(4, r.excerpts().size(), r.toString());
        assertEquals(2, r.counts().get(VaeExcerpts.OFF_GRID));
    }

    @Test
    void highTunesMoveByOctavesAndWideOnesAreCounted() {
        Tune high = AbcReader.readTune("X:1\nT:High\nM:6/8\nL:1/8\nK:C\nc'd'e' f'g'a'|b'a'g' f'e'd'|c'3 c'3|]\n");
        VaeExcerpts.Result r = VaeExcerpts.cut(high, 2, GRID);
        assertFalse(r.excerpts().isEmpty());
        for (Excerpt s : r.excerpts()) for (int p : GRID.pitches(s.steps())) assertTrue(p < 0 || (p >= GRID.lowest() && p <= GRID.highest()));
        assertTrue(r.counts().get(VaeExcerpts.MOVED) > 0, r.counts().toString());
        Tune wide = AbcReader.readTune("X:1\nT:Wide\nM:2/4\nL:1/8\nK:C\nC,,2 c'''2|C,,2 c'''2|]\n");
        assertEquals(1, VaeExcerpts.cut(wide, 2, GRID).counts().get(VaeExcerpts.TOO_WIDE));
    }

    @Test
    void meterClassesAndRefusals() {
        assertEquals(2, Meters.classOf(tunesmith.music.Meter.parse("C|")));
        assertEquals(2, Meters.classOf(tunesmith.music.Meter.parse("C")));
        assertEquals(3, Meters.classOf(tunesmith.music.Meter.parse("6/8")));
        assertEquals(-1, Meters.classOf(tunesmith.music.Meter.parse("12/8")));
        Tune twelve = AbcReader.readTune("X:1\nT:Slide\nM:12/8\nL:1/8\nK:D\ndef edc BAG FED|def edc BAG FED|dfa afd gbg fed|]\n");
        assertEquals(2, VaeExcerpts.cut(twelve, 2, GRID).counts().get(VaeExcerpts.METER));
        assertThrows(IllegalArgumentException.class, () -> VaeBatch.fromTokens(new int[]{3, 4}, GRID.classes()));
    }

    @Test
    void theFolkDataCountsWhatItLeavesOut() {
        TestCorpora.root();
        VaeData d = VaeData.of(Corpus.load("nottingham"), VaeConfig.DEFAULTS);
        assertTrue(d.train().size() > 10 * d.test().size() && !d.test().isEmpty(), d.toString());
        assertTrue(d.meters().keySet().containsAll(List.of("4/4", "6/8", "3/4")), d.meters().toString());
        assertTrue(d.toString().contains("left out"), d.toString());
        assertEquals(d.test(), VaeData.of(Corpus.load("nottingham"), VaeConfig.DEFAULTS).test());
    }

    @Test
    void aTuneTheModelCannotReadIsRefusedWithTheReason() {
        MusicVaeBuilder tiny = MusicVaeBuilder.musicVae().dimension(2).encoderUnits(2).decoderUnits(2);
        MusicVae untrained = tiny.train(VaeData.of("one", 2, List.of(new Excerpt(2, new int[32])), List.of()), tunesmith.train.Training.epochs(1).quiet());
        Tune free = AbcReader.readTune("X:1\nT:Free\nM:none\nL:1/8\nK:D\ndefg abag|fdec dBAF|]\n");
        assertFalse(untrained.accepts(free));
        String m = assertThrows(EncodingException.class, () -> untrained.encode(free)).getMessage();
        assertTrue(m.contains("'Free'") && m.contains("reads tunes in"), m);
    }
}
