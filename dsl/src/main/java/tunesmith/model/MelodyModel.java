package tunesmith.model;

import tunesmith.modelfile.ModelCard;

import tunesmith.modelfile.ModelFileException;

import tunesmith.train.Training;
import tunesmith.train.TrainingEvent;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import tech.tablesaw.api.Table;
import tunesmith.encode.TokenCorpus;
import tunesmith.encode.TokenSplit;
import tunesmith.encode.TuneEncoding;
import tunesmith.encode.Vocabulary;

/**
 * A trained next-token LSTM over ABC tokens, with what it needs to be used anywhere: its
 * encoding and vocabulary, configuration, history and the fingerprint of its training data.
 * {@link #sample()} generates tunes; {@link #save}/{@link #load} keep it in one file.
 */
public final class MelodyModel {

    /** Kinds are "melody-lstm/" and the encoding's name: abc-tokens (folk-rnn style) or grid-tokens (16th grid). */
    static final String KIND_PREFIX = "melody-lstm/";

    private final NetworkState state;
    private final TuneEncoding encoding;
    private final ModelCard card; // null unless it came from the model zoo

    private MelodyModel(NetworkState state, TuneEncoding encoding) { this(state, encoding, null); }

    private MelodyModel(NetworkState state, TuneEncoding encoding, ModelCard card) {
        this.state = state;
        this.encoding = encoding;
        this.card = card;
    }

    /** This model with its model card (what the zoo says of it); shown by {@link #toString()} and in notebooks. */
    public MelodyModel withCard(ModelCard card) { return new MelodyModel(state, encoding, card); }

    /** The model card, when the model came from the zoo ({@code pretrained("folk-lstm").lstm()}). */
    public java.util.Optional<ModelCard> card() { return java.util.Optional.ofNullable(card); }

    static MelodyModel train(LstmConfig config, TokenSplit data, Training plan) {
        Vocabulary v = data.vocabulary();
        int width = data.train().encoding().conditionWidth();
        if (width > 0 && config.embedding() > 0)
            throw new IllegalArgumentException("embedding(" + config.embedding() + "): a model that hears chords beside its tokens reads them one-hot; use oneHot()");
        MultiLayerNetwork net = Networks.lstm(config, v.size() + width, v.size(), false);
        Map<String, String> meta = new HashMap<>();
        meta.put("vocabulary", v.toText());
        meta.put("encoding", data.train().spec());
        meta.put("fingerprint", data.train().fingerprint());
        meta.put("corpus", data.train().name());
        NetworkState start = new NetworkState(kind(data.train().encoding()), config, net, History.EMPTY, meta);
        MelodyModel m = new MelodyModel(start, data.train().encoding());
        return m.continueTraining(data, plan);
    }

    /**
     * More epochs on the same data (or data with the same vocabulary), starting where this model
     * is, updater state included: resume from a checkpoint with {@code load(path).resume(data, plan)}.
     */
    public MelodyModel resume(TokenSplit data, Training plan) {
        if (!data.vocabulary().equals(vocabulary()))
            throw new IllegalArgumentException("resume: the data's vocabulary (" + data.vocabulary().size()
                    + " tokens) is not the model's (" + vocabulary().size() + "); encode with model.encoding() so both agree");
        return continueTraining(data, plan);
    }

    private MelodyModel continueTraining(TokenSplit data, Training plan) {
        boolean indices = state.config().embedding() > 0;
        int width = conditionWidth();
        if (data.train().encoding().conditionWidth() != width)
            throw new IllegalArgumentException("the data has " + data.train().encoding().conditionWidth() + " conditioning columns a step and the model "
                    + width + "; encode the data with model.encoding()");
        Task task = new Task.Tokens(data.train().sequences(), data.train().conditions().orElse(null),
                data.valid().sequences(), data.valid().conditions().orElse(null), vocabulary().size(), width, indices);
        NetworkState trained = NetworkLearner.train(state, task, plan);
        return new MelodyModel(trained, encoding);
    }

    public static MelodyModel load(Path file) {
        NetworkState s = ModelFile.read(file);
        if (!s.kind().startsWith(KIND_PREFIX))
            throw new ModelFileException("Cannot load model " + file + " as a melody model: it holds a " + s.kind()
                    + " model. Load it with the class for that kind.");
        Vocabulary v = Vocabulary.parse(s.meta().get("vocabulary"));
        return new MelodyModel(s, TuneEncoding.fromSpec(s.meta().get("encoding")).withVocabulary(v));
    }

    private static String kind(TuneEncoding e) {
        return KIND_PREFIX + e.spec().split("\\s+", 2)[0];
    }

    /** Writes the model to one file (atomically: a temporary file, then a rename). */
    public MelodyModel save(Path file) {
        ModelFile.write(state, file);
        return this;
    }

    /**
     * Writes the weights without the optimizer's state (Adam's moments): about a third of the
     * size of {@link #save}, for sharing and for the model zoo. It loads and samples exactly as
     * the saved model; {@link #resume} from it starts Adam afresh.
     */
    public MelodyModel saveWeights(Path file) {
        ModelFile.write(state, file, false);
        return this;
    }

    public Sampling sample() { return new Sampling(this); }

    /**
     * A melody over a chord progression, for a model trained on tokens with their chords
     * ({@code grid().withChords()}): {@code model.over(chords("G D7 | G")).bars(8).count(3)}; the
     * samples carry the progression's chord symbols.
     */
    public ChordSampling over(tunesmith.music.Progression progression) { return new ChordSampling(this, progression); }

    /** Whether the model hears chords beside its tokens (so it samples {@link #over} a progression). */
    public boolean hearsChords() { return conditionWidth() > 0; }

    /** Input columns beside the tokens (0 for a model of tokens alone). */
    int conditionWidth() { return encoding.conditionWidth(); }

    /** NLL per token (nats and bits), perplexity and accuracy on a set of encoded tunes. */
    public Metrics evaluate(TokenCorpus data) {
        if (!data.vocabulary().equals(vocabulary()))
            throw new IllegalArgumentException("evaluate: the data was encoded with another vocabulary; encode it with model.encoding()");
        Task.Tokens t = new Task.Tokens(List.of(), List.of(), List.of(), List.of(), vocabulary().size(), conditionWidth(), state.config().embedding() > 0);
        Task.Metrics m = t.evaluate(state.network(), data.sequences(), data.conditions().orElse(null));
        return new Metrics(m.loss(), m.accuracy(), m.tokens());
    }

    /** Likelihood figures of a model on data: NLL per token in nats, and what follows from it. */
    public record Metrics(double nats, double accuracy, long tokens) {
        public double bits() { return nats / Math.log(2); }

        public double perplexity() { return Math.exp(nats); }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "NLL %.4f nats/token (%.4f bits), perplexity %.2f, accuracy %.3f over %,d tokens",
                    nats, bits(), perplexity(), accuracy, tokens);
        }
    }

    public LstmConfig config() { return state.config(); }

    public History history() { return state.history(); }

    /** Per-epoch losses and accuracies as a Tablesaw table. */
    public Table historyTable() { return state.history().table(); }

    public Vocabulary vocabulary() { return encoding.vocabulary().orElseThrow(); }

    /** The encoding the model reads and writes, with its vocabulary: use it to encode new data. */
    public TuneEncoding encoding() { return encoding; }

    /** sha256 of the training data's tokens, recorded at training time. */
    public String fingerprint() { return state.meta().getOrDefault("fingerprint", ""); }

    MultiLayerNetwork network() { return state.network(); }

    @Override
    public String toString() {
        TrainingEvent.Epoch b = state.history().best();
        return "MelodyModel " + state.config().layers() + "x" + state.config().units() + " LSTM over " + vocabulary().size()
                + (hearsChords() ? " grid tokens with their chords, " : " ABC tokens, ") + String.format(Locale.ROOT, "%,d", state.network().numParams()) + " parameters, "
                + state.history().size() + " epochs" + (b == null ? "" : String.format(Locale.ROOT, ", best valid %.4f nats/token (epoch %d)", b.validLoss(), b.epoch()))
                + (card == null ? "" : "\n" + card);
    }
}
