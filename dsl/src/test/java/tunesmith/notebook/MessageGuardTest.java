package tunesmith.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.junit.jupiter.api.Test;

class MessageGuardTest {

    private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    /** An identity, the delimiter, the signature by {@code hmac} and the four signed parts. */
    private static List<byte[]> message(HMACGenerator hmac, String msgId) throws Exception {
        byte[][] parts = {bytes("{\"msg_id\":\"" + msgId + "\",\"msg_type\":\"kernel_info_request\"}"),
                bytes("{}"), bytes("{}"), bytes("{}")};
        List<byte[]> frames = new ArrayList<>(List.of(bytes("peer"), bytes("<IDS|MSG>"),
                bytes(hmac.calculateSignature(parts))));
        frames.addAll(List.of(parts));
        return frames;
    }

    private static HMACGenerator key(String key) throws Exception { return new HMACGenerator("hmac-sha256", key); }

    @Test
    void admitsASignedMessageOnceAndRefusesEveryForgery() throws Exception {
        List<String> log = new ArrayList<>();
        MessageGuard guard = new MessageGuard(key("the key"), log::add);

        List<byte[]> genuine = message(key("the key"), "1");
        assertTrue(guard.admit("shell", genuine));
        assertTrue(log.isEmpty());
        assertEquals("duplicate signature (a replayed message)", guard.problem(genuine));

        assertEquals("invalid signature (not signed with this kernel's key)", guard.problem(message(key("another key"), "2")));
        List<byte[]> unsigned = message(key("the key"), "3");
        unsigned.set(2, new byte[0]);
        assertEquals("unsigned", guard.problem(unsigned));
        List<byte[]> noSignature = message(key("the key"), "4");
        noSignature.remove(2);
        assertEquals("only 4 frame(s) after <IDS|MSG>, 5 needed (signature, header, parent header, metadata, content)",
                guard.problem(noSignature));
        List<byte[]> noDelimiter = message(key("the key"), "5");
        noDelimiter.remove(1);
        assertEquals("no <IDS|MSG> delimiter", guard.problem(noDelimiter));
        List<byte[]> tampered = message(key("the key"), "6");
        tampered.set(6, bytes("{\"code\":\"evil()\"}"));
        assertFalse(guard.admit("control", tampered));
        assertEquals(List.of("tunesmith kernel: dropped a message on the control channel: "
                + "invalid signature (not signed with this kernel's key)"), log);

        List<byte[]> withBuffer = message(key("the key"), "7");
        withBuffer.add(bytes("a buffer, not signed"));
        assertNull(guard.problem(withBuffer));
    }

    @Test
    void withoutAKeyNothingIsSignedAndOnlyTheShapeIsChecked() throws Exception {
        MessageGuard guard = new MessageGuard(HMACGenerator.NO_AUTH_INSTANCE, line -> { });
        List<byte[]> frames = message(key("any"), "1");
        frames.set(2, new byte[0]);
        assertNull(guard.problem(frames));
        assertNull(guard.problem(frames), "no signature, so no replay check either");
        assertEquals("no <IDS|MSG> delimiter", guard.problem(List.of(bytes("garbage"))));
    }
}
