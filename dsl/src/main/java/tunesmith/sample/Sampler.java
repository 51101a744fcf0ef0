package tunesmith.sample;

/**
 * The steps that choose how a model samples, the same for every model kind:
 * {@code model.sample().topK(8).temperature(0.9).seed(3)}. A model's sampling is an immutable
 * record holding a {@link Strategy} and a seed; it gets these steps from here and adds its own
 * (a prime, a length, the latent code).
 */
public interface Sampler<S extends Sampler<S>> {

    Strategy strategy();

    long seed();

    /** The same sampling with another strategy. */
    S with(Strategy strategy);

    /** The same sampling with another seed: the same seed gives the same samples. */
    S seed(long seed);

    /**
     * At this temperature: 1 samples the model's own distribution, lower is more conservative, 0
     * is {@link #greedy()}. Top-k and top-p keep their cut and apply it at this temperature.
     */
    default S temperature(double t) {
        if (!(t >= 0) || Double.isInfinite(t))
            throw new IllegalArgumentException("temperature(" + t + "): expected a positive number, e.g. 0.5 or 1.0 (or greedy())");
        if (t == 0) return greedy();
        return with(isGreedy() ? Strategy.temperature(t) : strategy().withTemperature(t));
    }

    /** The likeliest step every time (argmax): deterministic. */
    default S greedy() { return with(Strategy.greedy()); }

    /** Each step from the k likeliest classes only, at the temperature so far. */
    default S topK(int k) { return with(Strategy.topK(k).withTemperature(strategy().temperature())); }

    /** Each step from the smallest set of classes whose probability reaches p (nucleus sampling), at the temperature so far. */
    default S topP(double p) { return with(Strategy.topP(p).withTemperature(strategy().temperature())); }

    default boolean isGreedy() { return strategy().kind() == Strategy.Kind.GREEDY; }
}
