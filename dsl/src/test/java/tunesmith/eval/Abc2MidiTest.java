package tunesmith.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The abc2midi checker on real abc2midi output for small hand-written tunes; skipped when abc2midi is not installed. */
class Abc2MidiTest {

    static final String GOOD = """
            X:1
            T:Good
            M:4/4
            L:1/8
            K:G
            |:GABc d2B2|c2A2 B2G2:|
            """;
    /** A tie between different pitches: abc2midi says "Could not find note to be tied". */
    static final String TIE = """
            X:2
            T:Tie
            M:4/4
            L:1/8
            K:G
            GABc- d2B2|c2A2 B2G2|
            """;
    /** The first bar is an eighth short (and is in a repeat). */
    static final String SHORT = """
            X:3
            T:Short
            M:4/4
            L:1/8
            K:G
            GABc d2B2|c2A2 B2G|GABc d2B2|c2A2 B2G2|
            """;
    /** {@code |:} after {@code |:}: an error abc2midi repairs as {@code ::}. */
    static final String DOUBLE_START = """
            X:4
            T:Double
            M:4/4
            L:1/8
            K:G
            |:GABc d2B2|:c2A2 B2G2:|
            """;
    /** Three bars of the wrong length, one of them reported twice (once " in repeat"). */
    static final String THREE_BAD = """
            X:5
            T:Three bad bars
            M:6/8
            L:1/8
            K:D
            |:DFA d2A|B2A F2|DFA d2A|BAF D3:|
            DFA d2|AFD D2|DFA d2A|BAF D3|
            """;

    static Abc2Midi checker;

    @BeforeAll
    static void needsAbc2midi() {
        assumeTrue(Abc2Midi.available(), "abc2midi is not on PATH (Debian package abcmidi): skipped");
        checker = Abc2Midi.checker();
    }

    @Test
    void aGoodTunePasses() {
        Abc2Midi.Check c = checker.check(GOOD);
        assertTrue(c.passesStrictly(), c.toString());
        assertTrue(c.passesAllowingTwoBadBars());
        assertEquals(List.of(), c.messages());
        assertEquals("abc2midi: passes (0 errors, 0 bars of the wrong length)", c.toString());
    }

    @Test
    void aTieBetweenDifferentPitchesIsAnError() {
        Abc2Midi.Check c = checker.check(TIE);
        assertFalse(c.passesStrictly());
        assertFalse(c.passesAllowingTwoBadBars());
        assertEquals(1, c.errors());
        Abc2Midi.Message m = c.messages().get(0);
        assertTrue(m.error());
        assertEquals("Could not find note to be tied", m.text());
        assertEquals(6, m.line(), "the line counts in the tune's own text");
        assertTrue(m.column() > 0);
    }

    @Test
    void aShortBarFailsStrictlyButPassesAllowingTwo() {
        Abc2Midi.Check c = checker.check(SHORT);
        assertEquals(0, c.errors(), c.toString());
        assertEquals(1, c.badBars(), c.toString());
        assertTrue(c.messages().get(0).badBar());
        assertFalse(c.passesStrictly());
        assertTrue(c.passesAllowingTwoBadBars());
    }

    @Test
    void aSecondRepeatStartIsAnError() {
        Abc2Midi.Check c = checker.check(DOUBLE_START);
        assertEquals(1, c.errors(), c.toString());
        assertTrue(c.messages().stream().anyMatch(m -> m.error() && m.text().contains("found another |: after a |:")), c.toString());
        assertFalse(c.passesAllowingTwoBadBars());
    }

    @Test
    void aBarReportedTwiceCountsOnce() {
        Abc2Midi.Check c = checker.check(THREE_BAD);
        long barMessages = c.messages().stream().filter(Abc2Midi.Message::badBar).count();
        assertTrue(barMessages > c.badBars(), "abc2midi reports a bar again ' in repeat': " + c);
        assertEquals(3, c.badBars(), c.toString());
        assertFalse(c.passesAllowingTwoBadBars());
    }

    @Test
    void manyTunesInOneRunGiveWhatEachGivesAlone() {
        List<String> tunes = List.of(GOOD, TIE, SHORT, DOUBLE_START, THREE_BAD, GOOD.replace("X:1", "X:6"));
        List<Abc2Midi.Check> together = checker.checkAll(tunes);
        List<Abc2Midi.Check> alone = new ArrayList<>();
        for (String t : tunes) alone.add(checker.check(t));
        assertEquals(alone, together);
    }

    @Test
    void aHundredTunesInOneRunAgreeWithOneRunEachAndAreFaster() {
        List<String> tunes = new ArrayList<>();
        List<String> five = List.of(GOOD, TIE, SHORT, DOUBLE_START, THREE_BAD);
        for (int i = 0; i < 100; i++) tunes.add(five.get(i % 5).replaceFirst("X:\\d+", "X:" + (i + 1)));
        long t0 = System.nanoTime();
        List<Abc2Midi.Check> together = checker.checkAll(tunes);
        long t1 = System.nanoTime();
        List<Abc2Midi.Check> alone = tunes.stream().map(checker::check).toList();
        long t2 = System.nanoTime();
        System.out.printf("abc2midi on 100 tunes: %d ms in one run, %d ms in one run each%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        assertEquals(alone, together);
        assertEquals(20, together.stream().filter(Abc2Midi.Check::passesStrictly).count());
    }

    @Test
    void garbageIsCheckedNotThrown() {
        List<Abc2Midi.Check> cs = checker.checkAll(List.of("((((([[[[ ^^^__ \"\" !!!! {{{ }}", "", "X:1\nK:C\n\u00e9\u0000\u0007|||:::|", GOOD));
        assertEquals(4, cs.size());
        assertFalse(cs.get(0).passesStrictly(), cs.get(0).toString());
        assertTrue(cs.get(3).passesStrictly(), cs.get(3).toString());
        for (Abc2Midi.Check c : cs) assertTrue(c.errors() >= 0 && c.badBars() >= 0);
    }

    @Test
    void versionIsANumber() {
        assertTrue(checker.version().matches("\\d+\\.\\d+.*"), checker.version());
    }
}
