package tunesmith.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.ui.RectangleInsets;

/**
 * Every default of the chart package in one place, each with its reason. Charts are made to be
 * read inline in a notebook cell or opened from a file, on a white page.
 */
final class Defaults {

    static { headless(); }

    private Defaults() {}

    /**
     * Charts render to images, never to a screen. Without this a JVM with DISPLAY set but
     * unreachable (ssh, containers, CI) fails at the first font, and macOS shows a Dock icon.
     * An explicit -Djava.awt.headless=false is respected. Called before any AWT class is touched.
     */
    static void headless() {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    /** 720 px: the width of a Jupyter output cell at the default zoom, so a chart is shown 1:1. */
    static final int WIDTH = 720;

    /** 400 px: a 9:5 aspect that keeps a curve's slope readable and a cell short enough to scroll past. */
    static final int HEIGHT = 400;

    /** Smallest and largest side accepted: below 50 px nothing is legible; 8000×8000 RGB is 256 MB. */
    static final int MIN_SIDE = 50, MAX_SIDE = 8000;

    /** The logical font maps to whatever sans-serif the machine has (DejaVu Sans on Linux), so text never renders as boxes. */
    static final String FONT = Font.SANS_SERIF;

    static final Color TEXT = new Color(0x33, 0x33, 0x33);
    static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    static final Color FAINT = new Color(0xF2, 0xF2, 0xF2);

    /**
     * Series colours: Tableau 10, designed to stay distinguishable for the common forms of colour
     * blindness and when printed in grey. The first two (blue, orange) are "corpus" and "samples",
     * or "train" and "valid", in every chart.
     */
    static final Color[] PALETTE = {
            new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2), new Color(0x59A14F),
            new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7), new Color(0x9C755F), new Color(0xBAB0AC)};

    /** Lines 2 px wide: thin enough that two close loss curves stay apart, thick enough to survive PNG scaling. */
    static final Stroke LINE = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

    /** Outlines of bars and notes: thin, so a bar or note a few pixels wide keeps its colour. */
    static final Stroke HAIRLINE = new BasicStroke(0.5f);

    /** Grid lines, bar lines, octave lines: solid, 1 px (JFreeChart's default dashed grid turns to noise in a PNG). */
    static final Stroke GRID_LINE = new BasicStroke(1f);

    /** A small dot on each point, so a history of three epochs still shows where the measurements are. */
    static final Shape DOT = new Ellipse2D.Double(-3, -3, 6, 6);

    /** Bar charts with many categories turn their labels 45° beyond this many, so they do not overlap. */
    static final int MAX_UPRIGHT_LABELS = 12;

    /** Histogram charts with more bins than this (the 25 intervals) get smaller bin labels, which are short and must stay upright to read as a scale. */
    static final int MAX_FULL_SIZE_BINS = 16;

    /** Height of a piano-roll note as a fraction of a semitone row: a gap shows between adjacent pitches. */
    static final double NOTE_HEIGHT = 0.8;

    private static final StandardChartTheme THEME = theme();

    private static StandardChartTheme theme() {
        StandardChartTheme t = new StandardChartTheme("Tunesmith");
        t.setExtraLargeFont(new Font(FONT, Font.BOLD, 18)); // the title
        t.setLargeFont(new Font(FONT, Font.PLAIN, 14));     // axis labels
        t.setRegularFont(new Font(FONT, Font.PLAIN, 12));   // tick labels, legend
        t.setSmallFont(new Font(FONT, Font.PLAIN, 10));
        t.setTitlePaint(TEXT);
        t.setSubtitlePaint(TEXT);
        t.setAxisLabelPaint(TEXT);
        t.setTickLabelPaint(TEXT);
        t.setLegendItemPaint(TEXT);
        t.setItemLabelPaint(TEXT);
        t.setChartBackgroundPaint(Color.WHITE);
        t.setPlotBackgroundPaint(Color.WHITE);     // JFreeChart's grey plot area looks dated and prints badly
        t.setLegendBackgroundPaint(Color.WHITE);
        t.setPlotOutlinePaint(GRID);
        t.setDomainGridlinePaint(GRID);
        t.setRangeGridlinePaint(GRID);
        t.setAxisOffset(RectangleInsets.ZERO_INSETS);
        t.setBarPainter(new StandardBarPainter());  // flat bars: the default gradient suggests a value that is not there
        t.setXYBarPainter(new StandardXYBarPainter());
        t.setShadowVisible(false);
        t.setDrawingSupplier(new DefaultDrawingSupplier(PALETTE, PALETTE, new Paint[]{TEXT}, new Stroke[]{LINE},
                new Stroke[]{new BasicStroke(1f)}, new Shape[]{DOT}));
        return t;
    }

    /** A chart over {@code plot} in the house style; the caller sets series details afterwards. */
    static JFreeChart chart(String title, Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, legend);
        THEME.apply(chart);
        if (chart.getLegend() != null) chart.getLegend().setFrame(new org.jfree.chart.block.BlockBorder(Color.WHITE));
        chart.setPadding(new RectangleInsets(8, 8, 8, 12));
        if (plot instanceof org.jfree.chart.plot.XYPlot xy) {
            xy.setDomainGridlineStroke(GRID_LINE);
            xy.setRangeGridlineStroke(GRID_LINE);
        } else if (plot instanceof org.jfree.chart.plot.CategoryPlot cp) {
            cp.setRangeGridlineStroke(GRID_LINE);
        }
        return chart;
    }
}
