package tunesmith.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tunesmith.TestCorpora;
import tunesmith.notation.AbcReader;
import tunesmith.encode.AbcTokens;
import tunesmith.encode.TokenCorpus;
import tunesmith.encode.TokenSplit;
import tunesmith.music.Tune;

class DuplicatesTest {

    static Corpus folk;

    @BeforeAll
    static void load() {
        folk = Corpus.load(TestCorpora.folder("oneills1850")).plus(Corpus.load(TestCorpora.folder("ryans-mammoth")));
    }

    private static Tune tune(String title, String key, String body) {
        return AbcReader.readTune("X:1\nT:" + title + "\nM:6/8\nL:1/8\nK:" + key + "\n" + body + "\n");
    }

    @Test
    void aSettingMovedToAnotherKeyWithAPickupIsTheSameTune() {
        Tune inD = tune("Tune A", "D", "DFA dAF|GBd gfe|DFA dAF|GBd gfe|");
        Tune inG = tune("Another name", "G", "D|GBd gdB|ceg c'ba|GBd gdB|ceg c'ba|"); // pickup, a fourth up
        Tune other = tune("Tune C", "D", "ABA FED|EFE DEF|ABA FED|EFE DEF|");
        Duplicates d = Duplicates.of(List.of(inD, inG, other));
        assertEquals(d.group(0), d.group(1));
        assertNotEquals(d.group(0), d.group(2));
        assertEquals(2, d.distinct());
        assertEquals(2, d.grouped());
    }

    @Test
    void titlesAreComparedNormalisedButGenericTitlesGroupNothing() {
        assertEquals(Duplicates.titleKey("The Swaggering Jig"), Duplicates.titleKey("Swaggering Jig, The"));
        assertEquals(Duplicates.titleKey("JACK ON THE GREEN -- JIG"), Duplicates.titleKey("Jack on the Green."));
        assertEquals(Duplicates.titleKey("The Blooming Meadows. 2nd Setting."), Duplicates.titleKey("Blooming Meadows"));
        Tune a = tune("Reel", "D", "ABA FED|EFE DEF|");
        Tune b = tune("Reel", "G", "gfe dcB|AGF GAB|");
        Tune c = tune("The Wild Colt", "G", "gfe dcB|cBA BAG|");
        Tune d = tune("Wild Colt, The", "D", "ABA FED|EFE DEF|");
        Duplicates dup = Duplicates.of(List.of(a, b, c, d));
        assertNotEquals(dup.group(0), dup.group(1), "a rhythm name is not a tune's name");
        assertEquals(dup.group(2), dup.group(3));
    }

    @Test
    void oneillsAndRyansShareTunesAndTheSplitKeepsEachTuneOnOneSide() {
        Duplicates d = folk.duplicates();
        assertTrue(d.grouped() > 300, "O'Neill's repeats 171 X: numbers and shares tunes with Ryan's: " + d);
        assertTrue(d.distinct() < folk.size() - 150, d.toString());
        Corpus.Split split = folk.split(0.9, 0.05, 7);
        assertEquals(folk.size(), split.train().size() + split.valid().size() + split.test().size());
        assertEquals(d.grouped(), split.grouped());
        // no test or validation tune shares an opening (moved to C) or a title with a training tune
        Set<String> trainKeys = new HashSet<>();
        for (Tune t : split.train()) { trainKeys.addAll(Duplicates.openings(t)); }
        for (Corpus held : List.of(split.valid(), split.test()))
            for (Tune t : held)
                for (String k : Duplicates.openings(t)) assertTrue(!trainKeys.contains(k), "held-out '" + t.title() + "' opens like a training tune");
        // fractions still close to what was asked
        assertTrue(Math.abs(split.test().size() - 0.05 * folk.size()) < 40, split.toString());
    }

    @Test
    void tokenSplitsKeepGroupsTogetherToo() {
        Corpus small = folk.head(1200);
        TokenCorpus tokens = small.tokens(AbcTokens.abc());
        Duplicates d = small.duplicates();
        TokenSplit split = tokens.split(0.8, 0.1, 3);
        Map<Integer, String> partOfGroup = new HashMap<>();
        for (var e : Map.of("train", split.train(), "valid", split.valid(), "test", split.test()).entrySet())
            for (TokenCorpus.Sequence s : e.getValue().entries()) {
                String before = partOfGroup.putIfAbsent(d.group(s.tune()), e.getKey());
                assertTrue(before == null || before.equals(e.getKey()), "'" + s.title() + "' is in " + e.getKey() + " and its group in " + before);
            }
        assertTrue(tokens.groupedTunes() > 50, "grouped: " + tokens.groupedTunes());
    }
}
