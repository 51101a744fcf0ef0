package tunesmith.latent;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Barnes-Hut t-SNE (van der Maaten 2014), written here because DL4J's t-SNE module
 * ({@code deeplearning4j-tsne}) was last published for 1.0.0-beta7 and mixing it with 1.0.0-M2.1
 * is not safe. Input similarities over the {@code 3·perplexity} nearest neighbours (exact search),
 * repulsion summarised by a quadtree with opening angle {@link #theta}, early exaggeration, momentum
 * and gains as in the reference implementation; the start is the first two principal components
 * scaled to a standard deviation of 1e-4 (Kobak and Berens 2019), which keeps the global layout
 * and makes runs reproducible. Immutable settings; {@code Tsne.DEFAULTS.perplexity(15).seed(7)}.
 */
public final class Tsne {

    /**
     * Perplexity 30 (the usual default; about the number of neighbours each point cares about),
     * 750 iterations (the layout of a few thousand codes has settled by then), theta 0.5 (the
     * reference's speed-accuracy balance), 50 PCA dimensions before the search, seed 42.
     */
    public static final Tsne DEFAULTS = new Tsne(30, 750, 0.5, 42);
    private static final double EXAGGERATION = 12;
    private static final int EXAGGERATION_ITERATIONS = 250;
    private static final int PCA_DIMENSIONS = 50;
    private static final int MAX_DEPTH = 40;

    private final double perplexity;
    private final int iterations;
    private final double theta;
    private final long seed;

    private Tsne(double perplexity, int iterations, double theta, long seed) {
        this.perplexity = perplexity;
        this.iterations = iterations;
        this.theta = theta;
        this.seed = seed;
    }

    public Tsne perplexity(double p) {
        if (!(p >= 2 && p <= 100)) throw new IllegalArgumentException("perplexity(" + p + "): expected 2..100 (5 to 50 is usual; 30 is the default)");
        return new Tsne(p, iterations, theta, seed);
    }

    public Tsne iterations(int n) {
        if (n < EXAGGERATION_ITERATIONS + 50 || n > 10000)
            throw new IllegalArgumentException("iterations(" + n + "): expected " + (EXAGGERATION_ITERATIONS + 50) + "..10000 (the first " + EXAGGERATION_ITERATIONS + " are early exaggeration)");
        return new Tsne(perplexity, n, theta, seed);
    }

    /** 0 is exact (slow, O(n²) per iteration); 0.5 the usual; up to 1 faster and coarser. */
    public Tsne theta(double t) {
        if (!(t >= 0 && t <= 1)) throw new IllegalArgumentException("theta(" + t + "): expected 0..1 (0 exact, 0.5 the usual)");
        return new Tsne(perplexity, iterations, t, seed);
    }

    /** The seed of the tiny jitter that parts identical points; the start itself is PCA. */
    public Tsne seed(long s) { return new Tsne(perplexity, iterations, theta, s); }

    public double perplexity() { return perplexity; }

    public int iterations() { return iterations; }

    public double theta() { return theta; }

    public long seed() { return seed; }

    /** Two coordinates per row of {@code x}. Needs at least 4 rows; perplexity is lowered to (n − 1)/3 for fewer than 3·perplexity + 1. */
    public double[][] run(double[][] x) {
        int n = x.length;
        if (n < 4) throw new IllegalArgumentException("t-SNE needs at least 4 points to place, got " + n + "; use PCA for fewer");
        double[][] data = x[0].length > PCA_DIMENSIONS ? reduce(x, PCA_DIMENSIONS) : x;
        double perp = Math.min(perplexity, (n - 1) / 3.0);
        int k = Math.min(n - 1, (int) (3 * perp));
        Sparse p = similarities(data, perp, k);
        double[][] y = start(x, n);
        return optimise(p, y);
    }

    private static double[][] reduce(double[][] x, int d) {
        Pca pca = Pca.fit(x, d);
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) out[i] = pca.project(x[i]);
        return out;
    }

    /** The first two principal components, scaled so the first has sd 1e-4, and a much smaller seeded jitter. */
    private double[][] start(double[][] x, int n) {
        double[][] y = new double[n][2];
        if (x[0].length >= 2) {
            double[][] pc = reduce(x, 2);
            double sd = 0;
            for (double[] r : pc) sd += r[0] * r[0];
            sd = Math.sqrt(sd / n);
            double scale = sd == 0 ? 0 : 1e-4 / sd;
            for (int i = 0; i < n; i++) { y[i][0] = pc[i][0] * scale; y[i][1] = pc[i][1] * scale; }
        }
        Random r = new Random(seed);
        for (double[] yi : y) { yi[0] += 1e-8 * r.nextGaussian(); yi[1] += 1e-8 * r.nextGaussian(); }
        return y;
    }

    // ---- input similarities -------------------------------------------------------------------

    /** Symmetric joint probabilities in compressed rows. */
    private record Sparse(int[] rowStart, int[] col, double[] val) {}

    private static Sparse similarities(double[][] x, double perp, int k) {
        int n = x.length;
        int[][] nbr = new int[n][k];
        double[][] prob = new double[n][k];
        double[] dist = new double[n], sorted = new double[n];
        double target = Math.log(perp);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                double[] a = x[i], b = x[j];
                for (int d = 0; d < a.length; d++) { double t = a[d] - b[d]; s += t * t; }
                dist[j] = s;
            }
            dist[i] = Double.POSITIVE_INFINITY;
            System.arraycopy(dist, 0, sorted, 0, n);
            Arrays.sort(sorted);
            double kth = sorted[k - 1];
            int m = 0;
            for (int j = 0; j < n && m < k; j++) if (dist[j] < kth) nbr[i][m++] = j;
            for (int j = 0; j < n && m < k; j++) if (dist[j] == kth && j != i) nbr[i][m++] = j; // ties at the k-th, in index order
            double[] d = new double[k];
            for (int q = 0; q < k; q++) d[q] = dist[nbr[i][q]];
            calibrate(d, target, prob[i]);
        }
        // p_ij = (p_j|i + p_i|j) / 2n, gathered per row
        int[] count = new int[n];
        for (int i = 0; i < n; i++) for (int j : nbr[i]) { count[i]++; count[j]++; }
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) start[i + 1] = start[i] + count[i];
        int[] col = new int[start[n]];
        double[] val = new double[start[n]];
        int[] fill = Arrays.copyOf(start, n);
        for (int i = 0; i < n; i++)
            for (int q = 0; q < k; q++) {
                int j = nbr[i][q];
                double v = prob[i][q] / (2.0 * n);
                col[fill[i]] = j; val[fill[i]++] = v;
                col[fill[j]] = i; val[fill[j]++] = v;
            }
        return new Sparse(start, col, val); // a pair in both neighbour lists appears twice per row: the sum is what counts
    }

    /** Binary search of the Gaussian precision whose conditional distribution has entropy log(perplexity). */
    private static void calibrate(double[] d2, double target, double[] out) {
        double beta = 1, lo = Double.NEGATIVE_INFINITY, hi = Double.POSITIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double v : d2) min = Math.min(min, v);
        for (int iter = 0; iter < 200; iter++) {
            double sum = 0, h = 0;
            for (int q = 0; q < d2.length; q++) { out[q] = Math.exp(-beta * (d2[q] - min)); sum += out[q]; }
            for (int q = 0; q < d2.length; q++) { out[q] /= sum; if (out[q] > 1e-300) h -= out[q] * Math.log(out[q]); }
            double diff = h - target;
            if (Math.abs(diff) < 1e-5) break;
            if (diff > 0) { lo = beta; beta = hi == Double.POSITIVE_INFINITY ? beta * 2 : (beta + hi) / 2; }
            else { hi = beta; beta = lo == Double.NEGATIVE_INFINITY ? beta / 2 : (beta + lo) / 2; }
        }
    }

    // ---- optimisation ---------------------------------------------------------------------------

    /** Gradient descent on flat coordinates (x at 2i, y at 2i+1): the inner loops run n times per iteration and stay in one array. */
    private double[][] optimise(Sparse p, double[][] start) {
        int n = start.length;
        double[] y = new double[2 * n];
        for (int i = 0; i < n; i++) { y[2 * i] = start[i][0]; y[2 * i + 1] = start[i][1]; }
        double rate = Math.max(200, n / (4 * EXAGGERATION));
        double[] update = new double[2 * n], gains = new double[2 * n], attract = new double[2 * n], repel = new double[2 * n];
        Arrays.fill(gains, 1);
        QuadTree tree = new QuadTree(n);
        for (int it = 0; it < iterations; it++) {
            boolean early = it < EXAGGERATION_ITERATIONS;
            double exaggeration = early ? EXAGGERATION : 1, momentum = early ? 0.5 : 0.8;
            for (int i = 0; i < n; i++) {
                double fx = 0, fy = 0, xi = y[2 * i], yi = y[2 * i + 1];
                for (int e = p.rowStart[i]; e < p.rowStart[i + 1]; e++) {
                    int j = p.col[e];
                    double dx = xi - y[2 * j], dy = yi - y[2 * j + 1];
                    double q = p.val[e] / (1 + dx * dx + dy * dy);
                    fx += q * dx;
                    fy += q * dy;
                }
                attract[2 * i] = fx;
                attract[2 * i + 1] = fy;
            }
            tree.build(y);
            double z = 0;
            for (int i = 0; i < n; i++) z += tree.repulsion(i, theta, repel);
            for (int d = 0; d < 2 * n; d++) {
                double grad = 4 * (exaggeration * attract[d] - repel[d] / z);
                gains[d] = Math.signum(grad) != Math.signum(update[d]) ? gains[d] + 0.2 : Math.max(0.01, gains[d] * 0.8);
                update[d] = momentum * update[d] - rate * gains[d] * grad;
                y[d] += update[d];
            }
            double mx = 0, my = 0;
            for (int i = 0; i < n; i++) { mx += y[2 * i]; my += y[2 * i + 1]; }
            for (int i = 0; i < n; i++) { y[2 * i] -= mx / n; y[2 * i + 1] -= my / n; }
        }
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) out[i] = new double[]{y[2 * i], y[2 * i + 1]};
        return out;
    }

    /**
     * A quadtree in flat arrays, rebuilt every iteration: each cell keeps its point count and
     * centre of mass. Identical points (duplicate tunes) share a leaf instead of splitting forever.
     */
    private static final class QuadTree {
        private int size;
        private double[] cx = new double[0], cy, half, comX, comY;
        private int[] count, child, point; // child: index of the first of 4 children, -1 for a leaf; point: a leaf's point, -1 if empty
        private final int n;
        private double[] y;
        private int[] stack = new int[4 * MAX_DEPTH + 8]; // cells still to visit; reused, as repulsion runs n times an iteration

        QuadTree(int n) {
            this.n = n;
            grow(4 * n + 16);
        }

        private void grow(int capacity) {
            cx = Arrays.copyOf(cx, capacity);
            cy = cy == null ? new double[capacity] : Arrays.copyOf(cy, capacity);
            half = half == null ? new double[capacity] : Arrays.copyOf(half, capacity);
            comX = comX == null ? new double[capacity] : Arrays.copyOf(comX, capacity);
            comY = comY == null ? new double[capacity] : Arrays.copyOf(comY, capacity);
            count = count == null ? new int[capacity] : Arrays.copyOf(count, capacity);
            child = child == null ? new int[capacity] : Arrays.copyOf(child, capacity);
            point = point == null ? new int[capacity] : Arrays.copyOf(point, capacity);
        }

        private int node(double x, double y0, double h) {
            if (size == cx.length) grow(cx.length * 2);
            int k = size++;
            cx[k] = x; cy[k] = y0; half[k] = h;
            comX[k] = 0; comY[k] = 0; count[k] = 0; child[k] = -1; point[k] = -1;
            return k;
        }

        void build(double[] pts) {
            this.y = pts;
            double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY, minY = minX, maxY = maxX;
            for (int i = 0; i < n; i++) {
                minX = Math.min(minX, pts[2 * i]); maxX = Math.max(maxX, pts[2 * i]);
                minY = Math.min(minY, pts[2 * i + 1]); maxY = Math.max(maxY, pts[2 * i + 1]);
            }
            size = 0;
            double h = Math.max(maxX - minX, maxY - minY) / 2 + 1e-5;
            node((minX + maxX) / 2, (minY + maxY) / 2, h);
            for (int i = 0; i < n; i++) insert(0, i, 0);
        }

        private void insert(int k, int i, int depth) {
            double px = y[2 * i], py = y[2 * i + 1];
            while (true) {
                comX[k] = (comX[k] * count[k] + px) / (count[k] + 1);
                comY[k] = (comY[k] * count[k] + py) / (count[k] + 1);
                count[k]++;
                if (child[k] < 0) {
                    if (count[k] == 1) { point[k] = i; return; }
                    int q = point[k];
                    boolean same = q >= 0 && y[2 * q] == px && y[2 * q + 1] == py;
                    if (depth >= MAX_DEPTH || same || q < 0) { point[k] = -1; return; } // a shared leaf
                    split(k);
                    point[k] = -1;
                    int c = quadrant(k, y[2 * q], y[2 * q + 1]);
                    comX[c] = y[2 * q]; comY[c] = y[2 * q + 1]; count[c] = 1; point[c] = q;
                }
                k = quadrant(k, px, py);
                depth++;
            }
        }

        private void split(int k) {
            double h = half[k] / 2;
            int first = node(cx[k] - h, cy[k] - h, h);
            node(cx[k] + h, cy[k] - h, h);
            node(cx[k] - h, cy[k] + h, h);
            node(cx[k] + h, cy[k] + h, h);
            child[k] = first;
        }

        private int quadrant(int k, double px, double py) {
            return child[k] + (px >= cx[k] ? 1 : 0) + (py >= cy[k] ? 2 : 0);
        }

        /** Puts the unnormalised repulsion on point i into {@code force[2i], force[2i+1]}; returns its share of the normaliser Z. */
        double repulsion(int i, double theta, double[] force) {
            double px = y[2 * i], py = y[2 * i + 1], fx = 0, fy = 0, z = 0, theta2 = theta * theta;
            int top = 0;
            stack[top++] = 0;
            while (top > 0) {
                int k = stack[--top];
                if (count[k] == 0 || point[k] == i && count[k] == 1) continue;
                double dx = px - comX[k], dy = py - comY[k];
                double d2 = dx * dx + dy * dy;
                double w = 2 * half[k];
                if (child[k] < 0 || w * w < theta2 * d2) {
                    int m = count[k] - (child[k] < 0 && point[k] < 0 && d2 == 0 ? 1 : 0); // a shared leaf holding i itself
                    double q = 1 / (1 + d2);
                    double mq = m * q;
                    z += mq;
                    fx += mq * q * dx;
                    fy += mq * q * dy;
                } else {
                    if (top + 4 > stack.length) stack = Arrays.copyOf(stack, stack.length * 2);
                    int c = child[k];
                    stack[top++] = c;
                    stack[top++] = c + 1;
                    stack[top++] = c + 2;
                    stack[top++] = c + 3;
                }
            }
            force[2 * i] = fx;
            force[2 * i + 1] = fy;
            return z;
        }
    }

    /** {@code t-SNE (Barnes-Hut, perplexity 30, 750 iterations, theta 0.5, seed 42)} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "t-SNE (Barnes-Hut, perplexity %s, %d iterations, theta %s, seed %d)", fmt(perplexity), iterations, fmt(theta), seed);
    }

    private static String fmt(double v) { return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v); }
}
