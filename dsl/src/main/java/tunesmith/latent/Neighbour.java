package tunesmith.latent;

import java.util.Locale;
import tunesmith.music.Tune;

/**
 * A tune near another in latent space, from {@link EncodedCorpus#similar}.
 *
 * @param tune     the tune of the corpus
 * @param label    its corpus (the name it was encoded under)
 * @param distance Euclidean distance between the two codes
 */
public record Neighbour(Tune tune, String label, double distance) {

    /** {@code 0.000  X:12 "The Kesh" (oneills, jig, G major)} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.3f  %s (%s, %s, %s)", distance, Excerpt.describe(tune), label,
                tune.rhythm().isEmpty() ? "no rhythm" : tune.rhythm(), tune.key().describe());
    }
}
