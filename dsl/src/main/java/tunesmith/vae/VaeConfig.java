package tunesmith.vae;

import tunesmith.train.Settings;
import tunesmith.train.TrainingSettings;

import java.util.Map;

/**
 * Hyperparameters of the recurrent VAE, validated, every default in one place and explained.
 * Round-trips through text ({@link #toText()} / {@link #parse(String)}) and is saved with the model.
 *
 * <p>MusicVAE's 2-bar melody model ({@code cat-mel_2bar_small}: a 512-unit bidirectional encoder,
 * a 2×256 decoder, z of 256, β ≤ 0.2) trains for days on a GPU; these defaults are sized for
 * minutes on a 2-core machine.
 *
 * @param bars         bars per excerpt (2: MusicVAE's short melody model; 4..16 are longer excerpts)
 * @param latent       size of z (64: enough for a 2-bar melody's pitches and rhythm, small enough to
 *                     interpolate and to fit attribute vectors on a few hundred tunes)
 * @param encoderUnits LSTM cells per direction of the bidirectional encoder (128)
 * @param decoderUnits LSTM cells of the decoder (256: the decoder does most of the work per step)
 * @param beta         the largest weight of the KL term (0.2, as MusicVAE's melody models: a smaller
 *                     β keeps more of the melody in z, better reconstructions, a rougher prior)
 * @param betaRate     KL annealing: β at step n is {@code beta·(1 − betaRate^n)} (0.999: most of β
 *                     after ~3,000 batches, so z is used before the KL term presses on it)
 * @param freeNats     nats of KL per excerpt that cost nothing (64: z may carry that much about
 *                     each excerpt freely; keeps the posterior from collapsing onto the prior). The
 *                     KL settles at this budget and reconstruction is bounded by it: in 330 s on the
 *                     folk corpora (bench/musicvae.sh) 16 nats held the KL at 17 and test teacher-forced
 *                     accuracy at 0.71; 48 held it at 47.7 with accuracy 0.82 (and learning rate 0.002);
 *                     a 2-bar melody's pitches and rhythm take more than that
 * @param learningRate Adam's step size at the start (0.002: twice MusicVAE's 0.001, because here a
 *                     run is minutes, not days; with the global-norm clip it trained stably on the folk
 *                     corpora, and 0.002 with 48 free nats reached 0.79 valid accuracy after 2 epochs
 *                     where 0.001 with 16 reached 0.69)
 * @param decay        learning rate multiplier per batch (0.9999, as MusicVAE: ×0.37 after 10,000 batches)
 * @param clip         global gradient L2 norm clip (1.0, as MusicVAE)
 * @param batch        excerpts per batch (64: bigger batches make the per-step GEMMs more efficient on CPU)
 * @param seed         seed of weights, noise, shuffling and the train/valid/test split (42)
 * @param lowest       lowest MIDI pitch of the grid (48, C3)
 * @param highest      highest MIDI pitch of the grid (84, C6: with 48, the melody grid's default
 *                     three octaves, which hold the folk fiddle and flute tunes)
 * @param conductorUnits 0 (default): the flat decoder, one LSTM over the whole excerpt, MusicVAE's
 *                     2-bar model. Above 0: the hierarchical decoder for long excerpts (MusicVAE's
 *                     8- and 16-bar models): a conductor LSTM of this many cells, started from z,
 *                     emits one embedding per bar; each bar is decoded by the bottom LSTM started
 *                     from that embedding (tanh dense, h and c) and reading it beside the previous
 *                     step, so no bar has to carry z's information through the bars before it.
 *                     Older files have no such setting and read as 0
 */
public record VaeConfig(int bars, int latent, int encoderUnits, int decoderUnits, double beta, double betaRate,
                        double freeNats, double learningRate, double decay, double clip, int batch, long seed,
                        int lowest, int highest, int conductorUnits) implements TrainingSettings<VaeConfig> {

    public static final VaeConfig DEFAULTS = new VaeConfig(2, 64, 128, 256, 0.2, 0.999, 64, 0.002, 0.9999, 1.0, 64, 42, 48, 84, 0);

    public VaeConfig {
        check(bars >= 1 && bars <= 16, "bars", bars, "1..16");
        check(latent >= 1 && latent <= 4096, "latent", latent, "1..4096");
        check(encoderUnits >= 1 && encoderUnits <= 4096, "encoderUnits", encoderUnits, "1..4096");
        check(decoderUnits >= 1 && decoderUnits <= 4096, "decoderUnits", decoderUnits, "1..4096");
        check(beta >= 0 && beta <= 10, "beta", beta, "0..10 (0 turns the KL term off: an autoencoder)");
        check(betaRate >= 0 && betaRate < 1, "betaRate", betaRate, "0 (full beta at once) up to below 1");
        check(freeNats >= 0, "freeNats", freeNats, "0 or more nats");
        check(learningRate > 0 && learningRate < 1, "learningRate", learningRate, "between 0 and 1, e.g. 0.001");
        check(decay > 0 && decay <= 1, "decay", decay, "in (0, 1]; 1 keeps the rate constant");
        check(clip > 0, "clip", clip, "a positive gradient norm, e.g. 1");
        check(batch >= 1 && batch <= 4096, "batch", batch, "1..4096");
        check(conductorUnits >= 0 && conductorUnits <= 4096, "conductorUnits", conductorUnits, "0 (the flat decoder) or 1..4096 (hierarchical)");
        check(conductorUnits == 0 || bars >= 2, "bars", bars, "2 or more for the hierarchical decoder (conductorUnits " + conductorUnits + "), which decodes bar by bar");
        check(lowest >= 0 && highest <= 127 && highest - lowest >= 11, "lowest..highest", lowest + ".." + highest,
                "MIDI numbers 0..127 spanning at least an octave");
    }

    private static void check(boolean ok, String name, Object value, String expected) {
        if (!ok) throw new IllegalArgumentException(name + " = " + value + " is out of range: expected " + expected);
    }

    /** β after {@code step} batches: {@code beta·(1 − betaRate^step)}. */
    public double betaAt(long step) { return beta * (1 - Math.pow(betaRate, step)); }

    /** The learning rate after {@code step} batches. */
    public double learningRateAt(long step) { return learningRate * Math.pow(decay, step); }

    public VaeConfig withBars(int v) { return new VaeConfig(v, latent, encoderUnits, decoderUnits, beta, betaRate, freeNats, learningRate, decay, clip, batch, seed, lowest, highest, conductorUnits); }
    public VaeConfig withLatent(int v) { return new VaeConfig(bars, v, encoderUnits, decoderUnits, beta, betaRate, freeNats, learningRate, decay, clip, batch, seed, lowest, highest, conductorUnits); }
    public VaeConfig withEncoderUnits(int v) { return new VaeConfig(bars, latent, v, decoderUnits, beta, betaRate, freeNats, learningRate, decay, clip, batch, seed, lowest, highest, conductorUnits); }
    public VaeConfig withDecoderUnits(int v) { return new VaeConfig(bars, latent, encoderUnits, v, beta, betaRate, freeNats, learningRate, decay, clip, batch, seed, lowest, highest, conductorUnits); }
    public VaeConfig withBeta(double v) { return new VaeConfig(bars, latent, encoderUnits, decoderUnits, v, betaRate, freeNats, learningRate, decay, clip, batch, seed, lowest, highest, conductorUnits); }
    public VaeConfig withBetaRate(double v) { return new VaeConfig(bars, latent, encoderUnits, decoderUnits, beta, v, freeNats, learningRate, decay, clip, batch, seed, lowest, highest, conductorUnits); }
    public VaeConfig withFreeNats(double v) { return new VaeConfig(bars, latent, encoderUnits, decoderUnits, beta, betaRate, v, learningRate, decay, clip, batch, seed, lowest, highest, conductorUnits); }
    public VaeConfig withLearningRate(double v) { return new VaeConfig(bars, latent, encoderUnits, decoderUnits, beta, betaRate, freeNats, v, decay, clip, batch, seed, lowest, highest, conductorUnits); }
    public VaeConfig withDecay(double v) { return new VaeConfig(bars, latent, encoderUnits, decoderUnits, beta, betaRate, freeNats, learningRate, v, clip, batch, seed, lowest, highest, conductorUnits); }
    public VaeConfig withClip(double v) { return new VaeConfig(bars, latent, encoderUnits, decoderUnits, beta, betaRate, freeNats, learningRate, decay, v, batch, seed, lowest, highest, conductorUnits); }
    public VaeConfig withBatch(int v) { return new VaeConfig(bars, latent, encoderUnits, decoderUnits, beta, betaRate, freeNats, learningRate, decay, clip, v, seed, lowest, highest, conductorUnits); }
    public VaeConfig withSeed(long v) { return new VaeConfig(bars, latent, encoderUnits, decoderUnits, beta, betaRate, freeNats, learningRate, decay, clip, batch, v, lowest, highest, conductorUnits); }
    public VaeConfig withConductorUnits(int v) { return new VaeConfig(bars, latent, encoderUnits, decoderUnits, beta, betaRate, freeNats, learningRate, decay, clip, batch, seed, lowest, highest, v); }
    public VaeConfig withRange(int lo, int hi) { return new VaeConfig(bars, latent, encoderUnits, decoderUnits, beta, betaRate, freeNats, learningRate, decay, clip, batch, seed, lo, hi, conductorUnits); }

    /** "bars=2 latent=64 ..." — one line, saved with the model. */
    public String toText() { return Settings.toText(this); }

    /**
     * Reads {@link #toText()}; names missing from the text keep their default. {@code freeBits} is
     * the name files written before {@code freeNats} use.
     */
    public static VaeConfig parse(String text) { return Settings.parse(text, "VAE", DEFAULTS, Map.of("freeBits", "freeNats")); }

    @Override
    public String toString() { return "MusicVAE " + toText(); }
}
