package tunesmith.vae;

import java.util.List;
import tunesmith.music.Tune;

/**
 * Excerpts from the prior N(0, I): {@code vae.sample().temperature(0.5).seed(3).count(4)}.
 * Immutable. Temperature 1 samples the decoder's own distribution at every step; lower is
 * more conservative; {@link #greedy()} (temperature 0) takes the likeliest step every time, so
 * only z varies. The same seed gives the same excerpts.
 */
public record VaeSampling(MusicVae model, double temperature, long seed) {

    public VaeSampling {
        if (!(temperature >= 0) || Double.isInfinite(temperature))
            throw new IllegalArgumentException("temperature(" + temperature + "): expected a positive number, e.g. 0.5 or 1.0 (or greedy())");
    }

    public VaeSampling temperature(double t) { return new VaeSampling(model, t, seed); }

    /** The likeliest step at every step (argmax): temperature 0. */
    public VaeSampling greedy() { return new VaeSampling(model, 0, seed); }

    public boolean isGreedy() { return temperature == 0; }

    /**
     * {@code n} samples of this sampling scored against a model's data, beside its reconstructions of the
     * held-out excerpts: {@code vae.sample().greedy().evaluate(data, 100)} (see {@link MusicVae#evaluatePrior}).
     */
    public VaeEvaluation evaluate(VaeData data, int n) { return model.evaluatePrior(data, this, n); }

    public VaeSampling seed(long s) { return new VaeSampling(model, temperature, s); }

    public List<Tune> count(int n) {
        if (n < 1) throw new IllegalArgumentException("count(" + n + "): expected at least 1");
        return model.sampleSlices(n, temperature, seed).stream().map(s -> s.toTune(model.grid(), null)).toList();
    }

    public List<Slice> slices(int n) { return model.sampleSlices(n, temperature, seed); }

    @Override
    public String toString() { return "VAE sampling " + (isGreedy() ? "greedily" : "at temperature " + temperature) + ", seed " + seed + " (count(n) to draw)"; }
}
