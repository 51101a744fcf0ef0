package tunesmith.kernel;

import org.nd4j.linalg.factory.Nd4j;

/**
 * How many threads a task computes with. Measured on our 2-core machine (bench/lstm-speed.sh,
 * docs/measurements.md): training runs faster with both cores, while sampling one token at a time
 * runs faster with one, its small GEMVs costing more to split than to do. So training uses every
 * core the process may run on (a {@code taskset} is respected), sampling one thread.
 *
 * <p>The threads are the kernels' own ({@link Workers}); OpenBLAS itself runs one thread during
 * the task, because its idle workers spin on the cores the kernels' parts need. OpenMP stays at
 * one thread throughout ({@code OMP_NUM_THREADS=1}, set by the launchers: two made libnd4j 2.7×
 * slower). DL4J's own layers (output layers, the stock LSTM) then run on one thread.
 */
public final class BlasThreads {

    private BlasThreads() {}

    /** For training: the cores this process may use. */
    public static int training() { return Runtime.getRuntime().availableProcessors(); }

    /** For stateful sampling, one step at a time. */
    public static final int SAMPLING = 1;

    /** Runs {@code body} with the kernels at {@code threads} threads and OpenBLAS at one, then restores what was set before. */
    public static <T> T with(int threads, java.util.function.Supplier<T> body) {
        var blas = Nd4j.factory().blas();
        int before = blas.getMaxThreads();
        int kernelsBefore = Workers.set(threads);
        blas.setMaxThreads(1);
        try {
            return body.get();
        } finally {
            Workers.set(kernelsBefore);
            blas.setMaxThreads(before);
        }
    }
}
