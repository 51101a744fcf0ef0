package tunesmith.latent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import tunesmith.corpus.Rhythms;
import tunesmith.encode.EncodingException;
import tunesmith.music.Mode;
import tunesmith.music.Tune;

/**
 * A corpus in a model's latent space: each tune the model accepts with its code and the name of
 * the corpus it came from, and the tunes it refused with the reason. The ground for nearest
 * neighbours ({@link #similar}), attribute vectors ({@link #attribute}) and latent maps
 * ({@link #pca()}, {@link #tsne()}), coloured by {@link #METADATA}. Immutable.
 *
 * <pre>{@code
 * var folk = space.encode(corpus("oneills")).plus(space.encode(corpus("ryans")));
 * folk.similar(tune("The Kesh"), 5);
 * folk.attribute("density");
 * folk.path(space.interpolate(a, b, 7)).tsne().colorBy("rhythm");
 * }</pre>
 */
public final class EncodedCorpus {

    /** The metadata a map can be coloured by: rhythm (R:, title or meter), mode, meter, corpus, key. */
    public static final List<String> METADATA = List.of("rhythm", "mode", "meter", "corpus", "key");
    /** The built-in attributes, see {@link #attribute(String)}. */
    public static final List<String> ATTRIBUTES = List.of("density", "range", "major", "jig");

    private final LatentSpace space;
    private final List<Tune> tunes;
    private final List<Latent> codes;
    private final List<String> labels;
    private final List<String> skipped;
    private final Interpolation path;

    EncodedCorpus(LatentSpace space, List<Tune> tunes, List<Latent> codes, List<String> labels, List<String> skipped, Interpolation path) {
        this.space = space;
        this.tunes = List.copyOf(tunes);
        this.codes = List.copyOf(codes);
        this.labels = List.copyOf(labels);
        this.skipped = List.copyOf(skipped);
        this.path = path;
    }

    public LatentSpace space() { return space; }

    /** The encoded tunes, in corpus order. */
    public List<Tune> tunes() { return tunes; }

    /** Their codes, in the same order. */
    public List<Latent> latents() { return codes; }

    /** The corpus name of each tune (what {@code colorBy("corpus")} shows). */
    public List<String> labels() { return labels; }

    /** Each refused tune with the model's reason. */
    public List<String> skipped() { return skipped; }

    public int size() { return tunes.size(); }

    /** Both corpora, each tune keeping the name of the one it came from. */
    public EncodedCorpus plus(EncodedCorpus other) {
        if (other.space.dimension() != space.dimension() || other.space.model() != space.model())
            throw new IllegalArgumentException("plus: the two corpora were encoded by different models (" + space.model() + " and " + other.space.model()
                    + "); codes of different models do not share a space, so encode both with the same LatentSpace");
        return new EncodedCorpus(space, concat(tunes, other.tunes), concat(codes, other.codes), concat(labels, other.labels),
                concat(skipped, other.skipped), path);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Only the tunes for which {@code keep} holds. */
    public EncodedCorpus where(Predicate<Tune> keep) {
        List<Tune> t = new ArrayList<>();
        List<Latent> c = new ArrayList<>();
        List<String> l = new ArrayList<>();
        for (int i = 0; i < size(); i++)
            if (keep.test(tunes.get(i))) { t.add(tunes.get(i)); c.add(codes.get(i)); l.add(labels.get(i)); }
        return new EncodedCorpus(space, t, c, l, skipped, path);
    }

    // ---- neighbours -----------------------------------------------------------------------

    /** The {@code k} tunes whose codes lie nearest the tune's code; a tune of the corpus finds itself first, at distance 0. */
    public List<Neighbour> similar(Tune tune, int k) { return similar(space.encode(tune), k); }

    /** The {@code k} tunes whose codes lie nearest {@code z}, nearest first (ties in corpus order). */
    public List<Neighbour> similar(Latent z, int k) {
        if (k < 1) throw new IllegalArgumentException("similar(..., " + k + "): ask for at least 1 neighbour");
        if (tunes.isEmpty()) throw new IllegalStateException("similar: this encoded corpus holds no tunes (" + skipped.size() + " were refused by the model)");
        double[] d = new double[size()];
        for (int i = 0; i < d.length; i++) d[i] = z.distance(codes.get(i));
        Integer[] order = new Integer[d.length];
        for (int i = 0; i < d.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> d[i]));
        List<Neighbour> out = new ArrayList<>();
        for (int i = 0; i < Math.min(k, order.length); i++) out.add(new Neighbour(tunes.get(order[i]), labels.get(order[i]), d[order[i]]));
        return List.copyOf(out);
    }

    // ---- attributes -------------------------------------------------------------------------

    /**
     * A built-in attribute vector, measured on the opening the model reads (its first
     * {@code bars()} bars of 4/4 sixteenths):
     * <ul>
     * <li>{@code "density"}: more notes per bar than this corpus's median vs fewer;
     * <li>{@code "range"}: a wider span from lowest to highest note than the median vs narrower;
     * <li>{@code "major"}: major (K: ...maj) vs minor (K: ...m) tunes; other modes are left out;
     * <li>{@code "jig"}: jigs vs reels (rhythm from R:, the title or the meter); other rhythms are left out.
     * </ul>
     * Tunes at the median, or whose opening is off the 16th grid, are on neither side.
     */
    public Attribute attribute(String name) {
        Objects.requireNonNull(name, "name");
        return switch (name.toLowerCase(Locale.ROOT).strip()) {
            case "density", "note density" -> median("density", "notes per bar", t -> Excerpt.notes(opening(t)) / (double) space.bars());
            case "range", "pitch range" -> median("range", "semitones from lowest to highest note", t -> Excerpt.range(opening(t), Excerpt.GRID));
            case "major", "major vs minor", "mode" -> attribute("major", "major vs minor",
                    t -> t.key().isTonal() && t.key().mode() == Mode.MAJOR, t -> t.key().isTonal() && t.key().mode() == Mode.MINOR);
            case "jig", "jig vs reel" -> attribute("jig", "jigs vs reels", t -> Rhythms.of(t).equals("jig"), t -> Rhythms.of(t).equals("reel"));
            default -> throw new IllegalArgumentException("No built-in attribute '" + name + "'; the built-ins are " + ATTRIBUTES
                    + ". For your own, give a question about a tune: attribute(\"name\", tune -> ...)");
        };
    }

    /** An attribute vector from any question about a tune: the tunes for which it holds against all the others. */
    public Attribute attribute(String name, Predicate<Tune> has) {
        Objects.requireNonNull(has, "has");
        return attribute(name, "with vs without", has, has.negate());
    }

    /** An attribute vector of two groups: mean code of {@code with} minus mean code of {@code without}; a tune in neither is left out. */
    public Attribute attribute(String name, String description, Predicate<Tune> with, Predicate<Tune> without) {
        List<Latent> yes = new ArrayList<>(), no = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            Tune t = tunes.get(i);
            boolean w = with.test(t), wo = without.test(t);
            if (w && wo) throw new IllegalArgumentException("attribute '" + name + "': " + Excerpt.describe(t) + " is on both sides; the two groups must not overlap");
            if (w) yes.add(codes.get(i));
            else if (wo) no.add(codes.get(i));
        }
        if (yes.isEmpty() || no.isEmpty())
            throw new IllegalArgumentException("attribute '" + name + "' (" + description + "): " + yes.size() + " tunes with it and " + no.size()
                    + " without, among the " + size() + " encoded tunes of " + corpusNames() + "; a vector needs tunes on both sides, so use a corpus that has both");
        return new Attribute(name, description, Latent.mean(yes).minus(Latent.mean(no)), yes.size(), no.size());
    }

    private Attribute median(String name, String unit, ToDoubleFunction<Tune> measure) {
        double[] v = new double[size()];
        List<Double> known = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            try {
                v[i] = measure.applyAsDouble(tunes.get(i));
                known.add(v[i]);
            } catch (EncodingException e) {
                v[i] = Double.NaN; // off the grid: measured by neither side
            }
        }
        if (known.isEmpty())
            throw new IllegalArgumentException("attribute '" + name + "': no tune of " + corpusNames() + " has an opening on the 16th-note grid to measure");
        double[] s = known.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double m = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        Map<Tune, Double> value = new java.util.IdentityHashMap<>();
        for (int i = 0; i < v.length; i++) value.put(tunes.get(i), v[i]);
        String med = String.format(Locale.ROOT, "%.3g", m);
        return attribute(name, "more than the median " + med + " " + unit + " vs fewer",
                t -> value.getOrDefault(t, Double.NaN) > m, t -> value.getOrDefault(t, Double.NaN) < m);
    }

    private int[] opening(Tune t) { return Excerpt.steps(t, space.bars(), Excerpt.GRID); }

    private String corpusNames() { return String.join("+", new java.util.LinkedHashSet<>(labels.isEmpty() ? List.of("(empty)") : labels)); }

    // ---- maps -------------------------------------------------------------------------------

    /** This corpus with an interpolation path to draw over its maps. */
    public EncodedCorpus path(Interpolation interpolation) {
        Objects.requireNonNull(interpolation, "interpolation");
        if (interpolation.path().get(0).dimension() != space.dimension())
            throw new IllegalArgumentException("path: the interpolation's codes have " + interpolation.path().get(0).dimension() + " dimensions, this corpus's "
                    + space.dimension() + "; interpolate with the same model");
        return new EncodedCorpus(space, tunes, codes, labels, skipped, interpolation);
    }

    /** The interpolation drawn over maps, if any. */
    public java.util.Optional<Interpolation> path() { return java.util.Optional.ofNullable(path); }

    /** The codes on their first two principal components (ND4J's eigendecomposition); the path projected onto the same two. */
    public Projection pca() {
        if (size() < 2) throw new IllegalStateException("pca: " + size() + " encoded tunes; a map needs at least 2");
        double[][] x = rows(codes);
        int k = Math.min(2, x[0].length);
        Pca pca = Pca.fit(x, k);
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) y[i] = plane(pca.project(x[i]));
        double[][] p = null;
        if (path != null) {
            p = new double[path.steps()][];
            for (int i = 0; i < p.length; i++) p[i] = plane(pca.project(path.path().get(i).toArray()));
        }
        String how = String.format(Locale.ROOT, "PCA, %.0f%% of the variance", 100 * pca.explained(k));
        return new Projection("PCA", how, "PC 1", "PC 2", tunes, labels, y, path, p);
    }

    private static double[] plane(double[] p) { return p.length == 2 ? p : new double[]{p[0], 0}; }

    /** A t-SNE map with the default settings ({@link Tsne#DEFAULTS}). */
    public Projection tsne() { return tsne(Tsne.DEFAULTS); }

    /**
     * A t-SNE map (Barnes-Hut) of the corpus's codes. The path's codes are not mapped with them:
     * t-SNE would gather the path's closely spaced points into a cluster of its own, far from the
     * tunes it runs between. Each is placed instead where its {@value #PATH_NEIGHBOURS} nearest
     * codes of the corpus lie (their positions averaged with weights 1/distance²), so a path from
     * a tune of the corpus starts exactly at that tune's point.
     */
    public Projection tsne(Tsne settings) {
        double[][] y = settings.run(rows(codes));
        double[][] p = null;
        if (path != null) {
            p = new double[path.steps()][];
            for (int i = 0; i < p.length; i++) p[i] = placeAmongNeighbours(path.path().get(i), y);
        }
        return new Projection("t-SNE", settings.toString(), "t-SNE 1", "t-SNE 2", tunes, labels, y, path, p);
    }

    /** Neighbours whose map positions place a path point: enough to smooth over one odd neighbour, few enough to stay local. */
    static final int PATH_NEIGHBOURS = 10;

    private double[] placeAmongNeighbours(Latent z, double[][] y) {
        double[] d = new double[size()];
        for (int i = 0; i < d.length; i++) d[i] = z.distance(codes.get(i));
        Integer[] order = new Integer[d.length];
        for (int i = 0; i < d.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> d[i]));
        if (d[order[0]] == 0) return y[order[0]].clone();
        double wx = 0, wy = 0, w = 0;
        for (int n = 0; n < Math.min(PATH_NEIGHBOURS, order.length); n++) {
            int i = order[n];
            double weight = 1 / (d[i] * d[i]);
            wx += weight * y[i][0];
            wy += weight * y[i][1];
            w += weight;
        }
        return new double[]{wx / w, wy / w};
    }

    private static double[][] rows(List<Latent> zs) {
        double[][] x = new double[zs.size()][];
        for (int i = 0; i < x.length; i++) x[i] = zs.get(i).toArray();
        return x;
    }

    /** A tune's value for a {@link #METADATA} key, as a map's legend shows it. */
    static Function<Integer, String> metadata(String key, List<Tune> tunes, List<String> labels) {
        return switch (key.toLowerCase(Locale.ROOT).strip()) {
            case "rhythm" -> i -> { String r = Rhythms.of(tunes.get(i)); return r.isEmpty() ? "unknown" : r; };
            case "mode" -> i -> tunes.get(i).key().isTonal() ? tunes.get(i).key().mode().word() : "none";
            case "meter" -> i -> tunes.get(i).meter().text();
            case "corpus" -> labels::get;
            case "key" -> i -> tunes.get(i).key().describe();
            default -> throw new IllegalArgumentException("No metadata '" + key + "' to colour by; known: " + METADATA
                    + ". For anything else give a function: colorBy(\"name\", tune -> ...)");
        };
    }

    /** Tunes per value of a metadata key, most frequent first: what a map coloured by it will show. */
    public Map<String, Integer> count(String key) {
        Function<Integer, String> f = metadata(key, tunes, labels);
        Map<String, Integer> c = new LinkedHashMap<>();
        for (int i = 0; i < size(); i++) c.merge(f.apply(i), 1, Integer::sum);
        Map<String, Integer> out = new LinkedHashMap<>();
        c.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** {@code EncodedCorpus oneills: 1,650 tunes in 16-d (357 refused), path: none} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "EncodedCorpus %s: %,d tunes in %d-d (%,d refused by the model%s)%s", corpusNames(), size(), space.dimension(),
                skipped.size(), skipped.isEmpty() ? "" : "; see skipped()", path == null ? "" : ", with a path of " + path.steps() + " steps");
    }
}
