package tunesmith.kernel;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/** Row-major float matrix products straight to OpenBLAS (the library ND4J itself uses), on native pointers. */
public final class Gemm {

    private Gemm() {}

    /**
     * C = op(A) op(B) + beta C, with op(A) [m,k], op(B) [k,n], C [m,n]. One row goes to GEMV:
     * OpenBLAS 0.3.19's GEMM packs all of B even for a single row (measured 5-10x slower, see
     * {@link FusedLstmLayer}).
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, FloatPointer a, int lda, FloatPointer b, int ldb,
                            float beta, FloatPointer c, int ldc) {
        if (m == 0 || n == 0) return;
        if (m == 1) {
            int incA = transA ? lda : 1;
            int tb = transB ? CblasNoTrans : CblasTrans, rows = transB ? n : k, cols = transB ? k : n;
            openblas_nolapack.cblas_sgemv(CblasRowMajor, tb, rows, cols, 1f, b, ldb, a, incA, beta, c, 1);
            return;
        }
        openblas_nolapack.cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                m, n, k, 1f, a, lda, b, ldb, beta, c, ldc);
    }
}
