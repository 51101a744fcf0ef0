package tunesmith.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.jfree.chart.LegendItemCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.chart.Chart;
import tunesmith.corpus.Rhythms;
import tunesmith.music.Tune;

/** Latent maps: PCA and t-SNE of encoded corpora, and their charts. */
class ProjectionTest {

    /** Three well-separated clusters in 10-D: t-SNE must keep each point's neighbours in its own cluster. */
    @Test
    void tsneKeepsClustersTogetherAndIsReproducible() {
        Random r = new Random(3);
        int per = 60, d = 10;
        double[][] x = new double[3 * per][d];
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < per; i++)
                for (int k = 0; k < d; k++) x[c * per + i][k] = (k == c ? 10 : 0) + r.nextGaussian();
        Tsne tsne = Tsne.DEFAULTS.perplexity(20).iterations(500);
        double[][] y = tsne.run(x);
        int agree = 0;
        for (int i = 0; i < y.length; i++) {
            int[] nn = nearest(y, i, 5);
            for (int j : nn) if (j / per == i / per) agree++;
        }
        assertTrue(agree > 0.97 * 5 * y.length, "neighbours in the same cluster: " + agree + " of " + 5 * y.length);
        double[][] again = tsne.run(x);
        for (int i = 0; i < y.length; i++) assertArrayEquals(y[i], again[i]);
        assertEquals("t-SNE (Barnes-Hut, perplexity 20, 500 iterations, theta 0.5, seed 42)", tsne.toString());
    }

    private static int[] nearest(double[][] y, int i, int k) {
        Integer[] o = new Integer[y.length];
        for (int j = 0; j < o.length; j++) o[j] = j;
        java.util.Arrays.sort(o, java.util.Comparator.comparingDouble(j -> j == i ? Double.MAX_VALUE : Math.hypot(y[j][0] - y[i][0], y[j][1] - y[i][1])));
        int[] out = new int[k];
        for (int j = 0; j < k; j++) out[j] = o[j];
        return out;
    }

    @Test
    void exactRepulsionKeepsClustersToo() {
        Random r = new Random(5);
        double[][] x = new double[60][4];
        for (int i = 0; i < x.length; i++) for (int k = 0; k < 4; k++) x[i][k] = (k == i % 2 ? 8 : 0) + r.nextGaussian();
        double[][] y = Tsne.DEFAULTS.perplexity(10).iterations(400).theta(0).run(x);
        int agree = 0;
        for (int i = 0; i < y.length; i++) for (int j : nearest(y, i, 3)) if (j % 2 == i % 2) agree++;
        assertTrue(agree > 0.95 * 3 * y.length, "neighbours in the same cluster: " + agree + " of " + 3 * y.length);
    }

    @Test
    void pcaMapColouredByRhythmHasAPointPerTuneAndALegendEntryPerRhythm(@TempDir Path dir) throws Exception {
        LatentSpace space = LatentTestSupport.space();
        EncodedCorpus c = space.encode(LatentTestSupport.oneills().test());
        Projection p = c.pca();
        assertEquals(c.size(), p.size());
        long rhythms = c.tunes().stream().map(t -> Rhythms.of(t).isEmpty() ? "unknown" : Rhythms.of(t)).distinct().count();
        Chart chart = p.colorBy("rhythm");
        int expected = (int) Math.min(rhythms, Projection.MAX_GROUPS + 1);
        assertEquals(expected, chart.seriesCount());
        LegendItemCollection legend = chart.toJFreeChart().getXYPlot().getLegendItems();
        assertEquals(expected, legend.getItemCount());
        int total = 0;
        for (int i = 0; i < legend.getItemCount(); i++) {
            String label = legend.get(i).getLabel();
            total += Integer.parseInt(label.replaceAll(".*\\(([0-9,]+)\\)$", "$1").replace(",", ""));
        }
        assertEquals(c.size(), total, "legend counts add up to the tunes");
        assertEquals(c.count("rhythm").keySet().iterator().next() + " (" + String.format(java.util.Locale.ROOT, "%,d", c.count("rhythm").values().iterator().next()) + ")",
                legend.get(0).getLabel(), "most frequent first");
        assertTrue(chart.title().equals("Latent map (PCA) by rhythm"), chart.title());
        assertTrue(p.toString().startsWith("Projection PCA of " + c.size() + " tunes (PCA, "), p.toString());
        Path png = chart.writePng(dir.resolve("map.png")), svg = chart.writeSvg(dir.resolve("map.svg"));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(png)));
        assertEquals(720, img.getWidth());
        assertTrue(Files.readString(svg).contains("<svg") && Files.size(svg) > 10_000);
        for (String key : EncodedCorpus.METADATA) assertTrue(p.colorBy(key).seriesCount() >= 1, key);
        var e = assertThrows(IllegalArgumentException.class, () -> p.colorBy("tempo"));
        assertTrue(e.getMessage().contains("[rhythm, mode, meter, corpus, key]") && e.getMessage().contains("colorBy(\"name\", tune -> ...)"), e.getMessage());
    }

    @Test
    void tsneMapWithAnInterpolationPathAcrossTwoCorpora(@TempDir Path dir) throws Exception {
        LatentSpace space = LatentTestSupport.space();
        List<Tune> test = LatentTestSupport.oneills().test().tunes();
        EncodedCorpus a = space.encode("first", test.subList(0, 150)), b = space.encode("second", test.subList(150, 300));
        EncodedCorpus both = a.plus(b);
        assertEquals(a.size() + b.size(), both.size());
        Interpolation i = space.interpolate(both.tunes().get(0), both.tunes().get(both.size() - 1), 6);
        Projection p = both.path(i).tsne(Tsne.DEFAULTS.iterations(400));
        assertEquals(both.size(), p.size());
        assertEquals(6, p.pathPoints().length);
        // the path starts and ends on the points of its two tunes, in both kinds of map
        assertArrayEquals(p.points()[0], p.pathPoints()[0]);
        assertArrayEquals(p.points()[both.latents().indexOf(i.path().get(5))], p.pathPoints()[5]);
        Projection q = both.path(i).pca();
        assertArrayEquals(q.points()[0], q.pathPoints()[0], 1e-9);
        assertArrayEquals(q.points()[both.size() - 1], q.pathPoints()[5], 1e-9);
        Chart chart = p.colorBy("corpus");
        assertEquals(3, chart.seriesCount()); // two corpora and the path
        var plot = chart.toJFreeChart().getXYPlot();
        assertEquals(6, plot.getDataset(1).getItemCount(0));
        assertEquals(2, plot.getAnnotations().size()); // start and end labelled
        assertTrue(p.toString().contains("with a path of 6 steps"), p.toString());
        Path png = chart.writePng(dir.resolve("tsne.png"));
        assertTrue(Files.size(png) > 5_000);
        assertTrue(Files.size(chart.writeSvg(dir.resolve("tsne.svg"))) > 5_000);
        Chart own = p.colorBy("tonic", t -> t.key().tonicName());
        assertTrue(own.seriesCount() >= 2);
        var e = assertThrows(IllegalArgumentException.class, () -> both.plus(LatentSpace.of(LinearLatentModel.fit(test, 2, 4)).encode("other", test.subList(0, 50))));
        assertTrue(e.getMessage().contains("different models"), e.getMessage());
    }
}
