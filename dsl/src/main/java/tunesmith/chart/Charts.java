package tunesmith.chart;

import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tunesmith.music.Bar;
import tunesmith.music.BarLine;
import tunesmith.music.NoteEvent;
import tunesmith.music.Tune;
import tunesmith.music.Voice;

/**
 * The charts of Tunesmith: training curves, melody statistics of corpora and samples, piano rolls,
 * and plain bar charts and histograms for exploring a corpus. Each returns an immutable
 * {@link Chart}, shown inline in a notebook or written with {@link Chart#writePng}.
 *
 * <pre>{@code
 * Charts.loss(history);
 * Charts.intervals(Map.of("corpus", reels.tunes(), "samples", samples));
 * Charts.pianoRoll(tune("The Kesh"));
 * Charts.bar(reels.count(Rhythms::of), "Rhythms");
 * }</pre>
 *
 * <p>Group order: maps that keep an order ({@code LinkedHashMap}, {@code TreeMap}, ...) are
 * drawn in that order; {@code HashMap} and {@code Map.of} iterate in an order that changes from
 * run to run, so their keys are sorted instead.
 */
public final class Charts {

    static { Defaults.headless(); } // before any AWT use

    private Charts() {}

    // ---- training -------------------------------------------------------------------------

    /**
     * Training and validation loss per epoch, from a training history table with columns
     * {@code epoch}, {@code train_loss} and, when there is validation data, {@code valid_loss}
     * (missing values are skipped). Other columns ({@code train_accuracy}, ...) are ignored.
     */
    public static Chart loss(Table history) {
        Objects.requireNonNull(history, "history");
        NumericColumn<?> epoch = numeric(history, "epoch", true);
        NumericColumn<?> train = numeric(history, "train_loss", true);
        NumericColumn<?> valid = numeric(history, "valid_loss", false);
        List<double[]> curves = new ArrayList<>(); // {x0, y0, x1, y1, ...} per series, missing points left out
        List<String> names = new ArrayList<>();
        names.add("train");
        curves.add(points(epoch, train));
        if (valid != null) { names.add("valid"); curves.add(points(epoch, valid)); }
        return new Chart("Loss", "line", names.size(), () -> {
            XYSeriesCollection data = new XYSeriesCollection();
            for (int s = 0; s < names.size(); s++) {
                XYSeries series = new XYSeries(names.get(s), false, true);
                double[] xy = curves.get(s);
                for (int i = 0; i < xy.length; i += 2) series.add(xy[i], xy[i + 1]);
                data.addSeries(series);
            }
            NumberAxis x = new NumberAxis("epoch");
            x.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT)); // no epoch 2.5
            NumberAxis y = new NumberAxis("loss (nats/token)");
            y.setAutoRangeIncludesZero(false); // the interesting part is the last few hundredths
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
            XYPlot plot = new XYPlot(data, x, y, renderer);
            plot.setNoDataMessage("No epochs yet");
            JFreeChart chart = Defaults.chart("Loss", plot, true);
            for (int s = 0; s < names.size(); s++) {
                renderer.setSeriesStroke(s, Defaults.LINE);
                renderer.setSeriesShape(s, Defaults.DOT);
                renderer.setSeriesPaint(s, Defaults.PALETTE[s]);
            }
            return chart;
        });
    }

    private static NumericColumn<?> numeric(Table table, String name, boolean required) {
        if (!table.containsColumn(name)) {
            if (!required) return null;
            throw new IllegalArgumentException("The loss chart needs a column '" + name + "', but table '" + table.name() + "' has "
                    + table.columnNames() + "; a training history has epoch, train_loss and (with validation data) valid_loss");
        }
        if (!(table.column(name) instanceof NumericColumn<?> c))
            throw new IllegalArgumentException("Column '" + name + "' of table '" + table.name() + "' holds " + table.column(name).type()
                    + ", not numbers; the loss chart needs numeric epoch and loss columns");
        return c;
    }

    private static double[] points(NumericColumn<?> x, NumericColumn<?> y) {
        double[] out = new double[2 * x.size()];
        int n = 0;
        for (int i = 0; i < x.size(); i++) {
            if (x.isMissing(i) || y.isMissing(i)) continue;
            double yi = y.getDouble(i);
            if (!Double.isFinite(yi)) continue; // a diverged epoch (NaN loss) would blank the whole axis
            out[n++] = x.getDouble(i);
            out[n++] = yi;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    // ---- melody statistics ----------------------------------------------------------------

    /** Pitch-class histograms (C .. B) of each group's melodies, side by side: {@code pitchClasses(Map.of("corpus", c.tunes(), "samples", s))}. */
    public static Chart pitchClasses(Map<String, ? extends Iterable<Tune>> groups) {
        return compare("Pitch classes", "pitch class", groups, Histograms::pitchClass);
    }

    /** Melodic-interval histograms (semitones −12 .. +12, larger leaps clipped) of each group's melodies. */
    public static Chart intervals(Map<String, ? extends Iterable<Tune>> groups) {
        return compare("Melodic intervals", "interval (semitones)", groups, Histograms::interval);
    }

    /** Note-length histograms of each group's melodies, in quarters (see {@link Histograms#DURATIONS}). */
    public static Chart durations(Map<String, ? extends Iterable<Tune>> groups) {
        return compare("Note lengths", "length (quarters)", groups, Histograms::duration);
    }

    private static Chart compare(String title, String xLabel, Map<String, ? extends Iterable<Tune>> groups,
                                 Function<Iterable<Tune>, Histogram> histogram) {
        Objects.requireNonNull(groups, "groups");
        if (groups.isEmpty())
            throw new IllegalArgumentException(title + ": no groups to draw; pass e.g. Map.of(\"corpus\", corpus.tunes(), \"samples\", samples)");
        Map<String, Histogram> hs = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends Iterable<Tune>> e : ordered(groups)) {
            if (e.getValue() == null) throw new IllegalArgumentException(title + ": group '" + e.getKey() + "' has no tunes (null)");
            hs.put(e.getKey(), histogram.apply(e.getValue()));
        }
        Histogram first = hs.values().iterator().next();
        String yLabel = "share of " + first.unit();
        boolean manyBins = first.bins().size() > Defaults.MAX_FULL_SIZE_BINS;
        return new Chart(title, "bar", hs.size(), () -> {
            DefaultCategoryDataset data = new DefaultCategoryDataset();
            for (Map.Entry<String, Histogram> e : hs.entrySet()) {
                double[] v = e.getValue().values();
                for (int i = 0; i < v.length; i++) data.addValue(v[i], e.getKey(), e.getValue().bins().get(i));
            }
            NumberAxis y = new NumberAxis(yLabel);
            y.setNumberFormatOverride(percent());
            CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(xLabel), y, new BarRenderer());
            JFreeChart chart = Defaults.chart(title, plot, true);
            BarRenderer r = (BarRenderer) plot.getRenderer();
            r.setItemMargin(0.02);
            // the legend says how much each histogram rests on: 40 sampled notes are not 40,000
            r.setLegendItemLabelGenerator((dataset, series) -> {
                Histogram h = hs.get((String) dataset.getRowKey(series));
                return dataset.getRowKey(series) + " (" + String.format(Locale.ROOT, "%,d", h.count()) + ")";
            });
            plot.getDomainAxis().setCategoryMargin(manyBins ? 0.15 : 0.25);
            if (manyBins) { // 25 labels in 720 px: smaller, and allowed past their bar group rather than cut to "..."
                plot.getDomainAxis().setTickLabelFont(new Font(Defaults.FONT, Font.PLAIN, 10));
                plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(2f);
            }
            plot.setRangeGridlinesVisible(true);
            return chart;
        });
    }

    private static NumberFormat percent() {
        return new DecimalFormat("0.#%", DecimalFormatSymbols.getInstance(Locale.ROOT));
    }

    // ---- piano roll -----------------------------------------------------------------------

    /**
     * The tune as performed (repeats unfolded) as a piano roll: each note a bar at its pitch from
     * onset to end, time in quarters; the melody in blue, other voices in other colours.
     * Black-key rows are shaded and bar lines drawn, as in a sequencer.
     */
    public static Chart pianoRoll(Tune tune) {
        Objects.requireNonNull(tune, "tune");
        List<Voice> voices = tune.voices();
        List<String> names = new ArrayList<>();
        List<List<NoteEvent>> parts = new ArrayList<>();
        for (int i = 0; i < voices.size(); i++) {
            List<Voice> order = new ArrayList<>(voices); // voice i first: melody() reads the first voice
            order.add(0, order.remove(i));
            List<NoteEvent> events = tune.withVoices(order).melody();
            if (events.isEmpty()) continue;
            String id = voices.get(i).id();
            names.add(id.isBlank() ? (i == 0 ? "melody" : "voice " + (i + 1)) : id.chars().allMatch(Character::isDigit) ? "voice " + id : id);
            parts.add(events);
        }
        List<Double> barLines = barLines(tune);
        int lo = 127, hi = 0;
        double end = 0;
        for (List<NoteEvent> p : parts)
            for (NoteEvent e : p) {
                lo = Math.min(lo, e.midi());
                hi = Math.max(hi, e.midi());
                end = Math.max(end, e.onsetQuarters() + e.durationQuarters());
            }
        final int low = parts.isEmpty() ? 60 : lo, high = parts.isEmpty() ? 72 : hi;
        final double length = end;
        return new Chart(tune.title(), "piano roll", parts.size(), () -> {
            XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
            double h = Defaults.NOTE_HEIGHT / 2;
            for (int s = 0; s < parts.size(); s++) {
                XYIntervalSeries series = new XYIntervalSeries(names.get(s));
                for (NoteEvent e : parts.get(s)) {
                    double on = e.onsetQuarters(), off = on + e.durationQuarters();
                    series.add(on, on, off, e.midi(), e.midi() - h, e.midi() + h);
                }
                data.addSeries(series);
            }
            NumberAxis x = new NumberAxis("time (quarters)");
            x.setRange(0, Math.max(length, 1));
            NumberAxis y = new PitchAxis("pitch");
            y.setRange(low - 1.5, high + 1.5); // one empty row above and below
            XYBarRenderer renderer = new XYBarRenderer();
            renderer.setUseYInterval(true);
            renderer.setDrawBarOutline(true); // a darker edge parts repeated notes of one pitch
            XYPlot plot = new XYPlot(data, x, y, renderer);
            plot.setNoDataMessage("No notes");
            JFreeChart chart = Defaults.chart(tune.title(), plot, parts.size() > 1);
            for (int s = 0; s < parts.size(); s++) {
                Color c = Defaults.PALETTE[s % Defaults.PALETTE.length];
                renderer.setSeriesPaint(s, c);
                renderer.setSeriesOutlinePaint(s, c.darker());
                renderer.setSeriesOutlineStroke(s, Defaults.HAIRLINE);
            }
            renderer.setShadowVisible(false);
            plot.setDomainGridlinesVisible(false);
            plot.setRangeGridlinesVisible(false);
            for (int m = low - 2; m <= high + 2; m++) {
                if (isBlackKey(m)) {
                    IntervalMarker row = new IntervalMarker(m - 0.5, m + 0.5, Defaults.FAINT);
                    row.setOutlinePaint(null);
                    plot.addRangeMarker(row, Layer.BACKGROUND);
                }
                if (Math.floorMod(m, 12) == 0) plot.addRangeMarker(new ValueMarker(m - 0.5, Defaults.GRID, Defaults.GRID_LINE), Layer.BACKGROUND);
            }
            for (double b : barLines) plot.addDomainMarker(new ValueMarker(b, Defaults.GRID, Defaults.GRID_LINE), Layer.BACKGROUND);
            return chart;
        });
    }

    /** Where the bar lines of the unfolded melody fall, in quarters from the start (not the final one). */
    private static List<Double> barLines(Tune tune) {
        List<Double> out = new ArrayList<>();
        double t = 0;
        for (Bar b : tune.unfold().melodyVoice().bars()) {
            t += b.duration().quarters();
            if (b.end() != BarLine.NONE && t > 0 && (out.isEmpty() || out.get(out.size() - 1) < t)) out.add(t);
        }
        if (!out.isEmpty()) out.remove(out.size() - 1);
        return out;
    }

    private static boolean isBlackKey(int midi) {
        int pc = Math.floorMod(midi, 12);
        return pc == 1 || pc == 3 || pc == 6 || pc == 8 || pc == 10;
    }

    // ---- exploring a corpus -----------------------------------------------------------------

    /** A bar per entry, e.g. {@code bar(corpus.count(Rhythms::of), "Rhythms")}; labels turn when there are many. */
    public static Chart bar(Map<String, ? extends Number> values, String title) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(title, "title");
        if (values.isEmpty()) throw new IllegalArgumentException("Bar chart '" + title + "': no values to draw");
        Map<String, Double> v = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends Number> e : ordered(values)) {
            if (e.getValue() == null || !Double.isFinite(e.getValue().doubleValue()))
                throw new IllegalArgumentException("Bar chart '" + title + "': the value of '" + e.getKey() + "' is " + e.getValue() + "; every bar needs a finite number");
            v.put(String.valueOf(e.getKey()), e.getValue().doubleValue());
        }
        return new Chart(title, "bar", 1, () -> {
            DefaultCategoryDataset data = new DefaultCategoryDataset();
            for (Map.Entry<String, Double> e : v.entrySet()) data.addValue(e.getValue(), title, e.getKey());
            CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(), new NumberAxis(), new BarRenderer());
            JFreeChart chart = Defaults.chart(title, plot, false);
            plot.getDomainAxis().setCategoryMargin(0.25);
            if (v.size() > Defaults.MAX_UPRIGHT_LABELS) plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
            plot.getDomainAxis().setMaximumCategoryLabelLines(2);
            return chart;
        });
    }

    /**
     * A histogram of {@code values} in {@code bins} equal bins from the smallest value to the
     * largest, counts on the y axis: {@code histogram(table.intColumn("bars").asDoubleArray(), 20, "Bars per tune")}.
     */
    public static Chart histogram(double[] values, int bins, String title) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(title, "title");
        if (values.length == 0) throw new IllegalArgumentException("Histogram '" + title + "': no values to count");
        if (bins < 1 || bins > 1000) throw new IllegalArgumentException("Histogram '" + title + "': " + bins + " bins is out of range 1..1000 (10 to 50 suit most data)");
        for (int i = 0; i < values.length; i++)
            if (!Double.isFinite(values[i]))
                throw new IllegalArgumentException("Histogram '" + title + "': value " + i + " is " + values[i]
                        + "; drop missing values first (Tablesaw: column.removeMissing().asDoubleArray())");
        double[] copy = values.clone();
        return new Chart(title, "histogram", 1, () -> {
            HistogramDataset data = new HistogramDataset();
            double min = copy[0], max = copy[0];
            for (double d : copy) { min = Math.min(min, d); max = Math.max(max, d); }
            if (min == max) { min -= 0.5; max += 0.5; } // one distinct value: a single bar of width 1 around it
            data.addSeries(title, copy, bins, min, max);
            NumberAxis x = new NumberAxis();
            x.setAutoRangeIncludesZero(false);
            XYBarRenderer renderer = new XYBarRenderer();
            renderer.setDrawBarOutline(true);
            XYPlot plot = new XYPlot(data, x, new NumberAxis("count"), renderer);
            JFreeChart chart = Defaults.chart(title, plot, false);
            renderer.setSeriesOutlinePaint(0, Color.WHITE);
            renderer.setSeriesOutlineStroke(0, Defaults.HAIRLINE); // parts bins without hiding a bin of count 1
            renderer.setShadowVisible(false);
            plot.setDomainGridlinesVisible(false);
            return chart;
        });
    }

    // ---- helpers --------------------------------------------------------------------------

    /** The entries in the map's own order, or sorted by key for maps whose order is arbitrary (see the class comment). */
    private static <V> List<Map.Entry<String, V>> ordered(Map<String, V> map) {
        List<Map.Entry<String, V>> out = new ArrayList<>(map.entrySet());
        if (out.stream().anyMatch(e -> e.getKey() == null)) throw new IllegalArgumentException("A chart label (map key) is null: " + map.keySet());
        boolean arbitrary = map.getClass() == HashMap.class || map instanceof Hashtable || map instanceof ConcurrentHashMap
                || map.getClass().getName().startsWith("java.util.ImmutableCollections$Map"); // Map.of, Map.copyOf
        if (arbitrary) out.sort(Map.Entry.comparingByKey());
        return out;
    }
}
