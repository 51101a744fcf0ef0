package tunesmith.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The threads the kernels split their work over, instead of OpenBLAS's own. OpenBLAS's worker
 * threads spin (sched_yield) for a long while after each threaded call; between the per-step GEMMs
 * of a recurrence they spun on the second core the whole time, so two threads trained no faster
 * than one (perf: a quarter of all samples in sched_yield, docs/measurements.md). So during training
 * OpenBLAS runs one thread ({@link BlasThreads#with}) and the kernels split each large GEMM into
 * blocks of rows or columns, and each recurrence into parts of the batch, on these workers.
 *
 * <p>{@link #threads()} is 1 unless {@link BlasThreads#with} sets it for a task. A part never
 * splits again: work started inside a part runs on that part's thread.
 */
public final class Workers {

    private Workers() {}

    private static volatile int threads = 1;
    private static final ThreadLocal<Boolean> IN_PART = ThreadLocal.withInitial(() -> false);

    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tunesmith-kernel");
        t.setDaemon(true);
        return t;
    });

    /** How many threads the kernels may use now (1 inside a part). */
    public static int threads() { return IN_PART.get() ? 1 : threads; }

    static int set(int n) {
        int before = threads;
        threads = Math.max(1, n);
        return before;
    }

    /** One part of a split task: part {@code part} of {@code parts}. */
    public interface Part {
        void run(int part, int parts);
    }

    /**
     * Runs {@code body} for parts 0..parts-1, part 0 on the calling thread and the others on the
     * workers, and returns when all are done (also after an interrupt, so no part is left writing
     * into shared buffers); a part's failure is rethrown.
     */
    public static void split(int parts, Part body) {
        if (parts <= 1 || IN_PART.get()) {
            body.run(0, 1);
            return;
        }
        List<Future<?>> others = new ArrayList<>(parts - 1);
        for (int k = 1; k < parts; k++) {
            int part = k;
            others.add(POOL.submit(() -> {
                IN_PART.set(true);
                try {
                    body.run(part, parts);
                } finally {
                    IN_PART.set(false);
                }
            }));
        }
        Throwable failure = null;
        IN_PART.set(true);
        try {
            body.run(0, parts);
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            IN_PART.set(false);
        }
        boolean interrupted = false;
        for (Future<?> f : others) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (failure == null) failure = e.getCause();
                    break;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (failure instanceof RuntimeException re) throw re;
        if (failure instanceof Error err) throw err;
        if (failure != null) throw new IllegalStateException("a kernel part failed", failure);
    }

    /** Bounds [lo, hi) of part {@code part} of {@code parts} over {@code n} items, in multiples of {@code align} where possible. */
    public static int bound(int n, int part, int parts, int align) {
        if (part >= parts) return n;
        long cut = (long) n * part / parts;
        cut = cut / align * align;
        return (int) Math.min(n, cut);
    }
}
