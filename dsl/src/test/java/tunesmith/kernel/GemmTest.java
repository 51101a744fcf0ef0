package tunesmith.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;

class GemmTest {

    /** C = op(A) op(B) + beta C by the definition, in double. */
    private static double[] reference(boolean ta, boolean tb, int m, int n, int k, float[] a, float[] b, float beta, float[] c) {
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++)
                    sum += (double) (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
                out[i * n + j] = sum + beta * c[i * n + j];
            }
        return out;
    }

    private static float[] random(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) r.nextGaussian();
        return x;
    }

    /**
     * Split over two kernel threads (by C's rows when C is tall, by its columns when wide), every
     * transpose, accumulating into C: the product is the definition's, block edges included.
     */
    @Test
    void splitProductsEqualTheDefinition() {
        Random r = new Random(7);
        int[][] shapes = {{301, 200, 64}, {40, 1030, 256}, {1024, 256, 96}, {17, 3, 5}};
        for (int[] shape : shapes)
            for (boolean ta : new boolean[]{false, true})
                for (boolean tb : new boolean[]{false, true}) {
                    int m = shape[0], n = shape[1], k = shape[2];
                    float[] a = random(r, m * k), b = random(r, k * n), c = random(r, m * n);
                    double[] want = reference(ta, tb, m, n, k, a, b, 0.5f, c);
                    FloatPointer pa = new FloatPointer(a), pb = new FloatPointer(b), pc = new FloatPointer(c);
                    BlasThreads.with(2, () -> {
                        Gemm.gemm(ta, tb, m, n, k, pa, ta ? m : k, pb, tb ? k : n, 0.5f, pc, n);
                        return null;
                    });
                    float[] got = new float[m * n];
                    pc.get(got);
                    for (int i = 0; i < got.length; i++)
                        assertEquals(want[i], got[i], 1e-3 * (1 + Math.abs(want[i])),
                                "element " + i + " of [" + m + "," + n + "," + k + "] transA " + ta + " transB " + tb);
                }
    }

    /** Parts run on distinct threads, a part never splits again, and a part's failure reaches the caller. */
    @Test
    void partsRunOnceEachDoNotNestAndFailLoudly() {
        AtomicInteger ran = new AtomicInteger(), nested = new AtomicInteger();
        BlasThreads.with(2, () -> {
            assertEquals(2, Workers.threads());
            Workers.split(2, (p, ps) -> {
                ran.incrementAndGet();
                nested.addAndGet(Workers.threads());
            });
            return null;
        });
        assertEquals(2, ran.get());
        assertEquals(2, nested.get(), "inside a part the kernels see one thread");
        assertEquals(1, Workers.threads(), "restored after the task");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> BlasThreads.with(2, () -> {
            Workers.split(2, (p, ps) -> {
                if (p == 1) throw new IllegalStateException("part 1 broke");
            });
            return null;
        }));
        assertEquals("part 1 broke", e.getMessage());
    }

    @Test
    void boundsCoverEveryItemOnceOnAlignedCuts() {
        for (int n : new int[]{1, 15, 16, 100, 1024})
            for (int parts = 1; parts <= 4; parts++) {
                assertEquals(0, Workers.bound(n, 0, parts, 16));
                assertEquals(n, Workers.bound(n, parts, parts, 16));
                for (int p = 1; p < parts; p++) {
                    int cut = Workers.bound(n, p, parts, 16);
                    assertEquals(0, cut % 16, "aligned cut");
                    assertEquals(true, cut >= Workers.bound(n, p - 1, parts, 16), "cuts in order");
                }
            }
    }
}
