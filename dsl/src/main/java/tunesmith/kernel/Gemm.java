package tunesmith.kernel;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Row-major float matrix products straight to OpenBLAS (the library ND4J itself uses), on native
 * pointers. A large product is split into blocks of C's rows or columns, one per {@link Workers}
 * thread, each a one-thread OpenBLAS call.
 */
public final class Gemm {

    private Gemm() {}

    /**
     * Multiply-adds below which a product runs on one thread: handing a block to a worker costs
     * tens of microseconds, a 2^21 product (a [32,256]x[256,256] one) about a hundred.
     */
    static final long SPLIT_WORK = 1L << 21;

    /**
     * C = op(A) op(B) + beta C, with op(A) [m,k], op(B) [k,n], C [m,n]. One row goes to GEMV:
     * OpenBLAS 0.3.19's GEMM packs all of B even for a single row (measured 5-10x slower).
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, FloatPointer a, int lda, FloatPointer b, int ldb,
                            float beta, FloatPointer c, int ldc) {
        if (m == 0 || n == 0) return;
        int threads = Workers.threads();
        long work = (long) m * n * k;
        if (threads > 1 && work >= SPLIT_WORK && m > 1) {
            int parts = (int) Math.min(threads, Math.max(2, work / SPLIT_WORK));
            boolean byRows = m >= n;   // split the longer side of C: both blocks keep whole panels
            int length = byRows ? m : n;
            Workers.split(parts, (p, ps) -> {
                int lo = Workers.bound(length, p, ps, 16), hi = Workers.bound(length, p + 1, ps, 16);
                if (hi <= lo) return;
                if (byRows)
                    single(transA, transB, hi - lo, n, k, offset(a, transA ? lo : (long) lo * lda), lda, b, ldb, beta, offset(c, (long) lo * ldc), ldc);
                else
                    single(transA, transB, m, hi - lo, k, a, lda, offset(b, transB ? (long) lo * ldb : lo), ldb, beta, offset(c, lo), ldc);
            });
            return;
        }
        single(transA, transB, m, n, k, a, lda, b, ldb, beta, c, ldc);
    }

    /** A pointer {@code elements} further on (a new object: a pointer's position is state, and parts run at once). */
    private static FloatPointer offset(FloatPointer p, long elements) {
        return new FloatPointer(p).position(p.position() + elements);
    }

    private static void single(boolean transA, boolean transB, int m, int n, int k, FloatPointer a, int lda, FloatPointer b, int ldb,
                               float beta, FloatPointer c, int ldc) {
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
