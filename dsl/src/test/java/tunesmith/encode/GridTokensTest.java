package tunesmith.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tunesmith.TestCorpora;
import tunesmith.notation.AbcReader;
import tunesmith.corpus.Chorales;
import tunesmith.corpus.Corpus;
import tunesmith.music.Tune;

/** Grid tokens: the melody grid framed for a next-step model, on the JSB sopranos and worked examples. */
class GridTokensTest {

    @Test
    void aMelodyIsStartStepsEnd() {
        Tune t = AbcReader.readTune("X:1\nT:t\nM:2/4\nL:1/16\nK:G\nG4 A2 A2|z2 B6|\n");
        GridTokens g = GridTokens.grid();
        int[] tokens = g.encode(t);
        assertEquals("<s> G4 hold hold hold A4 hold A4 hold rest rest B4 hold hold hold hold hold </s>", g.text(tokens));
        assertEquals(4 + MelodyGrid.grid().classes(), g.vocabulary().orElseThrow().size());
        assertEquals(t.melody(), g.decode(tokens).melody());
    }

    private static List<String> sounding(Tune t) {
        return t.melody().stream().map(e -> e.midi() + "@" + e.onset() + "+" + e.duration()).toList();
    }

    @Test
    void specRebuildsTheEncodingAndOtherSpecsAreRefused() {
        GridTokens g = GridTokens.grid().over(MelodyGrid.grid().range(55, 79)).meter("3/4");
        assertEquals(g, TuneEncoding.fromSpec(g.spec()));
        assertEquals("grid-tokens v1 meter=3/4 | melody-grid v1 step=1/16 lowest=55 highest=79 fold=off", g.spec());
        assertTrue(TuneEncoding.fromSpec(AbcTokens.abc().spec()) instanceof AbcTokens);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TuneEncoding.fromSpec("piano-roll v9"));
        assertTrue(e.getMessage().startsWith("Unknown encoding spec 'piano-roll v9'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> g.withVocabulary(Vocabulary.of(List.of("a", "b"))));
    }

    @Test
    void decodingRefusesTokensThatAreNoGridStep() {
        EncodingException e = assertThrows(EncodingException.class, () -> GridTokens.grid().decode(new int[]{2, 1, 3}));
        assertEquals("decode: token 1 ('<unk>') at position 1 is not a grid step (expected rest, hold or a note-on)", e.getMessage());
    }

    @Test
    void everyJsbSopranoRoundTripsThroughOneSharedVocabulary() {
        Chorales chorales = Chorales.read(TestCorpora.folder("jsb-chorales").resolve("Jsb16thSeparated.json"));
        Corpus.Split sopranos = chorales.sopranos();
        TokenSplit split = sopranos.tokens(GridTokens.grid());
        assertEquals(chorales.train().size(), split.train().size() + split.train().skipped().size());
        assertTrue(split.train().skipped().isEmpty(), split.train().skipped().toString());
        assertEquals(split.train().vocabulary(), split.test().vocabulary());
        int sameKey = 0;
        for (int i = 0; i < split.test().size(); i++) {
            Tune original = sopranos.test().tunes().get(i);
            Tune back = split.test().encoding().decode(split.test().sequence(i));
            assertEquals(sounding(original), sounding(back), original.title() + " (spelling may differ with the key)");
            if (original.key().equals(back.key())) sameKey++;
        }
        // the melody alone mostly finds the key the four voices give (the bass decides minor there)
        assertTrue(sameKey >= 0.7 * split.test().size(), sameKey + " of " + split.test().size() + " keys agree");
    }
}
