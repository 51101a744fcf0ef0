package tunesmith.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import tunesmith.kernel.BlasThreads;

/**
 * The training loop every model shares: epochs of batches, progress events, evaluation after
 * each epoch, early stopping (patience), a wall-clock limit, checkpoints ({@code last.tsm} every
 * epoch, {@code best.tsm} on a new best, each written atomically by the model), and a clean stop
 * on a thread interrupt or Ctrl-C that keeps the best weights seen. OpenBLAS runs with a thread
 * per core while it trains ({@link BlasThreads}).
 */
public final class Trainer {

    private volatile boolean stopRequested;
    private final CountDownLatch done = new CountDownLatch(1);

    private Trainer() {}

    /** Trains, stopping cleanly on Ctrl-C in a terminal (the JVM waits for the batch to end). */
    public static <R> void run(Learner<R> learner, Training plan) {
        Trainer trainer = new Trainer();
        Thread hook = new Thread(trainer::stop, "tunesmith-training-stop");
        boolean hooked = true;
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException e) {
            hooked = false; // already shutting down
        }
        try {
            BlasThreads.with(BlasThreads.training(), () -> { trainer.train(learner, plan); return null; });
        } finally {
            trainer.done.countDown();
            if (hooked) try { Runtime.getRuntime().removeShutdownHook(hook); } catch (IllegalStateException ignored) { }
        }
    }

    /** Asks the running loop to stop after the current batch, and waits (a while) until it has. */
    private void stop() {
        stopRequested = true;
        try {
            done.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <R> void train(Learner<R> learner, Training plan) {
        List<Consumer<TrainingEvent>> listeners = new ArrayList<>(plan.listeners());
        if (plan.progress()) listeners.add(ProgressDisplays.create());
        int startEpoch = learner.epochsDone() + 1, lastEpoch = learner.epochsDone() + plan.epochs();
        int batches = learner.batchesPerEpoch();
        long trainTokens = learner.trainTokens();
        emit(listeners, new TrainingEvent.Started(plan.epochs(), batches, trainTokens, learner.validTokens(), learner.parameters(), startEpoch));

        if (plan.checkpoints() != null) removeLeftovers(plan.checkpoints());
        R best = learner.best();
        Learner.Snapshot bestWeights = best == null ? null : learner.snapshot();
        int sinceBest = 0;
        TrainingEvent.Reason reason = TrainingEvent.Reason.COMPLETED;
        long t0 = System.nanoTime(), tokensDone = 0;
        int epoch = startEpoch;
        outer:
        for (; epoch <= lastEpoch; epoch++) {
            long e0 = System.nanoTime(), epochTokens = 0;
            List<? extends Learner.Step> steps = learner.batches(epoch);
            for (int b = 0; b < steps.size(); b++) {
                if (stopRequested || Thread.currentThread().isInterrupted()) { reason = TrainingEvent.Reason.INTERRUPTED; break outer; }
                Learner.Step step = steps.get(b);
                double loss = step.fit();
                long tok = step.tokens();
                epochTokens += tok;
                tokensDone += tok;
                double elapsed = (System.nanoTime() - t0) / 1e9, rate = tokensDone / Math.max(1e-9, elapsed);
                double remaining = (double) (lastEpoch - epoch) * trainTokens + (trainTokens - epochTokens);
                emit(listeners, new TrainingEvent.Batch(epoch, b + 1, steps.size(), loss, rate, remaining / Math.max(1e-9, rate)));
                if (plan.seconds() > 0 && elapsed >= plan.seconds()) { reason = TrainingEvent.Reason.TIME_LIMIT; break; }
            }
            R row = learner.evaluate(epoch, epochTokens, (System.nanoTime() - e0) / 1e9);
            boolean isBest = best == null || learner.score(row) < learner.score(best);
            TrainingEvent.Epoch event = learner.record(row, isBest, (System.nanoTime() - e0) / 1e9);
            if (isBest) { best = row; bestWeights = learner.snapshot(); sinceBest = 0; } else sinceBest++;
            emit(listeners, event);
            if (plan.checkpoints() != null) {
                learner.save(plan.checkpoints().resolve("last.tsm"));
                if (isBest) learner.save(plan.checkpoints().resolve("best.tsm"));
            }
            if (reason == TrainingEvent.Reason.TIME_LIMIT) { epoch++; break; }
            if (plan.patience() > 0 && sinceBest >= plan.patience()) { reason = TrainingEvent.Reason.EARLY_STOPPED; epoch++; break; }
        }
        if (bestWeights != null) bestWeights.restore(); // the model keeps its best weights, whatever stopped it
        emit(listeners, new TrainingEvent.Finished(reason, epoch - startEpoch, best == null ? 0 : learner.epochOf(best),
                best == null ? Double.NaN : learner.score(best), (System.nanoTime() - t0) / 1e9));
        if (reason == TrainingEvent.Reason.INTERRUPTED) Thread.interrupted(); // the interrupt has been honoured
    }

    /** Temporary files of checkpoint writes killed before this run (kill -9): they would stay forever. */
    private static void removeLeftovers(java.nio.file.Path checkpoints) {
        java.time.Instant now = java.time.Instant.now();
        for (String name : List.of("last.tsm", "best.tsm")) {
            try {
                tunesmith.io.AtomicFiles.removeLeftovers(checkpoints.resolve(name), now);
            } catch (java.io.IOException e) {
                System.err.println("could not remove unfinished checkpoint files in " + checkpoints + ": " + e.getMessage());
            }
        }
    }

    private static void emit(List<Consumer<TrainingEvent>> listeners, TrainingEvent e) {
        for (Consumer<TrainingEvent> l : listeners) {
            try {
                l.accept(e);
            } catch (RuntimeException | LinkageError ex) {
                // a broken display (a failed class initialisation included) must not cost the user a training run
                System.err.println("training listener failed: " + ex);
            }
        }
    }
}
