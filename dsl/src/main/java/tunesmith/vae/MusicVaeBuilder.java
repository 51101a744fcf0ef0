package tunesmith.vae;

import tunesmith.corpus.Corpus;
import tunesmith.train.Training;

/**
 * The fluent start of a VAE: {@code musicVae().bars(2).dimension(64).train(corpus, epochs(5))}.
 * Immutable: each step returns a new builder. Defaults: {@link VaeConfig#DEFAULTS}.
 */
public record MusicVaeBuilder(VaeConfig config) {

    public static MusicVaeBuilder musicVae() { return new MusicVaeBuilder(VaeConfig.DEFAULTS); }

    public MusicVaeBuilder bars(int n) { return new MusicVaeBuilder(config.withBars(n)); }

    /** The latent space's dimension, the size of z (the trained model's {@code dimension()}). */
    public MusicVaeBuilder dimension(int size) { return new MusicVaeBuilder(config.withLatent(size)); }

    /** The old name of {@link #dimension}. */
    @Deprecated
    public MusicVaeBuilder latent(int size) { return dimension(size); }

    public MusicVaeBuilder encoderUnits(int n) { return new MusicVaeBuilder(config.withEncoderUnits(n)); }

    public MusicVaeBuilder decoderUnits(int n) { return new MusicVaeBuilder(config.withDecoderUnits(n)); }

    /**
     * The hierarchical decoder, for long excerpts ({@code bars(8)}, {@code bars(16)}): a conductor
     * LSTM of {@code units} cells emits one embedding per bar, and each bar is decoded from its own.
     * 0 is the flat decoder (the default).
     */
    public MusicVaeBuilder conductor(int units) { return new MusicVaeBuilder(config.withConductorUnits(units)); }

    /** The KL term's final weight. */
    public MusicVaeBuilder beta(double b) { return new MusicVaeBuilder(config.withBeta(b)); }

    /** KL annealing: β·(1 − rate^batch); 0 gives the full β from the start. */
    public MusicVaeBuilder betaRate(double rate) { return new MusicVaeBuilder(config.withBetaRate(rate)); }

    /**
     * Free nats: nats of KL per excerpt that cost nothing, the budget the KL settles at (what z may
     * carry about an excerpt; the prior pays for it).
     */
    public MusicVaeBuilder freeNats(double nats) { return new MusicVaeBuilder(config.withFreeNats(nats)); }

    /** The old name of {@link #freeNats}: the budget is in nats, not bits. */
    @Deprecated
    public MusicVaeBuilder freeBits(double nats) { return freeNats(nats); }

    public MusicVaeBuilder learningRate(double rate) { return new MusicVaeBuilder(config.withLearningRate(rate)); }

    /** Learning rate multiplier per batch. */
    public MusicVaeBuilder decay(double factor) { return new MusicVaeBuilder(config.withDecay(factor)); }

    public MusicVaeBuilder clip(double norm) { return new MusicVaeBuilder(config.withClip(norm)); }

    public MusicVaeBuilder batch(int size) { return new MusicVaeBuilder(config.withBatch(size)); }

    public MusicVaeBuilder seed(long seed) { return new MusicVaeBuilder(config.withSeed(seed)); }

    /** The grid's pitch range (MIDI, inclusive). */
    public MusicVaeBuilder range(int lowest, int highest) { return new MusicVaeBuilder(config.withRange(lowest, highest)); }

    /** The corpus cut into this model's excerpts and split by tune, to look at or to train on. */
    public VaeData data(Corpus corpus) { return VaeData.of(corpus, config); }

    public MusicVae train(Corpus corpus, Training plan) { return train(data(corpus), plan); }

    public MusicVae train(VaeData data, Training plan) { return MusicVae.train(config, data, plan); }

    @Override
    public String toString() { return "musicVae() " + config.toText() + " (train(corpus, epochs(n)) to train)"; }
}
