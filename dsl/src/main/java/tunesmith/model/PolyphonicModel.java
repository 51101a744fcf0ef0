package tunesmith.model;

import tunesmith.modelfile.ModelFileException;
import tunesmith.train.Training;
import tunesmith.train.TrainingEvent;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import tunesmith.encode.PianoRoll;

/**
 * A polyphonic next-frame LSTM over 88-key piano rolls (sigmoid outputs, one per key), the
 * standard model of the JSB chorales benchmark; its loss is the frame-level NLL in nats per step.
 */
public final class PolyphonicModel {

    static final String KIND = "poly-lstm/piano-roll-88";

    private final NetworkState state;

    private PolyphonicModel(NetworkState state) { this.state = state; }

    static PolyphonicModel train(LstmConfig config, List<boolean[][]> train, List<boolean[][]> valid, Training plan) {
        MultiLayerNetwork net = Networks.lstm(config.withEmbedding(0), PianoRoll.KEYS, PianoRoll.KEYS, true);
        NetworkState s = new NetworkState(KIND, config.withEmbedding(0), net, History.EMPTY, Map.of());
        return new PolyphonicModel(NetworkLearner.train(s, new Task.Rolls(train, valid, PianoRoll.KEYS), plan));
    }

    /** Frame-level NLL (nats per time step, summed over the 88 keys) and accuracy TP/(TP+FP+FN). */
    public MelodyModel.Metrics evaluate(List<boolean[][]> rolls) {
        Task.Metrics m = new Task.Rolls(List.of(), List.of(), PianoRoll.KEYS).evaluate(state.network(), rolls);
        return new MelodyModel.Metrics(m.loss(), m.accuracy(), m.tokens());
    }

    public static PolyphonicModel load(Path file) {
        NetworkState s = ModelFile.read(file);
        if (!KIND.equals(s.kind())) throw new ModelFileException("Cannot load model " + file + " as a polyphonic model: it holds a " + s.kind() + " model.");
        return new PolyphonicModel(s);
    }

    public PolyphonicModel save(Path file) {
        ModelFile.write(state, file);
        return this;
    }

    public History history() { return state.history(); }

    public LstmConfig config() { return state.config(); }

    @Override
    public String toString() {
        TrainingEvent.Epoch b = state.history().best();
        return "PolyphonicModel " + state.config().layers() + "x" + state.config().units() + " LSTM over 88 keys, "
                + state.history().size() + " epochs" + (b == null ? "" : String.format(Locale.ROOT, ", best valid %.3f nats/frame", b.validLoss()));
    }
}
