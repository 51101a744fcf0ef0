package tunesmith.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A vocabulary is deterministic, saves and reads back, and never fails on an unknown token. */
class VocabularyProperties {

    @Provide
    Arbitrary<List<String>> observed() {
        return Arbitraries.strings().withChars("ABCabc^_=,'/23|:[]K").ofMinLength(1).ofMaxLength(4).list().ofMaxSize(60);
    }

    @Property(tries = 200)
    void savedTextReadsBackEqual(@ForAll("observed") List<String> tokens) {
        Vocabulary v = Vocabulary.of(tokens);
        assertEquals(v, Vocabulary.parse(v.toText()));
    }

    @Property(tries = 200)
    void theOrderOfTheCorpusDoesNotMatter(@ForAll("observed") List<String> tokens, @ForAll long seed) {
        List<String> shuffled = new ArrayList<>(tokens);
        Collections.shuffle(shuffled, new Random(seed));
        assertEquals(Vocabulary.of(tokens), Vocabulary.of(shuffled));
    }

    @Property(tries = 200)
    void indexAndTokenAreInverse(@ForAll("observed") List<String> tokens) {
        Vocabulary v = Vocabulary.of(tokens);
        for (int i = 0; i < v.size(); i++) assertEquals(i, v.index(v.token(i)));
        for (String t : tokens) assertTrue(v.contains(t));
        assertEquals(tokens, v.tokens(v.indices(tokens)));
    }

    @Property(tries = 100)
    void moreFrequentTokensComeFirst(@ForAll("observed") List<String> tokens) {
        Vocabulary v = Vocabulary.of(tokens);
        for (int i = Vocabulary.RESERVED.size() + 1; i < v.size(); i++) {
            String a = v.token(i - 1), b = v.token(i);
            long ca = Collections.frequency(tokens, a), cb = Collections.frequency(tokens, b);
            assertTrue(ca > cb || (ca == cb && a.compareTo(b) < 0), a + " (" + ca + ") before " + b + " (" + cb + ")");
        }
    }

    @Example
    void reservedTokensHaveFixedIndices() {
        Vocabulary v = Vocabulary.of(List.of("|", "A", "</s>", "A", "<s>"));
        assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>", "A", "|"), v.tokens());
        assertEquals(Vocabulary.UNK_INDEX, v.index("never seen"));
        assertEquals(0, v.index(Vocabulary.PAD));
        assertEquals(3, v.index(Vocabulary.END));
        assertEquals("Vocabulary(6 tokens: A |)", v.toString());
    }

    @Example
    void malformedTextIsRefusedSayingWhy() {
        assertEquals("Vocabulary.parse: line 2 is '<s>', expected '<unk>' (every vocabulary starts with <pad>, <unk>, <s>, </s>); is this a vocabulary file?",
                assertThrows(IllegalArgumentException.class, () -> Vocabulary.parse("<pad>\n<s>\n</s>\nA\n")).getMessage());
        assertEquals("Vocabulary.parse: token 'A' is on line 5 and again on line 7 (each token has one index)",
                assertThrows(IllegalArgumentException.class, () -> Vocabulary.parse("<pad>\n<unk>\n<s>\n</s>\nA\nB\nA\n")).getMessage());
        assertEquals("Vocabulary.parse: line 6 is '' (expected one token per line, without blank lines or spaces around it)",
                assertThrows(IllegalArgumentException.class, () -> Vocabulary.parse("<pad>\n<unk>\n<s>\n</s>\nA\n\nB\n")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.parse(""));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(List.of("A B ", "x")));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> Vocabulary.of(List.of("A")).token(9));
        assertTrue(e.getMessage().contains("outside this vocabulary of 5 tokens"), e.getMessage());
    }

    @Example
    void windowsLineBreaksAreRead() {
        assertEquals(Vocabulary.of(List.of("A", "B", "B")), Vocabulary.parse("<pad>\r\n<unk>\r\n<s>\r\n</s>\r\nB\r\nA"));
    }
}
