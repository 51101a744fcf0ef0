package tunesmith.vae;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import tunesmith.model.BlasThreads;
import tunesmith.model.ProgressDisplays;
import tunesmith.model.Training;
import tunesmith.model.TrainingEvent;

/**
 * The VAE's training loop, with the same plan ({@link Training}: epochs, patience, time limit,
 * checkpoints, listeners) and the same events ({@link TrainingEvent}, so the terminal bar and the
 * notebook display show it) as the other models. Its own loop because theirs drives a
 * MultiLayerNetwork; here every batch is the engine's forward and backward pass ({@link VaeNet}),
 * then the global gradient norm clipped and Adam applied per weight (ND4J's Adam, in place).
 * Batches hold excerpts of one length (see {@link #batches}). Seeded: the batch order and ε depend
 * only on the seed, the epoch and the batch count. OpenBLAS runs with a thread per core, as for the
 * other models' training ({@link BlasThreads}).
 * Interrupts (a thread interrupt, Ctrl-C) stop after the batch; the best weights are kept.
 */
final class VaeTrainer {

    /** Validation excerpts evaluated after each epoch (at most), and training excerpts sampled beside them. */
    static final int VALID_SAMPLE = 2048, TRAIN_SAMPLE = 512;

    private volatile boolean stopRequested;

    private VaeTrainer() {}

    static void withCtrlC(VaeState state, VaeData data, Training plan) {
        VaeTrainer trainer = new VaeTrainer();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            trainer.stopRequested = true;
            try { done.await(120, java.util.concurrent.TimeUnit.SECONDS); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }, "tunesmith-vae-stop");
        boolean hooked = true;
        try { Runtime.getRuntime().addShutdownHook(hook); } catch (IllegalStateException e) { hooked = false; }
        try {
            BlasThreads.with(BlasThreads.training(), () -> { trainer.train(state, data, plan); return null; });
        } finally {
            done.countDown();
            if (hooked) try { Runtime.getRuntime().removeShutdownHook(hook); } catch (IllegalStateException ignored) { }
        }
    }

    void train(VaeState s, VaeData data, Training plan) {
        if (data.train().isEmpty()) throw new IllegalArgumentException("MusicVAE: no training excerpts in " + data + "; give a corpus with tunes in " + Meters.names());
        VaeConfig c = s.config;
        List<Consumer<TrainingEvent>> listeners = new ArrayList<>(plan.listeners());
        if (plan.progress()) listeners.add(ProgressDisplays.create());
        List<Slice> valid = data.valid().isEmpty() ? data.train() : data.valid();
        valid = valid.subList(0, Math.min(valid.size(), VALID_SAMPLE));
        List<Slice> trainSample = data.train().subList(0, Math.min(data.train().size(), TRAIN_SAMPLE));
        int startEpoch = s.history.size() + 1, lastEpoch = s.history.size() + plan.epochs();
        int batches = batches(data.train(), c.batch(), c.seed(), startEpoch).size();
        long trainTokens = VaeBatch.tokenCount(data.train());
        emit(listeners, new TrainingEvent.Started(plan.epochs(), batches, trainTokens, VaeBatch.tokenCount(valid), s.parameters(), startEpoch));
        double stepsPerExcerpt = VaeBatch.tokenCount(valid) / (double) Math.max(1, valid.size());

        VaeHistory.Epoch best = s.history.best();
        Map<String, INDArray> bestWeights = best == null ? null : s.weights();
        int sinceBest = 0;
        TrainingEvent.Reason reason = TrainingEvent.Reason.COMPLETED;
        long t0 = System.nanoTime(), tokensDone = 0;
        int epoch = startEpoch;
        outer:
        for (; epoch <= lastEpoch; epoch++) {
            long e0 = System.nanoTime(), epochTokens = 0;
            List<List<Slice>> order = batches(data.train(), c.batch(), c.seed(), epoch);
            double beta = c.betaAt(s.iteration);
            for (int b = 0; b < batches; b++) {
                if (stopRequested || Thread.currentThread().isInterrupted()) { reason = TrainingEvent.Reason.INTERRUPTED; break outer; }
                List<Slice> batch = order.get(b);
                beta = c.betaAt(s.iteration);
                double loss = step(s, batch, beta);
                long tok = VaeBatch.tokenCount(batch);
                epochTokens += tok;
                tokensDone += tok;
                double elapsed = (System.nanoTime() - t0) / 1e9, rate = tokensDone / Math.max(1e-9, elapsed);
                double remaining = (double) (lastEpoch - epoch) * trainTokens + (trainTokens - epochTokens);
                emit(listeners, new TrainingEvent.Batch(epoch, b + 1, batches, loss * batch.size() / tok, rate, remaining / Math.max(1e-9, rate)));
                if (plan.seconds() > 0 && elapsed >= plan.seconds()) { reason = TrainingEvent.Reason.TIME_LIMIT; break; }
            }
            double trainSeconds = (System.nanoTime() - e0) / 1e9;
            VaeOps.Sums v = VaeOps.teacherForced(s, valid), tr = VaeOps.teacherForced(s, trainSample);
            VaeHistory.Epoch row = new VaeHistory.Epoch(epoch, tr.reconPerToken(), tr.klPerExcerpt(), v.reconPerToken(), v.klPerExcerpt(), v.accuracy(),
                    beta, c.learningRateAt(s.iteration), (System.nanoTime() - e0) / 1e9, epochTokens / Math.max(1e-9, trainSeconds), false);
            boolean isBest = best == null || row.validObjective(stepsPerExcerpt, c) < best.validObjective(stepsPerExcerpt, c);
            row = new VaeHistory.Epoch(row.epoch(), row.trainRecon(), row.trainKl(), row.validRecon(), row.validKl(), row.validAccuracy(), row.beta(),
                    row.learningRate(), row.seconds(), row.tokensPerSecond(), isBest);
            s.history = s.history.plus(row);
            if (isBest) { best = row; bestWeights = s.weights(); sinceBest = 0; } else sinceBest++;
            emit(listeners, new TrainingEvent.Epoch(epoch, row.trainObjective(stepsPerExcerpt, c), row.validObjective(stepsPerExcerpt, c),
                    Double.NaN, v.accuracy(), row.learningRate(), row.seconds(), row.tokensPerSecond(), isBest));
            if (plan.checkpoints() != null) {
                VaeFile.write(s, plan.checkpoints().resolve("last.tsm"));
                if (isBest) VaeFile.write(s, plan.checkpoints().resolve("best.tsm"));
            }
            if (reason == TrainingEvent.Reason.TIME_LIMIT) { epoch++; break; }
            if (plan.patience() > 0 && sinceBest >= plan.patience()) { reason = TrainingEvent.Reason.EARLY_STOPPED; epoch++; break; }
        }
        if (bestWeights != null) s.setWeights(bestWeights); // the model keeps its best weights, whatever stopped it
        emit(listeners, new TrainingEvent.Finished(reason, epoch - startEpoch, best == null ? 0 : best.epoch(),
                best == null ? Double.NaN : best.validObjective(stepsPerExcerpt, c), (System.nanoTime() - t0) / 1e9));
        if (reason == TrainingEvent.Reason.INTERRUPTED) Thread.interrupted(); // honoured
    }

    /**
     * An epoch's batches: the excerpts shuffled (seeded by the epoch), grouped by length (a meter's
     * bars: 2/4 excerpts are half as long as 4/4 ones), each group cut into batches, the batches
     * shuffled. No batch then runs steps of padding; a group's last batch may be smaller.
     */
    static List<List<Slice>> batches(List<Slice> train, int size, long seed, int epoch) {
        Random r = new Random(seed * 1_000_003L + epoch);
        List<Slice> order = new ArrayList<>(train);
        Collections.shuffle(order, r);
        Map<Integer, List<Slice>> byLength = new TreeMap<>();
        for (Slice x : order) byLength.computeIfAbsent(x.length(), k -> new ArrayList<>()).add(x);
        List<List<Slice>> out = new ArrayList<>();
        for (List<Slice> group : byLength.values())
            for (int i = 0; i < group.size(); i += size) out.add(List.copyOf(group.subList(i, Math.min(group.size(), i + size))));
        Collections.shuffle(out, r);
        return out;
    }

    /** ε for a batch: seeded by the batch count, one Gaussian per excerpt and latent dimension, in batch order. */
    static float[] noise(VaeConfig c, long iteration, int excerpts) {
        Random noise = new Random(c.seed() * 7_919L + iteration);
        float[] eps = new float[excerpts * c.latent()];
        for (int i = 0; i < eps.length; i++) eps[i] = (float) noise.nextGaussian();
        return eps;
    }

    /** One batch: gradients, global-norm clipping, Adam. Returns the batch's mean loss per excerpt. */
    static double step(VaeState s, List<Slice> batch, double beta) {
        VaeConfig c = s.config;
        synchronized (s) {
            VaeNet net = s.net;
            double loss = net.forward(batch, noise(c, s.iteration, batch.size()), beta).loss();
            net.backward();
            double norm = net.gradientNorm();
            double scale = norm > c.clip() ? c.clip() / norm : 1.0;
            int epoch = s.history.size();
            for (String name : net.names()) {
                INDArray g = net.grad(name);
                if (scale != 1.0) g.muli(scale);
                s.updaters.get(name).applyUpdater(g, (int) s.iteration, epoch);
                net.param(name).subi(g);
            }
            s.iteration++;
            return loss;
        }
    }

    private static void emit(List<Consumer<TrainingEvent>> ls, TrainingEvent e) {
        for (Consumer<TrainingEvent> l : ls) {
            try {
                l.accept(e);
            } catch (RuntimeException | LinkageError ex) {
                System.err.println("training listener failed: " + ex); // a broken display must not cost a training run
            }
        }
    }
}
