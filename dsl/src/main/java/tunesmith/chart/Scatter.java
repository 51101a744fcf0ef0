package tunesmith.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Scatter charts of labelled groups of points, e.g. a corpus's latent codes projected to two
 * dimensions and coloured by rhythm, with an optional path drawn over them (an interpolation):
 * a line with a marker at each point and its two ends labelled.
 *
 * <pre>{@code
 * Scatter.chart("Latent map (PCA)", "PC 1", "PC 2", List.of(new Scatter.Group("reel", xs, ys)), null);
 * }</pre>
 */
public final class Scatter {

    static { Defaults.headless(); }

    /** Points this far into transparency let dense clusters show as darker, not as one blot. */
    private static final int POINT_ALPHA = 170;
    /** Dots of 5 px: 2,000 tunes in a 720 px chart still show single points. */
    private static final double POINT = 5;
    /** The path in the chart's text colour: it must stand out over any group's colour. */
    private static final Color PATH = new Color(0x22, 0x22, 0x22);

    private Scatter() {}

    /** A group of points drawn in one colour; its legend entry gives its size. */
    public record Group(String name, double[] x, double[] y) {
        public Group {
            Objects.requireNonNull(name, "name");
            if (x.length != y.length) throw new IllegalArgumentException("Scatter group '" + name + "': " + x.length + " x values but " + y.length + " y values");
            x = x.clone();
            y = y.clone();
        }
    }

    /** A path drawn over the groups, in order, its first point labelled {@code start} and its last {@code end}. */
    public record Path(String name, double[] x, double[] y, String start, String end) {
        public Path {
            Objects.requireNonNull(name, "name");
            if (x.length != y.length || x.length < 2)
                throw new IllegalArgumentException("Scatter path '" + name + "': needs at least 2 points with as many x as y values (got " + x.length + " and " + y.length + ")");
            x = x.clone();
            y = y.clone();
        }
    }

    /**
     * Groups in the palette's colours in the order given (the palette has 10 colours: merge small
     * groups into an "other" group beyond that), and the path, if not null, on top.
     */
    public static Chart chart(String title, String xLabel, String yLabel, List<Group> groups, Path path) {
        Objects.requireNonNull(title, "title");
        List<Group> gs = List.copyOf(Objects.requireNonNull(groups, "groups"));
        if (gs.isEmpty()) throw new IllegalArgumentException("Scatter chart '" + title + "': no groups of points to draw");
        if (gs.size() > Defaults.PALETTE.length)
            throw new IllegalArgumentException("Scatter chart '" + title + "': " + gs.size() + " groups, but only " + Defaults.PALETTE.length
                    + " colours can be told apart; merge the smallest into one group such as \"other\"");
        int series = gs.size() + (path == null ? 0 : 1);
        return new Chart(title, "scatter", series, () -> {
            XYSeriesCollection points = new XYSeriesCollection();
            for (Group g : gs) {
                XYSeries s = new XYSeries(String.format(Locale.ROOT, "%s (%,d)", g.name(), g.x().length), false, true);
                for (int i = 0; i < g.x().length; i++) s.add(g.x()[i], g.y()[i]);
                points.addSeries(s);
            }
            NumberAxis x = new NumberAxis(xLabel);
            NumberAxis y = new NumberAxis(yLabel);
            x.setAutoRangeIncludesZero(false);
            y.setAutoRangeIncludesZero(false);
            XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
            XYPlot plot = new XYPlot(points, x, y, dots);
            plot.setNoDataMessage("No points");
            JFreeChart chart = Defaults.chart(title, plot, true);
            Ellipse2D dot = new Ellipse2D.Double(-POINT / 2, -POINT / 2, POINT, POINT);
            for (int s = 0; s < gs.size(); s++) {
                Color c = Defaults.PALETTE[s];
                dots.setSeriesPaint(s, new Color(c.getRed(), c.getGreen(), c.getBlue(), POINT_ALPHA));
                dots.setSeriesShape(s, dot);
            }
            if (path != null) {
                XYSeriesCollection line = new XYSeriesCollection();
                XYSeries s = new XYSeries(path.name(), false, true);
                for (int i = 0; i < path.x().length; i++) s.add(path.x()[i], path.y()[i]);
                line.addSeries(s);
                XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
                r.setSeriesPaint(0, PATH);
                r.setSeriesStroke(0, Defaults.LINE);
                r.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
                plot.setDataset(1, line);
                plot.setRenderer(1, r);
                plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD); // the path over the points
                int last = path.x().length - 1;
                plot.addAnnotation(label(path.start(), path.x()[0], path.y()[0], -Math.PI * 3 / 4));
                plot.addAnnotation(label(path.end(), path.x()[last], path.y()[last], -Math.PI / 4));
            }
            return chart;
        });
    }

    private static XYPointerAnnotation label(String text, double x, double y, double angle) {
        XYPointerAnnotation a = new XYPointerAnnotation(text, x, y, angle);
        a.setFont(new Font(Defaults.FONT, Font.BOLD, 12));
        a.setPaint(PATH);
        a.setArrowPaint(PATH);
        a.setBaseRadius(22);
        a.setTipRadius(5);
        a.setTextAnchor(angle < -Math.PI / 2 ? TextAnchor.BOTTOM_RIGHT : TextAnchor.BOTTOM_LEFT);
        return a;
    }
}
