package tunesmith.vae;

import java.util.List;
import tunesmith.music.Tune;

/**
 * Excerpts from the prior N(0, I): {@code vae.sample().temperature(0.5).seed(3).count(4)}.
 * Immutable. Temperature 1 samples the decoder's own distribution at every step; lower is
 * more conservative; the same seed gives the same excerpts.
 */
public record VaeSampling(MusicVae model, double temperature, long seed) {

    public VaeSampling {
        if (!(temperature > 0)) throw new IllegalArgumentException("temperature(" + temperature + "): expected a positive number, e.g. 0.5 or 1.0");
    }

    public VaeSampling temperature(double t) { return new VaeSampling(model, t, seed); }

    public VaeSampling seed(long s) { return new VaeSampling(model, temperature, s); }

    public List<Tune> count(int n) {
        if (n < 1) throw new IllegalArgumentException("count(" + n + "): expected at least 1");
        return model.sampleSlices(n, temperature, seed).stream().map(s -> s.toTune(model.grid(), null)).toList();
    }

    public List<Slice> slices(int n) { return model.sampleSlices(n, temperature, seed); }

    @Override
    public String toString() { return "VAE sampling at temperature " + temperature + ", seed " + seed + " (count(n) to draw)"; }
}
