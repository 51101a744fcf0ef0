package tunesmith.kernel;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the parts of a recurrence split by units wait for each other at every step: step t+1's
 * product needs every unit of step t. A few microseconds a step matter (64 steps, several
 * passes a batch), so waiting spins briefly, then yields; a part that fails breaks the barrier so
 * the others stop waiting and fail too.
 */
public final class StepBarrier {

    private final int parties;
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile int generation;
    private volatile boolean broken;

    public StepBarrier(int parties) { this.parties = parties; }

    /** Waits until every party has arrived at this step. */
    public void await() {
        int gen = generation;
        if (arrived.incrementAndGet() == parties) {
            arrived.set(0);
            generation = gen + 1;
            return;
        }
        int spins = 0;
        while (generation == gen) {
            if (broken) throw new IllegalStateException("another part of this recurrence failed");
            if (++spins < 20_000) Thread.onSpinWait();
            else Thread.yield();
        }
    }

    /** Releases the other parties with a failure (call when this party fails). */
    public void breakBarrier() { broken = true; }
}
