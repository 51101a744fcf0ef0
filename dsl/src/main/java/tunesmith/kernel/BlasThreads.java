package tunesmith.kernel;

import org.nd4j.linalg.factory.Nd4j;

/**
 * How many threads OpenBLAS (which ND4J and the fused LSTM both call) may use, set per task.
 * Measured on our 2-core machine (bench/lstm-speed.sh, docs/measurements.md): training the 2×256 LSTM runs 23%
 * faster with 2 threads than with 1 (5,685 against 4,620 tokens/s at batch 32), while sampling one
 * token at a time runs 30% slower (1,251 against 1,779 tokens/s at batch 1), its small GEMVs
 * costing more to split than to do. So training uses every core the process may run on (a
 * {@code taskset} is respected), sampling one thread. OpenMP stays at one thread throughout
 * ({@code OMP_NUM_THREADS=1}, set by the launchers: two made libnd4j 2.7× slower).
 */
public final class BlasThreads {

    private BlasThreads() {}

    /** For training: the cores this process may use. */
    public static int training() { return Runtime.getRuntime().availableProcessors(); }

    /** For stateful sampling, one step at a time. */
    public static final int SAMPLING = 1;

    /** Runs {@code body} with OpenBLAS at {@code threads} threads, then restores what was set before. */
    public static <T> T with(int threads, java.util.function.Supplier<T> body) {
        var blas = Nd4j.factory().blas();
        int before = blas.getMaxThreads();
        blas.setMaxThreads(threads);
        try {
            return body.get();
        } finally {
            blas.setMaxThreads(before);
        }
    }
}
