package tunesmith.notebook;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.dflib.jjava.jupyter.messages.HMACGenerator;

/**
 * Decides whether a whole ZeroMQ message read by the kernel is a Jupyter message signed with the
 * connection file's key, as ipykernel's session does: an identity envelope, the {@code <IDS|MSG>}
 * delimiter, a signature and the four signed parts (header, parent header, metadata, content), then
 * optional buffers. A message that fails is dropped with one short line on the kernel's stderr.
 */
final class MessageGuard {

    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    /** ipykernel remembers as many signatures to refuse replayed messages. */
    private static final int SIGNATURES_REMEMBERED = 1 << 16;

    private final HMACGenerator hmac;
    private final Consumer<String> log;
    private final Set<String> seen = new LinkedHashSet<>();

    /** Logs to the process's own stderr: System.err is a cell's output while a cell runs. */
    MessageGuard(HMACGenerator hmac) {
        this(hmac, new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8)::println);
    }

    MessageGuard(HMACGenerator hmac, Consumer<String> log) {
        this.hmac = hmac;
        this.log = log;
    }

    /**
     * True if the frames make a well-formed message with a valid, never-seen signature; otherwise
     * says why on the log and returns false.
     */
    boolean admit(String channel, List<byte[]> frames) {
        String problem = problem(frames);
        if (problem != null) log.accept("tunesmith kernel: dropped a message on the " + channel + " channel: " + problem);
        return problem == null;
    }

    /** Why the frames are refused, or null. */
    String problem(List<byte[]> frames) {
        int delimiter = 0;
        while (delimiter < frames.size() && !Arrays.equals(frames.get(delimiter), DELIMITER)) delimiter++;
        if (delimiter == frames.size()) return "no <IDS|MSG> delimiter";
        int parts = frames.size() - delimiter - 1;
        if (parts < 5) {
            return "only " + parts + " frame(s) after <IDS|MSG>, 5 needed (signature, header, parent header,"
                    + " metadata, content)";
        }
        List<byte[]> signed = frames.subList(delimiter + 2, delimiter + 6);
        String expected = hmac.calculateSignature(signed.toArray(byte[][]::new));
        if (expected == null || expected.isEmpty()) return null;   // no key in the connection file: nothing is signed
        byte[] signature = frames.get(delimiter + 1);
        if (signature.length == 0) return "unsigned";
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature)) {
            return "invalid signature (not signed with this kernel's key)";
        }
        synchronized (seen) {
            if (!seen.add(expected)) return "duplicate signature (a replayed message)";
            if (seen.size() > SIGNATURES_REMEMBERED) seen.remove(seen.iterator().next());
        }
        return null;
    }
}
