package tunesmith.latent;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A point in a model's latent space: an immutable vector with the arithmetic that latent music
 * tools use (MusicVAE's attribute arithmetic {@code z.plus(attr.times(1.5))}, spherical
 * interpolation). Values are doubles so that sums and means of thousands of vectors stay exact
 * enough; a model reads them as floats ({@link #toFloats()}).
 */
public final class Latent {

    /** Components shown by {@link #toString()}: enough to tell two vectors apart at a glance. */
    private static final int SHOWN = 4;
    /** Below this angle (radians) slerp is lerp: sin(omega) would divide by almost nothing. */
    private static final double PARALLEL = 1e-7;

    private final double[] values;

    private Latent(double[] values) {
        for (int i = 0; i < values.length; i++) values[i] += 0.0; // -0.0 becomes 0.0: equal vectors are equal and hash alike
        this.values = values;
    }

    /** A vector of these components (copied). */
    public static Latent of(double... values) {
        Objects.requireNonNull(values, "values");
        if (values.length == 0) throw new IllegalArgumentException("A latent vector needs at least one component");
        for (int i = 0; i < values.length; i++)
            if (!Double.isFinite(values[i]))
                throw new IllegalArgumentException("Latent component " + i + " is " + values[i] + "; a latent vector must be finite (did the model diverge?)");
        return new Latent(values.clone());
    }

    /** A vector of a model's float output (copied). */
    public static Latent of(float[] values) {
        Objects.requireNonNull(values, "values");
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) d[i] = values[i];
        return of(d);
    }

    /** The origin of a space of {@code dimension} components: the mean of the N(0, I) prior. */
    public static Latent zero(int dimension) {
        if (dimension < 1) throw new IllegalArgumentException("zero(" + dimension + "): a latent space has at least one dimension");
        return new Latent(new double[dimension]);
    }

    /** The mean of some vectors of one dimension. */
    public static Latent mean(List<Latent> vectors) {
        Objects.requireNonNull(vectors, "vectors");
        if (vectors.isEmpty()) throw new IllegalArgumentException("mean of no latent vectors: give at least one");
        double[] sum = new double[vectors.get(0).dimension()];
        for (Latent v : vectors) {
            vectors.get(0).checkSame(v, "mean");
            for (int i = 0; i < sum.length; i++) sum[i] += v.values[i];
        }
        for (int i = 0; i < sum.length; i++) sum[i] /= vectors.size();
        return new Latent(sum);
    }

    public int dimension() { return values.length; }

    /** Component {@code i}. */
    public double get(int i) { return values[i]; }

    /** A copy of the components. */
    public double[] toArray() { return values.clone(); }

    /** The components as floats, as a {@link LatentModel} reads them. */
    public float[] toFloats() {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        return f;
    }

    // ---- arithmetic -----------------------------------------------------------------------

    public Latent plus(Latent other) {
        checkSame(other, "plus");
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) out[i] = values[i] + other.values[i];
        return new Latent(out);
    }

    /** {@code this + attribute}: an attribute vector moves a tune towards what it stands for. */
    public Latent plus(Attribute attribute) { return plus(attribute.vector()); }

    public Latent minus(Latent other) {
        checkSame(other, "minus");
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) out[i] = values[i] - other.values[i];
        return new Latent(out);
    }

    /** {@code this - attribute}: away from what the attribute stands for. */
    public Latent minus(Attribute attribute) { return minus(attribute.vector()); }

    public Latent times(double factor) {
        if (!Double.isFinite(factor)) throw new IllegalArgumentException("times(" + factor + "): the factor must be finite");
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) out[i] = values[i] * factor;
        return new Latent(out);
    }

    /** Euclidean length. */
    public double norm() {
        double s = 0;
        for (double v : values) s += v * v;
        return Math.sqrt(s);
    }

    public double dot(Latent other) {
        checkSame(other, "dot");
        double s = 0;
        for (int i = 0; i < values.length; i++) s += values[i] * other.values[i];
        return s;
    }

    /** Euclidean distance. */
    public double distance(Latent other) {
        checkSame(other, "distance");
        double s = 0;
        for (int i = 0; i < values.length; i++) { double d = values[i] - other.values[i]; s += d * d; }
        return Math.sqrt(s);
    }

    /** Cosine of the angle between the two vectors; 0 when either is the zero vector (no direction). */
    public double cosine(Latent other) {
        double n = norm() * other.norm();
        return n == 0 ? 0 : Math.max(-1, Math.min(1, dot(other) / n));
    }

    /** The straight-line point {@code (1 - t) this + t other}; t in 0..1. */
    public Latent lerp(Latent other, double t) {
        checkSame(other, "lerp");
        checkT(t, "lerp");
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) out[i] = (1 - t) * values[i] + t * other.values[i];
        return new Latent(out);
    }

    /**
     * Spherical interpolation, as MusicVAE interpolates: the direction moves along the great arc
     * between the two directions (Shoemake's slerp of the unit vectors) and the length moves
     * linearly from {@code |this|} to {@code |other|}. Points in between so keep the typical norm
     * of a draw from a high-dimensional Gaussian instead of cutting through the origin's
     * neighbourhood, which a straight line does and where the decoder has seen few codes. For two
     * vectors of one length this is exactly Shoemake's slerp; for different lengths it keeps every
     * norm between the two (Shoemake's formula overshoots when the angle is wide). Exactly
     * {@code this} at t = 0 and {@code other} at t = 1; where no arc is defined (a zero vector,
     * or opposite directions) the straight line.
     */
    public Latent slerp(Latent other, double t) {
        checkSame(other, "slerp");
        checkT(t, "slerp");
        if (t == 0) return this;
        if (t == 1) return other;
        double na = norm(), nb = other.norm();
        if (na == 0 || nb == 0) return lerp(other, t);
        double omega = Math.acos(Math.max(-1, Math.min(1, dot(other) / (na * nb))));
        double so = Math.sin(omega);
        if (so < PARALLEL) return lerp(other, t); // parallel: the line is the arc; opposite: there is no one arc
        double length = (1 - t) * na + t * nb;
        double wa = Math.sin((1 - t) * omega) / so / na, wb = Math.sin(t * omega) / so / nb;
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) out[i] = length * (wa * values[i] + wb * other.values[i]);
        return new Latent(out);
    }

    private static void checkT(double t, String op) {
        if (!(t >= 0 && t <= 1)) throw new IllegalArgumentException(op + "(other, " + t + "): t is the fraction of the way, 0..1");
    }

    private void checkSame(Latent other, String op) {
        Objects.requireNonNull(other, op + ": the other vector");
        if (other.values.length != values.length)
            throw new IllegalArgumentException(op + ": the vectors have " + values.length + " and " + other.values.length
                    + " components; they come from different models (a vector only makes sense in the latent space of the model that made it)");
    }

    @Override
    public boolean equals(Object o) { return o instanceof Latent l && Arrays.equals(l.values, values); }

    @Override
    public int hashCode() { return Arrays.hashCode(values); }

    /** {@code Latent(16: 0.412, -1.03, 0.0871, 2.2, ... |z| 4.01)} */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Latent(").append(values.length).append(": ");
        for (int i = 0; i < Math.min(SHOWN, values.length); i++) {
            if (i > 0) b.append(", ");
            b.append(String.format(Locale.ROOT, "%.3g", values[i]));
        }
        if (values.length > SHOWN) b.append(", ...");
        return b.append(String.format(Locale.ROOT, " |z| %.3g)", norm())).toString();
    }
}
