package tunesmith.counterpoint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import tunesmith.encode.MelodyGrid;
import tunesmith.train.Learner;
import tunesmith.train.TrainingEvent;

/**
 * The encoder-decoder in the shared training loop: batches of chorales of similar length (less
 * padding), each chorale moved by a random transposition each epoch, teacher forcing; losses are
 * per voice-step (the mean over alto, tenor and bass of the NLL per 16th step).
 */
final class CounterpointLearner implements Learner<TrainingEvent.Epoch> {

    /** Teacher-forced figures per lower voice. */
    record Scores(double[] nll, double[] accuracy, double[] onsetAccuracy, double[] onsetPitchAccuracy, long[] steps, long[] onsets) {
        double meanNll() { return (nll[0] + nll[1] + nll[2]) / 3; }

        double meanAccuracy() { return (accuracy[0] + accuracy[1] + accuracy[2]) / 3; }
    }

    private final Counterpoint model;
    private final ComputationGraph net;
    private final List<Network.Example> train, valid;
    private final List<TrainingEvent.Epoch> history;
    private long epochTokens;

    CounterpointLearner(Counterpoint model, ComputationGraph net, List<Network.Example> train, List<Network.Example> valid) {
        this.model = model;
        this.net = net;
        this.train = new ArrayList<>(train);
        this.train.sort(Comparator.comparingInt(Network.Example::length));
        this.valid = valid;
        this.history = new ArrayList<>(model.history());
    }

    List<TrainingEvent.Epoch> history() { return List.copyOf(history); }

    private CounterpointConfig config() { return model.config(); }

    @Override public long parameters() { return net.numParams(); }

    @Override public long trainTokens() { return 3L * train.stream().mapToLong(Network.Example::length).sum(); }

    @Override public long validTokens() { return 3L * valid.stream().mapToLong(Network.Example::length).sum(); }

    @Override public int batchesPerEpoch() { return (train.size() + config().batch() - 1) / config().batch(); }

    @Override public int epochsDone() { return history.size(); }

    @Override
    public TrainingEvent.Epoch best() {
        TrainingEvent.Epoch b = null;
        for (TrainingEvent.Epoch e : history) if (b == null || e.validLoss() < b.validLoss()) b = e;
        return b;
    }

    @Override
    public List<Step> batches(int epoch) {
        Random random = new Random(config().seed() * 1_000_003L + epoch);
        List<List<Network.Example>> chunks = new ArrayList<>();
        for (int i = 0; i < train.size(); i += config().batch()) chunks.add(train.subList(i, Math.min(train.size(), i + config().batch())));
        Collections.shuffle(chunks, random);
        List<Step> out = new ArrayList<>();
        for (List<Network.Example> chunk : chunks) {
            List<Network.Example> moved = new ArrayList<>();
            for (Network.Example e : chunk) moved.add(transpose(e, random));
            long tokens = 3L * moved.stream().mapToLong(Network.Example::length).sum();
            out.add(new Step() {
                @Override
                public double fit() {
                    MultiDataSet ds = Network.batch(moved);
                    net.fit(ds);
                    return net.score() * moved.size() / Math.max(1, tokens); // DL4J: summed over steps and voices, averaged over the batch
                }

                @Override public long tokens() { return tokens; }
            });
        }
        return out;
    }

    private Network.Example transpose(Network.Example e, Random random) {
        int range = config().transpose();
        if (range == 0) return e;
        int shift = random.nextInt(2 * range + 2) - range; // -range .. range+1: a tritone either way at 5-6
        Network.Example moved = e.transposed(shift);
        return moved == null ? e : moved;
    }

    @Override
    public TrainingEvent.Epoch evaluate(int epoch, long epochTokens, double trainSeconds) {
        net.getConfiguration().setEpochCount(net.getConfiguration().getEpochCount() + 1); // drives the learning-rate schedule
        Scores v = scores(net, valid), t = scores(net, train.subList(0, Math.min(train.size(), 64)));
        this.epochTokens = epochTokens;
        return new TrainingEvent.Epoch(epoch, t.meanNll(), v.meanNll(), t.meanAccuracy(), v.meanAccuracy(),
                config().learningRate() * Math.pow(config().decay(), epoch - 1), Double.NaN, Double.NaN, false);
    }

    @Override public int epochOf(TrainingEvent.Epoch row) { return row.epoch(); }

    @Override public double score(TrainingEvent.Epoch row) { return row.validLoss(); }

    @Override
    public TrainingEvent.Epoch record(TrainingEvent.Epoch r, boolean best, double seconds) {
        TrainingEvent.Epoch e = r.recorded(best, seconds, epochTokens);
        history.add(e);
        return e;
    }

    @Override
    public Snapshot snapshot() {
        INDArray params = net.params().dup();
        return () -> net.setParams(params);
    }

    @Override
    public void save(Path file) { Counterpoint.write(net, config(), history, model.ranges(), file, true); }

    /** Teacher-forced NLL and accuracy per voice, per 16th step and on the steps where the true voice starts a note. */
    static Scores scores(ComputationGraph net, List<Network.Example> examples) {
        double[] nll = new double[3];
        long[] steps = new long[3], correct = new long[3], onsets = new long[3], onsetCorrect = new long[3], pitchCorrect = new long[3];
        for (int i = 0; i < examples.size(); i += 8) {
            List<Network.Example> part = examples.subList(i, Math.min(examples.size(), i + 8));
            MultiDataSet ds = Network.batch(part);
            Network.prepare(net, ds.getFeatures());
            INDArray[] out = net.output(false, ds.getFeatures(), ds.getFeaturesMaskArrays(), ds.getLabelsMaskArrays());
            for (int v = 0; v < 3; v++) {
                INDArray p = out[v]; // [n, C, T]
                int classes = (int) p.size(1), len = (int) p.size(2);
                float[] probs = p.dup('c').data().asFloat();
                for (int b = 0; b < part.size(); b++) {
                    int[] truth = Encoding.VOICES[v].encode(part.get(b).lower()[v]);
                    for (int t = 0; t < truth.length; t++) {
                        int best = 0, bestNote = MelodyGrid.FIRST_NOTE;
                        float bp = -1, bn = -1;
                        for (int c = 0; c < classes; c++) {
                            float q = probs[(b * classes + c) * len + t];
                            if (q > bp) { bp = q; best = c; }
                            if (c >= MelodyGrid.FIRST_NOTE && q > bn) { bn = q; bestNote = c; }
                        }
                        nll[v] -= Math.log(Math.max(1e-12, probs[(b * classes + truth[t]) * len + t]));
                        steps[v]++;
                        if (best == truth[t]) correct[v]++;
                        if (truth[t] >= MelodyGrid.FIRST_NOTE) {
                            onsets[v]++;
                            if (best == truth[t]) onsetCorrect[v]++;
                            if (bestNote == truth[t]) pitchCorrect[v]++;
                        }
                    }
                }
            }
        }
        double[] n = new double[3], acc = new double[3], oacc = new double[3], pacc = new double[3];
        for (int v = 0; v < 3; v++) {
            n[v] = nll[v] / Math.max(1, steps[v]);
            acc[v] = correct[v] / (double) Math.max(1, steps[v]);
            oacc[v] = onsetCorrect[v] / (double) Math.max(1, onsets[v]);
            pacc[v] = pitchCorrect[v] / (double) Math.max(1, onsets[v]);
        }
        return new Scores(n, acc, oacc, pacc, steps, onsets);
    }
}
