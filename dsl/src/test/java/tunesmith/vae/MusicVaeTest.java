package tunesmith.vae;

import tunesmith.modelfile.ModelFileException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import tunesmith.corpus.Corpus;
import tunesmith.modelfile.ModelFileException;
import tunesmith.train.Training;
import tunesmith.music.Tune;

/** A tiny VAE trained for seconds on the starter tunes: shapes, learning, saving and loading. */
class MusicVaeTest {

    static final MusicVaeBuilder TINY = MusicVaeBuilder.musicVae().dimension(8).encoderUnits(16).decoderUnits(32).batch(16).learningRate(0.01).seed(5);
    static Corpus starter;
    static VaeData data;
    static MusicVae vae;

    @BeforeAll
    static void train() {
        starter = Corpus.load("starter");
        data = TINY.data(starter);
        vae = TINY.train(data, Training.epochs(3).patience(0).quiet());
    }

    @Test
    void dataIsSplitByTuneAndReproducible() {
        assertTrue(data.train().size() > 100, data.toString());
        assertFalse(data.valid().isEmpty());
        VaeData again = TINY.data(starter);
        assertEquals(data.train(), again.train());
        assertEquals(data.test(), again.test());
        assertTrue(data.toString().contains("split by tune"), data.toString());
    }

    @Test
    void shortTrainingLowersTheLoss() {
        VaeState fresh = VaeState.fresh(TINY.config(), Map.of());
        double before = VaeOps.teacherForced(fresh, data.valid()).reconPerToken();
        VaeHistory h = vae.history();
        assertEquals(3, h.size());
        assertTrue(h.epochs().get(2).validRecon() < before, "valid recon " + h.epochs().get(2).validRecon() + " not below the untrained " + before);
        assertTrue(h.epochs().get(2).trainRecon() < h.epochs().get(0).trainRecon() || h.epochs().get(2).validRecon() < h.epochs().get(0).validRecon(), h.toCsv());
        assertEquals(3, vae.historyTable().rowCount());
        assertTrue(vae.toString().startsWith("MusicVAE 2 bars, z 8"), vae.toString());
    }

    @Test
    void theLatentToolsOpenAndUseTheModel(@TempDir Path dir) {
        Path file = dir.resolve("vae.tsm");
        vae.save(file);
        tunesmith.latent.LatentModel opened = tunesmith.latent.LatentModels.load(file);   // through the registered VaeReader
        assertTrue(opened instanceof MusicVae);
        Tune kesh = starter.tune("The Kesh"), maggie = starter.tune("Drowsy Maggie");
        assertArrayEquals(vae.encode(kesh), opened.encode(List.of(kesh))[0]);
        var way = vae.interpolate(kesh, maggie, 4);
        assertEquals(4, way.latent().size());
        assertEquals(4, way.data().size());
        assertEquals(vae.decode(vae.encode(kesh)), way.latent().get(0), "the path starts at the first tune's code");
        var codes = vae.project(starter);
        assertTrue(codes.size() > 0 && codes.size() + codes.skipped().size() == starter.size(), codes.toString());
        assertEquals(8, codes.attribute("density").vector().dimension());
    }

    @Test
    void encodeAndDecodeShapes() {
        List<Tune> tunes = starter.tunes().stream().filter(vae::accepts).limit(5).toList();
        assertEquals(5, tunes.size());
        float[][] z = vae.encode(tunes);
        assertEquals(5, z.length);
        for (float[] row : z) assertEquals(vae.dimension(), row.length);
        List<Tune> back = vae.decode(z);
        assertEquals(5, back.size());
        for (Tune t : back) assertEquals(2, t.barCount(), t.toString());
        assertEquals(2, vae.reconstruct(tunes.get(0)).barCount());
        List<Tune> samples = vae.sample().temperature(0.8).seed(3).count(3).tunes();
        assertEquals(3, samples.size());
        assertEquals(vae.sample().seed(3).excerpts(2), vae.sample().seed(3).excerpts(2));
    }

    @Test
    void greedyDecodingIsDeterministic() {
        float[][] z = vae.encodeExcerpts(data.valid().subList(0, 4));
        assertEquals(vae.decodeExcerpts(z), vae.decodeExcerpts(z));
    }

    @Test
    void evaluationReportsBothAccuracies() {
        VaeEvaluationReport e = vae.evaluate(data.valid());
        assertEquals(data.valid().size(), e.excerpts());
        assertTrue(e.teacherForcedAccuracy() > 0 && e.teacherForcedAccuracy() <= 1, e.toString());
        assertTrue(e.sampledAccuracy() >= 0 && e.sampledAccuracy() <= 1, e.toString());
        assertTrue(e.klNats() >= 0, e.toString());
    }

    @Test
    void savedModelLoadsAndDecodesIdentically(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("vae.tsm");
        vae.save(f);
        MusicVae back = MusicVae.load(f);
        assertEquals(vae.config(), back.config());
        assertEquals(vae.history(), back.history());
        assertEquals(vae.iteration(), back.iteration());
        List<Excerpt> some = data.valid().subList(0, 8);
        float[][] z = vae.encodeExcerpts(some), z2 = back.encodeExcerpts(some);
        for (int i = 0; i < z.length; i++) assertArrayEquals(z[i], z2[i]);
        assertEquals(vae.decodeExcerpts(z), back.decodeExcerpts(z));
        assertEquals(vae.sample().seed(9).excerpts(4), back.sample().seed(9).excerpts(4));
        assertEquals(vae.evaluate(some), back.evaluate(some));
    }

    @Test
    void resumedTrainingContinuesExactly(@TempDir Path dir) {
        Path f = dir.resolve("vae.tsm");
        vae.save(f);
        VaeState a = VaeFile.read(f), b = VaeFile.read(f);
        List<Excerpt> batch = data.train().subList(0, 16);
        VaeTrainer.step(a, batch, 0.1);
        VaeTrainer.step(b, batch, 0.1);
        for (String n : VaeGraph.shapes(a.config).keySet()) {
            INDArray x = a.weight(n), y = b.weight(n);
            assertEquals(x, y, n);
        }
    }

    @Test
    void theSameSeedTrainsTheSameModel() {
        VaeData small = VaeData.of("small", 2, data.train().subList(0, 48), data.valid().subList(0, 8));
        MusicVae a = TINY.train(small, Training.epochs(1).quiet()), b = TINY.train(small, Training.epochs(1).quiet());
        float[][] za = a.encodeExcerpts(small.valid()), zb = b.encodeExcerpts(small.valid());
        for (int i = 0; i < za.length; i++) assertArrayEquals(za[i], zb[i]);
        assertEquals(a.history().epochs().get(0).validRecon(), b.history().epochs().get(0).validRecon());
    }

    @Test
    void checkpointsAreWrittenAndAnInterruptKeepsTheModel(@TempDir Path dir) {
        VaeData small = VaeData.of("small", 2, data.train().subList(0, 64), data.valid().subList(0, 8));
        MusicVae done = TINY.train(small, Training.epochs(2).patience(0).quiet().checkpoints(dir));
        assertEquals(done.history(), MusicVae.load(dir.resolve("last.tsm")).history());
        assertTrue(Files.exists(dir.resolve("best.tsm")));
        List<tunesmith.train.TrainingEvent> events = new java.util.ArrayList<>();
        MusicVae stopped = TINY.train(small, Training.epochs(5).quiet().listener(e -> {
            events.add(e);
            if (e instanceof tunesmith.train.TrainingEvent.Batch x && x.epoch() == 2 && x.batch() == 2) Thread.currentThread().interrupt();
        }));
        assertFalse(Thread.currentThread().isInterrupted(), "the interrupt is honoured, not left set");
        assertEquals(1, stopped.history().size());
        tunesmith.train.TrainingEvent.Finished f = (tunesmith.train.TrainingEvent.Finished) events.get(events.size() - 1);
        assertEquals(tunesmith.train.TrainingEvent.Reason.INTERRUPTED, f.reason());
        assertEquals(2, stopped.decodeExcerpts(stopped.encodeExcerpts(small.valid().subList(0, 2))).size());
    }

    @Test
    void batchedEncodingMatchesOneByOne() {
        List<Tune> tunes = starter.tunes().stream().filter(vae::accepts).limit(3).toList();
        float[][] all = vae.encode(tunes);
        for (int i = 0; i < tunes.size(); i++) assertArrayEquals(vae.encode(tunes.get(i)), all[i], 1e-5f);
    }

    @Test
    void corruptTruncatedAndForeignFilesAreRefused(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("vae.tsm");
        vae.save(f);
        byte[] bytes = Files.readAllBytes(f);
        Path cut = dir.resolve("cut.tsm");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        String m = assertThrows(ModelFileException.class, () -> MusicVae.load(cut)).getMessage();
        assertTrue(m.contains("truncated") || m.contains("corrupt") || m.contains("no weights"), m);
        Path text = dir.resolve("text.tsm");
        Files.writeString(text, "hello");
        assertTrue(assertThrows(ModelFileException.class, () -> MusicVae.load(text)).getMessage().contains("not a zip"));
        assertTrue(assertThrows(ModelFileException.class, () -> MusicVae.load(dir.resolve("none.tsm"))).getMessage().contains("does not exist"));
        // a melody LSTM's file: the same format, another kind
        Path lstm = dir.resolve("lstm.tsm");
        var tokens = starter.head(6).tokens(tunesmith.encode.AbcTokens.abc()).split(0.5, 0.5, 1);
        tunesmith.model.Lstm.lstm().layers(1).units(4).tbptt(0).train(tokens, Training.epochs(1).quiet()).save(lstm);
        String foreign = assertThrows(ModelFileException.class, () -> MusicVae.load(lstm)).getMessage();
        assertTrue(foreign.contains("melody-lstm") && foreign.contains("not a MusicVAE"), foreign);
    }
}
