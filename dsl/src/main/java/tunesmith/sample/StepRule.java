package tunesmith.sample;

/**
 * What one sample may choose besides the model's wish: a rule masks the distribution before each
 * choice, hears the token chosen, and says when the sample is complete (an end token, a length).
 */
public interface StepRule {

    /** Sets to 0 the probability of every token that may not come next. */
    void mask(double[] probabilities);

    /** The token chosen at this step. */
    void accept(int token);

    /** Whether the sample is complete (no further token is chosen for it). */
    boolean done();
}
