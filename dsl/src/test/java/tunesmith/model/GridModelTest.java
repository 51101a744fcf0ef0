package tunesmith.model;
import tunesmith.train.Training;
import tunesmith.train.TrainingEvent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.TestCorpora;
import tunesmith.corpus.Chorales;
import tunesmith.encode.GridTokens;
import tunesmith.encode.TokenSplit;
import tunesmith.music.Meter;
import tunesmith.music.Tune;
import tunesmith.sample.Sample;
import tunesmith.sample.Samples;

/** The next-step LSTM on the JSB soprano lines as a 16th-note grid: the lecture's Bach melody model. */
class GridModelTest {

    static TokenSplit data;
    static MelodyModel model;

    @BeforeAll
    static void train() {
        Chorales chorales = Chorales.read(TestCorpora.folder("jsb-chorales").resolve("Jsb16thSeparated.json"));
        data = chorales.sopranos().tokens(GridTokens.grid());
        model = Lstm.lstm().layers(1).units(32).tbptt(0).batch(16).seed(3).train(data, Training.epochs(1).patience(0).quiet());
    }

    @Test
    void itLearnsTheSopranosAndDecodesSamplesAsBarsOf44() {
        List<TrainingEvent.Epoch> h = model.history().epochs();
        assertTrue(h.get(0).validLoss() < Math.log(data.vocabulary().size()), "better than uniform guessing: " + h);
        Samples s = model.sample().temperature(1.0).seed(1).maxLength(200).count(4);
        for (Sample x : s) {
            if (!x.isValid()) { assertTrue(x.invalidReason().contains("no end of tune"), x.invalidReason()); continue; }
            assertEquals(Meter.parse("4/4"), x.tune().meter());
            assertTrue(x.tune().melody().size() > 0);
        }
    }

    @Test
    void greedyIsDeterministicAndAPrimeIsContinued() {
        Tune first = data.test().encoding().decode(data.test().sequence(0));
        Samples a = model.sample().greedy().prime(first).maxLength(32).count(1);
        Samples b = model.sample().greedy().seed(99).prime(first).maxLength(32).count(1);
        assertEquals(a.get(0).text(), b.get(0).text(), "argmax ignores the seed: same prime, same melody");
        assertTrue(a.get(0).text().startsWith(model.encoding().text(model.encoding().encode(first)).replace(" </s>", "")));
    }

    @Test
    void savedAndLoadedItSamplesTheSame(@TempDir Path dir) {
        Path f = dir.resolve("soprano.tsm");
        model.save(f);
        MelodyModel back = MelodyModel.load(f);
        assertEquals(model.encoding(), back.encoding());
        assertEquals(model.sample().temperature(0.8).seed(5).maxLength(64).count(2).get(1).text(),
                back.sample().temperature(0.8).seed(5).maxLength(64).count(2).get(1).text());
        assertEquals(model.evaluate(data.test()).nats(), back.evaluate(data.test()).nats(), 1e-6);
    }
}
