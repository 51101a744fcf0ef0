package tunesmith.vae;

import java.util.ArrayList;
import java.util.List;
import tunesmith.notation.AbcWriter;
import tunesmith.sample.Sample;
import tunesmith.sample.Samples;
import tunesmith.sample.Strategy;

/**
 * Excerpts from the prior N(0, I): {@code vae.sample().temperature(0.5).seed(3).count(4)}.
 * Immutable. The decoder's steps are chosen by the same strategies as every model's
 * ({@link Strategy}): temperature 1 (the default) samples the decoder's own distribution,
 * lower is more conservative, {@link #topK}/{@link #topP} cut its tail, {@link #greedy()} takes
 * the likeliest step every time, so only z varies. The same seed gives the same excerpts.
 */
public record VaeSampling(MusicVae model, Strategy strategy, long seed) {

    /** At this temperature; 0 is {@link #greedy()}. */
    public VaeSampling temperature(double t) {
        if (!(t >= 0) || Double.isInfinite(t))
            throw new IllegalArgumentException("temperature(" + t + "): expected a positive number, e.g. 0.5 or 1.0 (or greedy())");
        if (t == 0) return greedy();
        return with(strategy.kind() == Strategy.Kind.GREEDY ? Strategy.temperature(t) : strategy.withTemperature(t));
    }

    /** The likeliest step at every step (argmax). */
    public VaeSampling greedy() { return with(Strategy.greedy()); }

    /** Each step from the k likeliest classes only. */
    public VaeSampling topK(int k) { return with(Strategy.topK(k).withTemperature(strategy.temperature())); }

    /** Each step from the smallest set of classes whose probability reaches p (nucleus sampling). */
    public VaeSampling topP(double p) { return with(Strategy.topP(p).withTemperature(strategy.temperature())); }

    public VaeSampling seed(long s) { return new VaeSampling(model, strategy, s); }

    public boolean isGreedy() { return strategy.kind() == Strategy.Kind.GREEDY; }

    /** The temperature the strategy samples at; 0 when greedy. */
    public double temperature() { return isGreedy() ? 0 : strategy.temperature(); }

    private VaeSampling with(Strategy s) { return new VaeSampling(model, s, seed); }

    /**
     * {@code n} samples of this sampling scored against a model's data, beside its reconstructions of the
     * held-out excerpts: {@code vae.sample().greedy().evaluate(data, 100)} (see {@link MusicVae#evaluatePrior}).
     */
    public VaeEvaluation evaluate(VaeData data, int n) { return model.evaluatePrior(data, this, n); }

    /** {@code n} excerpts as samples (every one reads: the decoder writes whole bars of its meter), with their ABC. */
    public Samples count(int n) {
        if (n < 1) throw new IllegalArgumentException("count(" + n + "): expected at least 1");
        List<Sample> out = new ArrayList<>();
        List<Slice> slices = slices(n);
        for (int i = 0; i < slices.size(); i++) {
            var tune = slices.get(i).toTune(model.grid(), null).withTitle("Sample " + (i + 1));
            out.add(Sample.valid(i + 1, AbcWriter.write(tune), tune, slices.get(i).length()));
        }
        return new Samples(out, strategy + ", seed " + seed);
    }

    public List<Slice> slices(int n) { return model.sampleSlices(n, strategy, seed); }

    @Override
    public String toString() { return "VAE sampling " + (isGreedy() ? "greedily" : strategy.toString()) + ", seed " + seed + " (count(n) to draw)"; }
}
