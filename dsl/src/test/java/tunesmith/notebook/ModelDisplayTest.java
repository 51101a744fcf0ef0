package tunesmith.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tunesmith.corpus.Corpus;
import tunesmith.encode.AbcTokens;
import tunesmith.encode.TokenSplit;
import tunesmith.eval.Evaluation;
import tunesmith.eval.EvaluationReport;
import tunesmith.model.Lstm;
import tunesmith.model.MelodyModel;
import tunesmith.train.Training;
import tunesmith.train.TrainingEvent;
import tunesmith.sample.Samples;

/** What a notebook shows of a real (tiny) training: its progress, history, samples and evaluation. */
class ModelDisplayTest {

    static MelodyModel model;
    static TokenSplit split;
    static List<TrainingEvent> events = new ArrayList<>();

    @BeforeAll
    static void train() {
        split = Corpus.load("starter").tokens(AbcTokens.abc()).split(0.8, 0.2, 1);
        model = Lstm.lstm().layers(1).units(32).tbptt(0).train(split, Training.epochs(2).quiet().listener(events::add));
    }

    @Test
    void progressFollowsTheRealEventsToTheEnd() {
        TrainingProgress p = TrainingProgress.NONE;
        for (TrainingEvent e : events) p = p.after(e);
        assertEquals(1.0, p.fraction());
        assertEquals(2, p.history().size());
        assertTrue(p.toString().startsWith("training completed after 2 epochs"), p.toString());
    }

    @Test
    void historyIsATableWithTheLossChart() {
        MimeBundle b = new NotebookDisplay().bundle(model.history());
        assertEquals(model.history().toString(), b.get(MimeBundle.TEXT));
        assertTrue(b.get(MimeBundle.HTML).contains("history: 2 rows × 8 columns"), b.get(MimeBundle.HTML));
        assertTrue(b.get(MimeBundle.HTML).contains("data:image/png;base64,"));
    }

    @Test
    void samplesShowValidOnesAsMusicAndInvalidOnesWithTheirReason() {
        Samples s = model.sample().prime("M:4/4 K:Gmaj").temperature(1.0).seed(1).maxLength(40).count(6);
        // the sampling rules make every sample that ends read as ABC; cut at 40 tokens, the longer ones do not end, so both kinds are shown
        assertTrue(!s.tunes().isEmpty() && !s.invalid().isEmpty(), "want valid and invalid samples: " + s);
        String h = new NotebookDisplay().bundle(s).get(MimeBundle.HTML);
        assertEquals(s.tunes().size(), NotebookDisplayTest.occurrences(h, "class=\"tunesmith-sheet\""), "one sheet per valid sample");
        assertEquals(s.invalid().size(), NotebookDisplayTest.occurrences(h, "class=\"tunesmith-invalid\""), "one reason per invalid sample");
        for (var bad : s.invalid()) assertTrue(h.contains(Html.escape(bad.invalidReason())), bad.invalidReason());
    }

    @Test
    void evaluationShowsSummaryAndTables() {
        EvaluationReport r = Evaluation.of(model).sampling(model.sample().prime("M:4/4 K:Gmaj")).test(split.valid())
                .samples(4).temperature(1.0).seed(1).against(split.train()).run();
        MimeBundle b = new NotebookDisplay().bundle(r);
        assertEquals(r.toString(), b.get(MimeBundle.TEXT));
        String h = b.get(MimeBundle.HTML);
        assertTrue(h.contains("<caption>Evaluation: "), h);
        assertTrue(h.contains("<td>nll_nats</td>"), "the metrics");
        assertTrue(h.contains("8 rows × 13 columns"), "one row per sample of each set (model alone, with rules): " + h);
    }
}
