package tunesmith.latent;

import java.util.List;
import tunesmith.music.Tune;

/**
 * A model with a latent space (the recurrent VAE, or any other encoder and decoder): melody
 * excerpts of a fixed number of bars in, vectors out, and back. Latent arithmetic, attribute
 * vectors and projections are written against this, so they know nothing of how a model is built.
 */
public interface LatentModel {

    /** The length of a latent vector. */
    int dimension();

    /** How many bars an excerpt holds: {@link #encode} reads each tune's first {@code bars()} bars. */
    int bars();

    /**
     * Whether {@link #encode} can read this tune (its meter, its range, enough bars); the reason
     * otherwise is given by the exception {@code encode} throws.
     */
    boolean accepts(Tune tune);

    /** The mean of q(z|x) for each tune's first {@link #bars()} bars: one row per tune, in order, batched. */
    float[][] encode(List<Tune> tunes);

    /** Decodes each vector greedily (argmax at every step) into an excerpt of {@link #bars()} bars. */
    List<Tune> decode(float[][] z);
}
