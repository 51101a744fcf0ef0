package tunesmith.notation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.eval.Abc2Midi;
import tunesmith.music.Bar;
import tunesmith.music.Chord;
import tunesmith.music.Decoration;
import tunesmith.music.Element;
import tunesmith.music.GraceNotes;
import tunesmith.music.Key;
import tunesmith.music.Note;
import tunesmith.music.Rest;
import tunesmith.music.Slur;
import tunesmith.music.Tune;
import tunesmith.music.Voice;

/**
 * ABC that abc2midi and abcm2ps read and this reader once refused or misreported (issue 14): each
 * construct reads (or is refused with a message that names it and where), what is read survives the
 * round trip through the writer, and where abc2midi plays the tune its melody is ours, note for note.
 */
class AbcLenientReadingTest {

    private static Tunebook book(String abc) { return AbcReader.read(abc, "lenient.abc"); }

    /** The only tune of the text, which must read with no error; and it must read back equal from its written ABC. */
    private static Tune tune(String abc) {
        Tunebook b = book(abc);
        assertEquals(1, b.size(), b.report().describe());
        Tune t = b.get(0);
        String written = AbcWriter.write(t);
        assertEquals(t, AbcReader.readTune(written), "round trip through:\n" + written);
        return t;
    }

    private static List<String> warnings(String abc) {
        return book(abc).report().warnings().stream().map(Problem::message).toList();
    }

    private static List<Element> bar(Tune t, int i) { return t.bars().get(i).elements(); }

    private static String head(String key) { return "X:1\nT:t\nM:4/4\nL:1/8\nK:" + key + "\n"; }

    // ---- decorations, slurs and chords ------------------------------------------------------------

    @Test
    void decorationsOnTheNotesOfAChordAreKeptBeforeTheChord() {
        Tune t = tune(head("C") + "[HC6HA6] z2|[!trill!CE]2 [TCE]2 [.C~E]4|[+fermata+CE]8|[uC vE]8|\n");
        List<Element> b = bar(t, 0);
        assertEquals(new Decoration("fermata"), b.get(0));
        assertEquals(new Decoration("fermata"), b.get(1));
        Chord c = (Chord) b.get(2);
        assertEquals(List.of("C4", "A4"), c.notes().stream().map(n -> n.pitch().toString()).toList());
        assertEquals(tunesmith.music.Duration.of(3, 4), c.duration(), "[HC6HA6] is six eighths long");
        assertTrue(bar(t, 1).containsAll(List.of(new Decoration("trill"), new Decoration("staccato"), new Decoration("roll"))));
        assertEquals(new Decoration("fermata"), bar(t, 2).get(0));
        assertEquals(List.of(new Decoration("upbow"), new Decoration("downbow")), bar(t, 3).subList(0, 2));
    }

    @Test
    void aSlurOpenedOrClosedInsideAChordIsKeptAroundTheChord() {
        Tune t = tune(head("C") + "[E4(e4]c2) z2|(c4 [E)G]4|\n");
        List<Element> b = bar(t, 0);
        assertEquals(Slur.OPEN, b.get(0));
        assertTrue(b.get(1) instanceof Chord c && c.notes().size() == 2 && c.duration().equals(tunesmith.music.Duration.of(1, 2)), b.toString());
        assertEquals(Slur.CLOSE, b.get(3));
        List<Element> b2 = bar(t, 1);
        assertTrue(b2.get(2) instanceof Chord, b2.toString());
        assertEquals(Slur.CLOSE, b2.get(3), "a slur that ends on a chord note ends after the chord");
    }

    @Test
    void aTupletInsideAChordIsRefusedByName() {
        Tunebook b = book(head("C") + "CDEF [E(3ABc]|\n");
        assertEquals(0, b.size());
        Problem p = b.report().errors().get(0);
        assertTrue(p.message().contains("tuplet '(3' inside a chord"), p.toString());
        assertEquals(6, p.line());
        assertEquals(8, p.column(), p.toString());
    }

    @Test
    void aMicrotoneAccidentalIsRefusedByName() {
        for (String m : List.of("^/c", "_3/4c", "_22/100E", "^^3c")) {
            Tunebook b = book(head("C") + "CDEF [C" + m + "G]4|\n");
            assertEquals(0, b.size());
            Problem p = b.report().errors().get(0);
            assertTrue(p.message().contains("found '" + m.substring(0, m.length() - 1) + "' (a microtone accidental"), p.toString());
            assertEquals(8, p.column(), p.toString());
        }
    }

    @Test
    void aChordInsideGraceNotesKeepsItsNotesAsGraceNotesWithAWarning() {
        String abc = head("C") + "{[Ge]}A4 {g[^FA]2}B4|\n";
        Tune t = tune(abc);
        GraceNotes g = (GraceNotes) bar(t, 0).get(0);
        assertEquals(List.of("G4", "E5"), g.notes().stream().map(n -> n.pitch().toString()).toList());
        GraceNotes g2 = (GraceNotes) bar(t, 0).get(2);
        assertEquals(List.of("G5", "F#4", "A4"), g2.notes().stream().map(n -> n.pitch().toString()).toList());
        assertEquals(tunesmith.music.Duration.of(1, 4), g2.notes().get(1).duration(), "a length after the chord's ']' is its notes'");
        assertTrue(warnings(abc).stream().anyMatch(w -> w.contains("chord [Ge] inside grace notes")), warnings(abc).toString());
    }

    // ---- text, clefs and keys ---------------------------------------------------------------------

    @Test
    void aTextBlockInATuneIsNotMusicAndItsBlankLinesDoNotEndTheTune() {
        String abc = """
                %%begintext
                T:not a title, words of the book's preface
                %%endtext
                X:1
                T:Text
                M:4/4
                L:1/8
                K:C
                %%begintext
                Words about the tune: |:abc| (not music)

                X marks the spot, and more words
                %%endtext
                CDEF GABc|
                %%begintext
                Some words here

                %%endtext
                cdef gabc|
                """;
        Tune t = tune(abc);
        assertEquals(2, t.barCount(), "both lines of music, around a text block with a blank line in it");
        assertEquals(List.of("Text"), t.titles(), "a T: line in the file header's text block is text");
        assertTrue(warnings(abc).isEmpty(), warnings(abc).toString());

        Tunebook open = book(head("C") + "CDEF GABc|\n%%begintext\nwords\n");
        assertEquals(1, open.size(), open.report().describe());
        assertTrue(open.report().warnings().stream().anyMatch(p -> p.message().contains("%%begintext without %%endtext") && p.line() == 7),
                open.report().warnings().toString());
    }

    @Test
    void aBareClefInTheKeyFieldNamesNoKey() {
        for (String k : List.of("bass", "treble", "clef=bass", "bass3", "alto1 middle=c", "treble-8")) {
            Tune t = tune(head(k) + "FGAB c4|\n");
            assertEquals(Map.of(), t.key().signature(), "K:" + k + " has no key signature (C major, as abcm2ps reads it)");
            assertEquals("F4", t.melodyNotes().get(0).pitch().toString(), "K:" + k);
        }
        Tune t = tune(head("G") + "GABc d4|[K:bass3] FABc d4|[K:bass] F8|\n");
        assertEquals("F#4", t.bars().get(1).melodyNotes().get(0).pitch().toString(), "[K:bass3] changes the clef, not the key");
        assertEquals("F#4", t.bars().get(2).melodyNotes().get(0).pitch().toString());
        assertTrue(Key.isClef("bass3") && Key.isClef("Treble+8") && !Key.isClef("Bb") && !Key.isClef("A"));
    }

    @Test
    void accidentalsGluedToTheKeyOrWrittenApartAreTheSignature() {
        Key glued = Key.parse("C^f^c");
        assertEquals(Map.of('F', 1, 'C', 1), glued.signature());
        assertEquals(Key.parse("C ^f ^c").signature(), glued.signature());
        assertEquals(Map.of('B', -1, 'E', -1, 'F', 1), Key.parse("D exp _b _e ^f").signature(), "exp: only these, C natural");
        assertEquals(Map.of('B', -1, 'E', -1, 'F', 1), Key.parse("D exp _b_e^f").signature(), "exp with glued accidentals");
        assertEquals(Map.of('F', 1, 'C', 1, 'G', 1), Key.parse("D ^g").signature());
        assertEquals(Map.of('F', 1, 'C', 1, 'G', 1), Key.parse("D^g").signature());
        assertEquals(Map.of('F', 1), Key.parse("Dmix=c").signature(), "a glued natural");
        assertEquals(Map.of('F', 1, 'C', 1), Key.parse("^f^c").signature(), "accidentals alone");
        assertEquals("middle=d", Key.parse("G middle=d").rest(), "a clef setting is not an accidental");
        Tune t = tune(head("C^f^c") + "FGAB c4|[K:G_b] B8|\n");
        assertEquals(List.of("F#4", "G4", "A4", "B4", "C#5", "Bb4"), t.melodyNotes().stream().map(n -> n.pitch().toString()).toList());
        // a key change in the music whose first word holds '=' keeps the key for now (see Key.change)
        Tune natural = tune(head("G") + "F4|[K:G=f] F4|\n");
        assertEquals(List.of("F#4", "F#4"), natural.melodyNotes().stream().map(n -> n.pitch().toString()).toList());
    }

    // ---- overlay ----------------------------------------------------------------------------------

    @Test
    void aVoiceOverlayIsASecondLineOfTheVoiceKeptAsAVoiceBesideIt() {
        String abc = """
                X:1
                T:Overlay
                M:4/4
                L:1/8
                K:G
                |:GABc d4 & B,4 D4|e8|[1 f8 & d8:|[2 g8 & B8 & G8|]
                w:la la la la la
                """;
        Tune t = tune(abc);
        assertEquals(3, t.voices().size(), t.voices().toString());
        Voice main = t.voices().get(0);
        assertEquals("", main.id());
        assertEquals(List.of("G4", "A4", "B4", "C5", "D5", "E5", "F#5", "G5"),
                t.melodyNotes().stream().map(n -> n.pitch().toString()).toList(), "the voice's own line is its melody");
        assertEquals(List.of("la la la la la"), main.bars().get(3).lyrics(), "lyrics stay with the voice's own line");
        Voice o1 = t.voices().get(1), o2 = t.voices().get(2);
        assertEquals("&1", o1.id());
        assertEquals("&2", o2.id());
        assertEquals(main.bars().size(), o1.bars().size(), "the overlay's bars stand beside the voice's bars");
        assertEquals(List.of("B3", "D4"), o1.bars().get(0).melodyNotes().stream().map(n -> n.pitch().toString()).toList());
        Element silent = o1.bars().get(1).elements().get(0);
        assertTrue(silent instanceof Rest r && r.invisible() && r.duration().equals(tunesmith.music.Duration.WHOLE), silent.toString());
        assertEquals(List.of("D5"), o1.bars().get(2).melodyNotes().stream().map(n -> n.pitch().toString()).toList());
        assertEquals(List.of("B4"), o1.bars().get(3).melodyNotes().stream().map(n -> n.pitch().toString()).toList());
        for (int i = 0; i < main.bars().size(); i++) {
            Bar m = main.bars().get(i), o = o1.bars().get(i);
            assertEquals(m.duration(), o.duration(), "bar " + i);
            assertEquals(List.of(m.repeatStart(), m.repeatEnd(), String.valueOf(m.ending()), m.end()),
                    List.of(o.repeatStart(), o.repeatEnd(), String.valueOf(o.ending()), o.end()), "bar " + i);
        }
        assertEquals(List.of("G4"), o2.bars().get(3).melodyNotes().stream().map(n -> n.pitch().toString()).toList());
        assertEquals(t.unfold().voices().get(0).bars().stream().map(Bar::duration).toList(),
                t.unfold().voices().get(1).bars().stream().map(Bar::duration).toList(), "voice and overlay unfold alike");

        Tune named = tune("X:1\nT:n\nM:2/4\nL:1/8\nK:D\nV:T\n[K:C] A4 & F4|F4 & F4|\nV:B\nD,4|D,4|\n");
        assertEquals(List.of("T", "B", "T&1"), named.voices().stream().map(Voice::id).toList());
        assertEquals(List.of("F4", "F4"), named.voice("T&1").bars().stream().flatMap(b -> b.melodyNotes().stream())
                .map(n -> n.pitch().toString()).toList(), "the overlay reads in the voice's key of the moment (C, not the tune's D)");
    }

    @Test
    void overlaysInOddPlacesReadAndSurviveTheRoundTrip() {
        for (String body : List.of(
                "abc & def\nABc|d6|\n",                      // an overlay goes on over a line break, to the bar line
                "& abc def|ABC DEF|\n",                       // at the start of the tune
                "abc def|& ABC DEF|\n",                       // at the start of a bar
                "(3abc d3 & (3ABC D3|(3abc d3|\n",              // tuplets on both lines
                "Z & abc def|abc def|\n",                     // beside a whole-bar rest
                "a3- a3 & A6|a6 & [K:D] F6|F6|\n",            // ties, and a key change in the overlay
                "[K:D] F6 & F6|[M:3/8] F3 & F3|[L:1/16] F6|\n", // key, meter and unit changes before the overlay
                "|:abc def & ABC DEF|[1 abc def:|[2 ABC & abc DEF|]\n",
                "abc def & ABC DEF\nw:la la la la la la\nabc def|\n",
                "abc & def|ABC\nK:D\nP:B\nFED|abc def|\n",          // a field line in the middle of a bar where the overlay is silent
                "abc def|ABC\nK:D\nF & FED|abc def|\n",
                "abc def|\"^D.C.\"|] & GFE DCB|\n",                 // beside a bar of the voice that takes no time
                "& abc def\n&ABC DEF\n",                        // music only in overlays
                "V:1\nabc & def\nV:2\nABC DEF|\nV:1\nd3|ABC DEF|\n")) {
            Tune t = tune("X:1\nT:o\nM:6/8\nL:1/8\nK:C\n" + body);
            assertTrue(t.voices().stream().anyMatch(v -> v.id().contains("&")), body + " -> " + t.voices());
        }
        // a field line after '&' is the voice's, and ends the overlay
        for (String empty : List.of("abc def|abc def &\n", "abc def|abc def|]&\n", "abc def::& :\nK:D\nF6|abc def:|\n")) {
            assertEquals(1, tune("X:1\nT:o\nM:6/8\nL:1/8\nK:C\n" + empty).voices().size(), "an overlay with nothing in it is no voice");
        }
    }

    @Test
    void anOverlayOverSeveralBarsIsRefusedByName() {
        Tunebook b = book(head("C") + "CDEF (&GABc|cdef&)|\n");
        assertEquals(0, b.size());
        assertTrue(b.report().errors().get(0).message().contains("'(&' (a voice overlay over several bars)"), b.report().describe());
    }

    // ---- header lines -----------------------------------------------------------------------------

    @Test
    void aTitleContinuedWithABackslashIsOneTitle() {
        Tune t = tune("X:1\nT:The Road \\\nto Lisdoonvarna\nC:Trad. \\ % comment\nM:2/4\nK:D\nDE FG|\nT:Second \\\npart\nAB cd|\n");
        assertEquals(List.of("The Road to Lisdoonvarna", "Second part"), t.titles(), "in the header and in the body");
        assertEquals("Trad.", t.composer().orElseThrow(), "a backslash before a field line continues nothing");
        assertEquals(2, t.barCount());
    }

    @Test
    void aVoiceDeclaredBareInTheHeaderKeepsThePropertiesOfItsFirstLineInTheBody() {
        // found by the fuzz once a music line in a header no longer hid the tune: the writer left the properties out
        Tune t = tune("X:3\nT:Two Voices\nM:3/4\nV:2\nV:1\nK:Bb\nV:1 clef=treble\nB,,2 F,|D3|]\nV:2\nD3|D3|]\n");
        assertEquals("clef=treble", t.voice("1").properties());
    }

    @Test
    void aHeaderLineThatIsNotAFieldIsIgnoredWithAWarning() {
        String abc = "X:1\nT:Waltz\nM:3/8\n3/8=120\nsome free text\nL:1/8\nK:C\nCDE|FGA|\n";
        Tune t = tune(abc);
        assertEquals(2, t.barCount());
        assertEquals("1/8", t.field('L').orElseThrow(), "the fields after the stray lines are read");
        Tunebook b = book(abc);
        assertEquals(2, b.report().warnings().size(), b.report().warnings().toString());
        Problem p = b.report().warnings().get(0);
        assertEquals(4, p.line());
        assertTrue(p.message().contains("'3/8=120'") && p.message().contains("not a field"), p.toString());

        Tunebook noKey = book("X:1\nT:No key\nM:4/4\nCDEF GABc|\n");
        Problem e = noKey.report().errors().get(0);
        assertTrue(e.message().startsWith("tune has no K: field") && e.message().contains("line 4 ('CDEF GABc|') is not a field"), e.toString());
        assertTrue(noKey.report().warnings().stream().noneMatch(w -> w.message().contains("not a field")),
                "a tune that is skipped gets no warnings about its lines: " + noKey.report().warnings());
    }

    // ---- abc2midi ---------------------------------------------------------------------------------

    /** The constructs above as abc2midi plays them; K:bass (which abc2midi refuses) and K:C^f^c (which it misreads) apart. */
    private static final String PLAYED = """
            X:1
            T:Decorations and slurs in chords
            M:4/4
            L:1/8
            K:C
            [HC6HA6] z2|[E4(e4]c2) z2|{[Ge]}A4 [.CE]2 [~DF]2|

            X:2
            T:Text \\
            block
            M:4/4
            L:1/8
            3/8=120
            K:D
            CDEF GABc|
            %%begintext
            Some words here

            and more
            %%endtext
            cdef gabc|

            X:3
            T:Clef in K
            M:4/4
            L:1/8
            K:G clef=bass
            GABc d4|[K:bass3] FGAB c4|

            X:4
            T:Explicit accidentals
            M:4/4
            L:1/8
            K:D exp _b _e ^f
            CDEF GABc|

            X:5
            T:Overlay
            M:4/4
            L:1/8
            K:C
            CDEF GABc & cdef gabc|C8|
            """;

    @Test
    void theConstructsPlayAsAbc2midiPlaysThem(@TempDir Path tmp) throws Exception {
        assumeTrue(Abc2Midi.available(), "abc2midi is not on PATH (Debian package abcmidi); skipping");
        Tunebook b = book(PLAYED);
        assertEquals(5, b.size(), b.report().describe());
        Abc2Midi abc2midi = Abc2Midi.checker();
        Path in = tmp.resolve("played.abc");
        Files.writeString(in, PLAYED, StandardCharsets.UTF_8);
        List<String> disagree = new ArrayList<>();
        for (Tune t : b.tunes()) {
            Path out = tmp.resolve("t" + t.x() + ".mid");
            Abc2Midi.Run run = abc2midi.run(List.of(in.toString(), Integer.toString(t.x()), "-o", out.toString(),
                    "-NGRA", "-NGUI", "-NFER", "-silent"), java.time.Duration.ofSeconds(20));
            assertFalse(run.timedOut());
            assertTrue(Files.isRegularFile(out), "abc2midi played X:" + t.x() + ": " + run.output());
            Sequence seq = MidiSystem.getSequence(out.toFile());
            Abc2MidiAgreementTest.Diff d = Abc2MidiAgreementTest.compare(t, Abc2MidiAgreementTest.melodyTrack(seq), seq.getResolution());
            if (d != null) disagree.add("X:" + t.x() + " " + t.title() + ": " + d);
        }
        assertTrue(disagree.isEmpty(), String.join("\n", disagree));
    }

    @Test
    void anOverlayIsNotTheMelodyForAbc2midiEither() {
        // abc2midi plays the overlay on a track of its own: its first track is the voice's own line, as our melody
        Tune t = book(PLAYED).x(5);
        assertEquals(List.of("C4", "D4", "E4", "F4", "G4", "A4", "B4", "C5", "C4"),
                t.melody().stream().map(e -> e.pitch().toString()).toList());
        assertNull(t.voices().get(0).bars().get(0).elements().stream().filter(e -> e instanceof Note n && n.pitch().octave() == 5 && n.pitch().letter() == 'D')
                .findFirst().orElse(null), "the overlay's notes are not in the voice's own line");
    }
}
