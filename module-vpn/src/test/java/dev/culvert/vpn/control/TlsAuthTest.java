package dev.culvert.vpn.control;

import dev.culvert.vpn.keys.HmacDigest;
import dev.culvert.vpn.wire.ControlPacketView;
import dev.culvert.vpn.wire.Opcode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** tls-auth against test_pkt.c's captured packets (see {@link TestKeys} for where they come from). */
class TlsAuthTest {
    private static final long NOW = 1_000_000_000L;
    private final ControlPlaintext out = new ControlPlaintext();

    private static TlsAuth server(KeyDirection direction) {
        return new TlsAuth(TestKeys.testPktKey(), direction, HmacDigest.SHA1, 0x61d3c000L);
    }

    @Test
    void serverWithKeyDirectionZeroAcceptsTheCapturedClientReset() {
        TlsAuth server = server(KeyDirection.NORMAL);
        byte[] wire = TestKeys.CLIENT_RESET_V2_TLS_AUTH;
        assertNull(server.unwrap(wire, 0, wire.length, NOW, out));
        assertArrayEquals(TestKeys.HEX.parseHex("38de694c5c7bfba274" + "00" + "00000000"), Arrays.copyOf(out.bytes(), out.length()));
        ControlPacketView view = new ControlPacketView();
        assertNull(view.wrap(out.bytes(), 0, out.length()));
        assertEquals(Opcode.CONTROL_HARD_RESET_CLIENT_V2, view.opcode());
    }

    @Test
    void clientWithKeyDirectionOneProducesTheCapturedResetByteForByte() {
        TlsAuth client = new TlsAuth(TestKeys.testPktKey(), KeyDirection.INVERSE, HmacDigest.SHA1, 0x61d3bf6cL);
        byte[] plain = TestKeys.HEX.parseHex("38de694c5c7bfba274" + "00" + "00000000");
        byte[] wire = new byte[plain.length + client.overhead()];
        assertEquals(42, client.wrap(plain, 0, plain.length, wire, 0));
        assertArrayEquals(TestKeys.CLIENT_RESET_V2_TLS_AUTH, wire);
    }

    @Test
    void theCapturedClientHelloAuthenticates() {
        byte[] wire = TestKeys.CLIENT_ACK_TLS_AUTH_RANDOMID;
        assertNull(server(KeyDirection.NORMAL).unwrap(wire, 0, wire.length, NOW, out));
        ControlPacketView view = new ControlPacketView();
        assertNull(view.wrap(out.bytes(), 0, out.length()));
        assertEquals(Opcode.CONTROL_V1, view.opcode());
        assertEquals(1, view.messageId());
        assertEquals(0x16, view.buffer()[view.payloadOffset()], "a TLS handshake record");
    }

    @Test
    void wrongKeyDirectionFails() {
        byte[] wire = TestKeys.CLIENT_RESET_V2_TLS_AUTH;
        assertSame(WrapDrops.BAD_HMAC, server(KeyDirection.INVERSE).unwrap(wire, 0, wire.length, NOW, out));
        assertSame(WrapDrops.BAD_HMAC, server(KeyDirection.BIDIRECTIONAL).unwrap(wire, 0, wire.length, NOW, out));
    }

    @Test
    void anyFlippedByteFails() {
        for (int i = 0; i < TestKeys.CLIENT_RESET_V2_TLS_AUTH.length; i++) {
            byte[] wire = TestKeys.CLIENT_RESET_V2_TLS_AUTH.clone();
            wire[i] ^= 0x23;
            assertSame(WrapDrops.BAD_HMAC, server(KeyDirection.NORMAL).unwrap(wire, 0, wire.length, NOW, out), "byte " + i);
        }
    }

    @Test
    void theSamePacketTwiceIsAReplay() {
        TlsAuth server = server(KeyDirection.NORMAL);
        byte[] wire = TestKeys.CLIENT_RESET_V2_TLS_AUTH;
        assertNull(server.unwrap(wire, 0, wire.length, NOW, out));
        assertSame(WrapDrops.REPLAY, server.unwrap(wire, 0, wire.length, NOW, out));
    }

    @Test
    void tooShortForTheHmacIsTruncated() {
        byte[] wire = TestKeys.CLIENT_RESET_V2_TLS_AUTH;
        assertSame(WrapDrops.TRUNCATED, server(KeyDirection.NORMAL).unwrap(wire, 0, 9 + 20 + 7, NOW, out));
        assertSame(WrapDrops.TOO_LONG, server(KeyDirection.NORMAL).unwrap(wire, 0, wire.length, NOW, new ControlPlaintext(8)));
    }

    @Test
    void everyDigestRoundTripsBetweenNormalAndInverse() {
        for (HmacDigest digest : HmacDigest.values()) {
            TlsAuth a = new TlsAuth(TestKeys.testPktKey(), KeyDirection.NORMAL, digest, 7);
            TlsAuth b = new TlsAuth(TestKeys.testPktKey(), KeyDirection.INVERSE, digest, 9);
            byte[] plain = TestKeys.HEX.parseHex("20" + "0102030405060708" + "00" + "00000003" + "16030100");
            byte[] wire = new byte[plain.length + a.overhead()];
            assertEquals(plain.length + digest.length() + 8, a.wrap(plain, 0, plain.length, wire, 0));
            assertNull(b.unwrap(wire, 0, wire.length, NOW, out), digest.name());
            assertArrayEquals(plain, Arrays.copyOf(out.bytes(), out.length()));
            byte[] second = new byte[wire.length];
            a.wrap(plain, 0, plain.length, second, 0);
            assertEquals(2, TlsAuth.readUint32(second, 9 + digest.length()), "each send takes the next replay id");
        }
    }

    @Test
    void closedWrapperRefusesAndThrows() {
        TlsAuth server = server(KeyDirection.NORMAL);
        server.close();
        byte[] wire = TestKeys.CLIENT_RESET_V2_TLS_AUTH;
        assertSame(WrapDrops.CLOSED, server.unwrap(wire, 0, wire.length, NOW, out));
        assertThrows(IllegalStateException.class, () -> server.wrap(new byte[14], 0, 14, new byte[100], 0));
    }
}
