package tunesmith.latent;

import tunesmith.io.AtomicFiles;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import tunesmith.encode.EncodingException;
import tunesmith.encode.MelodyGrid;
import tunesmith.music.Tune;

/**
 * The linear baseline of a latent melody model: whitened PCA of one-hot melody-grid excerpts. An
 * excerpt of {@code bars} bars (see {@link #bars()}) is a {@code 16·bars × classes} one-hot matrix;
 * encoding projects it onto the top {@code dimension} principal components, each divided by its
 * standard deviation so that the codes of the training tunes have mean 0 and unit variance, as a
 * VAE's prior N(0, I) assumes; decoding maps a code back and takes the most likely class at every
 * 16th. It is probabilistic PCA with the noise taken to zero: what a recurrent VAE has to beat,
 * fitted in seconds, and a real model for the latent operations to be tested and benchmarked on.
 *
 * <pre>{@code
 * var linear = LinearLatentModel.fit(corpus("oneills").tunes(), 2, 16);
 * linear.save(Path.of("runs/linear.tsl"));
 * }</pre>
 */
public final class LinearLatentModel implements LatentModel {

    /** Excerpts used to fit at most: the covariance of 8,000 excerpts is stable to a few percent and takes about a second. */
    public static final int DEFAULT_MAX_EXCERPTS = 8000;
    /** Seed of the choice of excerpts when there are more than {@link #DEFAULT_MAX_EXCERPTS}. */
    public static final long DEFAULT_SEED = 42;
    /** Variance floor: a component with no spread would otherwise divide by zero when whitening. */
    private static final double MIN_VARIANCE = 1e-9;
    static final String MAGIC = "tunesmith-latent";
    static final String KIND = "linear-pca";
    private static final int VERSION = 1;

    private final MelodyGrid grid;
    private final int bars, dimension, classes, steps;
    private final double[] mean;        // steps·classes
    private final double[][] encoder;   // dimension × steps·classes: component / sd
    private final double[][] decoder;   // dimension × steps·classes: component · sd
    private final double explained;
    private final int excerpts;

    private LinearLatentModel(MelodyGrid grid, int bars, int dimension, double[] mean, double[][] encoder, double[][] decoder, double explained, int excerpts) {
        this.grid = grid;
        this.bars = bars;
        this.dimension = dimension;
        this.classes = grid.classes();
        this.steps = bars * Excerpt.STEPS_PER_BAR;
        this.mean = mean;
        this.encoder = encoder;
        this.decoder = decoder;
        this.explained = explained;
        this.excerpts = excerpts;
    }

    /** Fits the model to the openings and later stretches of these tunes; tunes off the grid are skipped. */
    public static LinearLatentModel fit(List<Tune> tunes, int bars, int dimension) {
        return fit(tunes, bars, dimension, DEFAULT_MAX_EXCERPTS, DEFAULT_SEED);
    }

    /**
     * Fits on every {@code bars}-bar stretch (of 4/4 sixteenths, from the first full bar, not
     * overlapping) of the tunes that sit on the grid, a seeded sample of {@code maxExcerpts} of
     * them when there are more.
     */
    public static LinearLatentModel fit(List<Tune> tunes, int bars, int dimension, int maxExcerpts, long seed) {
        Objects.requireNonNull(tunes, "tunes");
        if (bars < 1 || bars > 16) throw new IllegalArgumentException("fit: " + bars + " bars is out of range 1..16 (MusicVAE reads 2 or 16)");
        if (dimension < 1) throw new IllegalArgumentException("fit: a latent space of " + dimension + " dimensions; give at least 1 (16 to 64 suit melodies)");
        MelodyGrid grid = Excerpt.GRID;
        int n = bars * Excerpt.STEPS_PER_BAR, width = n * grid.classes();
        if (dimension > width) throw new IllegalArgumentException("fit: " + dimension + " dimensions is more than the " + width + " numbers of an excerpt");
        List<int[]> windows = new ArrayList<>();
        for (Tune t : tunes) windows.addAll(windows(t, n, grid));
        if (windows.size() <= dimension)
            throw new IllegalArgumentException("fit: only " + windows.size() + " excerpts of " + bars + " bars on the melody grid among " + tunes.size()
                    + " tunes; a " + dimension + "-dimensional model needs more than " + dimension + " (give more tunes, or tunes without triplets)");
        if (windows.size() > maxExcerpts) {
            java.util.Collections.shuffle(windows, new Random(seed));
            windows = windows.subList(0, maxExcerpts);
        }
        double[][] rows = new double[windows.size()][];
        for (int i = 0; i < rows.length; i++) rows[i] = oneHot(windows.get(i), grid.classes());
        Pca pca = Pca.fit(rows, dimension);
        double[][] enc = new double[dimension][], dec = new double[dimension][];
        for (int c = 0; c < dimension; c++) {
            double sd = Math.sqrt(Math.max(MIN_VARIANCE, pca.variances[c]));
            enc[c] = pca.components[c].clone();
            dec[c] = pca.components[c].clone();
            for (int i = 0; i < width; i++) { enc[c][i] /= sd; dec[c][i] *= sd; }
        }
        return new LinearLatentModel(grid, bars, dimension, pca.mean, enc, dec, pca.explained(dimension), rows.length);
    }

    /** Non-overlapping windows of n steps from the first full bar; tunes off the grid give none. */
    private static List<int[]> windows(Tune tune, int n, MelodyGrid grid) {
        int[] first;
        try {
            first = Excerpt.steps(tune, n / Excerpt.STEPS_PER_BAR, grid);
        } catch (EncodingException e) {
            return List.of();
        }
        List<int[]> out = new ArrayList<>();
        out.add(first);
        int[] all;
        try {
            all = grid.encode(tune);
        } catch (EncodingException e) {
            return out; // off the grid later on (a triplet): the opening is all we can use
        }
        int offset = Excerpt.offset(tune);
        for (int s = offset + n; s + n <= all.length; s += n) {
            int[] w = java.util.Arrays.copyOfRange(all, s, s + n);
            if (w[0] == MelodyGrid.HOLD) {
                int t = s;
                while (t > 0 && all[t] == MelodyGrid.HOLD) t--;
                w[0] = all[t];
            }
            if (Excerpt.notes(w) > 0) out.add(w);
        }
        return out;
    }

    private static double[] oneHot(int[] steps, int classes) {
        double[] x = new double[steps.length * classes];
        for (int t = 0; t < steps.length; t++) x[t * classes + steps[t]] = 1;
        return x;
    }

    // ---- LatentModel ----------------------------------------------------------------------

    @Override
    public int dimension() { return dimension; }

    @Override
    public int bars() { return bars; }

    /** The melody grid it reads (MIDI 48..84, notes outside moved by octaves). */
    public MelodyGrid grid() { return grid; }

    /** Share of the variance of the one-hot excerpts that the {@link #dimension()} components hold. */
    public double explainedVariance() { return explained; }

    @Override
    public boolean accepts(Tune tune) {
        try {
            Excerpt.steps(tune, bars, grid);
            return true;
        } catch (EncodingException e) {
            return false;
        }
    }

    /** @throws EncodingException for a tune off the grid (triplets), shorter than {@link #bars()} bars of 4/4, or silent */
    @Override
    public float[][] encode(List<Tune> tunes) {
        float[][] out = new float[tunes.size()][];
        double[] base = new double[dimension]; // mean · encoder: subtracted once, not per tune
        for (int c = 0; c < dimension; c++) {
            double s = 0;
            for (int i = 0; i < mean.length; i++) s += mean[i] * encoder[c][i];
            base[c] = s;
        }
        for (int k = 0; k < out.length; k++) {
            int[] w = Excerpt.steps(tunes.get(k), bars, grid);
            float[] z = new float[dimension];
            for (int c = 0; c < dimension; c++) {
                double s = -base[c];
                double[] e = encoder[c];
                for (int t = 0; t < steps; t++) s += e[t * classes + w[t]]; // one-hot: one term per step
                z[c] = (float) s;
            }
            out[k] = z;
        }
        return out;
    }

    @Override
    public List<Tune> decode(float[][] z) {
        List<Tune> out = new ArrayList<>(z.length);
        double[] x = new double[mean.length];
        for (float[] v : z) {
            if (v.length != dimension)
                throw new IllegalArgumentException("decode: a vector of " + v.length + " numbers given to a " + dimension + "-dimensional model");
            System.arraycopy(mean, 0, x, 0, x.length);
            for (int c = 0; c < dimension; c++) {
                double zc = v[c];
                double[] d = decoder[c];
                for (int i = 0; i < x.length; i++) x[i] += zc * d[i];
            }
            int[] w = new int[steps];
            for (int t = 0; t < steps; t++) {
                int best = 0;
                for (int c = 1; c < classes; c++) if (x[t * classes + c] > x[t * classes + best]) best = c;
                w[t] = best;
            }
            out.add(Excerpt.tune(w, grid, MelodyGrid.SAMPLE_TITLE));
        }
        return out;
    }

    // ---- files ----------------------------------------------------------------------------

    /** Writes the model (replacing the file atomically); read it back with {@link #load} or {@link LatentModels#load}. */
    public Path save(Path file) {
        Path target = file.toAbsolutePath();
        try {
            AtomicFiles.write(target, stream -> {
                DataOutputStream out = new DataOutputStream(stream);
                out.writeUTF(MAGIC);
                out.writeUTF(KIND);
                out.writeInt(VERSION);
                out.writeUTF(grid.spec());
                out.writeInt(bars);
                out.writeInt(dimension);
                out.writeInt(mean.length);
                out.writeDouble(explained);
                out.writeInt(excerpts);
                for (double v : mean) out.writeDouble(v);
                for (double[] row : encoder) for (double v : row) out.writeDouble(v);
                for (double[] row : decoder) for (double v : row) out.writeDouble(v);
                out.flush();
            });
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the linear latent model to " + file + ": " + e, e);
        }
    }

    /** Reads a file written by {@link #save}; a file of another kind, version or a truncated one is refused with the reason. */
    public static LinearLatentModel load(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            String magic = readHeader(in, file);
            if (!magic.equals(MAGIC)) throw new IllegalArgumentException(file + " is not a Tunesmith latent model file");
            String kind = in.readUTF();
            if (!kind.equals(KIND)) throw new IllegalArgumentException(file + " holds a '" + kind + "' latent model, not a " + KIND + " one; load it with LatentModels.load(file)");
            int version = in.readInt();
            if (version != VERSION) throw new IllegalArgumentException(file + " is a " + KIND + " model of format version " + version + "; this Tunesmith reads version " + VERSION);
            MelodyGrid grid = MelodyGrid.fromSpec(in.readUTF());
            int bars = in.readInt(), dimension = in.readInt(), width = in.readInt();
            if (bars < 1 || dimension < 1 || width != bars * Excerpt.STEPS_PER_BAR * grid.classes() || dimension > width)
                throw new IllegalArgumentException(file + ": inconsistent sizes (bars " + bars + ", dimension " + dimension + ", width " + width + "); the file is damaged");
            double explained = in.readDouble();
            int excerpts = in.readInt();
            double[] mean = readDoubles(in, width);
            double[][] enc = new double[dimension][], dec = new double[dimension][];
            for (int c = 0; c < dimension; c++) enc[c] = readDoubles(in, width);
            for (int c = 0; c < dimension; c++) dec[c] = readDoubles(in, width);
            if (in.read() != -1) throw new IllegalArgumentException(file + " has bytes after the model; the file is damaged or not one file");
            return new LinearLatentModel(grid, bars, dimension, mean, enc, dec, explained, excerpts);
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + " ends early: the latent model file is truncated (an interrupted copy?); save the model again", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read a latent model from " + file + ": " + e, e);
        }
    }

    /** The magic string, or a clear refusal for files that are not ours at all. */
    static String readHeader(DataInputStream in, Path file) throws IOException {
        try {
            return in.readUTF();
        } catch (EOFException | java.io.UTFDataFormatException e) {
            throw new IllegalArgumentException(file + " is not a Tunesmith latent model file (it does not start with '" + MAGIC + "')", e);
        }
    }

    private static double[] readDoubles(DataInputStream in, int n) throws IOException {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = in.readDouble();
        return out;
    }

    /** {@code LinearLatentModel(16-d, 2 bars, PCA of 8000 one-hot grid excerpts, 41% of the variance)} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LinearLatentModel(%d-d, %d bars, PCA of %d one-hot grid excerpts, %.0f%% of the variance)",
                dimension, bars, excerpts, 100 * explained);
    }
}
