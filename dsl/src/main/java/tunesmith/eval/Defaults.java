package tunesmith.eval;

/**
 * Every default of the eval package in one place, each with its reason. {@link Evaluation} and
 * {@link SampleStats} use these unless told otherwise.
 */
public final class Defaults {

    private Defaults() {}

    /**
     * 100 samples: enough that a fraction such as "share of valid samples" is known to within about
     * ±5 percentage points (the binomial standard error at 50% is 5%), few enough to generate in well
     * under a minute with a 2×256 LSTM on a laptop CPU (samples are generated side by side).
     */
    public static final int SAMPLES = 100;

    /**
     * Temperature 1: the model's own distribution. A model trained by likelihood should be judged by
     * what it actually learnt; cooler sampling hides its mistakes and makes copying more likely.
     */
    public static final double TEMPERATURE = 1.0;

    /** Seed 1, as {@code model.sample()} uses: the same call gives the same samples and the same report. */
    public static final long SEED = 1;

    /**
     * A sample copies the training data when 4 or more consecutive bars of it occur, consecutively
     * and note for note, in one training tune. Four bars are a whole phrase of a reel or jig; one- and
     * two-bar figures (cadences, rolls, arpeggios) recur by chance all over folk music and say little.
     */
    public static final int COPY_WINDOW = 4;

    /**
     * Added to every bin before taking KL(corpus ‖ samples), so that one pitch class or interval the
     * samples never play does not make the divergence infinite (see
     * {@link tunesmith.chart.Histograms#klDivergence}). 1e-6 is far below the share of one note in
     * any real set of samples (100 samples hold thousands of notes, shares of 1e-4 or more), so
     * finite divergences barely move, while a bin the samples miss costs about {@code p · ln(p / 1e-6)}
     * nats (1.15 for a bin with a tenth of the corpus's notes) instead of infinity.
     */
    public static final double KL_EPSILON = 1e-6;
}
