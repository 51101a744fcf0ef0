package tunesmith.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tunesmith.encode.AbcTokens.abc;
import static tunesmith.encode.EncodeTestSupport.corpus;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tunesmith.corpus.Corpus;
import tunesmith.music.Tune;

/**
 * The ABC tokens over the real folk corpora ($TUNESMITH_CORPORA): at least 98% of the tunes
 * encode, every encoded tune decodes to its canonical form, and the canonical tune sounds like the tune.
 */
class AbcTokensCorpusTest {

    @Test
    void oneills() { check(corpus("oneills1850")); }

    @Test
    void ryans() { check(corpus("ryans-mammoth")); }

    @Test
    void nottingham() { check(corpus("nottingham")); }

    @Test
    void allThreeTogether() {
        Corpus all = corpus("oneills1850").plus(corpus("ryans-mammoth")).plus(corpus("nottingham"));
        TokenCorpus asWritten = all.tokens(abc());
        TokenCorpus inC = all.tokens(abc().inC());
        System.out.println("[encode] " + asWritten);
        System.out.println("[encode] " + inC);
        System.out.println("[encode] " + asWritten.vocabulary());
        assertEquals(all.size(), asWritten.size() + asWritten.skipped().size());
        assertTrue(inC.vocabulary().size() < asWritten.vocabulary().size(), "moving every tune to C shrinks the vocabulary");
        for (String title : List.of("Drowsy Maggie", "Bird on the Wing")) {
            Tune t = all.tune(title);
            System.out.println("[encode] " + t.title() + ": " + String.join(" ", abc().tokens(t)));
            System.out.println(asWritten.encoding().text(asWritten.encoding().encode(t)));
        }
    }

    static void check(Corpus corpus) {
        TokenCorpus tc = corpus.tokens(abc());
        double fraction = tc.size() / (double) corpus.size();
        System.out.printf("[encode] %s: %d of %d tunes encode (%.2f%%), vocabulary %d tokens, %d tokens%n",
                corpus.name(), tc.size(), corpus.size(), 100 * fraction, tc.vocabulary().size(), tc.tokenCount());
        tc.skipped().stream().limit(10).forEach(s -> System.out.println("[encode]   skipped " + s));
        assertTrue(fraction >= 0.98, corpus.name() + ": only " + tc.size() + " of " + corpus.size() + " tunes encode; skipped: " + tc.skipped());
        AbcTokens enc = (AbcTokens) tc.encoding();
        List<String> failures = new ArrayList<>();
        List<TokenCorpus.Sequence> entries = tc.entries();
        for (int k = 0; k < entries.size(); k++) {
            Tune t = corpus.get(entries.get(k).tune());
            Tune canonical = enc.canonical(t);
            Tune back;
            try {
                back = enc.decode(tc.sequence(k));
            } catch (EncodingException e) {
                failures.add(AbcTokens.describe(t) + ": decode threw " + e.getMessage());
                continue;
            }
            if (!back.equals(canonical)) failures.add(AbcTokens.describe(t) + ":\n" + EncodeTestSupport.diff(canonical, back));
            // P: parts play in another order once their marks are dropped; every other tune sounds the same
            else if (t.field('P').isEmpty() && !EncodeTestSupport.sounding(t.melody()).equals(EncodeTestSupport.sounding(canonical.melody())))
                failures.add(AbcTokens.describe(t) + ": the canonical tune plays other notes");
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + tc.size() + " tunes do not round trip, e.g.\n"
                + String.join("\n", failures.subList(0, Math.min(5, failures.size()))));
    }
}
