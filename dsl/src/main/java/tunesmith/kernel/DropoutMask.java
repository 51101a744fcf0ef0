package tunesmith.kernel;

import java.util.SplittableRandom;

/**
 * Inverted dropout drawn in Java: each element kept with probability {@code keep} and then scaled
 * by {@code 1/keep}, otherwise zero, so the expected activation is unchanged and inference needs
 * no scaling (the rule of Deeplearning4j's {@code Dropout}). ND4J's dropout copies the input,
 * draws a mask array and multiplies, three passes on one thread; here the mask is drawn into a
 * reused array while the layer copies its input anyway, split over the kernel threads.
 *
 * <p>Row {@code r}'s values depend only on {@code (seed, r)}, so a mask is the same however the
 * rows are split over threads.
 */
public final class DropoutMask {

    private DropoutMask() {}

    private static final long ROW_GAMMA = 0x9E3779B97F4A7C15L;

    /**
     * Fills {@code mask[r*width .. (r+1)*width)} for rows {@code [from, to)} with {@code 1/keep}
     * (probability {@code keep}) or 0.
     */
    public static void fill(float[] mask, int width, int from, int to, long seed, double keep) {
        if (!(keep > 0 && keep <= 1))
            throw new IllegalArgumentException("dropout keeps a fraction in (0, 1] of the activations, not " + keep);
        float scale = (float) (1.0 / keep);
        // compare 24 random bits with keep * 2^24: one int a decision, no float conversion
        int threshold = (int) Math.round(keep * (1 << 24));
        for (int r = from; r < to; r++) {
            SplittableRandom rng = new SplittableRandom(seed + r * ROW_GAMMA);
            for (int i = r * width, end = i + width; i < end; i++)
                mask[i] = (rng.nextInt() >>> 8) < threshold ? scale : 0f;
        }
    }

    /** {@code mask} for {@code rows} rows over the kernel threads; see {@link #fill}. */
    public static void fill(float[] mask, int width, int rows, long seed, double keep) {
        int parts = Math.max(1, Math.min(Workers.threads(), rows / 64));
        Workers.split(parts, (p, ps) -> fill(mask, width, Workers.bound(rows, p, ps, 1), Workers.bound(rows, p + 1, ps, 1), seed, keep));
    }
}
