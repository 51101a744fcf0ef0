package tunesmith.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import tunesmith.chart.Chart;
import tunesmith.corpus.Corpus;
import tunesmith.encode.AbcTokens;
import tunesmith.encode.TokenSplit;
import tunesmith.model.Lstm;
import tunesmith.model.MelodyModel;
import tunesmith.model.Training;

/** End to end: a tiny LSTM trained on the starter tunes, evaluated in one call. */
class EvaluationTest {

    static Corpus corpus;
    static TokenSplit split;
    static MelodyModel model;
    static EvaluationReport report;

    @BeforeAll
    static void trainAndEvaluate() {
        corpus = Corpus.load("starter");
        split = corpus.tokens(AbcTokens.abc()).split(0.8, 0.2, 1);
        model = Lstm.lstm().layers(1).units(32).tbptt(0).train(split, Training.epochs(2).quiet());
        long t0 = System.nanoTime();
        // Two epochs teach this model little: unprimed, none of its samples even starts with a meter
        // and a key. Priming the header gets a few valid samples, enough for every figure to exist.
        // The 0.8/0.2 split leaves no test part, so the validation tunes stand in as held-out data.
        report = Evaluation.of(model).sampling(model.sample().prime("M:4/4 K:Gmaj")).test(split.valid())
                .samples(10).temperature(1.0).seed(1).against(split.train()).run();
        System.out.println(report + "\n(evaluation took " + (System.nanoTime() - t0) / 1_000_000 + " ms)");
    }

    @Test
    void likelihoodMetricsAreFinite() {
        MelodyModel.Metrics m = report.likelihood().orElseThrow();
        assertTrue(m.tokens() > 0);
        Table t = report.table();
        assertEquals(List.of("metric", "value"), t.columnNames());
        assertEquals(List.of("nll_nats", "nll_bits", "perplexity", "accuracy", "test_tokens"), t.stringColumn("metric").asList().subList(0, 5));
        for (int i = 0; i < t.rowCount(); i++)
            assertTrue(Double.isFinite(t.doubleColumn("value").get(i)), t.stringColumn("metric").get(i) + " = " + t.doubleColumn("value").get(i) + "\n" + report);
        assertEquals(m.nats(), t.doubleColumn("value").get(0), 1e-12);
        assertEquals(10.0, t.doubleColumn("value").get(t.stringColumn("metric").indexOf("samples")));
    }

    @Test
    void perSampleTableHasTheDocumentedColumns() {
        Table s = report.samples();
        assertEquals(List.of("index", "valid", "reason", "bars", "bars_fit", "notes", "longest_copy", "copied_from"), s.columnNames());
        assertEquals(10, s.rowCount());
        assertEquals(10, report.generated().size());
    }

    @Test
    void chartsAndSummary() {
        List<Chart> charts = report.charts();
        assertEquals(3, charts.size());
        assertTrue(charts.get(1).svg().startsWith("<svg") || charts.get(1).svg().contains("<svg"));
        String text = report.toString();
        assertTrue(text.startsWith("Evaluation of MelodyModel 1x32 LSTM"), text);
        assertTrue(text.contains("test:      starter:valid: NLL"), text);
        assertTrue(text.contains("samples:   10 (temperature 1.00, seed 1) against starter:train"), text);
    }

    @Test
    void stepsAreImmutableAndErrorsSayWhatToDo() {
        Evaluation e = Evaluation.of(model);
        Evaluation twenty = e.samples(20);
        assertTrue(e.toString().contains("samples: 100, temperature 1.00, seed 1, at most 600 tokens"), e.toString());
        assertTrue(twenty.toString().contains("samples: 20"), twenty.toString());
        IllegalStateException noCorpus = assertThrows(IllegalStateException.class, e::run);
        assertTrue(noCorpus.getMessage().contains("add .against(trainCorpus)"), noCorpus.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> e.test(split.test()));
        assertTrue(empty.getMessage().startsWith("test(starter:test): it holds no tunes"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.samples(0));
        assertThrows(IllegalArgumentException.class, () -> e.copyWindow(0));
        assertThrows(IllegalArgumentException.class, () -> e.temperature(0));
        // without test data: sample statistics only
        EvaluationReport r = e.samples(2).against(corpus).run();
        assertTrue(r.likelihood().isEmpty());
        assertEquals("samples", r.table().stringColumn("metric").get(0));
        assertTrue(r.toString().contains("no test data"), r.toString());
    }
}
