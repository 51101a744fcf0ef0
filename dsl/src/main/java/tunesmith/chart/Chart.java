package tunesmith.chart;

import tunesmith.io.AtomicFiles;
import java.awt.AWTError;
import java.awt.Graphics2D;
import java.awt.HeadlessException;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.svg.SVGGraphics2D;

/**
 * A chart ready to be drawn: what it shows, and the size to draw it at. Immutable: it keeps the
 * recipe, not a JFreeChart (which is mutable and not thread-safe), and builds a fresh one for
 * each rendering, so {@code var c = ...; c.width(1200).png()} leaves {@code c} as it was.
 *
 * <p>Defaults: 720×400 px, the width of a Jupyter output
 * cell, so a chart shows 1:1 inline. Rendering is headless: loading this class sets
 * {@code java.awt.headless=true} unless the JVM was started with the property set.
 *
 * <pre>{@code
 * Charts.loss(history).width(960).writePng(Path.of("loss.png"));
 * }</pre>
 */
public final class Chart {

    static { Defaults.headless(); } // before any AWT use

    private final String title;
    private final String kind;
    private final int series;
    private final int width;
    private final int height;
    private final Supplier<JFreeChart> recipe;

    Chart(String title, String kind, int series, Supplier<JFreeChart> recipe) {
        this(title, kind, series, Defaults.WIDTH, Defaults.HEIGHT, recipe);
    }

    private Chart(String title, String kind, int series, int width, int height, Supplier<JFreeChart> recipe) {
        this.title = Objects.requireNonNull(title, "title");
        this.kind = kind;
        this.series = series;
        this.width = width;
        this.height = height;
        this.recipe = recipe;
    }

    /**
     * A chart of your own making, to get {@link #png()}, {@link #svg()} and notebook display for it.
     * The recipe is called on every rendering and must build a new JFreeChart each time.
     */
    public static Chart of(Supplier<JFreeChart> recipe) {
        Objects.requireNonNull(recipe, "recipe");
        JFreeChart sample = recipe.get();
        if (sample == null) throw new IllegalArgumentException("The chart recipe returned null; it must build a new JFreeChart on each call");
        String t = sample.getTitle() == null ? "" : sample.getTitle().getText();
        Plot plot = sample.getPlot();
        int n = plot instanceof XYPlot xy && xy.getDataset() != null ? xy.getDataset().getSeriesCount()
                : plot instanceof CategoryPlot cp && cp.getDataset() != null ? cp.getDataset().getRowCount() : 0;
        String kind = plot instanceof XYPlot ? "xy" : plot instanceof CategoryPlot ? "category" : plot.getPlotType().toLowerCase(java.util.Locale.ROOT);
        return new Chart(t, kind, n, recipe);
    }

    // ---- the value ------------------------------------------------------------------------

    public String title() { return title; }

    /** This chart with another title. */
    public Chart title(String newTitle) {
        return new Chart(Objects.requireNonNull(newTitle, "title"), kind, series, width, height, recipe);
    }

    /** What kind of chart: "line", "bar", "histogram", "piano roll", ... */
    public String kind() { return kind; }

    /** Number of series (curves, bar groups, voices) shown. */
    public int seriesCount() { return series; }

    public int width() { return width; }

    public int height() { return height; }

    /** This chart drawn {@code pixels} wide (default 720, a Jupyter cell). */
    public Chart width(int pixels) { return new Chart(title, kind, series, checkSide("width", pixels), height, recipe); }

    /** This chart drawn {@code pixels} high (default 400). */
    public Chart height(int pixels) { return new Chart(title, kind, series, width, checkSide("height", pixels), recipe); }

    private static int checkSide(String what, int pixels) {
        if (pixels < Defaults.MIN_SIDE || pixels > Defaults.MAX_SIDE)
            throw new IllegalArgumentException("Chart " + what + " " + pixels + " px is out of range " + Defaults.MIN_SIDE + ".." + Defaults.MAX_SIDE
                    + " (smaller is illegible, larger risks running out of memory); the default is "
                    + (what.equals("width") ? Defaults.WIDTH : Defaults.HEIGHT));
        return pixels;
    }

    /**
     * A newly built JFreeChart of this chart, to inspect its dataset or tweak it beyond what the
     * DSL offers. Changing it does not change this Chart.
     */
    public JFreeChart toJFreeChart() {
        JFreeChart chart = recipe.get();
        chart.setTitle(title);
        return chart;
    }

    // ---- rendering ------------------------------------------------------------------------

    /** The chart as a PNG image of {@link #width()}×{@link #height()} pixels, on white. */
    public byte[] png() {
        try {
            JFreeChart chart = toJFreeChart();
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB); // opaque: the chart paints white, so no dark-theme viewer shows it on black
            Graphics2D g = image.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
                chart.draw(g, new Rectangle(0, 0, width, height));
            } finally {
                g.dispose();
            }
            return encodePng(image);
        } catch (AWTError | HeadlessException e) {
            throw noDisplay(e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode " + this + " as PNG: " + e.getMessage(), e);
        }
    }

    /** In memory: ImageIO.write to a stream would buffer through a temp file in java.io.tmpdir. */
    private byte[] encodePng(BufferedImage image) throws IOException {
        var writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) throw new IllegalStateException("This JVM has no PNG writer (javax.imageio); cannot render " + this);
        ImageWriter writer = writers.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(image);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** The chart as a standalone SVG document (text kept as text, so it stays searchable and sharp at any zoom). */
    public String svg() {
        try {
            JFreeChart chart = toJFreeChart();
            SVGGraphics2D g = new SVGGraphics2D(width, height);
            chart.draw(g, new Rectangle(0, 0, width, height));
            return g.getSVGDocument();
        } catch (AWTError | HeadlessException e) {
            throw noDisplay(e);
        }
    }

    /** {@link #svg()} as a value that a notebook draws as an SVG image rather than printing its text. */
    public SvgImage svgImage() { return new SvgImage(title, svg(), width, height); }

    private RuntimeException noDisplay(Throwable e) {
        return new IllegalStateException("Cannot draw " + this + ": AWT wants a display (" + e.getMessage() + "). Charts only need "
                + "an off-screen image: start Java with -Djava.awt.headless=true, or leave that property unset.", e);
    }

    /** Writes {@link #png()} to {@code file} (parent folders created), replacing it atomically; returns the file. */
    public Path writePng(Path file) { return write(file, png()); }

    /** Writes {@link #svg()} to {@code file} in UTF-8 (parent folders created), replacing it atomically; returns the file. */
    public Path writeSvg(Path file) { return write(file, svg().getBytes(StandardCharsets.UTF_8)); }

    /** Temp file in the same folder, then a rename: a reader (a notebook, a web page) never sees half an image. */
    private Path write(Path file, byte[] bytes) {
        Objects.requireNonNull(file, "file");
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) throw new IllegalArgumentException("Cannot write " + this + " to " + file + ": it is a folder; give a file name such as " + file.resolve("chart.png"));
        try {
            AtomicFiles.write(target, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + this + " to " + file + ": " + e, e);
        }
    }

    /**
     * What a notebook shows: {@code image/png} (base64, as Jupyter's display protocol wants it)
     * and {@code text/plain} ({@link #toString()}), in that order of preference.
     */
    public Map<String, Object> mimeBundle() {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("image/png", Base64.getEncoder().encodeToString(png()));
        bundle.put("text/plain", toString());
        return Collections.unmodifiableMap(bundle);
    }

    /** {@code Chart "Loss" (line, 2 series, 720x400)} */
    @Override
    public String toString() {
        return "Chart \"" + title + "\" (" + kind + ", " + series + " series, " + width + "x" + height + ")";
    }
}
