package tunesmith.latent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import tunesmith.chart.Chart;
import tunesmith.chart.Scatter;
import tunesmith.music.Tune;

/**
 * A latent map: each encoded tune placed in two dimensions (by PCA or t-SNE), with the path of an
 * interpolation if one was given, ready to be drawn coloured by metadata:
 * {@code folk.tsne().colorBy("rhythm")}. Immutable; the points are copied out.
 */
public final class Projection {

    /** Groups drawn in their own colour; the rest share "other" (the palette has 10 colours). */
    public static final int MAX_GROUPS = 9;
    static final String OTHER = "other";

    private final String method, how, xLabel, yLabel;
    private final List<Tune> tunes;
    private final List<String> labels;
    private final double[][] points;
    private final Interpolation path;
    private final double[][] pathPoints;

    Projection(String method, String how, String xLabel, String yLabel, List<Tune> tunes, List<String> labels, double[][] points,
               Interpolation path, double[][] pathPoints) {
        this.method = method;
        this.how = how;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.tunes = List.copyOf(tunes);
        this.labels = List.copyOf(labels);
        this.points = deepCopy(points);
        this.path = path;
        this.pathPoints = pathPoints == null ? null : deepCopy(pathPoints);
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) out[i] = a[i].clone();
        return out;
    }

    /** "PCA" or "t-SNE". */
    public String method() { return method; }

    public int size() { return points.length; }

    public List<Tune> tunes() { return tunes; }

    /** The 2-D point of each tune, in corpus order (copies). */
    public double[][] points() { return deepCopy(points); }

    /** The 2-D points of the interpolation path, empty without one. */
    public double[][] pathPoints() { return pathPoints == null ? new double[0][] : deepCopy(pathPoints); }

    /** The map coloured by a metadata key: "rhythm", "mode", "meter", "corpus" or "key" ({@link EncodedCorpus#METADATA}). */
    public Chart colorBy(String key) {
        Objects.requireNonNull(key, "key");
        return chart(key, EncodedCorpus.metadata(key, tunes, labels));
    }

    /** The map coloured by any label of a tune: {@code colorBy("tonic", t -> t.key().tonicName())}. */
    public Chart colorBy(String name, Function<Tune, String> label) {
        Objects.requireNonNull(label, "label");
        return chart(name, i -> String.valueOf(label.apply(tunes.get(i))));
    }

    private Chart chart(String key, Function<Integer, String> label) {
        Map<String, List<Integer>> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < size(); i++) byLabel.computeIfAbsent(label.apply(i), k -> new ArrayList<>()).add(i);
        List<Map.Entry<String, List<Integer>>> order = new ArrayList<>(byLabel.entrySet());
        order.sort((a, b) -> a.getValue().size() != b.getValue().size() ? b.getValue().size() - a.getValue().size() : a.getKey().compareTo(b.getKey()));
        List<Scatter.Group> groups = new ArrayList<>();
        List<Integer> rest = new ArrayList<>();
        boolean overflow = order.size() > MAX_GROUPS + 1; // exactly 10 groups fit without an "other"
        for (int g = 0; g < order.size(); g++) {
            if (overflow && g >= MAX_GROUPS) rest.addAll(order.get(g).getValue());
            else groups.add(group(order.get(g).getKey(), order.get(g).getValue()));
        }
        if (!rest.isEmpty()) groups.add(group(OTHER, rest));
        Scatter.Path line = null;
        if (path != null)
            line = new Scatter.Path("interpolation (" + path.steps() + " steps)", column(pathPoints, 0), column(pathPoints, 1),
                    path.a().title(), path.b().title());
        String title = "Latent map (" + method + ") by " + key;
        return Scatter.chart(title, xLabel, yLabel, groups, line);
    }

    private Scatter.Group group(String name, List<Integer> members) {
        double[] x = new double[members.size()], y = new double[members.size()];
        for (int i = 0; i < x.length; i++) { x[i] = points[members.get(i)][0]; y[i] = points[members.get(i)][1]; }
        return new Scatter.Group(name, x, y);
    }

    private static double[] column(double[][] p, int c) {
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) out[i] = p[i][c];
        return out;
    }

    /** {@code Projection t-SNE of 2,007 tunes (t-SNE (Barnes-Hut, perplexity 30, ...)), with a path of 7 steps; colorBy("rhythm") draws it} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Projection %s of %,d tunes (%s)%s; colorBy(\"rhythm\"|\"mode\"|\"meter\"|\"corpus\"|\"key\") draws it",
                method, size(), how, path == null ? "" : ", with a path of " + path.steps() + " steps");
    }
}
