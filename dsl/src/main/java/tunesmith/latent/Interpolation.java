package tunesmith.latent;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import tunesmith.music.Tune;

/**
 * Two ways from tune {@code a} to tune {@code b} in the same number of steps, to be compared side
 * by side as in the MusicVAE paper: {@link #latent()} decodes points on the spherical path between
 * their codes; {@link #data()} mixes the two melodies themselves on the 16th-note grid (see
 * {@link LatentSpace#interpolateData}). A good latent space gives a latent row whose every step
 * is a plausible tune; the data row shows what mere mixing sounds like.
 *
 * @param a      where both rows start
 * @param b      where both rows end
 * @param path   the codes of the latent row, {@code a}'s code first and {@code b}'s last
 * @param latent the decoded path
 * @param data   the data-space mixtures, {@code a}'s opening first and {@code b}'s last
 */
public record Interpolation(Tune a, Tune b, List<Latent> path, List<Tune> latent, List<Tune> data) {

    public Interpolation {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        path = List.copyOf(path);
        latent = List.copyOf(latent);
        data = List.copyOf(data);
        if (path.size() != latent.size() || latent.size() != data.size())
            throw new IllegalArgumentException("An interpolation has as many codes, latent tunes and data tunes: got " + path.size() + ", " + latent.size() + ", " + data.size());
    }

    /** Number of steps, ends included. */
    public int steps() { return latent.size(); }

    /**
     * The two rows side by side, one line per step: the fraction of the way, then the first line of
     * music of the latent tune and of the data tune.
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Interpolation ").append(Excerpt.describe(a)).append(" -> ").append(Excerpt.describe(b))
                .append(", ").append(steps()).append(" steps (latent: spherical; data: 16ths mixed on the grid)");
        int width = 0;
        for (Tune t : latent) width = Math.max(width, Excerpt.firstLine(t).length());
        width = Math.min(width, 60);
        for (int k = 0; k < steps(); k++) {
            String l = Excerpt.firstLine(latent.get(k));
            if (l.length() > width) l = l.substring(0, width - 3) + "...";
            s.append(String.format(Locale.ROOT, "%n  %.2f  latent %-" + width + "s  |  data %s", steps() == 1 ? 0.0 : k / (double) (steps() - 1), l,
                    Excerpt.firstLine(data.get(k))));
        }
        return s.toString();
    }
}
