package tunesmith.counterpoint;

import tunesmith.corpus.Chorales;
import tunesmith.train.Training;

/**
 * The fluent start of a harmonizer: {@code counterpoint().units(192).train(chorales(), epochs(40))}.
 * Immutable: each step returns a new builder. Defaults: {@link CounterpointConfig#DEFAULTS}.
 */
public record CounterpointBuilder(CounterpointConfig config) {

    public static CounterpointBuilder counterpoint() { return new CounterpointBuilder(CounterpointConfig.DEFAULTS); }

    /** LSTM layers of the encoder (each bidirectional) and of the decoder. */
    public CounterpointBuilder layers(int n) { return new CounterpointBuilder(config.withLayers(n)); }

    /** Units of every LSTM (per direction in the encoder). */
    public CounterpointBuilder units(int n) { return new CounterpointBuilder(config.withUnits(n)); }

    /** Width of each voice's hidden output layer. */
    public CounterpointBuilder head(int n) { return new CounterpointBuilder(config.withHead(n)); }

    public CounterpointBuilder dropout(double p) { return new CounterpointBuilder(config.withDropout(p)); }

    public CounterpointBuilder learningRate(double rate) { return new CounterpointBuilder(config.withLearningRate(rate)); }

    /** Multiplies the learning rate by this after every epoch. */
    public CounterpointBuilder decay(double factor) { return new CounterpointBuilder(config.withDecay(factor)); }

    public CounterpointBuilder clip(double norm) { return new CounterpointBuilder(config.withClip(norm)); }

    /** Chorales per batch. */
    public CounterpointBuilder batch(int size) { return new CounterpointBuilder(config.withBatch(size)); }

    public CounterpointBuilder seed(long seed) { return new CounterpointBuilder(config.withSeed(seed)); }

    /** Random transposition of each training chorale per epoch, up to this many semitones (0: none). */
    public CounterpointBuilder transpose(int semitones) { return new CounterpointBuilder(config.withTranspose(semitones)); }

    /** Trains on the chorales' train split, validating on their valid split (early stopping, checkpoints: see {@link Training}). */
    public Counterpoint train(Chorales chorales, Training plan) { return Counterpoint.train(config, chorales, plan); }

    @Override
    public String toString() { return "counterpoint() " + config.toText() + " (train(chorales(), epochs(n)) to train)"; }
}
