package tunesmith.latent;

import java.util.Locale;
import java.util.Objects;

/**
 * An attribute vector: the mean latent code of the tunes that have an attribute minus the mean of
 * those that do not (MusicVAE's attribute arithmetic, here from any corpus and any question about
 * a tune). Adding it to a code moves the decoded tune towards the attribute:
 * {@code space.decode(z.plus(density.times(1.5)))}.
 *
 * @param name        what it is called ("density", or the caller's name)
 * @param description what "with" and "without" mean, e.g. "more than 7 notes per bar vs fewer"
 * @param vector      mean(with) − mean(without)
 * @param with        tunes on the "with" side
 * @param without     tunes on the "without" side
 */
public record Attribute(String name, String description, Latent vector, int with, int without) {

    public Attribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(vector, "vector");
    }

    /** The vector scaled: {@code z.plus(attr.times(1.5))}, or {@code times(-1)} to take the attribute away. */
    public Latent times(double factor) { return vector.times(factor); }

    /** Length of the vector: how far apart the two groups' means lie in the latent space. */
    public double norm() { return vector.norm(); }

    /** {@code Attribute "density": more than 7 notes per bar vs fewer (812 vs 790 tunes), |v| 1.23} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Attribute \"%s\": %s (%,d vs %,d tunes), |v| %.3g", name, description, with, without, vector.norm());
    }
}
