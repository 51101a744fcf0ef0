package tunesmith.model;

import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import tunesmith.train.Learner;
import tunesmith.train.Trainer;
import tunesmith.train.Training;
import tunesmith.train.TrainingEvent;

/**
 * A Deeplearning4j network in the shared training loop ({@link Trainer}): the task's batches
 * fitted one by one, losses per token measured in eval mode after each epoch, the history in the
 * network's state, checkpoints as model files.
 */
final class NetworkLearner implements Learner<TrainingEvent.Epoch> {

    private NetworkState state;
    private final Task task;
    private long epochTokens;

    private NetworkLearner(NetworkState state, Task task) {
        this.state = state;
        this.task = task;
    }

    /** Trains the state's network on the task by the plan; returns the state with its longer history (best weights kept). */
    static NetworkState train(NetworkState state, Task task, Training plan) {
        NetworkLearner learner = new NetworkLearner(state, task);
        Trainer.run(learner, plan);
        return learner.state;
    }

    private MultiLayerNetwork net() { return state.network(); }

    @Override public long parameters() { return net().numParams(); }

    @Override public long trainTokens() { return task.trainTokens(); }

    @Override public long validTokens() { return task.validTokens(); }

    @Override public int batchesPerEpoch() { return (task.trainSize() + state.config().batch() - 1) / state.config().batch(); }

    @Override public int epochsDone() { return state.history().size(); }

    @Override public TrainingEvent.Epoch best() { return state.history().best(); }

    @Override
    public List<Step> batches(int epoch) {
        LstmConfig c = state.config();
        return task.batches(epoch, c.seed(), c.batch()).stream().map(build -> (Step) new Step() {
            long tokens;

            @Override
            public double fit() {
                DataSet ds = build.get();   // built now and freed after its update (see Task.batches)
                try {
                    tokens = task.tokens(ds);
                    net().fit(ds);
                    // DL4J's score is the loss summed over a sequence's steps, averaged over the batch;
                    // with TBPTT it covers only the last segment, so it is shown as it is
                    return c.tbptt() > 0 ? net().score() : net().score() * ds.numExamples() / Math.max(1, tokens);
                } finally {
                    net().setInput(null);    // the network keeps its last input and labels: drop them before freeing
                    net().setLabels(null);
                    Task.free(ds);
                }
            }

            @Override public long tokens() { return tokens; }
        }).toList();
    }

    @Override
    public TrainingEvent.Epoch evaluate(int epoch, long epochTokens, double trainSeconds) {
        net().incrementEpochCount(); // drives the per-epoch learning-rate schedule
        Task.Metrics valid = task.validation(net()), train = task.trainSample(net());
        this.epochTokens = epochTokens;
        LstmConfig c = state.config();
        return new TrainingEvent.Epoch(epoch, train.loss(), valid.loss(), train.accuracy(), valid.accuracy(),
                c.learningRate() * Math.pow(c.decay(), epoch - 1), Double.NaN, Double.NaN, false);
    }

    @Override public int epochOf(TrainingEvent.Epoch row) { return row.epoch(); }

    @Override public double score(TrainingEvent.Epoch row) { return row.validLoss(); }

    @Override
    public TrainingEvent.Epoch record(TrainingEvent.Epoch r, boolean best, double seconds) {
        TrainingEvent.Epoch e = r.recorded(best, seconds, epochTokens);
        state = state.withHistory(state.history().plus(e));
        return e;
    }

    @Override
    public Snapshot snapshot() {
        INDArray params = net().params().dup();
        return () -> net().setParams(params);
    }

    @Override public void save(Path file) { ModelFile.write(state, file); }
}
