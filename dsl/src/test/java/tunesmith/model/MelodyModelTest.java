package tunesmith.model;

import tunesmith.modelfile.ModelFileException;
import tunesmith.train.Training;
import tunesmith.train.TrainingEvent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.corpus.Corpus;
import tunesmith.encode.AbcTokens;
import tunesmith.encode.TokenSplit;
import tunesmith.music.Tune;
import tunesmith.sample.Sample;
import tunesmith.sample.Samples;

/** A small real LSTM on the starter tunes: training, sampling, saving, loading, resuming, refusing bad files. */
class MelodyModelTest {

    static TokenSplit data;
    static MelodyModel model;
    static List<TrainingEvent> events = new ArrayList<>();
    @TempDir static Path dir;

    @BeforeAll
    static void train() {
        data = Corpus.load("starter").tokens(AbcTokens.abc()).split(0.8, 0.2, 3);
        model = Lstm.lstm().layers(1).units(64).tbptt(0).batch(16).seed(5)
                .train(data, Training.epochs(4).patience(0).checkpoints(dir).quiet().listener(events::add));
    }

    @Test
    void trainingReportsEventsHistoryAndImproves() throws Exception {
        assertTrue(events.get(0) instanceof TrainingEvent.Started);
        assertTrue(events.stream().anyMatch(e -> e instanceof TrainingEvent.Batch));
        assertTrue(events.get(events.size() - 1) instanceof TrainingEvent.Finished);
        assertEquals(4, model.history().size());
        assertEquals(4, model.historyTable().rowCount());
        List<TrainingEvent.Epoch> h = model.history().epochs();
        assertTrue(h.get(3).validLoss() < h.get(0).validLoss(), model.history().epochs().toString());
        assertTrue(Files.exists(dir.resolve("last.tsm")) && Files.exists(dir.resolve("best.tsm")));
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(tunesmith.io.AtomicFiles.TEMP_SUFFIX)), "no temporary checkpoint left behind");
        }
    }

    @Test
    void samplingKeepsToTheSyntaxUnlessToldNotTo() {
        java.util.regex.Pattern strayLength = java.util.regex.Pattern.compile("found '(\\d+|\\d*/\\d+)'");
        Samples kept = model.sample().temperature(1.0).seed(11).count(24);
        Samples free = model.sample().anySyntax().temperature(1.0).seed(11).count(24);
        assertTrue(kept.invalid().stream().noneMatch(x -> strayLength.matcher(x.invalidReason()).find()), kept.invalid().toString());
        // the control: this young model does put lengths where no note is when left alone
        assertTrue(free.invalid().stream().anyMatch(x -> strayLength.matcher(x.invalidReason()).find()), free.invalid().toString());
        assertTrue(kept.tunes().size() >= free.tunes().size(), kept.tunes().size() + " vs " + free.tunes().size());
    }

    @Test
    void bySamplingKeepsEveryBarToItsMeterUnlessToldNotTo() {
        Samples kept = model.sample().temperature(1.0).seed(13).maxLength(300).count(16);
        Samples loose = model.sample().anyBarLength().temperature(1.0).seed(13).maxLength(300).count(16);
        long keptFit = kept.tunes().stream().filter(tunesmith.music.BarCheck::fits).count();
        long looseFit = loose.tunes().stream().filter(tunesmith.music.BarCheck::fits).count();
        assertTrue(kept.tunes().size() > 0);
        assertEquals(kept.tunes().size(), keptFit, "every valid sample fits its meter: " + kept.tunes().stream().map(tunesmith.music.BarCheck::problems).toList());
        assertTrue(looseFit < loose.tunes().size(), "the control: this young model alone gets bars wrong");
        assertTrue(model.sample().anyBarLength().toString().contains("bars of any length"));
    }

    @Test
    void samplesAreTunesOrMarkedInvalid() {
        Samples s = model.sample().temperature(1.0).seed(7).count(6);
        assertEquals(6, s.size());
        for (Sample x : s) {
            if (x.isValid()) assertTrue(x.tune().barCount() >= 0);
            else assertFalse(x.invalidReason().isBlank());
        }
        assertTrue(s.toString().startsWith("Samples (temperature 1.00, seed 7)"));
    }

    @Test
    void everySampleStartsWithAMeterAndAKey() {
        for (Sample x : model.sample().seed(21).maxLength(20).count(8)) {
            String[] lines = x.text().split("\n");
            assertTrue(lines[2].startsWith("M:") && lines[4].startsWith("K:"), x.text());
        }
    }

    @Test
    void greedyIsDeterministicAndSeedsRepeat() {
        Samples a = model.sample().greedy().count(2);
        assertEquals(a.get(0).text(), a.get(1).text(), "greedy: the same start gives the same melody");
        assertEquals(model.sample().seed(3).count(3).get(2).text(), model.sample().seed(3).count(3).get(2).text());
        assertNotEquals(model.sample().seed(3).count(1).get(0).text(), model.sample().seed(4).count(1).get(0).text());
    }

    @Test
    void primeStartsEverySample() {
        Samples s = model.sample().prime("M:6/8 K:G |:G").seed(2).maxLength(80).count(3);
        for (Sample x : s) assertTrue(x.text().contains("M:6/8") && x.text().contains("K:Gmaj"), x.text());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.sample().prime("M:6/8 K:G ยง"));
        assertTrue(e.getMessage().contains("is not a token this model knows"), e.getMessage());
        Tune first = Corpus.load("starter").get(0);
        assertTrue(model.sample().prime(first).maxLength(5).count(1).get(0).tokens() >= model.encoding().encode(first).length - 1);
    }

    @Test
    void saveAndLoadKeepEverything() throws Exception {
        Path f = dir.resolve("m.tsm");
        model.save(f);
        MelodyModel back = MelodyModel.load(f);
        assertEquals(model.config(), back.config());
        assertEquals(model.vocabulary(), back.vocabulary());
        assertEquals(model.fingerprint(), back.fingerprint());
        assertEquals(model.history(), back.history());
        assertEquals(model.sample().seed(9).count(2).get(1).text(), back.sample().seed(9).count(2).get(1).text(), "same weights, same samples");
        assertEquals(model.evaluate(data.valid()).nats(), back.evaluate(data.valid()).nats(), 1e-6);
    }

    @Test
    void resumeContinuesTheHistory() {
        MelodyModel last = MelodyModel.load(dir.resolve("last.tsm"));
        MelodyModel more = last.resume(data, Training.epochs(1).patience(0).quiet());
        assertEquals(5, more.history().size());
        assertEquals(5, more.history().epochs().get(4).epoch());
    }

    @Test
    void corruptTruncatedAndForeignFilesAreRefused() throws Exception {
        Path good = dir.resolve("good.tsm");
        model.save(good);
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.tsm");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(assertThrows(RuntimeException.class, () -> MelodyModel.load(cut)).getMessage().startsWith("Cannot load model"));
        Path foreign = dir.resolve("notes.txt");
        Files.writeString(foreign, "hello");
        assertTrue(assertThrows(ModelFileException.class, () -> MelodyModel.load(foreign)).getMessage().contains("not a zip archive"));
        Path flipped = dir.resolve("flipped.tsm");
        byte[] f = bytes.clone();
        f[f.length / 2] ^= 0x5A;
        Files.write(flipped, f);
        assertThrows(RuntimeException.class, () -> MelodyModel.load(flipped));
        assertTrue(assertThrows(ModelFileException.class, () -> MelodyModel.load(dir.resolve("missing.tsm"))).getMessage().contains("does not exist"));
    }

    @Test
    void evaluationGivesNatsBitsPerplexity() {
        MelodyModel.Metrics m = model.evaluate(data.valid());
        assertEquals(m.nats() / Math.log(2), m.bits(), 1e-12);
        assertEquals(Math.exp(m.nats()), m.perplexity(), 1e-9);
        assertTrue(m.accuracy() > 0 && m.accuracy() < 1);
        assertEquals(model.history().best().validLoss(), m.nats(), 1e-4, "the model keeps its best epoch's weights");
    }

    @Test
    void interruptStopsCleanlyAndKeepsTheBestWeights() {
        List<TrainingEvent> seen = new ArrayList<>();
        Thread.currentThread().interrupt();
        MelodyModel m = Lstm.lstm().layers(1).units(16).tbptt(0).train(data, Training.epochs(3).quiet().listener(seen::add));
        assertFalse(Thread.currentThread().isInterrupted(), "the interrupt was honoured and cleared");
        TrainingEvent.Finished f = (TrainingEvent.Finished) seen.get(seen.size() - 1);
        assertEquals(TrainingEvent.Reason.INTERRUPTED, f.reason());
        assertEquals(0, m.history().size());
    }

    @Test
    void theSameSeedTrainsTheSameModel() {
        Lstm small = Lstm.lstm().layers(1).units(24).tbptt(0).batch(16).seed(11);
        MelodyModel a = small.train(data, Training.epochs(1).quiet()), b = small.train(data, Training.epochs(1).quiet());
        assertEquals(a.history().epochs().get(0).validLoss(), b.history().epochs().get(0).validLoss(), 0.0);
        MelodyModel c = small.seed(12).train(data, Training.epochs(1).quiet());
        assertNotEquals(a.history().epochs().get(0).validLoss(), c.history().epochs().get(0).validLoss());
    }

    @Test
    void configRoundTripsThroughText() {
        LstmConfig c = LstmConfig.DEFAULTS.withLayers(3).withUnits(512).withDropout(0.5);
        assertEquals(c, LstmConfig.parse(c.toText()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Lstm.lstm().dropout(1.5)).getMessage().contains("dropout = 1.5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LstmConfig.parse("layerz=2")).getMessage().contains("unknown LSTM setting"));
    }
}
