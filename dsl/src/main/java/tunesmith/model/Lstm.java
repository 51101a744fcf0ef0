package tunesmith.model;

import tunesmith.encode.TokenSplit;
import tunesmith.train.ModelBuilder;
import tunesmith.train.Training;

/**
 * The fluent start of a next-step LSTM: {@code lstm().layers(3).units(512).dropout(0.5)
 * .train(corpus.tokens(abc()).split(0.95), epochs(20))}. Immutable: each step returns a new
 * builder, so a half-built one in a REPL variable is safe to reuse. Defaults: {@link LstmConfig#DEFAULTS};
 * learning rate, decay (per epoch), clip, batch and seed are {@link ModelBuilder}'s steps.
 */
public record Lstm(LstmConfig config) implements ModelBuilder<LstmConfig, Lstm> {

    public static Lstm lstm() { return new Lstm(LstmConfig.DEFAULTS); }

    public Lstm layers(int n) { return with(config.withLayers(n)); }

    public Lstm units(int n) { return with(config.withUnits(n)); }

    public Lstm dropout(double p) { return with(config.withDropout(p)); }

    /** A learned token embedding of this size instead of one-hot input. */
    public Lstm embedding(int size) { return with(config.withEmbedding(size)); }

    /** One-hot input (the default). */
    public Lstm oneHot() { return with(config.withEmbedding(0)); }

    /** Truncated backpropagation through time over this many steps; 0 backpropagates whole tunes. */
    public Lstm tbptt(int steps) { return with(config.withTbptt(steps)); }

    /** Deeplearning4j's own LSTM layer instead of our fused one (the default): same model, slower; to compare. */
    public Lstm stockLstm() { return with(config.withFused(false)); }

    /** Our fused LSTM layer (the default): DL4J's LSTM computed with fewer, bigger matrix products. */
    public Lstm fusedLstm() { return with(config.withFused(true)); }

    /** Trains on the split's train part, validating on its valid part (early stopping, checkpoints: see {@link Training}). */
    public MelodyModel train(TokenSplit data, Training plan) { return MelodyModel.train(config, data, plan); }

    /** Trains a polyphonic LSTM (sigmoid outputs) on piano rolls, e.g. the JSB chorales. */
    public PolyphonicModel trainPolyphonic(java.util.List<boolean[][]> train, java.util.List<boolean[][]> valid, Training plan) {
        return PolyphonicModel.train(config, train, valid, plan);
    }

    /** The builder over {@code config}: what the shared steps of {@link ModelBuilder} return. */
    @Override
    public Lstm with(LstmConfig config) { return new Lstm(config); }

    @Override
    public String toString() { return "lstm() " + config.toText() + " (train(data, epochs(n)) to train)"; }
}
