import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tunesmith.corpus.Corpus;
import tunesmith.vae.MusicVae;
import tunesmith.vae.MusicVaeBuilder;
import tunesmith.vae.Excerpt;
import tunesmith.vae.VaeData;

/**
 * The latent laws on a trained MusicVAE (LatentLawsTest checks them on small models trained
 * in the test): interpolation endpoints, the codes of two excerpts decoded greedily, against the
 * excerpts (share of 16th steps equal), on 200 training and 200 held-out (test split) excerpts;
 * and the note-density attribute vector (mean code of the training excerpts busier than their
 * median minus that of the others) added at scale 0, 1, 2 to 50 held-out excerpts: how many get
 * busier step by step. Run: bench/latent-laws.sh MODEL [CORPORA].
 */
public class LatentLaws {
    public static void main(String[] a) {
        MusicVae vae = MusicVae.load(Path.of(a[0]));
        Corpus corpus = null;
        for (String part : (a.length > 1 ? a[1] : "oneills+ryans+nottingham").split("\\+")) {
            Corpus c = Corpus.load(part);
            corpus = corpus == null ? c : corpus.plus(c);
        }
        System.out.println(vae);
        VaeData data = new MusicVaeBuilder(vae.config()).data(corpus);   // the split the model was trained with (same seed)
        for (String which : List.of("train", "test")) {
            List<Excerpt> s = spread(which.equals("train") ? data.train() : data.test(), 200);
            List<Excerpt> back = vae.decodeExcerpts(vae.encodeExcerpts(s));
            double same = 0;
            int exact = 0;
            for (int i = 0; i < s.size(); i++) { double f = same(s.get(i), back.get(i)); same += f; if (f == 1) exact++; }
            System.out.printf(Locale.ROOT, "endpoints, %s: %.4f of steps equal over %d excerpts (%d exactly)%n", which, same / s.size(), s.size(), exact);
        }
        List<Excerpt> train = data.train();
        double[] dens = train.stream().mapToDouble(Excerpt::noteDensity).sorted().toArray();
        double median = dens[dens.length / 2];
        float[][] codes = vae.encodeExcerpts(train);
        int dim = codes[0].length, nWith = 0, nWithout = 0;
        double[] with = new double[dim], without = new double[dim];
        for (int i = 0; i < train.size(); i++) {
            boolean busy = train.get(i).noteDensity() > median;
            for (int k = 0; k < dim; k++) { if (busy) with[k] += codes[i][k]; else without[k] += codes[i][k]; }
            if (busy) nWith++; else nWithout++;
        }
        float[] attr = new float[dim];
        for (int k = 0; k < dim; k++) attr[k] = (float) (with[k] / nWith - without[k] / nWithout);
        List<Excerpt> held = spread(data.test(), 50);
        float[][] z = vae.encodeExcerpts(held);
        int rising = 0;
        double[] mean = new double[3];
        for (int i = 0; i < held.size(); i++) {
            float[][] zs = new float[3][dim];
            for (int s = 0; s < 3; s++) for (int k = 0; k < dim; k++) zs[s][k] = z[i][k] + s * attr[k];
            double[] d = vae.decodeExcerpts(zs).stream().mapToDouble(Excerpt::noteDensity).toArray();
            for (int s = 0; s < 3; s++) mean[s] += d[s] / held.size();
            if (d[0] <= d[1] && d[1] <= d[2] && d[0] < d[2]) rising++;
        }
        System.out.printf(Locale.ROOT, "density vector (median %.1f notes a bar; %d busier vs %d not, |v| %.2f): rises at scales 0, 1, 2 for %d of %d held-out excerpts; mean notes a bar %.2f, %.2f, %.2f%n",
                median, nWith, nWithout, norm(attr), rising, held.size(), mean[0], mean[1], mean[2]);
    }

    /** n excerpts spread evenly over the list (consecutive excerpts come from the same tune). */
    static List<Excerpt> spread(List<Excerpt> all, int n) {
        List<Excerpt> out = new ArrayList<>();
        for (int i = 0; i < n && i < all.size(); i++) out.add(all.get((int) ((long) i * all.size() / n)));
        return out;
    }

    static double same(Excerpt a, Excerpt b) {
        if (a.meterClass() != b.meterClass()) return 0;
        int[] x = a.steps(), y = b.steps();
        int eq = 0;
        for (int i = 0; i < Math.min(x.length, y.length); i++) if (x[i] == y[i]) eq++;
        return eq / (double) Math.max(x.length, y.length);
    }

    static double norm(float[] v) { double s = 0; for (float x : v) s += x * x; return Math.sqrt(s); }
}
