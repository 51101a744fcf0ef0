package tunesmith.train;

/**
 * A model kind's fluent, immutable builder over its settings {@code C}: the steps every kind shares
 * are written here once; a builder adds its own (layers, bars, ...) through {@link #with}.
 */
public interface ModelBuilder<C extends TrainingSettings<C>, B extends ModelBuilder<C, B>> {

    /** The settings so far. */
    C config();

    /** A builder of the same kind over {@code config}. */
    B with(C config);

    /** Adam's step size. */
    default B learningRate(double rate) { return with(config().withLearningRate(rate)); }

    /** Multiplies the learning rate by this after each step of the schedule: an epoch for an LSTM, a batch for MusicVAE. */
    default B decay(double factor) { return with(config().withDecay(factor)); }

    /** The gradient norm clipping threshold. */
    default B clip(double norm) { return with(config().withClip(norm)); }

    /** Sequences (or excerpts) per batch. */
    default B batch(int size) { return with(config().withBatch(size)); }

    /** Seeds weights, dropout, noise and shuffling, so that a run can be repeated. */
    default B seed(long seed) { return with(config().withSeed(seed)); }
}
