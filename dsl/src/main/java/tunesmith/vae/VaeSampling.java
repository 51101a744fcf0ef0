package tunesmith.vae;

import java.util.ArrayList;
import java.util.List;
import tunesmith.notation.AbcWriter;
import tunesmith.sample.Sample;
import tunesmith.sample.Sampler;
import tunesmith.sample.Samples;
import tunesmith.sample.Strategy;

/**
 * Excerpts from the prior N(0, I): {@code vae.sample().temperature(0.5).seed(3).count(4)}.
 * Immutable. The decoder's steps are chosen by the same strategies as every model's
 * ({@link Strategy}): temperature 1 (the default) samples the decoder's own distribution,
 * lower is more conservative, {@link #topK}/{@link #topP} cut its tail, {@link #greedy()} takes
 * the likeliest step every time, so only z varies (the steps of {@link Sampler}). The same seed
 * gives the same excerpts.
 */
public record VaeSampling(MusicVae model, Strategy strategy, long seed) implements Sampler<VaeSampling> {

    @Override
    public VaeSampling seed(long s) { return new VaeSampling(model, strategy, s); }

    /** The temperature the strategy samples at; 0 when greedy. */
    public double temperature() { return isGreedy() ? 0 : strategy.temperature(); }

    @Override
    public VaeSampling with(Strategy s) { return new VaeSampling(model, s, seed); }

    /**
     * {@code n} samples of this sampling scored against a model's data, beside its reconstructions of the
     * held-out excerpts: {@code vae.sample().greedy().evaluate(data, 100)} (see {@link MusicVae#evaluatePrior}).
     */
    public VaeEvaluationReport evaluate(VaeData data, int n) { return model.evaluatePrior(data, this, n); }

    /** {@code n} excerpts as samples (every one reads: the decoder writes whole bars of its meter), with their ABC. */
    public Samples count(int n) {
        if (n < 1) throw new IllegalArgumentException("count(" + n + "): expected at least 1");
        List<Sample> out = new ArrayList<>();
        List<Excerpt> excerpts = excerpts(n);
        for (int i = 0; i < excerpts.size(); i++) {
            var tune = excerpts.get(i).toTune(model.grid(), null).withTitle("Sample " + (i + 1));
            out.add(Sample.valid(i + 1, AbcWriter.write(tune), tune, excerpts.get(i).length()));
        }
        return new Samples(out, strategy + ", seed " + seed);
    }

    /** {@code n} excerpts from the prior, as the decoder writes them (meter class and grid steps). */
    public List<Excerpt> excerpts(int n) { return model.sampleExcerpts(n, strategy, seed); }

    /** The old name of {@link #excerpts}. */
    @Deprecated
    public List<Excerpt> slices(int n) { return excerpts(n); }

    @Override
    public String toString() { return "VAE sampling " + (isGreedy() ? "greedily" : strategy.toString()) + ", seed " + seed + " (count(n) to draw)"; }
}
