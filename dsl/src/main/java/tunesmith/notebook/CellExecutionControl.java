package tunesmith.notebook;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import jdk.jshell.execution.DirectExecutionControl;

/**
 * Runs JShell snippets in this JVM, so a cell's result is the real object (a Tune, a model), not
 * the string JShell's protocol carries. Each snippet runs in its own thread, which an interrupt
 * reaches directly (a training stops cleanly after its batch); {@link #stop()} is the hard stop
 * for code that ignores interrupts.
 *
 * <p>Written instead of JShell's {@code LocalExecutionControl} because that one keeps neither the
 * value nor the exception object, waits for every thread the snippet started (a background
 * thread would block the cell) and installs a JVM-wide uncaught-exception handler.
 */
final class CellExecutionControl extends DirectExecutionControl {

    /** What the last snippet left: its value or the exception it threw, as objects. */
    record Outcome(Object value, Throwable thrown, boolean stopped) {}

    private final Object lock = new Object();
    private Thread running;           // the snippet thread, while one runs; guarded by lock
    private boolean stopRequested;    // guarded by lock
    private volatile Outcome last = new Outcome(null, null, false);

    Outcome last() { return last; }

    /** Forgets the last outcome, so a snippet that runs no code (an import, a method) reports none. */
    void clearLast() { last = new Outcome(null, null, false); }

    @Override
    protected String invoke(Method doit) throws Exception {
        Object[] value = new Object[1];
        Throwable[] thrown = new Throwable[1];
        Thread thread = new Thread(() -> {
            try {
                value[0] = doit.invoke(null);
            } catch (InvocationTargetException e) {
                thrown[0] = e.getCause();
            } catch (Throwable t) {     // ThreadDeath from stop(), or reflection trouble
                thrown[0] = t;
            }
        }, "tunesmith-cell");
        thread.setDaemon(true);
        thread.setContextClassLoader(doit.getDeclaringClass().getClassLoader());
        synchronized (lock) {
            running = thread;
            stopRequested = false;
        }
        thread.start();
        try {
            thread.join();
        } finally {
            boolean stopped;
            synchronized (lock) {
                running = null;
                stopped = stopRequested;
            }
            last = new Outcome(value[0], thrown[0], stopped);
        }
        if (last.stopped()) throw new StoppedException();
        if (thrown[0] != null) throw new InvocationTargetException(thrown[0]);
        return valueString(value[0]);
    }

    /** Asks the running snippet to stop: code that checks its interrupt flag ends cleanly. */
    void interruptRunning() {
        synchronized (lock) {
            if (running != null) running.interrupt();
        }
    }

    /** Whether a snippet is running now. */
    boolean isRunning() {
        synchronized (lock) { return running != null; }
    }

    /**
     * The hard stop, for code that ignores interrupts: Thread.stop is the only way to end a
     * loop that checks nothing inside the same JVM, and it is what JShell itself does locally.
     */
    @Override
    @SuppressWarnings({"deprecation", "removal"})
    public void stop() {
        synchronized (lock) {
            if (running == null) return;
            stopRequested = true;
            running.stop();
        }
    }
}
