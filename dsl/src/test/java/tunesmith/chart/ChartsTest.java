package tunesmith.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tunesmith.notation.AbcReader;
import tunesmith.music.Tune;

class ChartsTest {

    static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    static Tune tune(String body) { return AbcReader.readTune("X:1\nT:t\nM:4/4\nL:1/4\nK:C\n" + body + "\n"); }

    static final Tune CDEC = tune("C D E C|");

    static final Tune TWO_VOICES = AbcReader.readTune("""
            X:1
            T:Two Voices
            M:4/4
            L:1/4
            K:G
            V:1
            |:G A B d|e2 d2:|
            V:2
            |:G,,2 D,2|C,2 D,2:|
            """);

    static Table history() {
        DoubleColumn valid = DoubleColumn.create("valid_loss", 2.5, 2.0);
        valid.appendMissing(); // no validation in the last epoch
        return Table.create("history",
                IntColumn.create("epoch", 1, 2, 3),
                DoubleColumn.create("train_loss", 3.0, 2.2, 1.9),
                valid,
                DoubleColumn.create("train_accuracy", 0.2, 0.3, 0.4));
    }

    static Map<String, List<Tune>> groups() {
        Map<String, List<Tune>> g = new LinkedHashMap<>();
        g.put("corpus", List.of(CDEC, tune("G A B c|")));
        g.put("samples", List.of(tune("C E G c|")));
        return g;
    }

    /** Renders as a PNG of the given size and as an SVG document naming the title. */
    static void assertRenders(Chart chart, int width, int height) throws Exception {
        byte[] png = chart.png();
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 8), "PNG signature of " + chart);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(width, image.getWidth(), "width of " + chart);
        assertEquals(height, image.getHeight(), "height of " + chart);
        assertEquals(0xFFFFFF, image.getRGB(1, 1) & 0xFFFFFF, "white background of " + chart);

        String svg = chart.svg();
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false); // offline: no w3.org DTD
        Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        assertTrue(svg.contains(chart.title()), "SVG of " + chart + " names its title");
    }

    // ---- every factory renders --------------------------------------------------------------

    @Test
    void everyFactoryRendersAsPngAndSvg() throws Exception {
        List<Chart> charts = List.of(
                Charts.loss(history()),
                Charts.pitchClasses(groups()),
                Charts.intervals(groups()),
                Charts.durations(groups()),
                Charts.pianoRoll(TWO_VOICES),
                Charts.bar(Map.of("reel", 12, "jig", 7, "hornpipe", 3), "Rhythms"),
                Charts.histogram(new double[]{16, 16, 32, 24, 16, 40, 32}, 5, "Bars per tune"));
        for (Chart c : charts) {
            assertRenders(c, 720, 400);
            assertRenders(c.width(300).height(200), 300, 200);
        }
    }

    @Test
    void rendersHeadless() throws Exception {
        assertRenders(Charts.pianoRoll(CDEC), 720, 400);
        assertTrue(GraphicsEnvironment.isHeadless(), "charts render without a display");
        assertEquals("true", System.getProperty("java.awt.headless"));
    }

    /** Renders in a JVM whose DISPLAY points at no X server, the case of ssh sessions and containers. */
    public static final class RenderWithBrokenDisplay {
        public static void main(String[] args) throws Exception {
            byte[] png = Charts.pianoRoll(CDEC).png();
            System.out.println(GraphicsEnvironment.isHeadless() + " " + png.length);
        }
    }

    @Test
    void rendersWhereDisplayIsSetButUnreachable() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), RenderWithBrokenDisplay.class.getName());
        pb.environment().put("DISPLAY", ":97");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("true ")), out);
    }

    // ---- the value ------------------------------------------------------------------------

    @Test
    void chartIsAnImmutableValueWithAUsefulToString() {
        Chart loss = Charts.loss(history());
        Chart wide = loss.width(1200).height(500).title("Loss of the reel LSTM");
        assertEquals("Chart \"Loss\" (line, 2 series, 720x400)", loss.toString());
        assertEquals("Chart \"Loss of the reel LSTM\" (line, 2 series, 1200x500)", wide.toString());
        assertEquals("Loss of the reel LSTM", wide.toJFreeChart().getTitle().getText());
        assertNotSame(loss.toJFreeChart(), loss.toJFreeChart());
        var e = assertThrows(IllegalArgumentException.class, () -> loss.width(0));
        assertEquals("Chart width 0 px is out of range 50..8000 (smaller is illegible, larger risks running out of memory); the default is 720", e.getMessage());
    }

    @Test
    void mimeBundleHasPngAndText() {
        Chart c = Charts.pianoRoll(CDEC);
        Map<String, Object> bundle = c.mimeBundle();
        assertEquals(List.of("image/png", "text/plain"), List.copyOf(bundle.keySet()));
        byte[] png = Base64.getDecoder().decode((String) bundle.get("image/png"));
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 8));
        assertEquals("Chart \"t\" (piano roll, 1 series, 720x400)", bundle.get("text/plain"));
    }

    @Test
    void writesFilesAtomically(@TempDir Path dir) throws Exception {
        Chart c = Charts.loss(history());
        Path png = dir.resolve("out/loss.png");
        assertEquals(png, c.writePng(png));
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(Files.readAllBytes(png), 8));
        c.width(200).writePng(png); // replaces the old file
        assertEquals(200, ImageIO.read(png.toFile()).getWidth());
        Path svg = c.writeSvg(dir.resolve("out/loss.svg"));
        assertTrue(Files.readString(svg, StandardCharsets.UTF_8).contains("<svg"));
        try (Stream<Path> files = Files.list(dir.resolve("out"))) {
            assertEquals(List.of("loss.png", "loss.svg"), files.map(p -> p.getFileName().toString()).sorted().toList(), "no temp file left behind");
        }
        var e = assertThrows(IllegalArgumentException.class, () -> c.writePng(dir));
        assertTrue(e.getMessage().contains("it is a folder"), e.getMessage());
    }

    @Test
    void wrapsAChartOfYourOwn() throws Exception {
        Chart c = Chart.of(() -> Charts.bar(Map.of("a", 1), "Mine").toJFreeChart());
        assertEquals("Chart \"Mine\" (category, 1 series, 720x400)", c.toString());
        assertRenders(c, 720, 400);
    }

    // ---- loss -----------------------------------------------------------------------------

    @Test
    void lossChartHasTrainAndValidCurvesFromTheTable() {
        JFreeChart chart = Charts.loss(history()).toJFreeChart();
        XYPlot plot = chart.getXYPlot();
        XYDataset data = plot.getDataset();
        assertEquals(2, data.getSeriesCount());
        assertEquals("train", data.getSeriesKey(0));
        assertEquals("valid", data.getSeriesKey(1));
        assertEquals(3, data.getItemCount(0));
        assertEquals(2, data.getItemCount(1), "the missing validation loss is left out");
        for (int i = 0; i < 3; i++) {
            assertEquals(i + 1, data.getXValue(0, i));
            assertEquals(new double[]{3.0, 2.2, 1.9}[i], data.getYValue(0, i));
        }
        assertEquals(2.5, data.getYValue(1, 0));
        assertEquals(2.0, data.getYValue(1, 1));
        assertEquals("epoch", plot.getDomainAxis().getLabel());
        assertEquals("loss (nats/token)", plot.getRangeAxis().getLabel());
        assertTrue(chart.getLegend() != null);
    }

    @Test
    void lossChartWithoutValidationHasOneCurve() {
        Table t = history().removeColumns("valid_loss");
        assertEquals("Chart \"Loss\" (line, 1 series, 720x400)", Charts.loss(t).toString());
    }

    @Test
    void lossChartSaysWhichColumnIsMissing() {
        Table t = history().removeColumns("train_loss");
        var e = assertThrows(IllegalArgumentException.class, () -> Charts.loss(t));
        assertEquals("The loss chart needs a column 'train_loss', but table 'history' has [epoch, valid_loss, train_accuracy]; "
                + "a training history has epoch, train_loss and (with validation data) valid_loss", e.getMessage());
    }

    // ---- melody statistics ----------------------------------------------------------------

    @Test
    void histogramChartsShowTheHistogramsOfEachGroup() {
        Map<String, List<Tune>> g = groups();
        CategoryDataset data = Charts.pitchClasses(g).toJFreeChart().getCategoryPlot().getDataset();
        assertEquals(List.of("corpus", "samples"), data.getRowKeys());
        assertEquals(Histograms.PITCH_CLASSES, data.getColumnKeys());
        Map<String, Double> corpus = Histograms.pitchClass(g.get("corpus")).asMap();
        for (String pc : Histograms.PITCH_CLASSES) assertEquals(corpus.get(pc), data.getValue("corpus", pc).doubleValue());
        assertEquals(0.25, data.getValue("samples", "E").doubleValue(), 1e-12); // C E G c: C twice
        assertEquals(0.5, data.getValue("samples", "C").doubleValue(), 1e-12);

        assertEquals(Histograms.INTERVALS, Charts.intervals(g).toJFreeChart().getCategoryPlot().getDataset().getColumnKeys());
        assertEquals(Histograms.DURATIONS, Charts.durations(g).toJFreeChart().getCategoryPlot().getDataset().getColumnKeys());
        assertEquals("Chart \"Melodic intervals\" (bar, 2 series, 720x400)", Charts.intervals(g).toString());
    }

    @Test
    void legendSaysHowManyNotesEachGroupHas() {
        CategoryPlot plot = Charts.pitchClasses(groups()).toJFreeChart().getCategoryPlot();
        assertEquals("corpus (8)", plot.getLegendItems().get(0).getLabel());
        assertEquals("samples (4)", plot.getLegendItems().get(1).getLabel());
    }

    @Test
    void unorderedMapsAreDrawnSortedByKey() {
        var g = Map.of("samples", List.of(CDEC), "corpus", List.of(CDEC), "b-side", List.of(CDEC));
        assertEquals(List.of("b-side", "corpus", "samples"), Charts.durations(g).toJFreeChart().getCategoryPlot().getDataset().getRowKeys());
        assertThrows(IllegalArgumentException.class, () -> Charts.durations(Map.of()));
    }

    // ---- piano roll -----------------------------------------------------------------------

    @Test
    void pianoRollDrawsEveryVoiceUnfolded() {
        Chart c = Charts.pianoRoll(TWO_VOICES);
        assertEquals("Chart \"Two Voices\" (piano roll, 2 series, 720x400)", c.toString());
        XYPlot plot = c.toJFreeChart().getXYPlot();
        IntervalXYDataset data = (IntervalXYDataset) plot.getDataset();
        assertEquals(2, data.getSeriesCount());
        assertEquals(List.of("voice 1", "voice 2"), List.of(data.getSeriesKey(0), data.getSeriesKey(1)));
        assertEquals(12, data.getItemCount(0), "6 notes, repeated");
        assertEquals(8, data.getItemCount(1));
        // the melody's first note: G4 from 0 to 1 quarter
        assertEquals(0.0, data.getStartXValue(0, 0));
        assertEquals(1.0, data.getEndXValue(0, 0));
        assertEquals(67.0, data.getYValue(0, 0));
        // e2 in the second bar: 2 quarters from 4
        assertEquals(4.0, data.getStartXValue(0, 4));
        assertEquals(6.0, data.getEndXValue(0, 4));
        assertTrue(plot.getRangeAxis() instanceof PitchAxis);
        assertEquals("C4", PitchAxis.name(60));
        assertEquals("F#5", PitchAxis.name(78));
        assertEquals("", PitchAxis.name(-1));
    }

    @Test
    void pianoRollOfATuneWithoutNotes() throws Exception {
        Chart c = Charts.pianoRoll(tune("z4|"));
        assertEquals(0, c.seriesCount());
        assertRenders(c, 720, 400);
    }

    // ---- exploring ------------------------------------------------------------------------

    @Test
    void barAndHistogram() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("reel", 12);
        counts.put("jig", 7);
        CategoryDataset bars = Charts.bar(counts, "Rhythms").toJFreeChart().getCategoryPlot().getDataset();
        assertEquals(List.of("reel", "jig"), bars.getColumnKeys(), "a LinkedHashMap keeps its order");
        assertEquals(7.0, bars.getValue(0, 1).doubleValue());

        Chart h = Charts.histogram(new double[]{1, 2, 2, 3, 3, 3}, 3, "Values");
        IntervalXYDataset data = (IntervalXYDataset) h.toJFreeChart().getXYPlot().getDataset();
        assertEquals(3, data.getItemCount(0));
        assertEquals(List.of(1.0, 2.0, 3.0), List.of(data.getYValue(0, 0), data.getYValue(0, 1), data.getYValue(0, 2)));
        var e = assertThrows(IllegalArgumentException.class, () -> Charts.histogram(new double[]{1, Double.NaN}, 3, "Values"));
        assertTrue(e.getMessage().contains("value 1 is NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Charts.histogram(new double[0], 3, "Values"));
    }

    @Test
    void histogramOfOneDistinctValue() throws Exception {
        assertRenders(Charts.histogram(new double[]{32, 32, 32}, 10, "Bars"), 720, 400);
    }
}
