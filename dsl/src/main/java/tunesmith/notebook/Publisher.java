package tunesmith.notebook;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One thread that sends everything a cell outputs (streams, displays, progress) to Jupyter, in the
 * order the cell produced it. A cell's own thread never touches the ZeroMQ sockets: an interrupt
 * landing in a socket operation (JeroMQ uses interruptible NIO) swallowed the interrupt that was
 * meant to stop a training, and can close the channel.
 */
final class Publisher {

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tunesmith-publisher");
        t.setDaemon(true);
        return t;
    });

    /** Sends later, after everything queued before. */
    void send(Runnable message) { thread.execute(message); }

    /** Waits until everything queued so far is sent (at the end of a cell, before its reply). */
    void drain() {
        try {
            thread.submit(() -> { }).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            System.err.println("tunesmith kernel: output was not all sent: " + e);
        }
    }

    /** An output stream whose bytes reach {@code target} on the publisher thread. */
    OutputStream forwardingTo(OutputStream target) {
        return new OutputStream() {
            @Override public void write(int b) { write(new byte[] {(byte) b}, 0, 1); }
            @Override public void write(byte[] b, int off, int len) {
                byte[] copy = Arrays.copyOfRange(b, off, off + len);
                send(() -> {
                    try {
                        target.write(copy);
                    } catch (java.io.IOException | RuntimeException e) {
                        // the cell has ended and its stream is detached: nowhere to show it
                    }
                });
            }
            @Override public void flush() {
                send(() -> {
                    try {
                        target.flush();
                    } catch (java.io.IOException | RuntimeException e) {
                        // detached, as above
                    }
                });
            }
        };
    }
}
