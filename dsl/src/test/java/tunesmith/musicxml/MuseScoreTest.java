package tunesmith.musicxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sound.midi.MidiSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.TestCorpora;
import tunesmith.corpus.Catalogue;
import tunesmith.corpus.Chorales;
import tunesmith.corpus.Corpus;
import tunesmith.corpus.CorpusResolver;
import tunesmith.music.Annotation;
import tunesmith.music.Bar;
import tunesmith.music.Element;
import tunesmith.music.Tune;
import tunesmith.notation.AbcReader;
import tunesmith.zoo.Zoo;

/**
 * A real client reads our MusicXML: MuseScore 3 (Debian's {@code musescore3}, headless) converts it
 * to MIDI and to its own format, says nothing but its progress, and plays the notes ours plays (see
 * {@link Agreement} for what is compared). Skipped only where musescore3 is not installed; CI installs it.
 */
class MuseScoreTest {

    @BeforeAll
    static void needsMuseScore() {
        assumeTrue(MuseScore.available(), "musescore3 is not on PATH (Debian package musescore3, which .ci/run installs): "
                + "the MuseScore checks of the MusicXML output are skipped");
    }

    /** Every file's messages from MuseScore; each must have none. */
    private static void assertSilent(Map<Path, List<String>> said) {
        List<String> problems = new ArrayList<>();
        said.forEach((file, lines) -> { for (String l : lines) problems.add((file == null ? "musescore3" : file.getFileName()) + ": " + l); });
        assertEquals(List.of(), problems, "MuseScore reported problems reading our MusicXML");
    }

    /**
     * The bar: MuseScore reads every MusicXML file written from the starter corpus without a message,
     * and its MIDI notes agree with ours. The 45 files go through one run of musescore3 (its job file),
     * which saves its start-up per file.
     */
    @Test
    void readsEveryStarterTuneAndPlaysOurNotes(@TempDir Path dir) throws Exception {
        Corpus starter = Corpus.load("starter", new CorpusResolver(Catalogue.standard(), Map.of(CorpusResolver.PROP_OFFLINE, "true")));
        MusicXmlBook.Written written = MusicXmlBook.of(starter).write(dir.resolve("xml"));
        assertEquals(List.of(), written.failed());
        assertEquals(starter.size(), written.files().size());
        Map<Path, List<Path>> jobs = new LinkedHashMap<>();
        for (Path xml : written.files()) jobs.put(xml, List.of(dir.resolve("mid").resolve(xml.getFileName().toString().replace(".musicxml", ".mid"))));
        Files.createDirectories(dir.resolve("mid"));
        long start = System.nanoTime();
        assertSilent(MuseScore.convert(jobs, dir));
        double seconds = (System.nanoTime() - start) / 1e9;
        Agreement all = Agreement.NONE;
        List<Path> mids = new ArrayList<>(jobs.values().stream().map(l -> l.get(0)).toList());
        for (int i = 0; i < starter.size(); i++) {
            assertTrue(Files.size(mids.get(i)) > 0, "MuseScore wrote no MIDI for " + written.files().get(i));
            all = all.plus(Agreement.of(starter.get(i), MidiSystem.getSequence(mids.get(i).toFile())));
        }
        System.out.printf("MuseScore and the starter corpus: %s; musescore3 took %.1f s for %d files%n", all, seconds, jobs.size());
        assertEquals(starter.size(), all.tunes());
        assertTrue(all.notes() > 5000, "the starter corpus has thousands of notes: " + all);
        assertTrue(all.complete(), all.toString());
        assertTrue(all.graces() > 0, "the starter tunes have grace notes, and MuseScore plays them: " + all);
    }

    /** A chorale melody set for four voices by the zoo's bach-satb: four parts in their clefs, read and played by MuseScore. */
    @Test
    void aHarmonizedChoraleIsFourPartsMuseScorePlays(@TempDir Path dir) throws Exception {
        Chorales chorales = Chorales.read(TestCorpora.folder("jsb-chorales").resolve("Jsb16thSeparated.json"));
        Tune four = Zoo.standard().pretrained("bach-satb").counterpoint().harmonize(chorales.test().get(0).soprano());
        MusicXml xml = MusicXml.of(four);
        assertEquals(4, xml.parts());
        String text = xml.text();
        org.w3c.dom.Document doc = XmlDoc.parse(text);
        assertEquals(List.of("Soprano", "Alto", "Tenor", "Bass"), XmlDoc.all(doc, "part-name").stream().map(e -> e.getTextContent()).toList());
        List<String> clefs = XmlDoc.all(doc, "clef").stream().map(c -> XmlDoc.text(c, "sign") + XmlDoc.text(c, "line")
                + (XmlDoc.child(c, "clef-octave-change") == null ? "" : XmlDoc.text(c, "clef-octave-change"))).toList();
        assertEquals(List.of("G2", "G2", "G2-1", "F4"), clefs, "treble, treble, the tenor's treble an octave down, bass");
        Path file = xml.write(dir.resolve("chorale.musicxml"));
        Path mid = dir.resolve("chorale.mid"), mscx = dir.resolve("chorale.mscx");
        assertSilent(MuseScore.convert(Map.of(file, List.of(mid, mscx)), dir));
        Agreement a = Agreement.of(four, MidiSystem.getSequence(mid.toFile()));
        System.out.println("MuseScore and " + four.title() + ", four parts: " + a);
        assertTrue(a.complete(), a.toString());
        assertTrue(a.notes() > 100, a.toString());
        String score = Files.readString(mscx);
        assertEquals(4, count(score, "<Part>"), "MuseScore's score has the four parts");
        for (String name : List.of("Soprano", "Alto", "Tenor", "Bass")) assertTrue(score.contains(">" + name + "<"), name + " in MuseScore's score");
    }

    /**
     * A Nottingham tune's chord symbols (slash chords among them) are harmonies, and MuseScore reads each
     * one with the root, kind and bass we wrote: its own file lists them as root and bass (tonal pitch
     * classes) and the kind's text.
     */
    @Test
    void nottinghamChordSymbolsAreHarmoniesMuseScoreReads(@TempDir Path dir) throws Exception {
        Tune tune = AbcReader.read(TestCorpora.folder("nottingham").resolve("jigs.abc")).x(26);
        assertEquals("Blaydon Races", tune.title());
        List<String> symbols = new ArrayList<>();
        for (Bar b : tune.bars()) for (Element e : b.elements()) if (e instanceof Annotation a && a.isChordSymbol()) symbols.add(a.text());
        assertTrue(symbols.stream().filter(s -> s.contains("/")).count() >= 8, symbols.toString());
        MusicXml xml = MusicXml.of(tune);
        assertEquals(symbols.size(), count(xml.text(), "<harmony>"), "every chord symbol is a harmony");
        Path file = xml.write(dir.resolve("blaydon.musicxml"));
        Path mid = dir.resolve("blaydon.mid"), mscx = dir.resolve("blaydon.mscx");
        assertSilent(MuseScore.convert(Map.of(file, List.of(mid, mscx)), dir));
        List<String> ours = new ArrayList<>();
        for (String s : symbols) {
            ChordSymbol c = ChordSymbol.parse(s).orElseThrow();
            ours.add(tpc(c.rootStep(), c.rootAlter()) + " " + c.kindText() + " " + (c.hasBass() ? tpc(c.bassStep(), c.bassAlter()) : "-"));
        }
        List<String> theirs = new ArrayList<>();
        Matcher h = Pattern.compile("<Harmony>\\s*<root>(\\d+)</root>\\s*(?:<name>([^<]*)</name>\\s*)?(?:<base>(\\d+)</base>\\s*)?").matcher(Files.readString(mscx));
        while (h.find()) theirs.add(h.group(1) + " " + (h.group(2) == null ? "" : h.group(2)) + " " + (h.group(3) == null ? "-" : h.group(3)));
        assertEquals(ours, theirs, "MuseScore's harmonies, in order: root, kind text, bass");
        Agreement a = Agreement.of(tune, MidiSystem.getSequence(mid.toFile()));
        System.out.println("MuseScore and " + tune.title() + ": " + theirs.size() + " harmonies read as written ("
                + symbols.stream().distinct().count() + " distinct symbols); " + a);
        assertTrue(a.complete(), a.toString());
    }

    /**
     * Every mark the writer knows, read by MuseScore without a message: free meter, a key of named
     * accidentals, ornaments, slurs, dynamics, lyrics, rests over bars, key, meter and tempo changes,
     * rehearsal marks, words, voices in their clefs. Our notes are all in MuseScore's MIDI; only the
     * tune with a trill and a mordent has more, since MuseScore plays ornaments out.
     */
    @Test
    void readsEveryMarkTheWriterKnows(@TempDir Path dir) throws Exception {
        List<Tune> tunes = MusicXmlTest.marks();
        Map<Path, List<Path>> jobs = new LinkedHashMap<>();
        for (Tune t : tunes) jobs.put(MusicXml.of(t).write(dir.resolve("marks_" + t.x() + ".musicxml")), List.of(dir.resolve("marks_" + t.x() + ".mid")));
        assertSilent(MuseScore.convert(jobs, dir));
        for (Tune t : tunes) {
            Agreement a = Agreement.of(t, MidiSystem.getSequence(dir.resolve("marks_" + t.x() + ".mid").toFile()));
            assertEquals(a.notes(), a.equal(), a.toString());
            if (t.x() != 2) assertTrue(a.complete(), a.toString());
            else assertTrue(a.extra() > a.graces(), "MuseScore plays the trill and the mordent out: " + a);
        }
    }

    /** MuseScore's tonal pitch class: C is 14, each fifth up one more (G 15), each down one less (F 13, Bb 12). */
    private static int tpc(char step, int alter) {
        return 14 + new int[]{0, 2, 4, -1, 1, 3, 5}["CDEFGAB".indexOf(step)] + 7 * alter;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
        return n;
    }
}
