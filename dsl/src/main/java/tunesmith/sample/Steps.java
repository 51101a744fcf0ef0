package tunesmith.sample;

/**
 * A model's stateful next-token distribution, for {@link Generation}: the model's conditioning (a
 * prime, a latent code) is applied when it is made; then each call takes the tokens just chosen
 * and advances every sample's state one step, never re-running the prefix.
 */
public interface Steps {

    /** The number of token classes (the width of a row). */
    int vocabulary();

    /** The distribution of each sample's first token: {@code [n][vocabulary]} row-major, non-negative. */
    float[] first();

    /** After feeding each sample the token it chose (a finished sample's is its last again): the next distributions. */
    float[] next(int[] tokens);
}
