package tunesmith.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import tunesmith.chart.Histograms;
import tunesmith.corpus.Corpus;
import tunesmith.encode.MelodyGrid;
import tunesmith.eval.Abc2Midi;
import tunesmith.train.Training;

/** The prior scored beside the posterior, and the trivial baselines beside the accuracies, on a VAE trained for seconds. */
class VaePriorTest {

    static final MusicVaeBuilder TINY = MusicVaeBuilder.musicVae().dimension(8).encoderUnits(16).decoderUnits(32).batch(16).learningRate(0.01).seed(5);
    static VaeData data;
    static MusicVae vae;
    static VaeEvaluationReport prior;

    @BeforeAll
    static void train() {
        data = TINY.data(Corpus.load("starter"));
        vae = TINY.train(data, Training.epochs(1).patience(0).quiet());
        prior = vae.sample().seed(3).evaluate(data, 20);
    }

    @Test
    void baselinesAreCountedOnTheSameSteps() {
        List<Excerpt> test = data.test();
        assertFalse(test.isEmpty(), data.toString());
        long hold = 0, repeat = 0, steps = 0;
        for (Excerpt s : test) {
            int[] x = s.steps();
            for (int t = 0; t < x.length; t++) {
                if (x[t] == MelodyGrid.HOLD) hold++;
                if (t > 0 && x[t] == x[t - 1]) repeat++;
                steps++;
            }
        }
        VaeEvaluationReport e = vae.evaluate(test);
        assertEquals(steps, e.steps(), "the model's accuracy and the baselines count the same steps");
        assertEquals(hold / (double) steps, e.alwaysHoldAccuracy(), 1e-12);
        assertEquals(repeat / (double) steps, e.repeatPreviousAccuracy(), 1e-12);
        assertTrue(e.alwaysHoldAccuracy() > 0 && e.alwaysHoldAccuracy() < 1, e.toString());
        assertTrue(e.melodies().isEmpty());
        Table t = e.table();
        assertEquals(1, t.rowCount());
        assertEquals(VaeEvaluationReport.RECONSTRUCTIONS, t.stringColumn("excerpts").get(0));
        assertEquals(e.alwaysHoldAccuracy(), t.doubleColumn("always_hold_accuracy").get(0), 1e-12);
        assertTrue(e.toString().contains("always hold"), e.toString());
    }

    @Test
    void priorSamplesAreScoredBesideTheReconstructions() {
        assertEquals(prior.excerpts(), data.test().size());
        assertEquals(20, prior.prior().orElseThrow().count());
        assertEquals(data.test().size(), prior.reconstructions().orElseThrow().count());
        assertEquals(data.train().size(), prior.training().orElseThrow().count());
        for (VaeEvaluationReport.Melodies m : prior.melodies()) {
            if (Abc2Midi.available()) {
                assertTrue(m.abc2midiChecked() > 0, m.toString());
                assertTrue(m.abc2midiShare() >= 0 && m.abc2midiShare() <= 1, m.toString());
                assertEquals("checked", m.abc2midiStatus());
            } else assertTrue(Double.isNaN(m.abc2midiShare()), m.toString());
            assertTrue(m.notesPerBar() >= 0 && m.notesPerBar() <= 16, m.toString());
            for (double tv : new double[]{m.pitchClassTv(), m.intervalTv(), m.noteLengthTv()})
                assertTrue(Double.isNaN(tv) || (tv >= 0 && tv <= 1), m.toString());
        }
        VaeEvaluationReport.Melodies training = prior.training().orElseThrow();
        assertEquals(0.0, training.pitchClassTv(), "the reference against itself");
        assertEquals(0.0, training.intervalTv());
        assertEquals(0.0, training.noteLengthTv());
        assertTrue(training.abc2midiChecked() <= VaeEvaluationReport.MAX_REFERENCE_CHECKS);
        VaeEvaluationReport.Melodies p = prior.prior().orElseThrow();
        assertEquals(Histograms.totalVariation(training.pitchClass(), p.pitchClass()), p.pitchClassTv(), 1e-12);
        assertEquals(0.0, Histograms.totalVariation(p.interval(), p.interval()), "identical histograms");
    }

    @Test
    void theReportTableHasTheRowsAndToStringNoRawDoubles() {
        Table t = prior.table();
        assertEquals(List.of(VaeEvaluationReport.TRAINING, VaeEvaluationReport.RECONSTRUCTIONS, VaeEvaluationReport.PRIOR), t.stringColumn("excerpts").asList());
        for (String c : List.of("count", "teacher_forced_accuracy", "sampled_accuracy", "always_hold_accuracy", "repeat_previous_accuracy",
                "abc2midi_share", "notes_per_bar", "pitch_class_tv", "interval_tv", "note_length_tv"))
            assertTrue(t.columnNames().contains(c), c + " in " + t.columnNames());
        assertTrue(t.doubleColumn("teacher_forced_accuracy").isMissing(2), "the prior has no reconstruction accuracy");
        assertEquals(prior.teacherForcedAccuracy(), t.doubleColumn("teacher_forced_accuracy").get(1), 1e-12);
        String s = prior.toString();
        assertTrue(s.contains(VaeEvaluationReport.PRIOR) && s.contains("interval TV"), s);
        assertFalse(s.matches("(?s).*\\d\\.\\d{6,}.*"), "no raw doubles: " + s);
    }

    @Test
    void priorSamplingIsSeededAndGreedyIsAnOption() {
        VaeSampling greedy = vae.sample().greedy().seed(4);
        assertTrue(greedy.isGreedy());
        assertEquals(greedy.excerpts(5), greedy.excerpts(5));
        assertEquals(vae.sample().seed(4).excerpts(5), vae.sample().seed(4).excerpts(5));
        assertTrue(greedy.toString().contains("greedily"), greedy.toString());
        assertThrows(IllegalArgumentException.class, () -> vae.sample().evaluate(data, 0));
        assertThrows(IllegalArgumentException.class, () -> vae.sample().temperature(-1));
    }

    @Test
    void theDecoderSamplesWithEveryStrategyAndReturnsSamples() {
        // top-1 keeps only the likeliest class: the same excerpts as greedy decoding from the same z
        assertEquals(vae.sample().greedy().seed(6).excerpts(6), vae.sample().topK(1).seed(6).excerpts(6));
        assertEquals(vae.sample().greedy().seed(6).excerpts(6), vae.sample().topP(1e-9).seed(6).excerpts(6), "a tiny nucleus is the argmax");
        var samples = vae.sample().topP(0.9).temperature(0.8).seed(2).count(8);
        assertEquals(8, samples.size());
        assertEquals(8, samples.tunes().size(), "every decoded excerpt reads: " + samples);
        for (var s : samples) {
            assertEquals(vae.bars(), s.tune().barCount(), s.text());
            assertTrue(s.text().contains("M:") && s.text().contains("K:"), s.text());
        }
        assertTrue(samples.strategy().contains("top-p 0.90 at temperature 0.80"), samples.strategy());
        assertTrue(vae.sample().topK(5).toString().contains("top-5"), vae.sample().topK(5).toString());
        assertEquals(0, vae.sample().temperature(0).temperature());
    }
}
