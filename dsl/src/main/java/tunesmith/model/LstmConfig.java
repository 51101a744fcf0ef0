package tunesmith.model;

import tunesmith.train.Settings;
import tunesmith.train.TrainingSettings;

import java.util.Map;

/**
 * Hyperparameters of a next-step LSTM, validated, with every default in one place.
 * It round-trips through text ({@link #toText()} / {@link #parse(String)}) and is saved with the model.
 *
 * <p>The defaults are sized for a 2-core laptop: 2 layers of 256 units learn O'Neill's-sized
 * corpora in minutes where folk-rnn's 3×512 takes hours on such a machine; scale up with
 * {@code layers(3).units(512)} on a bigger one.
 *
 * @param layers       stacked LSTM layers (2: a second layer helps phrase structure; folk-rnn used 3)
 * @param units        cells per layer (256)
 * @param dropout      dropout on each LSTM layer's input, 0..0.9 (0.3; folk-rnn used 0.5 with 512 units)
 * @param embedding    size of a learned token embedding; 0 feeds one-hot vectors (0: ABC vocabularies
 *                     are ~150 tokens, one-hot is cheap and measured as fast as an embedding here)
 * @param tbptt        truncated backpropagation length in steps, 0 for whole sequences (64:
 *                     folk tunes run to 600 tokens; 64 steps span several bars and keep batches fast)
 * @param learningRate Adam's step size (0.002, as folk-rnn)
 * @param decay        learning rate multiplier applied after each epoch (0.97)
 * @param clip         gradient L2 norm clipping threshold per layer (5.0, as folk-rnn)
 * @param batch        sequences per batch (32)
 * @param seed         seed of weights, dropout and shuffling, so a run can be repeated (42)
 * @param fused        our fused LSTM layer ({@link tunesmith.model.fused.FusedLstm}) instead of
 *                     Deeplearning4j's own (true: the same parameters and outputs, verified against
 *                     DL4J's by tests, and measured faster to train and to sample; see the speed table
 *                     of docs/measurements.md). false gives DL4J's {@code LSTM}, e.g. to compare
 */
public record LstmConfig(int layers, int units, double dropout, int embedding, int tbptt,
                         double learningRate, double decay, double clip, int batch, long seed, boolean fused)
        implements TrainingSettings<LstmConfig> {

    public static final LstmConfig DEFAULTS = new LstmConfig(2, 256, 0.3, 0, 64, 0.002, 0.97, 5.0, 32, 42, true);

    /** The ten settings there were before {@code fused}; the layer is the default (fused). */
    public LstmConfig(int layers, int units, double dropout, int embedding, int tbptt,
                      double learningRate, double decay, double clip, int batch, long seed) {
        this(layers, units, dropout, embedding, tbptt, learningRate, decay, clip, batch, seed, true);
    }

    public LstmConfig {
        check(layers >= 1 && layers <= 8, "layers", layers, "1..8");
        check(units >= 1 && units <= 4096, "units", units, "1..4096");
        check(dropout >= 0 && dropout < 0.95, "dropout", dropout, "0 (none) up to 0.9");
        check(embedding >= 0 && embedding <= 4096, "embedding", embedding, "0 (one-hot) or a size up to 4096");
        check(tbptt >= 0 && tbptt <= 100_000, "tbptt", tbptt, "0 (whole sequences) or a length in steps");
        check(learningRate > 0 && learningRate < 1, "learningRate", learningRate, "between 0 and 1, e.g. 0.002");
        check(decay > 0 && decay <= 1, "decay", decay, "in (0, 1]; 1 keeps the rate constant");
        check(clip > 0, "clip", clip, "a positive gradient norm, e.g. 5");
        check(batch >= 1 && batch <= 4096, "batch", batch, "1..4096");
    }

    private static void check(boolean ok, String name, Object value, String expected) {
        if (!ok) throw new IllegalArgumentException(name + " = " + value + " is out of range: expected " + expected);
    }

    public LstmConfig withLayers(int v) { return new LstmConfig(v, units, dropout, embedding, tbptt, learningRate, decay, clip, batch, seed, fused); }
    public LstmConfig withUnits(int v) { return new LstmConfig(layers, v, dropout, embedding, tbptt, learningRate, decay, clip, batch, seed, fused); }
    public LstmConfig withDropout(double v) { return new LstmConfig(layers, units, v, embedding, tbptt, learningRate, decay, clip, batch, seed, fused); }
    public LstmConfig withEmbedding(int v) { return new LstmConfig(layers, units, dropout, v, tbptt, learningRate, decay, clip, batch, seed, fused); }
    public LstmConfig withTbptt(int v) { return new LstmConfig(layers, units, dropout, embedding, v, learningRate, decay, clip, batch, seed, fused); }
    public LstmConfig withLearningRate(double v) { return new LstmConfig(layers, units, dropout, embedding, tbptt, v, decay, clip, batch, seed, fused); }
    public LstmConfig withDecay(double v) { return new LstmConfig(layers, units, dropout, embedding, tbptt, learningRate, v, clip, batch, seed, fused); }
    public LstmConfig withClip(double v) { return new LstmConfig(layers, units, dropout, embedding, tbptt, learningRate, decay, v, batch, seed, fused); }
    public LstmConfig withBatch(int v) { return new LstmConfig(layers, units, dropout, embedding, tbptt, learningRate, decay, clip, v, seed, fused); }
    public LstmConfig withSeed(long v) { return new LstmConfig(layers, units, dropout, embedding, tbptt, learningRate, decay, clip, batch, v, fused); }
    public LstmConfig withFused(boolean v) { return new LstmConfig(layers, units, dropout, embedding, tbptt, learningRate, decay, clip, batch, seed, v); }

    /** "layers=2 units=256 ..." — one line, saved with the model. */
    public String toText() { return Settings.toText(this); }

    /** Reads {@link #toText()}; names missing from the text keep their default. */
    public static LstmConfig parse(String text) { return Settings.parse(text, "LSTM", DEFAULTS, Map.of()); }

    @Override
    public String toString() { return "LSTM " + toText(); }
}
