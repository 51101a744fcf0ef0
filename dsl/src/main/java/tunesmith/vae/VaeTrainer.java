package tunesmith.vae;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import tunesmith.train.Learner;
import tunesmith.train.Trainer;
import tunesmith.train.Training;
import tunesmith.train.TrainingEvent;

/**
 * A VAE in the shared training loop ({@link Trainer}: the plan, events, patience, time limit,
 * checkpoints, Ctrl-C). Every batch is the engine's forward and backward pass ({@link VaeNet}),
 * then the global gradient norm clipped and Adam applied to every weight in place ({@link VaeAdam}).
 * Batches hold excerpts of one length (see {@link #batches}). Seeded: the batch order and ε depend
 * only on the seed, the epoch and the batch count. The best epoch is the one of the lowest
 * validation objective (reconstruction plus the KL beyond the free nats, {@link VaeHistory.Epoch#validObjective}).
 */
final class VaeTrainer implements Learner<VaeHistory.Epoch> {

    /** Validation excerpts evaluated after each epoch (at most), and training excerpts sampled beside them. */
    static final int VALID_SAMPLE = 2048, TRAIN_SAMPLE = 512;

    private final VaeState s;
    private final VaeData data;
    private final List<Excerpt> valid, trainSample;
    private final double stepsPerExcerpt;
    private double beta;
    private long epochTokens;

    private VaeTrainer(VaeState s, VaeData data) {
        if (data.train().isEmpty()) throw new IllegalArgumentException("MusicVAE: no training excerpts in " + data + "; give a corpus with tunes in " + Meters.names());
        this.s = s;
        this.data = data;
        List<Excerpt> v = data.valid().isEmpty() ? data.train() : data.valid();
        this.valid = v.subList(0, Math.min(v.size(), VALID_SAMPLE));
        this.trainSample = data.train().subList(0, Math.min(data.train().size(), TRAIN_SAMPLE));
        this.stepsPerExcerpt = VaeBatch.tokenCount(valid) / (double) Math.max(1, valid.size());
    }

    /** Trains the state in place by the plan (the best weights kept). */
    static void train(VaeState state, VaeData data, Training plan) { Trainer.run(new VaeTrainer(state, data), plan); }

    @Override public long parameters() { return s.parameters(); }

    @Override public long trainTokens() { return VaeBatch.tokenCount(data.train()); }

    @Override public long validTokens() { return VaeBatch.tokenCount(valid); }

    /** As many as {@link #batches} makes: each length group cut into batches (counted, not shuffled). */
    @Override
    public int batchesPerEpoch() {
        Map<Integer, Integer> byLength = new TreeMap<>();
        for (Excerpt x : data.train()) byLength.merge(x.length(), 1, Integer::sum);
        int size = s.config.batch(), n = 0;
        for (int group : byLength.values()) n += (group + size - 1) / size;
        return n;
    }

    @Override public int epochsDone() { return s.history.size(); }

    @Override public VaeHistory.Epoch best() { return s.history.best(); }

    @Override
    public List<Step> batches(int epoch) {
        return batches(data.train(), s.config.batch(), s.config.seed(), epoch).stream().map(batch -> (Step) new Step() {
            final long tokens = VaeBatch.tokenCount(batch);

            @Override
            public double fit() {
                beta = s.config.betaAt(s.iteration);
                return step(s, batch, beta) * batch.size() / tokens;
            }

            @Override public long tokens() { return tokens; }
        }).toList();
    }

    @Override
    public VaeHistory.Epoch evaluate(int epoch, long epochTokens, double trainSeconds) {
        this.epochTokens = epochTokens;
        if (epochTokens == 0) beta = s.config.betaAt(s.iteration);
        VaeOps.Sums v = VaeOps.teacherForced(s, valid), tr = VaeOps.teacherForced(s, trainSample);
        return new VaeHistory.Epoch(epoch, tr.reconPerToken(), tr.klPerExcerpt(), v.reconPerToken(), v.klPerExcerpt(), v.accuracy(),
                beta, s.config.learningRateAt(s.iteration), Double.NaN, epochTokens / Math.max(1e-9, trainSeconds), false);
    }

    @Override public int epochOf(VaeHistory.Epoch row) { return row.epoch(); }

    @Override public double score(VaeHistory.Epoch row) { return row.validObjective(stepsPerExcerpt, s.config); }

    @Override
    public TrainingEvent.Epoch record(VaeHistory.Epoch r, boolean best, double seconds) {
        VaeHistory.Epoch row = new VaeHistory.Epoch(r.epoch(), r.trainRecon(), r.trainKl(), r.validRecon(), r.validKl(), r.validAccuracy(), r.beta(),
                r.learningRate(), seconds, r.tokensPerSecond(), best);
        s.history = s.history.plus(row);
        return new TrainingEvent.Epoch(row.epoch(), row.trainObjective(stepsPerExcerpt, s.config), score(row),
                Double.NaN, row.validAccuracy(), row.learningRate(), seconds, row.tokensPerSecond(), best);
    }

    @Override
    public Snapshot snapshot() {
        Map<String, INDArray> weights = s.weights();
        return () -> s.setWeights(weights);
    }

    @Override public void save(Path file) { VaeFile.write(s, file); }

    /**
     * An epoch's batches: the excerpts shuffled (seeded by the epoch), grouped by length (a meter's
     * bars: 2/4 excerpts are half as long as 4/4 ones), each group cut into batches, the batches
     * shuffled. No batch then runs steps of padding; a group's last batch may be smaller.
     */
    static List<List<Excerpt>> batches(List<Excerpt> train, int size, long seed, int epoch) {
        Random r = new Random(seed * 1_000_003L + epoch);
        List<Excerpt> order = new ArrayList<>(train);
        Collections.shuffle(order, r);
        Map<Integer, List<Excerpt>> byLength = new TreeMap<>();
        for (Excerpt x : order) byLength.computeIfAbsent(x.length(), k -> new ArrayList<>()).add(x);
        List<List<Excerpt>> out = new ArrayList<>();
        for (List<Excerpt> group : byLength.values())
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
    static double step(VaeState s, List<Excerpt> batch, double beta) {
        VaeConfig c = s.config;
        synchronized (s) {
            VaeNet net = s.net;
            double loss = net.forward(batch, noise(c, s.iteration, batch.size()), beta).loss();
            net.backward();
            s.adam.step(c.clip(), s.iteration, s.history.size());
            s.iteration++;
            return loss;
        }
    }
}
