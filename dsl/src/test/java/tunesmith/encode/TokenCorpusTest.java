package tunesmith.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tunesmith.encode.AbcTokens.abc;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tunesmith.corpus.Corpus;

/** Splits, fingerprints and the saved form of a token corpus, on the starter tunebook. */
class TokenCorpusTest {

    static final Corpus STARTER = EncodeTestSupport.starter();

    @Test
    void aSplitIsSeededDisjointAndComplete() {
        TokenCorpus tc = STARTER.tokens(abc());
        TokenSplit a = tc.split(0.6, 0.2, 7), b = tc.split(0.6, 0.2, 7), c = tc.split(0.6, 0.2, 8);
        assertEquals(a.train().titles(), b.train().titles());
        assertEquals(a.train().fingerprint(), b.train().fingerprint());
        assertNotEquals(a.train().titles(), c.train().titles());
        Set<Integer> seen = new HashSet<>();
        for (TokenCorpus part : List.of(a.train(), a.valid(), a.test()))
            for (TokenCorpus.Sequence s : part.entries()) assertTrue(seen.add(s.tune()), "tune " + s.tune() + " in two parts");
        assertEquals(tc.size(), seen.size());
        assertEquals(Math.round(tc.size() * 0.6), a.train().size());
        assertEquals(Math.round(tc.size() * 0.2), a.valid().size());
        assertEquals(tc.vocabulary(), a.test().vocabulary());
        assertEquals(tc.spec(), a.valid().spec());
        assertEquals(tc.name() + ":train", a.train().name());
    }

    @Test
    void theOneFractionSplitKeepsNoTestPartAndUsesTheDefaultSeed() {
        TokenCorpus tc = STARTER.tokens(abc());
        TokenSplit s = tc.split(0.8);
        assertEquals(0, s.test().size());
        assertEquals(tc.size(), s.train().size() + s.valid().size());
        assertEquals(s.train().titles(), tc.split(0.8, 0.2, TokenCorpus.DEFAULT_SEED).train().titles());
        assertTrue(s.toString().startsWith("TokenSplit train " + s.train().size() + " sequences"), s.toString());
        assertEquals("split(1.5): the training fraction must be in (0, 1], e.g. 0.95",
                assertThrows(IllegalArgumentException.class, () -> tc.split(1.5)).getMessage());
    }

    @Test
    void augmentedCopiesTrainButNeverValidateOrTest() {
        TokenCorpus tc = STARTER.tokens(abc().augment(-2, 3));
        assertEquals(3 * STARTER.size(), tc.size() + tc.skipped().size());
        TokenSplit s = tc.split(0.5, 0.25, 1);
        assertTrue(s.train().entries().stream().anyMatch(e -> e.transposition() != 0));
        assertTrue(s.valid().entries().stream().allMatch(e -> e.transposition() == 0));
        assertTrue(s.test().entries().stream().allMatch(e -> e.transposition() == 0));
        assertEquals(STARTER.size(), s.train().entries().stream().filter(e -> e.transposition() == 0).count()
                + s.valid().size() + s.test().size());
    }

    @Test
    void theFingerprintNamesTheData() {
        TokenCorpus tc = STARTER.tokens(abc());
        assertEquals(64, tc.fingerprint().length());
        assertEquals(tc.fingerprint(), STARTER.tokens(abc()).fingerprint());
        assertNotEquals(tc.fingerprint(), STARTER.head(STARTER.size() - 1).tokens(abc()).fingerprint());
        assertNotEquals(tc.fingerprint(), STARTER.tokens(abc().inC()).fingerprint());
    }

    @Test
    void sequencesAreCopies() {
        TokenCorpus tc = STARTER.tokens(abc());
        int[] first = tc.sequence(0);
        first[1] = 0;
        tc.sequences().get(0)[1] = 0;
        assertNotEquals(0, tc.sequence(0)[1]);
        assertEquals(Vocabulary.START_INDEX, tc.sequence(0)[0]);
        assertEquals(Vocabulary.END_INDEX, tc.sequence(0)[tc.sequence(0).length - 1]);
        assertEquals(tc.tokenCount(), tc.sequences().stream().mapToLong(s -> s.length).sum());
        assertEquals(STARTER.get(0).title(), tc.titles().get(0));
    }

    @Test
    void aSavedEncodingAndVocabularyEncodeNewTunesAlike() {
        TokenCorpus tc = STARTER.tokens(abc().inC());
        AbcTokens rebuilt = AbcTokens.fromSpec(tc.spec()).withVocabulary(Vocabulary.parse(tc.vocabulary().toText()));
        assertEquals(tc.encoding(), rebuilt);
        assertArrayEquals(tc.sequence(3), rebuilt.encode(STARTER.get(3)));
    }

    @Test
    void toStringSaysWhatIsThere() {
        TokenCorpus tc = STARTER.tokens(abc());
        String s = tc.toString();
        assertTrue(s.startsWith("TokenCorpus starter: " + tc.size() + " sequences, " + tc.tokenCount() + " tokens ("), s);
        assertTrue(s.endsWith("vocabulary " + tc.vocabulary().size() + "; abc-tokens v1 unit=1/8 key=as-written augment=none"), s);
    }
}
