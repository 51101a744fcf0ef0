package tunesmith.latent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.function.Predicate;
import tunesmith.corpus.Corpus;
import tunesmith.encode.EncodingException;
import tunesmith.encode.MelodyGrid;
import tunesmith.music.Tune;

/**
 * The latent operations over any {@link LatentModel} (the recurrent VAE, the linear baseline):
 * what MusicVAE offers (encode, decode, sample the prior, interpolate) and what its users asked for
 * (attribute vectors and latent maps of their own corpora, nearest neighbours). Immutable.
 *
 * <pre>{@code
 * var space = LatentSpace.of(vae);
 * var z = space.encode(tune("The Kesh"));
 * space.decode(z.plus(space.attribute("density", reels.tunes()).times(1.5)));
 * space.interpolate(kesh, maggie, 7);          // latent and data rows side by side
 * space.sample(4, 0.8, 1);
 * var folk = space.encode(corpus("oneills"));
 * folk.similar(kesh, 5);
 * folk.tsne().colorBy("rhythm");
 * }</pre>
 */
public final class LatentSpace {

    /** Tunes per call to the model: big enough to amortise a network's per-call cost, small enough to keep memory flat. */
    public static final int BATCH = 256;
    /** Seed of the order in which the data-space interpolation takes steps from b: fixed, so the same two tunes always mix the same way. */
    public static final long DATA_SEED = 0;

    private final LatentModel model;

    private LatentSpace(LatentModel model) { this.model = model; }

    public static LatentSpace of(LatentModel model) {
        Objects.requireNonNull(model, "model");
        if (model.dimension() < 1 || model.bars() < 1)
            throw new IllegalArgumentException("The model " + model + " reports dimension " + model.dimension() + " and " + model.bars() + " bars; both must be at least 1");
        return new LatentSpace(model);
    }

    public LatentModel model() { return model; }

    public int dimension() { return model.dimension(); }

    /** Bars the model reads and writes. */
    public int bars() { return model.bars(); }

    // ---- encode and decode ----------------------------------------------------------------

    /** The code of a tune's opening (the mean of q(z|x)). */
    public Latent encode(Tune tune) {
        Objects.requireNonNull(tune, "tune");
        if (!model.accepts(tune)) throw refused(tune, -1);
        return Latent.of(model.encode(List.of(tune))[0]);
    }

    /**
     * Codes of many tunes, in order, {@value #BATCH} per call to the model.
     *
     * @throws IllegalArgumentException naming the first tune the model refuses and why; {@link #encode(Corpus)} skips such tunes instead
     */
    public List<Latent> encodeAll(List<Tune> tunes) {
        Objects.requireNonNull(tunes, "tunes");
        for (int i = 0; i < tunes.size(); i++) if (!model.accepts(tunes.get(i))) throw refused(tunes.get(i), i);
        return batches(tunes);
    }

    private List<Latent> batches(List<Tune> tunes) {
        List<Latent> out = new ArrayList<>(tunes.size());
        for (int from = 0; from < tunes.size(); from += BATCH) {
            List<Tune> batch = tunes.subList(from, Math.min(tunes.size(), from + BATCH));
            float[][] z = model.encode(batch);
            if (z.length != batch.size())
                throw new IllegalStateException("The model " + model + " returned " + z.length + " codes for " + batch.size() + " tunes; a LatentModel gives one per tune");
            for (float[] v : z) out.add(Latent.of(v));
        }
        return out;
    }

    /**
     * The tunes of a corpus that the model accepts, with their codes; the others are listed with the
     * reason in {@link EncodedCorpus#skipped()}. Each tune is labelled with the corpus name.
     */
    public EncodedCorpus encode(Corpus corpus) {
        Objects.requireNonNull(corpus, "corpus");
        return encode(corpus.name(), corpus.tunes());
    }

    /** As {@link #encode(Corpus)}, for a list of tunes labelled {@code name}. */
    public EncodedCorpus encode(String name, List<Tune> tunes) {
        List<Tune> ok = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Tune t : tunes) {
            if (model.accepts(t)) ok.add(t);
            else skipped.add(reason(t));
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < ok.size(); i++) labels.add(name);
        return new EncodedCorpus(this, ok, batches(ok), labels, skipped, null);
    }

    private IllegalArgumentException refused(Tune tune, int index) {
        return new IllegalArgumentException((index >= 0 ? "Tune " + index + ", " : "") + reason(tune)
                + (index >= 0 ? ". Leave such tunes out, or use encode(corpus), which skips them and lists why" : ""));
    }

    /** Why the model refuses a tune, in its own words (accepts() says no; encode() says why). */
    private String reason(Tune tune) {
        try {
            model.encode(List.of(tune));
            return Excerpt.describe(tune) + ": the model does not accept it (and gave no reason)";
        } catch (RuntimeException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            return m.contains(tune.title()) ? m : Excerpt.describe(tune) + ": " + m;
        }
    }

    /** The tune a code decodes to (greedily), {@link #bars()} bars long. */
    public Tune decode(Latent z) { return decodeAll(List.of(z)).get(0); }

    /** Many codes decoded, {@value #BATCH} per call. */
    public List<Tune> decodeAll(List<Latent> zs) {
        List<Tune> out = new ArrayList<>(zs.size());
        for (int from = 0; from < zs.size(); from += BATCH) {
            List<Latent> batch = zs.subList(from, Math.min(zs.size(), from + BATCH));
            float[][] z = new float[batch.size()][];
            for (int i = 0; i < z.length; i++) z[i] = checkDimension(batch.get(i), "decode").toFloats();
            out.addAll(model.decode(z));
        }
        return List.copyOf(out);
    }

    private Latent checkDimension(Latent z, String op) {
        Objects.requireNonNull(z, op + ": the code");
        if (z.dimension() != dimension())
            throw new IllegalArgumentException(op + ": a code of " + z.dimension() + " dimensions given to a " + dimension()
                    + "-dimensional model; codes only make sense in the space of the model that made them");
        return z;
    }

    // ---- the prior --------------------------------------------------------------------------

    /**
     * {@code n} codes drawn from the prior N(0, I), each scaled by {@code temperature} (1 is the
     * prior itself; lower keeps nearer the typical tune, higher wanders further), seeded.
     */
    public List<Latent> prior(int n, double temperature, long seed) {
        if (n < 1) throw new IllegalArgumentException("prior(" + n + ", ...): ask for at least 1 code");
        if (!(temperature >= 0) || Double.isInfinite(temperature))
            throw new IllegalArgumentException("temperature " + temperature + ": expected a finite number >= 0 (1 samples the prior; 0 gives its mean)");
        Random r = new Random(seed);
        List<Latent> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] z = new double[dimension()];
            for (int d = 0; d < z.length; d++) z[d] = temperature * r.nextGaussian();
            out.add(Latent.of(z));
        }
        return List.copyOf(out);
    }

    /** {@code n} tunes decoded from {@link #prior(int, double, long)}. */
    public List<Tune> sample(int n, double temperature, long seed) { return decodeAll(prior(n, temperature, seed)); }

    // ---- interpolation ------------------------------------------------------------------------

    /** Codes on the spherical path from {@code a} to {@code b}, ends included. */
    public List<Latent> path(Latent a, Latent b, int steps) {
        checkSteps(steps);
        checkDimension(a, "path");
        checkDimension(b, "path");
        List<Latent> out = new ArrayList<>(steps);
        for (int k = 0; k < steps; k++) out.add(a.slerp(b, k / (double) (steps - 1)));
        return List.copyOf(out);
    }

    /**
     * From tune {@code a} to tune {@code b} in {@code steps} steps, ends included, both ways:
     * decoded from the spherical path between their codes, and mixed in data space
     * ({@link #interpolateData}); shown side by side.
     */
    public Interpolation interpolate(Tune a, Tune b, int steps) {
        List<Latent> p = path(encode(a), encode(b), steps);
        return new Interpolation(a, b, p, decodeAll(p), interpolateData(a, b, steps));
    }

    /**
     * The MusicVAE paper's data-space baseline, made deterministic: both openings on the 16th
     * grid ({@link #bars()} bars of 4/4 from the first full bar); at step k of n the first
     * {@code round(k/(n−1) · length)} positions of one fixed shuffled order (seeded
     * {@value #DATA_SEED}) take b's step, the others keep a's. Each step of the path so changes a
     * few more 16ths than the last, and a position once taken from b stays b's. A hold that lands
     * after the other tune's note holds that note (the grid's own reading).
     */
    public List<Tune> interpolateData(Tune a, Tune b, int steps) {
        checkSteps(steps);
        int[] sa = gridOpening(a), sb = gridOpening(b);
        int n = sa.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Random r = new Random(DATA_SEED);
        for (int i = n - 1; i > 0; i--) { int j = r.nextInt(i + 1); int t = order[i]; order[i] = order[j]; order[j] = t; }
        List<Tune> out = new ArrayList<>(steps);
        for (int k = 0; k < steps; k++) {
            int m = (int) Math.round(k / (double) (steps - 1) * n);
            int[] w = sa.clone();
            for (int i = 0; i < m; i++) w[order[i]] = sb[order[i]];
            out.add(Excerpt.tune(w, Excerpt.GRID, String.format(Locale.ROOT, "Data %d/%d", k, steps - 1)));
        }
        return List.copyOf(out);
    }

    private int[] gridOpening(Tune t) {
        try {
            return Excerpt.steps(t, bars(), Excerpt.GRID);
        } catch (EncodingException e) {
            throw new IllegalArgumentException("Data-space interpolation mixes two melodies on the 16th-note grid, and " + e.getMessage(), e);
        }
    }

    private static void checkSteps(int steps) {
        if (steps < 2 || steps > 1000) throw new IllegalArgumentException("interpolate: " + steps + " steps; expected 2..1000 (both ends included, so 2 is just a and b; 5 to 11 is usual)");
    }

    // ---- averages and attributes ------------------------------------------------------------

    /** The mean code of some tunes. */
    public Latent mean(List<Tune> tunes) {
        Objects.requireNonNull(tunes, "tunes");
        if (tunes.isEmpty()) throw new IllegalArgumentException("mean of no tunes: give at least one");
        return Latent.mean(encodeAll(tunes));
    }

    /** The tune at the mean code of some tunes: what they have in common, as the model sees it. */
    public Tune average(List<Tune> tunes) { return decode(mean(tunes)); }

    /** A built-in attribute vector ("density", "range", "major", "jig") from these tunes: see {@link EncodedCorpus#attribute(String)}. */
    public Attribute attribute(String name, List<Tune> tunes) { return encode("tunes", tunes).attribute(name); }

    /** An attribute vector from any question about a tune, from these tunes: with minus without. */
    public Attribute attribute(String name, Predicate<Tune> has, List<Tune> tunes) { return encode("tunes", tunes).attribute(name, has); }

    /** {@code LatentSpace(16-d, 2 bars) of LinearLatentModel(...)} */
    @Override
    public String toString() {
        return "LatentSpace(" + dimension() + "-d, " + bars() + " bars) of " + model;
    }

    /** The grid of the data-space interpolation and the built-in attributes: MIDI 48..84, notes outside moved by octaves. */
    public static MelodyGrid grid() { return Excerpt.GRID; }
}
