package tunesmith.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import tunesmith.train.Training;

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
        assertEquals(List.of("metric", "model_alone", "with_rules", "reference", "reference_is"), t.columnNames());
        assertEquals(List.of("nll_nats", "nll_bits", "perplexity", "accuracy", "test_tokens"), t.stringColumn("metric").asList().subList(0, 5));
        for (int i = 0; i < t.rowCount(); i++)
            assertTrue(Double.isFinite(t.doubleColumn("model_alone").getDouble(i)) || t.stringColumn("metric").get(i).startsWith("abc2midi"),
                    t.stringColumn("metric").get(i) + " = " + t.doubleColumn("model_alone").getDouble(i) + "\n" + report);
        assertEquals(m.nats(), t.doubleColumn("model_alone").getDouble(0), 1e-12);
        assertEquals(10.0, t.doubleColumn("model_alone").getDouble(t.stringColumn("metric").indexOf("samples")));
        assertEquals(10.0, t.doubleColumn("with_rules").getDouble(t.stringColumn("metric").indexOf("samples")));
    }

    @Test
    void perSampleTableHasTheDocumentedColumns() {
        Table s = report.samples();
        assertEquals(List.of("sampling", "index", "valid", "reason", "bars", "bars_fit", "notes", "longest_copy", "copied_from",
                "abc2midi_passes", "abc2midi_errors", "abc2midi_bad_bars", "abc2midi_failure"), s.columnNames());
        assertEquals(20, s.rowCount(), "10 samples of the model alone, 10 with rules");
        assertEquals(10, report.modelAlone().count());
    }

    @Test
    void chartsAndSummary() {
        List<Chart> charts = report.charts();
        assertEquals(3, charts.size());
        assertTrue(charts.get(1).svg().startsWith("<svg") || charts.get(1).svg().contains("<svg"));
        String text = report.toString();
        assertTrue(text.startsWith("Evaluation of MelodyModel 1x32 LSTM"), text);
        assertTrue(text.contains("test (starter:valid, "), text);
        assertTrue(text.contains("    unigram  NLL "), text);
        assertTrue(text.contains("10 samples each (temperature 1.00, seed 1, prime of 3 tokens, at most 600 tokens) against starter:train"), text);
        assertTrue(text.contains("model alone        with rules"), text);
        assertFalse(text.matches("(?s).*\\d\\.\\d{6,}.*"), "numbers are rounded for reading: " + text);
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
        assertTrue(r.toString().contains("no test tunes"), r.toString());
    }

    // ---- evaluate(model, split): the one call --------------------------------------------------

    static TokenSplit withTest;
    static MelodyModel small;
    static EvaluationReport oneCall;

    static synchronized EvaluationReport oneCall() {
        if (oneCall == null) {
            withTest = corpus.tokens(AbcTokens.abc()).split(0.7, 0.15, 2);
            small = Lstm.lstm().layers(1).units(32).tbptt(0).seed(3).train(withTest, Training.epochs(3).patience(0).quiet());
            long t0 = System.nanoTime();
            oneCall = Evaluation.of(small, withTest).samples(12).run();
            System.out.println(oneCall + "\n" + oneCall.table().print() + "\n(evaluation took " + (System.nanoTime() - t0) / 1_000_000 + " ms)");
        }
        return oneCall;
    }

    @Test
    void oneCallGivesSharesBaselineAndEveryRow() {
        EvaluationReport r = oneCall();
        Table t = r.table();
        List<String> metrics = t.stringColumn("metric").asList();
        for (String m : List.of("nll_nats", "nll_bits", "perplexity", "accuracy", "test_tokens", "samples", "valid_fraction",
                "abc2midi_strict_fraction", "abc2midi_two_bad_bars_fraction", "bars_fit_fraction", "pitch_class_tv", "interval_tv",
                "duration_tv", "copy_window", "copy_fraction", "mean_longest_copy", "max_longest_copy", "mean_bars", "mean_notes"))
            assertTrue(metrics.contains(m), m + " missing from " + metrics);
        double unigram = t.doubleColumn("reference").getDouble(metrics.indexOf("nll_nats"));
        assertTrue(unigram > 0 && Double.isFinite(unigram), "unigram NLL " + unigram);
        assertEquals(r.baseline().orElseThrow().nats(), unigram, 1e-12);
        assertEquals(withTest.test().tokenCount() - withTest.test().size(), r.likelihood().orElseThrow().tokens(),
                "every token but each tune's <s> is predicted");
        assertEquals(r.likelihood().orElseThrow().tokens(), r.baseline().orElseThrow().tokens());
        for (SampleStats s : List.of(r.modelAlone(), r.withRules())) {
            assertEquals(12, s.count());
            for (double share : new double[]{s.validFraction(), s.barsFitFraction(), s.abc2midiStrictFraction(), s.abc2midiTwoBadBarsFraction()})
                if (!Double.isNaN(share)) assertTrue(share >= 0 && share <= 1, "share " + share + "\n" + r);
            assertTrue(s.abc2midiStrictCount() <= s.abc2midiTwoBadBarsCount());
        }
        assertTrue(r.withRules().validCount() >= r.modelAlone().validCount(), r.toString());
    }

    @Test
    void theModelAloneStrictShareIsWhatAbc2midiSaysDirectly() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Abc2Midi.available(), "abc2midi is not on PATH: skipped");
        EvaluationReport r = oneCall();
        var samples = small.sample().anySyntax().temperature(1.0).seed(Defaults.SEED).count(12);
        Abc2Midi checker = Abc2Midi.checker();
        long direct = samples.stream().filter(x -> checker.check(x.text()).passesStrictly()).count();
        assertEquals(direct, r.modelAlone().abc2midiStrictCount(), r.toString());
        assertEquals(direct / 12.0, r.modelAlone().abc2midiStrictFraction(), 1e-12);
        assertTrue(r.abc2midi().startsWith("abc2midi 4."), r.abc2midi());
    }

    @Test
    void writesJsonAndCsv(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        EvaluationReport r = oneCall();
        r.write(dir);
        String json = java.nio.file.Files.readString(dir.resolve("evaluation.json"));
        assertTrue(json.contains("\"metric\" : \"nll_nats\""), json);
        assertTrue(json.contains("\"reference_is\" : \"unigram baseline\""), json);
        List<String> csv = java.nio.file.Files.readAllLines(dir.resolve("evaluation.csv"));
        assertEquals("metric,model_alone,with_rules,reference,reference_is", csv.get(0));
        assertEquals(r.table().rowCount() + 1, csv.size());
        assertEquals(24, Table.read().csv(dir.resolve("samples.csv").toFile()).rowCount());
    }

    @Test
    void aSplitTheModelWasNotTrainedOnIsRefused() {
        oneCall();
        TokenSplit other = corpus.tokens(AbcTokens.abc()).split(0.7, 0.15, 99);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Evaluation.of(small, other));
        assertTrue(e.getMessage().startsWith("The training part of the split given is not the data this model was trained on"), e.getMessage());
        assertTrue(e.getMessage().contains("--seed for the split"), e.getMessage());
    }

    @Test
    void unigramOnHandCountedTokens() {
        TokenSplit sp = corpus.tokens(AbcTokens.abc()).split(0.7, 0.15, 2);
        MelodyModel.Metrics m = Evaluation.unigram(sp.train(), sp.train());
        assertTrue(m.nats() > 0 && m.accuracy() > 0 && m.accuracy() < 1, m.toString());
        MelodyModel.Metrics held = Evaluation.unigram(sp.train(), sp.test());
        assertTrue(held.nats() > 0 && Double.isFinite(held.nats()), held.toString());
    }
}
