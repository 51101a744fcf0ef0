package tunesmith.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared loop on a scripted learner: what stops it, what it keeps, what it tells. */
class TrainerTest {

    /** Validation scores scripted per epoch; "weights" are the number of the epoch they were taken after. */
    static final class Scripted implements Learner<double[]> {
        final double[] scores;
        final int batches;
        final List<double[]> history = new ArrayList<>();
        final List<String> saved = new ArrayList<>();
        int weights, fitted;

        Scripted(int batches, double... scores) { this.batches = batches; this.scores = scores; }

        @Override public long parameters() { return 10; }
        @Override public long trainTokens() { return batches * 5L; }
        @Override public long validTokens() { return 7; }
        @Override public int batchesPerEpoch() { return batches; }
        @Override public int epochsDone() { return history.size(); }
        @Override public double[] best() {
            double[] b = null;
            for (double[] r : history) if (r[2] == 1) b = r;
            return b;
        }
        @Override public List<Step> batches(int epoch) {
            List<Step> out = new ArrayList<>();
            for (int i = 0; i < batches; i++) out.add(new Step() {
                @Override public double fit() { fitted++; weights = epoch; return 1.5; }
                @Override public long tokens() { return 5; }
            });
            return out;
        }
        @Override public double[] evaluate(int epoch, long epochTokens, double trainSeconds) { return new double[] {epoch, scores[epoch - 1], 0}; }
        @Override public int epochOf(double[] row) { return (int) row[0]; }
        @Override public double score(double[] row) { return row[1]; }
        @Override public TrainingEvent.Epoch record(double[] row, boolean best, double seconds) {
            history.add(new double[] {row[0], row[1], best ? 1 : 0});
            return new TrainingEvent.Epoch((int) row[0], row[1], row[1], 0, 0, 0.001, seconds, 1, best);
        }
        @Override public Snapshot snapshot() { int w = weights; return () -> weights = w; }
        @Override public void save(Path file) { saved.add(file.getFileName() + "@" + history.size()); }
    }

    static List<TrainingEvent> run(Scripted l, Training plan) {
        List<TrainingEvent> events = new ArrayList<>();
        Trainer.run(l, plan.quiet().listener(events::add));
        return events;
    }

    static TrainingEvent.Finished finished(List<TrainingEvent> events) { return (TrainingEvent.Finished) events.get(events.size() - 1); }

    @Test
    void stopsAfterPatienceEpochsWithoutABetterScoreAndKeepsTheBestWeights() {
        Scripted l = new Scripted(3, 3.0, 2.0, 2.5, 2.6, 1.0);
        var events = run(l, Training.epochs(5).patience(2).checkpoints(Path.of("ckpt")));
        var f = finished(events);
        assertEquals(TrainingEvent.Reason.EARLY_STOPPED, f.reason());
        assertEquals(4, f.epochs());
        assertEquals(2, f.bestEpoch());
        assertEquals(2.0, f.bestValidLoss());
        assertEquals(2, l.weights, "the weights taken after the best epoch are put back");
        assertEquals(List.of("last.tsm@1", "best.tsm@1", "last.tsm@2", "best.tsm@2", "last.tsm@3", "last.tsm@4"), l.saved);
        assertEquals(12, events.stream().filter(e -> e instanceof TrainingEvent.Batch).count());
        assertTrue(events.get(0) instanceof TrainingEvent.Started s && s.startEpoch() == 1 && s.batchesPerEpoch() == 3);
    }

    @Test
    void aResumedLearnerCountsOnFromItsHistoryAndMeasuresAgainstItsBest() {
        Scripted l = new Scripted(2, 5.0, 1.0, 9.0, 9.0, 9.0);
        run(l, Training.epochs(2).patience(0));
        var events = run(l, Training.epochs(3).patience(0));
        assertTrue(events.get(0) instanceof TrainingEvent.Started s && s.startEpoch() == 3);
        var f = finished(events);
        assertEquals(TrainingEvent.Reason.COMPLETED, f.reason());
        assertEquals(3, f.epochs());
        assertEquals(2, f.bestEpoch(), "no later epoch beat the resumed model's best");
        assertEquals(5, l.history.size());
        assertEquals(2, l.weights, "with no new best, the weights the run started from (the best epoch's) are put back");
    }

    @Test
    void theTimeLimitEndsTheEpochAfterTheBatchAndStillEvaluatesIt() {
        Scripted l = new Scripted(50, 3.0, 2.0);
        var f = finished(run(l, Training.epochs(2).seconds(1e-9)));
        assertEquals(TrainingEvent.Reason.TIME_LIMIT, f.reason());
        assertEquals(1, l.fitted);
        assertEquals(1, l.history.size());
    }

    @Test
    void anInterruptStopsBeforeTheNextBatchAndIsHonoured() {
        Scripted l = new Scripted(4, 3.0, 2.0);
        Thread.currentThread().interrupt();
        var f = finished(run(l, Training.epochs(2)));
        assertEquals(TrainingEvent.Reason.INTERRUPTED, f.reason());
        assertEquals(0, l.fitted);
        assertFalse(Thread.currentThread().isInterrupted(), "the interrupt is consumed once honoured");
    }

    @Test
    void aFailingDisplayDoesNotCostTheRun() {
        Scripted l = new Scripted(2, 3.0, 2.0);
        Trainer.run(l, Training.epochs(2).quiet().listener(e -> { throw new IllegalStateException("display broke"); }));
        assertEquals(2, l.history.size());
    }
}
