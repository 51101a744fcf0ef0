package tunesmith.latent;

import java.util.Arrays;
import java.util.Comparator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Principal components of some rows: the covariance matrix and its symmetric eigendecomposition
 * by ND4J (LAPACK's syev), in double precision. Component signs are fixed (the largest loading
 * positive) so that two fits of the same data give the same picture, not a mirrored one.
 */
final class Pca {

    final double[] mean;
    /** k unit vectors, largest variance first. */
    final double[][] components;
    /** The variance along each component. */
    final double[] variances;
    /** The sum of all variances (the trace of the covariance), to say how much the k components explain. */
    final double totalVariance;

    private Pca(double[] mean, double[][] components, double[] variances, double totalVariance) {
        this.mean = mean;
        this.components = components;
        this.variances = variances;
        this.totalVariance = totalVariance;
    }

    static Pca fit(double[][] rows, int k) {
        int n = rows.length, d = rows[0].length;
        if (n < 2) throw new IllegalArgumentException("PCA needs at least 2 points, got " + n);
        if (k < 1 || k > d) throw new IllegalArgumentException("PCA: " + k + " components asked of " + d + "-dimensional points (expected 1.." + d + ")");
        INDArray x = Nd4j.create(rows).castTo(DataType.DOUBLE);
        INDArray mu = x.mean(0);
        INDArray xc = x.subRowVector(mu);
        INDArray cov = xc.transpose().mmul(xc).divi(n - 1);
        double trace = 0;
        for (int i = 0; i < d; i++) trace += cov.getDouble(i, i);
        INDArray vectors = cov.dup('f');
        INDArray values = Eigen.symmetricGeneralizedEigenvalues(vectors, true); // vectors now holds eigenvectors in columns
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) order[i] = i;
        double[] ev = values.toDoubleVector();
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -ev[i]));
        double[][] comps = new double[k][];
        double[] vars = new double[k];
        for (int c = 0; c < k; c++) {
            double[] v = vectors.getColumn(order[c]).toDoubleVector();
            int big = 0;
            for (int i = 1; i < d; i++) if (Math.abs(v[i]) > Math.abs(v[big])) big = i;
            if (v[big] < 0) for (int i = 0; i < d; i++) v[i] = -v[i];
            comps[c] = v;
            vars[c] = Math.max(0, ev[order[c]]);
        }
        return new Pca(mu.toDoubleVector(), comps, vars, trace);
    }

    /** Coordinates of a point along the components. */
    double[] project(double[] row) {
        double[] out = new double[components.length];
        for (int c = 0; c < out.length; c++) {
            double s = 0;
            double[] v = components[c];
            for (int i = 0; i < row.length; i++) s += (row[i] - mean[i]) * v[i];
            out[c] = s;
        }
        return out;
    }

    /** Share of the total variance along the first k components. */
    double explained(int k) {
        double s = 0;
        for (int c = 0; c < k; c++) s += variances[c];
        return totalVariance == 0 ? 0 : s / totalVariance;
    }
}
