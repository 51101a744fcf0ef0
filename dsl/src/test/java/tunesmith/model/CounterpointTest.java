package tunesmith.model;

import tunesmith.modelfile.ModelFileException;

import tunesmith.train.Training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import tunesmith.TestCorpora;
import tunesmith.notation.AbcReader;
import tunesmith.corpus.Chorale;
import tunesmith.corpus.Chorales;
import tunesmith.encode.EncodingException;
import tunesmith.music.Duration;
import tunesmith.music.NoteEvent;
import tunesmith.music.Tune;

/** Soprano in, alto, tenor and bass out: a small real model on the JSB chorales. */
class CounterpointTest {

    static Chorales chorales;
    static Counterpoint model;

    @BeforeAll
    static void train() {
        chorales = Chorales.read(TestCorpora.folder("jsb-chorales").resolve("Jsb16thSeparated.json"));
        // a fifth of the chorales and a high learning rate keep the three trainings to seconds
        Chorales few = new Chorales(chorales.train().subList(0, 32), chorales.valid().subList(0, 8), chorales.test().subList(0, 8));
        model = Lstm.lstm().layers(1).units(16).batch(8).learningRate(0.01).seed(4).trainCounterpoint(few, Training.epochs(3).patience(0).quiet());
    }

    @Test
    void everyVoiceLearnsAndIsMeasuredAgainstTheTrivialBaselines() {
        assertEquals(3, model.histories().size());
        for (History h : model.histories())
            assertTrue(h.epochs().get(2).validLoss() < h.epochs().get(0).validLoss(), "validation loss falls: " + h.epochs());
        List<Chorale> test = chorales.test().subList(0, 8);
        Table t = model.evaluate(test, chorales.train());
        assertEquals(3, t.rowCount());
        assertEquals(List.of("alto", "tenor", "bass"), t.stringColumn("voice").asList());
        for (int r = 0; r < 3; r++) {
            double acc = t.doubleColumn("accuracy").get(r), nll = t.doubleColumn("nll").get(r);
            assertTrue(acc > 0 && acc < 1 && nll > 0, t.print());
            // at least as good as always guessing the most frequent class ("hold"); beating the baselines takes a real run (docs/measurements.md)
            assertTrue(acc >= t.doubleColumn("majority baseline").get(r) - 0.02, t.print());
            assertTrue(t.doubleColumn("interval baseline").get(r) > 0.3, "following the soprano's rhythm gets the holds: " + t.print());
            assertTrue(t.intColumn("Bach lowest").get(r) < t.intColumn("Bach highest").get(r));
        }
        assertTrue(t.intColumn("Bach lowest").get(2) < t.intColumn("Bach lowest").get(0), "the bass lies below the alto");
    }

    @Test
    void harmonizeSetsAMelodyForFourVoicesInItsMeterAndKey() {
        Tune melody = AbcReader.readTune("X:1\nT:Test tune\nM:3/4\nL:1/8\nK:G\nD2|G2 G2 A2|B4 A2|G2 E2 D2|G4|]\n");
        Tune four = model.harmonize(melody);
        assertEquals(4, four.voices().size());
        assertEquals("Test tune (harmonized)", four.title());
        assertEquals(melody.meter(), four.meter());
        assertEquals(melody.key(), four.key());
        List<NoteEvent> s = four.melody(), m = melody.melody();
        assertEquals(m.size(), s.size(), "the soprano keeps every note of the melody, re-struck G G included");
        int shift = s.get(0).midi() - m.get(0).midi();
        assertEquals(0, shift % 12, "moved by whole octaves only");
        for (int i = 0; i < m.size(); i++) assertEquals(m.get(i).midi() + shift, s.get(i).midi());
        Duration total = melody.voices().get(0).bars().stream().map(b -> b.duration()).reduce(Duration.ZERO, Duration::plus);
        for (int v = 1; v < 4; v++) {
            Duration d = four.voices().get(v).bars().stream().map(b -> b.duration()).reduce(Duration.ZERO, Duration::plus);
            assertEquals(total, d, "voice " + four.voices().get(v).id() + " lasts as long as the melody");
        }
        Tune triplets = AbcReader.readTune("X:2\nT:Trip\nM:2/4\nL:1/8\nK:G\n(3GAB c2|\n");
        assertThrows(EncodingException.class, () -> model.harmonize(triplets));
    }

    @Test
    void aSavedModelLoadsAndHarmonizesIdentically(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("counterpoint.tsm");
        model.save(file);
        Counterpoint back = Counterpoint.load(file);
        Chorale ch = chorales.test().get(0);
        assertTrue(java.util.Arrays.deepEquals(model.harmonizeSteps(ch.voice(0), 16), back.harmonizeSteps(ch.voice(0), 16)));
        assertEquals(model.toString(), back.toString(), "histories and configuration come back too");
        // refused clearly: a single-network model file, and a truncated file
        java.nio.file.Path melody = dir.resolve("melody.tsm");
        ModelFile.write(new NetworkState("melody/abc-tokens", LstmConfig.DEFAULTS, Networks.lstm(LstmConfig.DEFAULTS.withUnits(4).withLayers(1), 5, 5, false),
                History.EMPTY, java.util.Map.of()), melody);
        ModelFileException e = assertThrows(ModelFileException.class, () -> Counterpoint.load(melody));
        assertTrue(e.getMessage().contains("not a counterpoint"), e.getMessage());
        e = assertThrows(ModelFileException.class, () -> MelodyModel.load(file));
        assertTrue(e.getMessage().contains("several networks"), e.getMessage());
        byte[] all = java.nio.file.Files.readAllBytes(file);
        java.nio.file.Path cut = dir.resolve("cut.tsm");
        java.nio.file.Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        e = assertThrows(ModelFileException.class, () -> Counterpoint.load(cut));
        assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void parallelFifthsAndOctavesAreCountedAndOtherMotionIsNot() {
        assertTrue(Parallels.parallel(67, 60, 69, 62), "G/C to A/D: parallel fifths");
        assertTrue(Parallels.parallel(72, 48, 74, 50), "octaves two octaves apart count as octaves");
        assertFalse(Parallels.parallel(67, 60, 65, 62), "contrary motion");
        assertFalse(Parallels.parallel(67, 60, 67, 62), "one voice holds");
        assertFalse(Parallels.parallel(65, 60, 67, 62), "fourths");
        int[][] piece = {{72, 67, 64, 48}, {74, 69, 65, 50}};
        // soprano C5/C3 bass → D5/D3: octaves (soprano-bass) and fifths? A4-D3 is a compound fifth: alto-bass parallel fifths too
        assertEquals(100.0 * 2, Parallels.per100(List.<int[][]>of(piece), 3));
    }
}
