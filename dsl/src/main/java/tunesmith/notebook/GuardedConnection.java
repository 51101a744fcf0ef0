package tunesmith.notebook;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.channels.Loop;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.channels.StdinChannel;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.zeromq.ZMQ;

/**
 * JJava's connection with shell, control and stdin channels that drop a forged or malformed message
 * (logged by {@link MessageGuard}) and go on, as ipykernel does.
 *
 * <p>Why: JJava's {@code JupyterSocket.readMessage} throws a {@code SecurityException} on a bad
 * signature, and nothing catches it in the channel's loop, so one unsigned packet from any local
 * process ended the thread serving shell or control: no more replies, no interrupts. And it reads
 * frame by frame, so a message with too few frames took the next message's frames as its own. Here
 * each whole message is read and checked first; only an admitted one reaches JJava's parser (fed
 * through the channels' recv overrides) and the kernel's handlers, dispatched as JJava does.
 */
final class GuardedConnection extends JupyterConnection {

    private final KernelConnectionProperties properties;
    /** JJava's context is private; ours serves the three guarded sockets. */
    private final ZMQ.Context context = ZMQ.context(1);
    private final GuardedShellChannel guardedShell;
    private final GuardedShellChannel guardedControl;
    private final GuardedStdinChannel guardedStdin;
    private boolean connected;

    GuardedConnection(KernelConnectionProperties properties) throws NoSuchAlgorithmException, InvalidKeyException {
        super(properties);
        this.properties = properties;
        HMACGenerator hmac = properties.createHMACGenerator();
        MessageGuard guard = new MessageGuard(hmac);   // one for all channels: a replay is refused on any
        guardedShell = new GuardedShellChannel(context, hmac, false, this, guard);
        guardedControl = new GuardedShellChannel(context, hmac, true, this, guard);
        guardedStdin = new GuardedStdinChannel(context, hmac, guard);
    }

    /** JJava's connect with the guarded channels in place of its shell, control and stdin (left unbound). */
    @Override
    public synchronized void connect() {
        if (connected) return;
        for (JupyterSocket socket : List.of(heartbeat, guardedShell, guardedControl, guardedStdin, iopub)) {
            socket.bind(properties);
        }
        getIOPub().sendMessage(new Message<>((MessageContext) null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
        connected = true;
    }

    /** A cell's input() reads from the guarded stdin. */
    @Override
    public ShellReplyEnvironment prepareReplyEnv(ShellChannel channel, MessageContext context) {
        return new ShellReplyEnvironment(channel, guardedStdin, getIOPub(), context) { };
    }

    @Override
    public void close() {
        guardedShell.close();
        guardedControl.close();
        guardedStdin.close();
        super.close();
        context.close();
    }

    @Override
    public void waitUntilClose() {
        guardedShell.waitUntilClose();
        guardedControl.waitUntilClose();
        super.waitUntilClose();
    }

    /** A shell or control channel whose loop reads whole messages and passes on only admitted ones. */
    static final class GuardedShellChannel extends ShellChannel {

        private static final long PAUSE_MS = 50;   // JJava's pause between polls

        private final String name;
        private final boolean isControl;
        private final JupyterConnection connection;
        private final MessageGuard guard;
        /** The frames of the admitted message being parsed by JJava's readMessage. */
        private final Deque<byte[]> replay = new ArrayDeque<>();
        private volatile Loop loop;
        private volatile boolean stopping;

        GuardedShellChannel(ZMQ.Context context, HMACGenerator hmac, boolean isControl,
                            JupyterConnection connection, MessageGuard guard) {
            super(context, hmac, isControl, connection);
            this.name = isControl ? "control" : "shell";
            this.isControl = isControl;
            this.connection = connection;
            this.guard = guard;
        }

        @Override
        public void bind(KernelConnectionProperties p) {
            if (loop != null) throw new IllegalStateException("the " + name + " channel is already bound");
            bind(formatAddress(p.getTransport(), p.getIp(), isControl ? p.getControlPort() : p.getShellPort()));
            ZMQ.Poller poller = ctx.poller(1);
            poller.register(this, ZMQ.Poller.POLLIN);
            Loop serving = new Loop(isControl ? "Control" : "Shell", PAUSE_MS, () -> {
                if (poller.poll(0) > 0) serveOne();
            });
            // the last line of defence: whatever escapes, the channel keeps serving
            serving.onError(error -> {
                if (stopping) return -1;
                logger.warn("{} channel: {}", name, error.toString());
                return PAUSE_MS;
            });
            loop = serving;
            serving.start();
        }

        private void serveOne() {
            Message<?> message;
            synchronized (this) {   // JJava's lock: replies are sent from other threads
                List<byte[]> frames = new ArrayList<>();
                do frames.add(super.recv(0)); while (hasReceiveMore());
                if (!guard.admit(name, frames)) return;
                replay.addAll(frames);
                try {
                    message = readMessage();
                    if (message != null && !replay.isEmpty()) message = withBuffers(message, new ArrayList<>(replay));
                } catch (RuntimeException unreadable) {   // signed, yet not a message JJava knows
                    logger.warn("{} channel: dropped an unreadable message: {}", name, unreadable.toString());
                    return;
                } finally {
                    replay.clear();
                }
            }
            if (message != null) dispatch(message);
        }

        /** JJava's parser reads frame by frame; while parsing it reads the admitted message's. */
        @Override
        public byte[] recv(int flags) {
            byte[] next = replay.poll();
            return next != null ? next : super.recv(flags);
        }

        /** JJava reads buffers from the socket, which the guard has drained: give them back. */
        private static <T> Message<T> withBuffers(Message<T> m, List<byte[]> buffers) {
            return new Message<>(m.getIdentities(), m.getHeader(), m.getParentHeader(), m.getMetadata(),
                    m.getContent(), buffers);
        }

        /** As JJava's shell loop does. */
        private <T> void dispatch(Message<T> message) {
            ShellHandler<T> handler = connection.getHandler(message.getHeader().getType());
            if (handler == null) {
                logger.warn("Unhandled message: {}", message.getHeader().getType().getName());
                return;
            }
            ShellReplyEnvironment env = connection.prepareReplyEnv(this, message);
            try {
                handler.handle(env, message);
            } catch (Exception e) {
                logger.warn("Unhandled exception handling {}. {} - {}", message.getHeader().getType().getName(),
                        e.getClass().getSimpleName(), e.getLocalizedMessage());
            } finally {
                env.resolveDeferrals();
            }
            if (env.isMarkedForShutdown()) connection.close();
        }

        @Override
        public void close() {
            stopping = true;
            Loop serving = loop;
            if (serving != null) serving.shutdown();
            super.close();
        }

        @Override
        public void waitUntilClose() {
            Loop serving = loop;
            if (serving == null || serving == Thread.currentThread()) return;
            try {
                serving.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Stdin is read only while a cell waits for input, by JJava's getInput in the cell's thread:
     * forged messages are skipped there until an admitted one comes.
     */
    static final class GuardedStdinChannel extends StdinChannel {

        private final MessageGuard guard;
        private final Deque<byte[]> replay = new ArrayDeque<>();

        GuardedStdinChannel(ZMQ.Context context, HMACGenerator hmac, MessageGuard guard) {
            super(context, hmac);
            this.guard = guard;
        }

        @Override
        public synchronized String getInput(MessageContext context, String prompt, boolean password) {
            try {
                return super.getInput(context, prompt, password);
            } finally {
                replay.clear();   // buffers, which an input_reply does not have
            }
        }

        @Override
        public byte[] recv(int flags) {
            while (replay.isEmpty()) {
                List<byte[]> frames = new ArrayList<>();
                do {
                    byte[] frame = super.recv(flags);
                    if (frame == null) return null;   // closed or no message (non-blocking)
                    frames.add(frame);
                } while (hasReceiveMore());
                if (guard.admit("stdin", frames)) replay.addAll(frames);
            }
            return replay.poll();
        }
    }
}
