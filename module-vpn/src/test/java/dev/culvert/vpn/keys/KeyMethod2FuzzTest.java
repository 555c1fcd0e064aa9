package dev.culvert.vpn.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer target for the key-method-2 reader. A normal build runs it over the kept corpus in
 * src/test/resources/dev/culvert/vpn/keys/KeyMethod2FuzzTestInputs/read/; {@code -Pfuzz} fuzzes
 * it. Byte 0 picks the sender (odd = client, with a pre-master secret); the rest is the message.
 * Any exception is a finding; so is a refusal without a reason, or a message that does not read
 * back the same after the writer wrote it.
 */
class KeyMethod2FuzzTest {
    @FuzzTest(maxDuration = "30s")
    void read(byte[] data) {
        if (data.length < 1) {
            return;
        }
        boolean fromClient = (data[0] & 1) == 1;
        KeyMethod2Codec.Read r = KeyMethod2Codec.read(data, 1, data.length - 1, fromClient);
        if (!r.ok()) {
            assertNotNull(r.reject());
            return;
        }
        KeyMethod2Message m = r.message();
        byte[] written;
        try {
            written = KeyMethod2Codec.write(m);
        } catch (IllegalArgumentException e) {
            // Invalid UTF-8 read leniently can re-encode longer than a limit; the writer refuses that.
            return;
        }
        KeyMethod2Message back = KeyMethod2Codec.read(written, 0, written.length, fromClient).message();
        assertNotNull(back, "the writer's output reads back");
        assertArrayEquals(m.random1(), back.random1());
        assertArrayEquals(m.random2(), back.random2());
        assertEquals(fromClient, back.fromClient());
        if (fromClient) {
            assertArrayEquals(m.preMaster(), back.preMaster());
        }
        assertEquals(m.options(), back.options());
        assertEquals(m.username(), back.username());
        assertEquals(m.password(), back.password());
        assertEquals(m.peerInfo(), back.peerInfo());
    }
}
