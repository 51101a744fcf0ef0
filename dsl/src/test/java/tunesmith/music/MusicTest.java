package tunesmith.music;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tunesmith.notation.AbcReader;

/** Worked examples of the model's rules; the laws are property tests in the abc package. */
class MusicTest {

    private static Tune tune(String body) { return AbcReader.readTune("X:1\nT:t\nM:4/4\nL:1/4\nK:C\n" + body + "\n"); }

    private static List<Integer> pitches(Tune t) { return t.melody().stream().map(NoteEvent::midi).toList(); }

    @Test
    void firstBarsKeepsTheOpeningOfEveryVoice() {
        Tune t = AbcReader.readTune("X:1\nT:t\nM:2/4\nL:1/8\nK:G\nV:1\nG|AB cd|ef g2|a4|]\nV:2\nD|D2 D2|E2 E2|F4|]\n");
        Tune two = t.firstBars(2);
        assertEquals(2, two.voices().get(0).bars().size());
        assertEquals(2, two.voices().get(1).bars().size());
        assertEquals(5, two.melody().size(), "the pickup G and the bar A B c d: " + two.melody());
        assertEquals(t, t.firstBars(10));
        assertThrows(IllegalArgumentException.class, () -> t.firstBars(0));
    }

    @Test
    void keySignaturesOfAllModes() {
        assertEquals(2, Key.parse("D").fifths());
        assertEquals(1, Key.parse("Ador").fifths(), "A dorian has the signature of G major");
        assertEquals(-3, Key.parse("Bbmix").fifths());
        assertEquals(3, Key.parse("F#m").fifths());
        assertEquals(-1, Key.parse("Gdor").fifths());
        assertEquals(1, Key.parse("C lydian").fifths());
        assertEquals(-3, Key.parse("Dloc").fifths(), "D locrian has the signature of E flat major");
        assertEquals(0, Key.parse("Ephr").fifths(), "E phrygian has the signature of C major");
        assertEquals(1, Key.parse("D").alterOf('F'));
        assertEquals(-1, Key.parse("Bbmix").alterOf('A'));
        assertEquals(1, Key.parse("D exp ^g").alterOf('G'));
        assertEquals(0, Key.parse("D exp ^g").alterOf('F'), "exp: only the listed accidentals");
        assertEquals(0, Key.NONE.alterOf('F'));
        assertEquals(-1, Key.parse("Es").fifths() + 2, "German Es is E flat major: 3 flats");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Key.parse("Qmaj"));
        assertTrue(e.getMessage().contains("Unknown key 'Qmaj'"));
    }

    @Test
    void metersIncludingCommonCutAndFree() {
        assertEquals(Duration.of(1, 1), Meter.parse("C").barLength());
        assertEquals(Duration.of(1, 1), Meter.parse("C|").barLength());
        assertTrue(Meter.parse("none").isFree());
        assertEquals(Duration.of(7, 8), Meter.parse("2+2+3/8").barLength());
        assertEquals(Duration.SIXTEENTH, Meter.parse("2/4").defaultUnitLength());
        assertEquals(Duration.EIGHTH, Meter.parse("6/8").defaultUnitLength());
        assertThrows(IllegalArgumentException.class, () -> Meter.parse("x/y"));
    }

    @Test
    void durationsAreExact() {
        Duration third = Duration.of(1, 12);
        assertEquals(Duration.QUARTER, third.plus(third).plus(third));
        assertEquals("3/8", Duration.of(6, 16).toString());
        assertEquals(1.5, Duration.of(3, 8).quarters());
        assertThrows(ArithmeticException.class, () -> Duration.of(1, 0));
    }

    @Test
    void accidentalsLastToTheBarLineInEveryOctaveAndTiesCarryThem() {
        assertEquals(List.of(73, 73, 61, 73, 72), pitches(tune("^c c C c|c4|")));
        assertEquals(List.of(73, 72), pitches(tune("^c4-|c4|c4|")).subList(0, 2));
        assertEquals(List.of(66, 65), pitches(AbcReader.readTune("X:1\nT:t\nM:2/4\nL:1/4\nK:G\nF =F|\n")));
    }

    @Test
    void tiesMergeAndChordsGiveTheirTopNote() {
        List<NoteEvent> m = tune("C2- C D|[CEG]2 z [GB]|").melody();
        assertEquals(List.of(60, 62, 67, 71), m.stream().map(NoteEvent::midi).toList());
        assertEquals(Duration.of(3, 4), m.get(0).duration());
        assertEquals(Duration.of(7, 4), m.get(3).onset(), "the rest takes its time but is left out");
    }

    @Test
    void unfoldingFollowsRepeatsAndEndings() {
        assertEquals(List.of(60, 62, 60, 62, 64), pitches(tune("|:C D:|E")));
        assertEquals(List.of(60, 62, 60, 64, 65), pitches(tune("|:C|[1 D:|[2 E|]F|")));
        assertEquals(List.of(60, 60, 62, 62), pitches(tune("C:|D:|")), "a second :| repeats from after the first");
        assertEquals(List.of(60, 62, 64, 60, 62, 64), pitches(tune("C||D E:|")), "|| does not start a repeat");
        assertEquals(List.of(60, 62, 60, 64, 60, 65), pitches(tune("|:C|[1 D:|[2 E:|[3 F|]")), "three endings, three passes");
        assertEquals(List.of(60, 62, 60, 62, 64, 65, 64, 65), pitches(tune("|:C D::E F:|")));
    }

    @Test
    void partsArePlayedInTheOrderOfTheHeader() {
        Tune t = AbcReader.readTune("X:1\nT:t\nM:4/4\nL:1/4\nP:ABA\nK:C\nP:A\nC4|\nP:B\nD4|\n");
        assertEquals(List.of(60, 62, 60), pitches(t));
    }

    @Test
    void tupletsAndBrokenRhythmSumToTheBar() {
        Tune t = AbcReader.readTune("X:1\nT:t\nM:2/4\nL:1/8\nK:C\n(3CDE F>G|(3:2:3CDE (5:4:5c/d/e/f/g/|\n");
        assertTrue(BarCheck.fits(t), BarCheck.problems(t).toString());
        assertEquals(Duration.of(1, 12), t.melody().get(0).duration());
        assertEquals(Duration.of(3, 16), t.melody().get(3).duration());
    }

    @Test
    void transpositionSpellsInTheNewKey() {
        Tune t = AbcReader.readTune("X:1\nT:t\nM:4/4\nL:1/4\nK:D\n\"D\"d f \"A7\"e ^g|a4|\n");
        Tune up = t.transpose(2);
        assertEquals("E", up.key().abc());
        assertEquals(List.of("E5", "G#5", "F#5", "A#5", "B5"), up.melody().stream().map(e -> e.pitch().name()).toList());
        assertTrue(tunesmith.notation.AbcWriter.write(up).replace(" ", "").contains("\"E\"eg\"B7\"f^a"), tunesmith.notation.AbcWriter.write(up));
        Tune flat = t.transposeTo("Bb");
        assertEquals("Bb", flat.key().abc());
        assertEquals(List.of("Bb4", "D5", "C5", "E5", "F5"), flat.melody().stream().map(e -> e.pitch().name()).toList());
        assertEquals(pitches(t), pitches(t.transpose(5).transpose(-5)));
        Tune modal = AbcReader.readTune("X:1\nT:t\nM:4/4\nL:1/4\nK:Ador\nA c e g|\n").transposeTo("Edor");
        assertEquals("Edor", modal.key().abc());
        assertEquals(List.of("E4", "G4", "B4", "D5"), modal.melody().stream().map(e -> e.pitch().name()).toList());
    }

    @Test
    void barCheckFindsLongAndShortBars() {
        assertTrue(BarCheck.fits(tune("C|D E F G|A B c d|e4|]")), "pickup allowed");
        List<String> p = BarCheck.problems(tune("C D E F|G A B|c d e f|g4|]"));
        assertEquals(1, p.size());
        assertTrue(p.get(0).contains("bar 2: 3/4 in 4/4"), p.get(0));
        assertFalse(BarCheck.fits(tune("C D E F G|c4|")));
    }

    @Test
    void replDisplayIsShortAndUseful() {
        Tune t = AbcReader.readTune("X:3\nT:The Kesh\nR:jig\nM:6/8\nL:1/8\nK:G\n|:GAG GAB|ABA ABd|\nedd gdd|edB dBA:|\n");
        assertEquals("Tune 3 \"The Kesh\" (jig, G major, 6/8, 4 bars): |:GAG GAB|ABA ABd|", t.toString());
    }

    @Test
    void theGermanHIsRefusedAsATargetKeyButReadInATunebook() {
        Tune t = AbcReader.readTune("X:1\nT:t\nM:2/4\nL:1/8\nK:G\nGA Bc|d4|]\n");
        for (String h : List.of("H", "Hm", "hmix")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.transposeTo(h));
            assertTrue(e.getMessage().contains("H is the German name of B; write B"), e.getMessage());
        }
        assertEquals('B', t.transposeTo("B").key().tonic());
        assertEquals('B', Key.parse("H").tonic(), "K:H in a tunebook (Essen) is still B");
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> t.transposeTo("X"));
        assertTrue(x.getMessage().contains("A-G"), x.getMessage());
    }
}
