package tunesmith.musicxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import tunesmith.TestCorpora;
import tunesmith.Tunesmith;
import tunesmith.corpus.Catalogue;
import tunesmith.corpus.Corpus;
import tunesmith.corpus.CorpusResolver;
import tunesmith.music.Bar;
import tunesmith.music.Chord;
import tunesmith.music.Duration;
import tunesmith.music.Element.*;
import tunesmith.music.Note;
import tunesmith.music.Pitch;
import tunesmith.music.Rest;
import tunesmith.music.Tune;
import tunesmith.music.Voice;
import tunesmith.notation.AbcReader;

/** The MusicXML writer, read back with the JDK's parser: structure, schema order, and that it says what the tune says. */
class MusicXmlTest {

    static final Corpus STARTER = Corpus.load("starter", new CorpusResolver(Catalogue.standard(), Map.of(CorpusResolver.PROP_OFFLINE, "true")));

    /** Most of what the writer knows, in one tune. */
    static final String FEATURES = """
            X:7
            T:Every Mark
            T:Second Title
            C:Trad.
            Q:"Brisk" 3/8=116
            M:6/8
            L:1/8
            K:Ador
            |:"Am"E2A (3ABc d|"G/b"B3- B2G|"C"[CEG]2 {/g}A .c>dc|1 "D7"d3 !fermata!z3:|2 "Em7b5"e3 ^f2=f|]
            w:la la-la-la la la la _ la
            """;

    /** The rest of what the writer knows: free meter, a key of named accidentals, parts, ornaments, rests over bars, changes, voices, verses. */
    static final String MARKS = FEATURES + """

            X:2
            T:Odd key and free meter
            M:none
            L:1/8
            K:D ^g
            P:A
            DEFG ABcd efg|!p!(ABc) TA2 Md2 ~e2|
            w:one two three four five six sev-en eight nine ten

            X:3
            T:Rests and changes
            M:4/4
            L:1/4
            K:C
            Z2|C D E F|[K:Bb][M:3/4]B c d|[Q:1/4=80]"^slower"c2 z|x3|]

            X:4
            T:Lyrics and slurs
            M:3/4
            L:1/4
            K:F
            "F"A>B c|"C7/g+"d2 c|(3ABc "Bbmaj7"d-|d2 z|
            w:Hap-py birth-day to_ you* |dear|
            w:Second verse

            X:5
            T:Voices
            M:2/4
            L:1/8
            V:1 clef=treble name="Upper"
            V:2 clef=bass name="Lower"
            K:G
            V:1
            GABc|d4|
            V:2
            G,,2D,2|G,,4|
            """;

    static List<Tune> marks() {
        List<Tune> tunes = AbcReader.read(MARKS, "marks.abc").tunes();
        assertEquals(5, tunes.size());
        return tunes;
    }

    static Tune tune(String abc) { return AbcReader.readTune(abc); }

    static Document xml(Tune t) throws Exception { return XmlDoc.parse(MusicXml.of(t).text()); }

    static Document xml(String abc) throws Exception { return xml(tune(abc)); }

    // ---- structure ------------------------------------------------------------------------

    @Test
    void aWellFormedPartwise31DocumentWithItsDoctype() throws Exception {
        String text = MusicXml.of(tune(FEATURES)).text();
        assertTrue(text.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE score-partwise PUBLIC \"-//Recordare//DTD MusicXML 3.1 Partwise//EN\""), text);
        Document d = XmlDoc.parse(text);
        assertEquals("-//Recordare//DTD MusicXML 3.1 Partwise//EN", d.getDoctype().getPublicId());
        assertEquals("http://www.musicxml.org/dtds/partwise.dtd", d.getDoctype().getSystemId());
        assertEquals("score-partwise", d.getDocumentElement().getTagName());
        assertEquals("3.1", d.getDocumentElement().getAttribute("version"));
        assertEquals("Every Mark", XmlDoc.all(d, "work-title").get(0).getTextContent());
        assertEquals("Every Mark", XmlDoc.all(d, "movement-title").get(0).getTextContent());
        Element creator = XmlDoc.all(d, "creator").get(0);
        assertEquals("composer", creator.getAttribute("type"));
        assertEquals("Trad.", creator.getTextContent());
    }

    /**
     * The children of each element in the order MusicXML 3.1's schema gives them (a wrong order makes
     * MuseScore refuse the file as invalid). Checked on every starter tune and on {@link #MARKS}.
     */
    static final Map<String, List<String>> ORDER = Map.ofEntries(
            Map.entry("score-partwise", List.of("work", "movement-number", "movement-title", "identification", "defaults", "credit", "part-list", "part")),
            Map.entry("note", List.of("grace", "chord", "pitch|unpitched|rest", "duration", "tie", "instrument", "footnote", "level", "voice",
                    "type", "dot", "accidental", "time-modification", "stem", "notehead", "notehead-text", "staff", "beam", "notations", "lyric", "play")),
            Map.entry("attributes", List.of("footnote", "level", "divisions", "key", "time", "staves", "part-symbol", "instruments", "clef",
                    "staff-details", "transpose", "directive", "measure-style")),
            Map.entry("key", List.of("cancel", "fifths", "mode", "key-step|key-alter|key-accidental")),
            Map.entry("clef", List.of("sign", "line", "clef-octave-change")),
            Map.entry("pitch", List.of("step", "alter", "octave")),
            Map.entry("time-modification", List.of("actual-notes", "normal-notes", "normal-type", "normal-dot")),
            Map.entry("barline", List.of("bar-style", "footnote", "level", "wavy-line", "segno", "coda", "fermata", "ending", "repeat")),
            Map.entry("harmony", List.of("root|function", "kind", "inversion", "bass", "degree", "frame", "offset", "footnote", "level", "staff")),
            Map.entry("degree", List.of("degree-value", "degree-alter", "degree-type")),
            Map.entry("direction", List.of("direction-type", "offset", "footnote", "level", "voice", "staff", "sound")),
            Map.entry("metronome", List.of("beat-unit", "beat-unit-dot", "per-minute")),
            Map.entry("lyric", List.of("syllabic", "text", "extend")),
            Map.entry("score-part", List.of("identification", "part-name", "part-name-display", "part-abbreviation", "part-abbreviation-display",
                    "group", "score-instrument", "midi-device", "midi-instrument")),
            Map.entry("midi-instrument", List.of("midi-channel", "midi-name", "midi-bank", "midi-program")));

    @Test
    void childrenComeInTheOrderOfTheSchema() throws Exception {
        List<Tune> tunes = new ArrayList<>(STARTER.tunes());
        tunes.addAll(marks());
        int checked = 0;
        for (Tune t : tunes) {
            Document d = xml(t);
            for (Map.Entry<String, List<String>> o : ORDER.entrySet()) {
                for (Element e : XmlDoc.all(d, o.getKey())) {
                    int at = -1;
                    for (Element c : XmlDoc.children(e)) {
                        int i = indexIn(o.getValue(), c.getTagName());
                        assertTrue(i >= 0, "<" + c.getTagName() + "> is no child of <" + o.getKey() + "> in " + t.title());
                        if (i < at) throw new AssertionError("<" + c.getTagName() + "> after <" + o.getValue().get(at) + "> in <" + o.getKey() + "> of " + t.title());
                        at = i;
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 20_000, "checked the children of many elements: " + checked);
    }

    private static int indexIn(List<String> order, String name) {
        for (int i = 0; i < order.size(); i++) for (String n : order.get(i).split("\\|")) if (n.equals(name)) return i;
        return -1;
    }

    // ---- the music: what the file says against what the tune says ---------------------------

    /** A sounding note: MIDI key, onset and length in whole notes (tied notes joined). */
    record Sound(int midi, Duration onset, Duration length) {}

    /** Joins notes into sounding notes as a player would: a tied note goes on in the next note of its key that starts where it ends. */
    static final class Sounds {
        final List<Sound> out = new ArrayList<>();
        final Map<Integer, Integer> open = new HashMap<>();

        void add(int midi, Duration onset, Duration length, boolean tiedOn) {
            Integer i = open.remove(midi);
            if (i != null && out.get(i).onset().plus(out.get(i).length()).equals(onset)) {
                Sound s = out.get(i);
                out.set(i, new Sound(midi, s.onset(), s.length().plus(length)));
            } else {
                out.add(new Sound(midi, onset, length));
                i = out.size() - 1;
            }
            if (tiedOn) open.put(midi, i);
        }
    }

    /** The sounding notes of each part of a MusicXML score, read from pitch, duration, chord and tie elements alone. */
    static List<List<Sound>> parts(Document d) {
        long divisions = Long.parseLong(XmlDoc.all(d, "divisions").get(0).getTextContent());
        List<List<Sound>> out = new ArrayList<>();
        for (Element part : XmlDoc.all(d, "part")) {
            Sounds s = new Sounds();
            Duration t = Duration.ZERO, last = Duration.ZERO;
            for (Element note : XmlDoc.all(part, "note")) {
                if (XmlDoc.child(note, "grace") != null) continue;
                Duration len = Duration.of(Long.parseLong(XmlDoc.text(note, "duration")), 4 * divisions);
                Duration onset = XmlDoc.child(note, "chord") != null ? last : t;
                Element pitch = XmlDoc.child(note, "pitch");
                if (pitch != null) {
                    String alter = XmlDoc.text(pitch, "alter");
                    int midi = new Pitch(XmlDoc.text(pitch, "step").charAt(0), alter == null ? 0 : Integer.parseInt(alter),
                            Integer.parseInt(XmlDoc.text(pitch, "octave"))).midi();
                    boolean tied = XmlDoc.children(note, "tie").stream().anyMatch(e -> e.getAttribute("type").equals("start"));
                    s.add(midi, onset, len, tied);
                }
                if (XmlDoc.child(note, "chord") == null) { last = t; t = t.plus(len); }
            }
            out.add(s.out);
        }
        return out;
    }

    /** The sounding notes of each voice of the tune as written (no repeats played), from the music model. */
    static List<List<Sound>> voices(Tune tune) {
        List<List<Sound>> out = new ArrayList<>();
        for (Voice v : tune.voices()) {
            Sounds s = new Sounds();
            Duration t = Duration.ZERO;
            for (Bar b : v.bars()) {
                for (tunesmith.music.Element e : b.elements()) {
                    if (e instanceof Note n && n.duration().isPositive()) s.add(n.midi(), t, n.duration(), n.tied());
                    else if (e instanceof Chord c && c.duration().isPositive()) for (Note n : c.notes()) s.add(n.midi(), t, c.duration(), c.tied() || n.tied());
                    else if (e instanceof Rest) s.open.clear();
                    t = t.plus(e.duration());
                }
            }
            out.add(s.out);
        }
        return out;
    }

    /**
     * Every note of every voice is in the file at its pitch, onset and length, ties and all: every tune
     * of the starter corpus and of O'Neill's (grace notes, triplets and odder tuplets, broken rhythm,
     * decorations, ties across bar lines, lengths no note value says).
     */
    @Test
    void everyVoiceSaysWhatTheTuneSays() throws Exception {
        List<Tune> tunes = new ArrayList<>(STARTER.tunes());
        tunes.addAll(Corpus.load(TestCorpora.folder("oneills1850")).tunes());
        int notes = 0;
        for (Tune t : tunes) {
            List<List<Sound>> expected = voices(t);
            assertEquals(expected, parts(xml(t)).subList(0, expected.size()), t.source() + " X:" + t.x() + " " + t.title());
            notes += expected.stream().mapToInt(List::size).sum();
        }
        System.out.println("MusicXML read back: " + tunes.size() + " tunes, " + notes + " sounding notes, each at its pitch, onset and length");
        assertTrue(tunes.size() > 2000 && notes > 150_000, tunes.size() + " tunes, " + notes + " notes");
    }

    // ---- key, meter, clef ---------------------------------------------------------------------

    @Test
    void keysMetersAndClefs() throws Exception {
        Document dorian = xml("X:1\nT:D\nM:C\nL:1/8\nK:Ador\nABcd efga|\n");
        Element key = XmlDoc.all(dorian, "key").get(0);
        assertEquals("1", XmlDoc.text(key, "fifths"), "A dorian has G major's F#");
        assertNull(XmlDoc.child(key, "mode"), "MuseScore 3 reads no modal names: the signature says it");
        Element time = XmlDoc.all(dorian, "time").get(0);
        assertEquals("common", time.getAttribute("symbol"));
        assertEquals("4", XmlDoc.text(time, "beats"));
        assertEquals("4", XmlDoc.text(time, "beat-type"));

        Element bb = XmlDoc.all(xml("X:1\nT:B\nM:3/4\nL:1/4\nK:Bb\nB c d|\n"), "key").get(0);
        assertEquals("-2", XmlDoc.text(bb, "fifths"));
        assertEquals("major", XmlDoc.text(bb, "mode"));
        Element fsm = XmlDoc.all(xml("X:1\nT:F\nM:2+3/8\nL:1/8\nK:F#m\nF G A B c|\n"), "key").get(0);
        assertEquals("3", XmlDoc.text(fsm, "fifths"));
        assertEquals("minor", XmlDoc.text(fsm, "mode"));
        assertEquals("2+3", XmlDoc.text(XmlDoc.all(xml("X:1\nT:F\nM:2+3/8\nL:1/8\nK:F#m\nF G A B c|\n"), "time").get(0), "beats"));
        // a signature no count of fifths gives: each altered letter named
        Element odd = XmlDoc.all(xml("X:1\nT:O\nM:2/4\nL:1/8\nK:D ^g\nDEFG|\n"), "key").get(0);
        assertEquals(List.of("C", "F", "G"), XmlDoc.children(odd, "key-step").stream().map(Element::getTextContent).toList());
        assertEquals(List.of("1", "1", "1"), XmlDoc.children(odd, "key-alter").stream().map(Element::getTextContent).toList());
        assertNotNull(XmlDoc.child(XmlDoc.all(xml("X:1\nT:Free\nM:none\nL:1/8\nK:G\nGABc dedB AG\n"), "time").get(0), "senza-misura"));

        Document voices = xml("""
                X:1
                T:Clefs
                M:2/4
                L:1/4
                V:1 clef=treble-8 name="Tenor"
                V:2 clef=bass
                V:3
                V:4 name="Bass"
                K:C
                V:1
                c d|
                V:2
                C, D,|
                V:3
                C, E,|
                V:4
                e f|
                """);
        List<String> clefs = XmlDoc.all(voices, "clef").stream().map(c -> XmlDoc.text(c, "sign") + XmlDoc.text(c, "line")
                + (XmlDoc.child(c, "clef-octave-change") == null ? "" : XmlDoc.text(c, "clef-octave-change"))).toList();
        // named clefs as named; a voice without one by its range: low notes in the bass clef, a name="Bass" is no clef
        assertEquals(List.of("G2-1", "F4", "F4", "G2"), clefs);
        assertEquals(List.of("Tenor", "2", "3", "Bass"), XmlDoc.all(voices, "part-name").stream().map(Element::getTextContent).toList());
    }

    @Test
    void aKeyChangeInTheMusicIsAttributesWhereItHappens() throws Exception {
        Document d = xml("X:1\nT:K\nM:2/4\nL:1/8\nK:G\nGABc|[K:F]FGAB|[M:3/4]cdefga|\n");
        List<Element> attributes = XmlDoc.all(d, "attributes");
        assertEquals(3, attributes.size());
        assertEquals("-1", XmlDoc.text(XmlDoc.child(attributes.get(1), "key"), "fifths"));
        assertEquals("3", XmlDoc.text(XmlDoc.child(attributes.get(2), "time"), "beats"));
        // M: after K: in a header is the same place: one set of attributes, the later meter
        Document twice = xml("X:1\nT:M\nM:4/4\nK:D\nM:3/4\nL:1/4\nD E F|\n");
        assertEquals(1, XmlDoc.all(twice, "attributes").size());
        assertEquals("3", XmlDoc.all(twice, "beats").get(0).getTextContent());
    }

    // ---- lengths ------------------------------------------------------------------------------

    private static List<String> types(Document d) {
        List<String> out = new ArrayList<>();
        for (Element n : XmlDoc.all(d, "note")) out.add(XmlDoc.text(n, "type") + ".".repeat(XmlDoc.children(n, "dot").size()));
        return out;
    }

    @Test
    void aLengthNoOneValueSaysIsTiedValues() throws Exception {
        Document d = xml("X:1\nT:L\nM:4/4\nL:1/8\nK:C\nA5 B3|c7 z|\n");
        assertEquals(List.of("half", "eighth", "quarter.", "half..", "eighth"), types(d));
        List<Element> notes = XmlDoc.all(d, "note");
        assertEquals(List.of("start"), XmlDoc.children(notes.get(0), "tie").stream().map(e -> e.getAttribute("type")).toList());
        assertEquals(List.of("stop"), XmlDoc.children(notes.get(1), "tie").stream().map(e -> e.getAttribute("type")).toList());
        assertEquals(2, XmlDoc.all(notes.get(1), "tied").size() + XmlDoc.all(notes.get(0), "tied").size());
        assertEquals("2", XmlDoc.all(d, "divisions").get(0).getTextContent());
        assertEquals(List.of("4", "1", "3", "7", "1"), XmlDoc.all(d, "duration").stream().map(Element::getTextContent).toList());
    }

    @Test
    void tupletsAndOddLengthsHaveTimeModifications() throws Exception {
        Document d = xml("X:1\nT:T\nM:2/4\nL:1/8\nK:C\n(3ABc d2|\n");
        assertEquals("3", XmlDoc.all(d, "divisions").get(0).getTextContent(), "a third of an eighth needs thirds of a quarter");
        List<Element> notes = XmlDoc.all(d, "note");
        for (int i = 0; i < 3; i++) {
            assertEquals("eighth", XmlDoc.text(notes.get(i), "type"));
            assertEquals("1", XmlDoc.text(notes.get(i), "duration"));
            Element tm = XmlDoc.child(notes.get(i), "time-modification");
            assertEquals("3", XmlDoc.text(tm, "actual-notes"));
            assertEquals("2", XmlDoc.text(tm, "normal-notes"));
        }
        assertEquals("start", XmlDoc.all(notes.get(0), "tuplet").get(0).getAttribute("type"));
        assertEquals("stop", XmlDoc.all(notes.get(2), "tuplet").get(0).getAttribute("type"));
        assertTrue(XmlDoc.all(notes.get(1), "tuplet").isEmpty());
        assertNull(XmlDoc.child(notes.get(3), "time-modification"));
        // L:1/12 gives lengths no note value reaches: a time modification of their own, without a bracket
        Document odd = xml("X:1\nT:O\nM:2/4\nL:1/12\nK:C\nABC DEF|\n");
        Element first = XmlDoc.all(odd, "note").get(0);
        assertEquals("eighth", XmlDoc.text(first, "type"));
        assertEquals("3", XmlDoc.text(XmlDoc.child(first, "time-modification"), "actual-notes"));
        assertTrue(XmlDoc.all(odd, "tuplet").isEmpty());
    }

    @Test
    void chordsGraceNotesRestsAndTheFirstBarAsAnUpbeat() throws Exception {
        Document d = xml("X:1\nT:C\nM:3/4\nL:1/8\nK:G\nD2|[GBd]2 {/a}g2 {ab}B2|z6|\n");
        List<Element> measures = XmlDoc.all(d, "measure");
        assertEquals("0", measures.get(0).getAttribute("number"));
        assertEquals("yes", measures.get(0).getAttribute("implicit"), "the pickup is not counted");
        assertEquals("1", measures.get(1).getAttribute("number"));
        List<Element> notes = XmlDoc.all(measures.get(1), "note");
        assertNull(XmlDoc.child(notes.get(0), "chord"));
        assertNotNull(XmlDoc.child(notes.get(1), "chord"));
        assertNotNull(XmlDoc.child(notes.get(2), "chord"));
        Element slashed = notes.get(3);
        assertEquals("yes", XmlDoc.child(slashed, "grace").getAttribute("slash"), "{/a} is an acciaccatura");
        assertNull(XmlDoc.child(slashed, "duration"), "a grace note takes no time");
        assertEquals("", XmlDoc.child(notes.get(5), "grace").getAttribute("slash"));
        assertEquals(2, XmlDoc.all(measures.get(1), "grace").size() - 1);
        Element rest = XmlDoc.all(measures.get(2), "note").get(0);
        assertEquals("yes", XmlDoc.child(rest, "rest").getAttribute("measure"), "a bar's rest is a measure rest");
    }

    @Test
    void accidentalsAsAbcWritesThemAndWhereTheMeasureNeedsThem() throws Exception {
        // K:G: F is F#; =F prints a natural, the next F keeps it; ^F prints its sharp again, f an octave up reads it from
        // the key; ^f as written. In a new bar the key holds; =f naturals every F of the bar (the ABC rule, as abc2midi
        // plays it), so the F4 after it is F natural and prints one, its line having shown none
        Document d = xml("X:1\nT:A\nM:4/4\nL:1/8\nK:G\nF =F F ^F f ^f2 z|F2 =f2 F4|\n");
        List<String> shown = XmlDoc.all(d, "note").stream().map(n -> String.valueOf(XmlDoc.text(n, "accidental"))).toList();
        assertEquals(List.of("null", "natural", "null", "sharp", "null", "sharp", "null", "null", "natural", "natural"), shown);
        assertEquals("F", XmlDoc.text(XmlDoc.all(XmlDoc.all(d, "note").get(9), "pitch").get(0), "step"));
        assertNull(XmlDoc.text(XmlDoc.all(XmlDoc.all(d, "note").get(9), "pitch").get(0), "alter"));
    }

    // ---- chord symbols, lyrics, repeats, tempo ------------------------------------------------

    @Test
    void chordSymbolsReadAsMusicXmlKinds() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("Am", "A minor m"), Map.entry("D7/f+", "D dominant 7 /F#"), Map.entry("Bbmaj7", "Bb major-seventh maj7"),
                Map.entry("Gd", "G diminished dim"), Map.entry("Ea", "E augmented aug"), Map.entry("Csus4", "C suspended-fourth sus4"),
                Map.entry("Em7b5", "E half-diminished m7b5"), Map.entry("C6", "C major-sixth 6"), Map.entry("(E7)", "E dominant 7"),
                Map.entry("Gm/bb", "G minor m /Bb"), Map.entry("F#m7", "F# minor-seventh m7"), Map.entry("G", "G major "),
                Map.entry("Bdim7", "B diminished-seventh dim7"), Map.entry("D9", "D dominant-ninth 9"), Map.entry("A7sus4", "A suspended-fourth 7sus4"),
                Map.entry("E7b9", "E dominant 7b9"), Map.entry("C/E", "C major  /E"));
        cases.forEach((text, expected) -> {
            ChordSymbol c = ChordSymbol.parse(text).orElseThrow(() -> new AssertionError(text + " is a chord"));
            String root = c.rootStep() + (c.rootAlter() > 0 ? "#" : c.rootAlter() < 0 ? "b" : "");
            String bass = c.hasBass() ? " /" + c.bassStep() + (c.bassAlter() > 0 ? "#" : c.bassAlter() < 0 ? "b" : "") : "";
            assertEquals(expected, root + " " + c.kind() + " " + c.kindText() + bass, text);
        });
        assertEquals(List.of(new ChordSymbol.Degree(9, -1, "add")), ChordSymbol.parse("E7b9").orElseThrow().degrees());
        for (String words : List.of("From", "fine", "D.C.", "", "H7", "C7 9", "Cxyz"))
            assertTrue(ChordSymbol.parse(words).isEmpty(), words + " is not a chord");
    }

    @Test
    void chordSymbolsAreHarmoniesAndOtherTextIsWords() throws Exception {
        Document d = xml("X:1\nT:H\nM:2/4\nL:1/8\nK:D\n\"D/f+\"DF \"^fine\"\"Bbm\"AB|\"From\"d4|\n");
        List<Element> h = XmlDoc.all(d, "harmony");
        assertEquals(2, h.size());
        assertEquals("D", XmlDoc.all(h.get(0), "root-step").get(0).getTextContent());
        assertEquals("dominant".equals(XmlDoc.text(h.get(0), "kind")) ? "" : "major", XmlDoc.text(h.get(0), "kind"));
        assertEquals("F", XmlDoc.all(h.get(0), "bass-step").get(0).getTextContent());
        assertEquals("1", XmlDoc.all(h.get(0), "bass-alter").get(0).getTextContent());
        assertEquals("-1", XmlDoc.all(h.get(1), "root-alter").get(0).getTextContent());
        assertEquals("m", XmlDoc.child(h.get(1), "kind").getAttribute("text"));
        assertEquals(List.of("fine", "From"), XmlDoc.all(d, "words").stream().map(Element::getTextContent).toList());
    }

    @Test
    void lyricsGoUnderTheirNotes() throws Exception {
        Document d = xml("""
                X:1
                T:Lyrics
                M:3/4
                L:1/4
                K:F
                A>B c|d2 c|(3ABc d|d2 z|
                w:Hap-py birth-day to_ you* |dear|
                w:Second verse
                """);
        List<String> sung = new ArrayList<>();
        for (Element n : XmlDoc.all(d, "note")) {
            StringBuilder b = new StringBuilder();
            for (Element l : XmlDoc.children(n, "lyric"))
                b.append(l.getAttribute("number")).append(':').append(XmlDoc.text(l, "text")).append('/').append(XmlDoc.text(l, "syllabic"))
                        .append(XmlDoc.child(l, "extend") != null ? "_" : "").append(' ');
            sung.add(b.toString().strip());
        }
        // A B c | d c | A B c d | d z: "to" held over A, "*" leaves c bare, "|" skips the bar's last d
        assertEquals(List.of("1:Hap/begin 2:Second/single", "1:py/end 2:verse/single", "1:birth/begin", "1:day/end", "1:to/single_",
                "", "1:you/single", "", "", "1:dear/single", ""), sung);
    }

    @Test
    void repeatsAndEndingsAsBarLines() throws Exception {
        Document d = xml(STARTER.tune("Cooley's Reel"));
        List<Element> measures = XmlDoc.all(d, "measure");
        Element forward = XmlDoc.all(XmlDoc.children(measures.get(1), "barline").get(0), "repeat").get(0);
        assertEquals("forward", forward.getAttribute("direction"));
        Element firstEnding = measures.get(8), secondEnding = measures.get(9);
        Element start = XmlDoc.all(firstEnding, "ending").get(0), stop = XmlDoc.all(firstEnding, "ending").get(1);
        assertEquals(List.of("1", "start", "1."), List.of(start.getAttribute("number"), start.getAttribute("type"), start.getTextContent()));
        assertEquals(List.of("1", "stop"), List.of(stop.getAttribute("number"), stop.getAttribute("type")));
        assertEquals("backward", XmlDoc.all(firstEnding, "repeat").get(0).getAttribute("direction"));
        List<Element> second = XmlDoc.all(secondEnding, "ending");
        assertEquals(List.of("2", "start"), List.of(second.get(0).getAttribute("number"), second.get(0).getAttribute("type")));
        assertEquals("discontinue", second.get(1).getAttribute("type"), "the last ending has no hook down");
        assertEquals("light-light", XmlDoc.all(secondEnding, "bar-style").get(1).getTextContent());
        // a :| with no |: after a repeated section goes back to just after the previous :| (as ABC players do): written as a forward repeat
        Document implicit = xml("X:1\nT:R\nM:2/4\nL:1/4\nK:C\nC D:|E F|G A:|\n");
        List<Element> bars = XmlDoc.all(implicit, "measure");
        assertTrue(XmlDoc.all(bars.get(0), "repeat").stream().noneMatch(r -> r.getAttribute("direction").equals("forward")),
                "at the start a score player goes back there anyway");
        assertEquals("forward", XmlDoc.all(bars.get(1), "repeat").get(0).getAttribute("direction"));
    }

    @Test
    void tempoAsMetronomeAndSound() throws Exception {
        Document d = xml(FEATURES);
        assertEquals("Brisk", XmlDoc.all(d, "words").get(0).getTextContent());
        Element metronome = XmlDoc.all(d, "metronome").get(0);
        assertEquals("quarter", XmlDoc.text(metronome, "beat-unit"));
        assertEquals(1, XmlDoc.children(metronome, "beat-unit-dot").size());
        assertEquals("116", XmlDoc.text(metronome, "per-minute"));
        assertEquals("174", XmlDoc.all(d, "sound").get(0).getAttribute("tempo"), "3/8=116 is 174 quarter notes a minute");
        assertEquals("upright", XmlDoc.all(d, "fermata").get(0).getAttribute("type"));
        assertEquals(1, XmlDoc.all(d, "staccato").size());
        assertEquals(0, XmlDoc.all(xml("X:1\nT:N\nM:2/4\nL:1/4\nK:C\nC D|\n"), "sound").size(), "no Q:, no tempo: 120 a minute for every player");
    }

    @Test
    void everyVoiceIsAPartWithEveryMeasure() throws Exception {
        Document d = xml("X:1\nT:V\nM:2/4\nL:1/4\nV:1\nV:2\nK:C\nV:1\nc d|e f|g2|\nV:2\nC D|\n");
        List<Element> parts = XmlDoc.all(d, "part");
        assertEquals(2, parts.size());
        assertEquals(3, XmlDoc.children(parts.get(0), "measure").size());
        assertEquals(3, XmlDoc.children(parts.get(1), "measure").size(), "the shorter voice rests to the end");
        assertEquals("yes", XmlDoc.all(XmlDoc.children(parts.get(1), "measure").get(2), "rest").get(0).getAttribute("measure"));
        assertEquals(List.of("1", "2"), XmlDoc.all(d, "midi-channel").stream().map(Element::getTextContent).toList());
    }

    // ---- the value, the files -----------------------------------------------------------------

    @Test
    void writesWholeFilesAndSaysWhatItIs(@TempDir Path dir) throws Exception {
        Tune kesh = STARTER.tune("The Kesh");
        MusicXml x = Tunesmith.musicXml(kesh);
        assertEquals(MusicXml.of(kesh).text(), x.text(), "the same tune, the same document");
        Path file = x.write(dir.resolve("sub/kesh.musicxml"));
        assertEquals(x.text(), Files.readString(file));
        assertEquals(List.of("kesh.musicxml"), Files.list(dir.resolve("sub")).map(p -> p.getFileName().toString()).toList(), "no temporary file left");
        assertEquals("MusicXML 'The Kesh' (1 part, " + x.measures() + " measures, " + count(x.text(), "<pitch>") + " notes, " + x.divisions()
                + " divisions a quarter, " + x.text().length() + " characters)", x.toString());

        Tune low = tune("X:3\nT:Too low\nM:2/4\nL:1/4\nK:C\nC,,,,, D|\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MusicXml.of(low));
        assertTrue(e.getMessage().contains("Too low") && e.getMessage().contains("below MusicXML's lowest octave"), e.getMessage());

        List<Tune> tunes = List.of(kesh, low, kesh.withTitle("Kesh again"));
        MusicXmlBook.Written w = MusicXmlBook.of(tunes).write(dir.resolve("book"));
        assertEquals(2, w.files().size());
        assertEquals(List.of("starter_8.musicxml", "starter_8-2.musicxml"), w.files().stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(1, w.failed().size());
        assertTrue(w.failed().get(0).contains("Too low"), w.toString());
        assertTrue(w.toString().startsWith("2 MusicXML files written to " + dir.resolve("book") + ", 1 tunes not written"), w.toString());
        assertEquals("MusicXML of 45 tunes: write(folder) makes one .musicxml file per tune", Tunesmith.musicXml(STARTER).toString());
        assertFalse(Files.exists(dir.resolve("book/tune_3.musicxml")));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
        return n;
    }
}
