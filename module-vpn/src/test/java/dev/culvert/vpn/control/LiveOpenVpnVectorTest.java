package dev.culvert.vpn.control;

import dev.culvert.vpn.keys.HmacDigest;
import dev.culvert.vpn.wire.ControlPacketView;
import dev.culvert.vpn.wire.Opcode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Client resets captured from stock OpenVPN 2.6.14 with freshly generated keys; how they were
 * obtained is in src/test/resources/dev/culvert/vpn/control/live/README.md. Our server side unwraps
 * them, and our client side, given the same session id and replay time, produces them byte for byte.
 */
class LiveOpenVpnVectorTest {
    private final ControlPlaintext out = new ControlPlaintext();

    private static byte[] resource(String name) {
        try (InputStream in = LiveOpenVpnVectorTest.class.getResourceAsStream("live/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static StaticKey key(String name) {
        try {
            return StaticKey.parse(new String(resource(name), java.nio.charset.StandardCharsets.US_ASCII), name);
        } catch (StaticKeyException e) {
            throw new AssertionError(e);
        }
    }

    private void assertIsClientReset(long sessionId) {
        ControlPacketView view = new ControlPacketView();
        assertNull(view.wrap(out.bytes(), 0, out.length()));
        assertEquals(Opcode.CONTROL_HARD_RESET_CLIENT_V2, view.opcode());
        assertEquals(sessionId, view.sessionId());
        assertEquals(0, view.ackCount());
        assertEquals(0, view.messageId());
        assertEquals(0, view.payloadLength());
    }

    @Test
    void tlsCryptResetFromOpenVpn() {
        byte[] wire = resource("client-reset-tls-crypt.bin");
        assertNull(TlsCrypt.forServer(key("tc.key"), 0).unwrap(wire, 0, wire.length, 0, out));
        assertIsClientReset(0xc8f7b12434d1a4c8L);
        byte[] plain = Arrays.copyOf(out.bytes(), out.length());
        byte[] ours = new byte[wire.length];
        TlsCrypt.forClient(key("tc.key"), 0x6b0238dbL).wrap(plain, 0, plain.length, ours, 0);
        assertArrayEquals(wire, ours);
        assertSame(WrapDrops.BAD_TAG, TlsCrypt.forClient(key("tc.key"), 0).unwrap(wire, 0, wire.length, 0, out));
    }

    @Test
    void tlsAuthSha256ResetFromOpenVpnWithKeyDirectionOne() {
        byte[] wire = resource("client-reset-tls-auth-sha256.bin");
        TlsAuth server = new TlsAuth(key("ta.key"), KeyDirection.NORMAL, HmacDigest.SHA256, 0);
        assertNull(server.unwrap(wire, 0, wire.length, 0, out));
        assertIsClientReset(0x8a30cec04b424d2dL);
        byte[] plain = Arrays.copyOf(out.bytes(), out.length());
        byte[] ours = new byte[wire.length];
        new TlsAuth(key("ta.key"), KeyDirection.INVERSE, HmacDigest.SHA256, 0x6b0238dcL).wrap(plain, 0, plain.length, ours, 0);
        assertArrayEquals(wire, ours);
        TlsAuth sha1 = new TlsAuth(key("ta.key"), KeyDirection.NORMAL, HmacDigest.SHA1, 0);
        assertSame(WrapDrops.BAD_HMAC, sha1.unwrap(wire, 0, wire.length, 0, out));
    }
}
