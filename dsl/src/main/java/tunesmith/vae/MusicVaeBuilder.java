package tunesmith.vae;

import tunesmith.corpus.Corpus;
import tunesmith.train.ModelBuilder;
import tunesmith.train.Training;

/**
 * The fluent start of a VAE: {@code musicVae().bars(2).dimension(64).train(corpus, epochs(5))}.
 * Immutable: each step returns a new builder. Defaults: {@link VaeConfig#DEFAULTS}; learning rate,
 * decay (per batch), clip, batch and seed are {@link ModelBuilder}'s steps.
 */
public record MusicVaeBuilder(VaeConfig config) implements ModelBuilder<VaeConfig, MusicVaeBuilder> {

    public static MusicVaeBuilder musicVae() { return new MusicVaeBuilder(VaeConfig.DEFAULTS); }

    public MusicVaeBuilder bars(int n) { return with(config.withBars(n)); }

    /** The latent space's dimension, the size of z (the trained model's {@code dimension()}). */
    public MusicVaeBuilder dimension(int size) { return with(config.withLatent(size)); }

    /** The old name of {@link #dimension}. */
    @Deprecated
    public MusicVaeBuilder latent(int size) { return dimension(size); }

    public MusicVaeBuilder encoderUnits(int n) { return with(config.withEncoderUnits(n)); }

    public MusicVaeBuilder decoderUnits(int n) { return with(config.withDecoderUnits(n)); }

    /**
     * The hierarchical decoder, for long excerpts ({@code bars(8)}, {@code bars(16)}): a conductor
     * LSTM of {@code units} cells emits one embedding per bar, and each bar is decoded from its own.
     * 0 is the flat decoder (the default).
     */
    public MusicVaeBuilder conductor(int units) { return with(config.withConductorUnits(units)); }

    /** The KL term's final weight. */
    public MusicVaeBuilder beta(double b) { return with(config.withBeta(b)); }

    /** KL annealing: β·(1 − rate^batch); 0 gives the full β from the start. */
    public MusicVaeBuilder betaRate(double rate) { return with(config.withBetaRate(rate)); }

    /**
     * Free nats: nats of KL per excerpt that cost nothing, the budget the KL settles at (what z may
     * carry about an excerpt; the prior pays for it).
     */
    public MusicVaeBuilder freeNats(double nats) { return with(config.withFreeNats(nats)); }

    /** The old name of {@link #freeNats}: the budget is in nats, not bits. */
    @Deprecated
    public MusicVaeBuilder freeBits(double nats) { return freeNats(nats); }

    /** The grid's pitch range (MIDI, inclusive). */
    public MusicVaeBuilder range(int lowest, int highest) { return with(config.withRange(lowest, highest)); }

    /** The corpus cut into this model's excerpts and split by tune, to look at or to train on. */
    public VaeData data(Corpus corpus) { return VaeData.of(corpus, config); }

    public MusicVae train(Corpus corpus, Training plan) { return train(data(corpus), plan); }

    public MusicVae train(VaeData data, Training plan) { return MusicVae.train(config, data, plan); }

    /** The builder over {@code config}: what the shared steps of {@link ModelBuilder} return. */
    @Override
    public MusicVaeBuilder with(VaeConfig config) { return new MusicVaeBuilder(config); }

    @Override
    public String toString() { return "musicVae() " + config.toText() + " (train(corpus, epochs(n)) to train)"; }
}
