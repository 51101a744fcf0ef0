package tunesmith.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The training loop: seeded shuffling, progress events, per-epoch evaluation in eval mode,
 * early stopping on validation loss, a wall-clock limit, checkpoints written atomically, and a
 * clean stop on interrupt (thread interrupt, Ctrl-C in the CLI, or {@link #stop()}) that keeps
 * the best weights seen.
 */
final class Trainer {

    private volatile boolean stopRequested;
    private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);

    /** Asks a running {@link #train} to stop after the current batch, and waits (a while) until it has. */
    void stop() {
        stopRequested = true;
        try {
            done.await(120, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs a training, stopping cleanly on Ctrl-C in a terminal (the JVM waits for the batch to end). */
    static NetworkState withCtrlC(NetworkState state, Task task, Training plan) {
        Trainer trainer = new Trainer();
        Thread hook = new Thread(trainer::stop, "tunesmith-training-stop");
        boolean hooked = true;
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException e) {
            hooked = false; // already shutting down
        }
        try {
            return BlasThreads.with(BlasThreads.training(), () -> trainer.train(state, task, plan));
        } finally {
            trainer.done.countDown();
            if (hooked) try { Runtime.getRuntime().removeShutdownHook(hook); } catch (IllegalStateException ignored) { }
        }
    }

    NetworkState train(NetworkState state, Task task, Training plan) {
        MultiLayerNetwork net = state.network();
        LstmConfig c = state.config();
        List<Consumer<TrainingEvent>> listeners = new ArrayList<>(plan.listeners());
        if (plan.progress()) listeners.add(ProgressDisplays.create());
        History history = state.history();
        int startEpoch = history.size() + 1;
        int lastEpoch = history.size() + plan.epochs();
        long t0 = System.nanoTime();
        int batchesPerEpoch = (task.trainSize() + c.batch() - 1) / c.batch();
        emit(listeners, new TrainingEvent.Started(plan.epochs(), batchesPerEpoch, task.trainTokens(), task.validTokens(),
                net.numParams(), startEpoch));

        TrainingEvent.Epoch best = history.best();
        INDArray bestParams = best == null ? null : net.params().dup();
        int sinceBest = 0;
        TrainingEvent.Reason reason = TrainingEvent.Reason.COMPLETED;
        long tokensDone = 0;
        int epoch = startEpoch;
        outer:
        for (; epoch <= lastEpoch; epoch++) {
            long e0 = System.nanoTime();
            long epochTokens = 0;
            List<DataSet> batches = task.batches(epoch, c.seed(), c.batch());
            for (int b = 0; b < batches.size(); b++) {
                if (stopRequested || Thread.currentThread().isInterrupted()) { reason = TrainingEvent.Reason.INTERRUPTED; break outer; }
                DataSet ds = batches.get(b);
                net.fit(ds);
                long tok = task.tokens(ds);
                epochTokens += tok;
                tokensDone += tok;
                double elapsed = (System.nanoTime() - t0) / 1e9;
                double rate = tokensDone / Math.max(1e-9, elapsed);
                double remaining = (double) (lastEpoch - epoch) * task.trainTokens() + (task.trainTokens() - epochTokens);
                // DL4J's score is the loss summed over a sequence's steps, averaged over the batch
                double perToken = net.score() * ds.numExamples() / Math.max(1, tok);
                if (c.tbptt() > 0) perToken = Double.NaN; // with TBPTT the score covers only the last segment
                emit(listeners, new TrainingEvent.Batch(epoch, b + 1, batches.size(), Double.isNaN(perToken) ? net.score() : perToken,
                        rate, remaining / Math.max(1e-9, rate)));
                if (plan.seconds() > 0 && elapsed >= plan.seconds()) { reason = TrainingEvent.Reason.TIME_LIMIT; break; }
            }
            net.incrementEpochCount(); // drives the per-epoch learning-rate schedule
            Task.Metrics valid = task.validation(net);
            Task.Metrics train = task.trainSample(net);
            boolean isBest = best == null || valid.loss() < best.validLoss();
            double seconds = (System.nanoTime() - e0) / 1e9;
            TrainingEvent.Epoch ep = new TrainingEvent.Epoch(epoch, train.loss(), valid.loss(), train.accuracy(), valid.accuracy(),
                    c.learningRate() * Math.pow(c.decay(), epoch - 1), seconds, epochTokens / Math.max(1e-9, seconds), isBest);
            history = history.plus(ep);
            if (isBest) { best = ep; bestParams = net.params().dup(); sinceBest = 0; } else sinceBest++;
            NetworkState now = state.withHistory(history);
            emit(listeners, ep);
            if (plan.checkpoints() != null) {
                ModelFile.write(now, plan.checkpoints().resolve("last.tsm"));
                if (isBest) ModelFile.write(now, plan.checkpoints().resolve("best.tsm"));
            }
            if (reason == TrainingEvent.Reason.TIME_LIMIT) { epoch++; break; }
            if (plan.patience() > 0 && sinceBest >= plan.patience()) { reason = TrainingEvent.Reason.EARLY_STOPPED; epoch++; break; }
        }
        if (bestParams != null) net.setParams(bestParams); // the model keeps its best weights, whatever stopped it
        double seconds = (System.nanoTime() - t0) / 1e9;
        emit(listeners, new TrainingEvent.Finished(reason, epoch - startEpoch, best == null ? 0 : best.epoch(),
                best == null ? Double.NaN : best.validLoss(), seconds));
        if (reason == TrainingEvent.Reason.INTERRUPTED) Thread.interrupted(); // the interrupt has been honoured
        return state.withHistory(history);
    }

    private static void emit(List<Consumer<TrainingEvent>> ls, TrainingEvent e) {
        for (Consumer<TrainingEvent> l : ls) {
            try {
                l.accept(e);
            } catch (RuntimeException | LinkageError ex) {
                // a broken display (a failed class initialisation included) must not cost the user a training run
                System.err.println("training listener failed: " + ex);
            }
        }
    }

}
