package tunesmith.counterpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import tech.tablesaw.api.Table;
import tunesmith.TestCorpora;
import tunesmith.corpus.Chorale;
import tunesmith.corpus.Chorales;
import tunesmith.encode.EncodingException;
import tunesmith.modelfile.ModelFileException;
import tunesmith.music.Duration;
import tunesmith.music.NoteEvent;
import tunesmith.music.Tune;
import tunesmith.notation.AbcReader;
import tunesmith.train.Training;
import tunesmith.train.TrainingEvent;

/** The encoder-decoder on real chorales: a small model trained for seconds, its hand-run decoder, harmonizing, files. */
class CounterpointTest {

    static Chorales chorales;
    static Counterpoint model;

    @BeforeAll
    static void train() {
        chorales = Chorales.read(TestCorpora.folder("jsb-chorales").resolve("Jsb16thSeparated.json"));
        Chorales few = new Chorales(chorales.train().subList(0, 24), chorales.valid().subList(0, 8), chorales.test().subList(0, 4));
        model = CounterpointBuilder.counterpoint().layers(1).units(24).head(16).batch(8).learningRate(0.01).seed(3)
                .train(few, Training.epochs(3).patience(0).quiet());
    }

    @Test
    void trainingLowersTheValidationLoss() {
        List<TrainingEvent.Epoch> h = model.history();
        assertEquals(3, h.size());
        assertTrue(h.get(2).validLoss() < h.get(0).validLoss(), "validation loss falls: " + h);
        assertTrue(model.toString().contains("encoder-decoder") && model.toString().contains("3 epochs"), model.toString());
    }

    @Test
    void theHandRunDecoderGivesTheGraphsProbabilities() {
        Network.Example e = Counterpoint.examples(List.of(chorales.test().get(1))).get(0);
        MultiDataSet ds = Network.batch(List.of(e));
        Network.prepare(model.network(), ds.getFeatures());
        INDArray[] graph = model.network().output(false, ds.getFeatures(), ds.getFeaturesMaskArrays(), ds.getLabelsMaskArrays());
        Decoder d = new Decoder(model.network(), model.config());
        float[][] enc = d.encode(e.soprano(), e.barSteps());
        Decoder.State s = d.start();
        int[][] cls = new int[3][];
        for (int v = 0; v < 3; v++) cls[v] = Encoding.VOICES[v].encode(e.lower()[v]);
        int[] held = new int[3];
        double worst = 0;
        for (int t = 0; t < e.length(); t++) {
            float[] prev = new float[Encoding.PREVIOUS_WIDTH];
            Encoding.previous(cls, e.lower(), held, t, prev, 0);
            d.advance(s, enc[t], ones(prev));
            float[] above = new float[Encoding.stateWidth(0) + Encoding.stateWidth(1)];
            Encoding.state(0, cls[0][t], e.lower()[0][t], above, 0);
            int[] aOnes = ones(Arrays.copyOf(above, Encoding.stateWidth(0)));
            Encoding.state(1, cls[1][t], e.lower()[1][t], above, Encoding.stateWidth(0));
            int[][] given = {new int[0], aOnes, ones(above)};
            for (int v = 0; v < 3; v++) {
                double[] p = d.probabilities(v, s.top(), given[v]);
                for (int c = 0; c < p.length; c++) worst = Math.max(worst, Math.abs(p[c] - graph[v].getDouble(0, c, t)));
            }
            for (int v = 0; v < 3; v++) held[v] = e.lower()[v][t] < 0 ? 0 : cls[v][t] >= 2 ? 1 : held[v] + 1;
        }
        assertTrue(worst < 1e-4, "largest difference from the graph's probabilities: " + worst);
    }

    private static int[] ones(float[] row) {
        return java.util.stream.IntStream.range(0, row.length).filter(i -> row[i] != 0).toArray();
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
        Duration total = melody.voices().get(0).bars().stream().map(b -> b.duration()).reduce(Duration.ZERO, Duration::plus);
        for (int v = 1; v < 4; v++) {
            Duration d = four.voices().get(v).bars().stream().map(b -> b.duration()).reduce(Duration.ZERO, Duration::plus);
            assertEquals(total, d, "voice " + four.voices().get(v).id() + " lasts as long as the melody");
        }
        assertThrows(EncodingException.class, () -> model.harmonize(AbcReader.readTune("X:2\nT:Trip\nM:2/4\nL:1/8\nK:G\n(3GAB c2|\n")));
        assertThrows(EncodingException.class, () -> model.harmonize(AbcReader.readTune("X:3\nT:Rest\nM:2/4\nL:1/8\nK:G\nz4|\n")));
    }

    @Test
    void theRulesKeepRangesOrderAndHoldsAndForbidParallels() {
        List<int[][]> ruled = new java.util.ArrayList<>();
        for (Chorale ch : chorales.test().subList(0, 4)) {
            int[][] steps = model.harmonizeSteps(ch.voice(0), 16, Decoding.beam(2).withRules());
            assertEquals(ch.length(), steps.length);
            for (int t = 0; t < steps.length; t++) assertEquals(ch.steps()[t][0], steps[t][0], "the soprano is kept");
            ruled.add(steps);
        }
        VoiceLeading.Figures f = VoiceLeading.of(ruled);
        assertEquals(0, f.crossings(), f.toString());
        assertEquals(0, f.parallels(), f.toString());
        int[][] r = model.ranges();
        for (int v = 0; v < 3; v++) {
            assertTrue(f.lowest()[v + 1] >= r[v][0] && f.highest()[v + 1] <= r[v][1], "voice " + v + " in Bach's range " + Arrays.toString(r[v]));
            assertTrue(f.longestHold()[v + 1] <= Decoding.MAX_HOLD, "holds at most " + Decoding.MAX_HOLD + ": " + Arrays.toString(f.longestHold()));
        }
        int[][] sampled = model.harmonizeSteps(chorales.test().get(0).voice(0), 16, Decoding.DEFAULT.temperature(1.0).seed(5));
        assertTrue(Arrays.deepEquals(sampled, model.harmonizeSteps(chorales.test().get(0).voice(0), 16, Decoding.DEFAULT.temperature(1.0).seed(5))),
                "sampling is seeded");
    }

    @Test
    void evaluationTableStandsBesideBaselinesAndBach() {
        Table t = model.evaluate(chorales.test().subList(0, 3), chorales.train(), Decoding.greedy());
        assertEquals(List.of("figure", "model", "with rules", "baseline", "Bach"), t.columnNames());
        List<String> figures = t.stringColumn("figure").asList();
        assertTrue(figures.contains("alto accuracy on onsets") && figures.contains("parallel fifths and octaves /100 chords")
                && figures.contains("bass longest hold (16ths)"), figures.toString());
        int onset = figures.indexOf("tenor accuracy on onsets");
        double base = t.doubleColumn("baseline").get(onset);
        assertTrue(base > 0.05 && base < 0.6, "a trivial onset baseline: " + base);
        double bachParallels = t.doubleColumn("Bach").get(figures.indexOf("parallel fifths and octaves /100 chords"));
        assertTrue(bachParallels < 1.0, "Bach writes almost no parallels: " + bachParallels);
    }

    @Test
    void aSavedModelLoadsAndHarmonizesIdentically(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("satb.tsm");
        model.save(file);
        Counterpoint back = Counterpoint.load(file);
        int[] sop = chorales.test().get(0).voice(0);
        assertTrue(Arrays.deepEquals(model.harmonizeSteps(sop, 16, Decoding.DEFAULT), back.harmonizeSteps(sop, 16, Decoding.DEFAULT)));
        assertEquals(model.toString(), back.toString(), "history and settings come back too");
        assertTrue(Arrays.deepEquals(model.ranges(), back.ranges()));
        Path weights = dir.resolve("weights.tsm");
        model.saveWeights(weights);
        assertTrue(Files.size(weights) < Files.size(file), "without Adam's state the file is smaller");
        byte[] all = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.tsm");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        ModelFileException e = assertThrows(ModelFileException.class, () -> Counterpoint.load(cut));
        assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("corrupt"), e.getMessage());
        Path melody = TestCorpora.repo().resolve("models/folk-musicvae.tsm");
        e = assertThrows(ModelFileException.class, () -> Counterpoint.load(melody));
        assertTrue(e.getMessage().contains("not a counterpoint model"), e.getMessage());
    }

    @Test
    void decodingSettingsAreCheckedAndSaid() {
        assertThrows(IllegalArgumentException.class, () -> Decoding.beam(0));
        assertThrows(IllegalArgumentException.class, () -> new Decoding(4, 0.8, false, 1));
        assertEquals(1, Decoding.beam(4).temperature(0.8).beam());
        assertTrue(Decoding.beam(4).withRules().toString().contains("beam of 4 with rules"));
        assertEquals(CounterpointConfig.DEFAULTS, CounterpointConfig.parse(CounterpointConfig.DEFAULTS.toText()));
        assertThrows(IllegalArgumentException.class, () -> CounterpointConfig.parse("layers=two"));
    }
}
