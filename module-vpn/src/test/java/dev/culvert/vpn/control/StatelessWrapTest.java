package dev.culvert.vpn.control;

import dev.culvert.vpn.keys.HmacDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The verify-only unwrap and the given-replay-id wrap a server's pre-authentication gate uses: they
 * share the MAC and cipher code with the stateful ones, and neither touches replay state.
 */
class StatelessWrapTest {
    private static final long NOW = 5_000_000_000L;
    private static final byte[] AUTH_RESET_PLAIN = TestKeys.HEX.parseHex("38de694c5c7bfba274" + "00" + "00000000");
    private static final byte[] CRYPT_RESET_PLAIN = TestKeys.HEX.parseHex("38f419cb12d1f9e48f" + "00" + "00000000");
    private final ControlPlaintext out = new ControlPlaintext();

    @Test
    void statelessUnwrapAcceptsTheSamePacketAgainAndLeavesTheWindowAlone() {
        TlsCrypt server = TlsCrypt.forServer(TestKeys.testPktKey(), 0);
        byte[] wire = TestKeys.CLIENT_RESET_V2_TLS_CRYPT;
        for (int i = 0; i < 3; i++) {
            assertNull(server.unwrapStateless(wire, 0, wire.length, out));
            assertArrayEquals(CRYPT_RESET_PLAIN, Arrays.copyOf(out.bytes(), out.length()));
        }
        assertNull(server.unwrap(wire, 0, wire.length, NOW, out), "the window never saw it");
        assertSame(WrapDrops.REPLAY, server.unwrap(wire, 0, wire.length, NOW, out));
        assertNull(server.unwrapStateless(wire, 0, wire.length, out), "and the stateless check never consults it");

        TlsAuth authServer = new TlsAuth(TestKeys.testPktKey(), KeyDirection.NORMAL, HmacDigest.SHA1, 0);
        byte[] authWire = TestKeys.CLIENT_RESET_V2_TLS_AUTH;
        assertNull(authServer.unwrapStateless(authWire, 0, authWire.length, out));
        assertArrayEquals(AUTH_RESET_PLAIN, Arrays.copyOf(out.bytes(), out.length()));
        assertNull(authServer.unwrap(authWire, 0, authWire.length, NOW, out));
        assertSame(WrapDrops.REPLAY, authServer.unwrap(authWire, 0, authWire.length, NOW, out));
    }

    @Test
    void statelessUnwrapStillChecksTheMacAndTag() {
        TlsCrypt server = TlsCrypt.forServer(TestKeys.testPktKey(), 0);
        byte[] wire = TestKeys.CLIENT_RESET_V2_TLS_CRYPT.clone();
        wire[20] ^= 1;
        assertSame(WrapDrops.BAD_TAG, server.unwrapStateless(wire, 0, wire.length, out));
        assertSame(WrapDrops.TRUNCATED, server.unwrapStateless(wire, 0, 48, out));

        TlsAuth authServer = new TlsAuth(TestKeys.testPktKey(), KeyDirection.NORMAL, HmacDigest.SHA1, 0);
        byte[] authWire = TestKeys.CLIENT_RESET_V2_TLS_AUTH.clone();
        authWire[12] ^= 1;
        assertSame(WrapDrops.BAD_HMAC, authServer.unwrapStateless(authWire, 0, authWire.length, out));
    }

    @Test
    void statelessUnwrapRefusesReplayIdZero() {
        TlsCrypt client = TlsCrypt.forClient(TestKeys.testPktKey(), 7);
        TlsCrypt server = TlsCrypt.forServer(TestKeys.testPktKey(), 0);
        byte[] wire = new byte[100];
        int n = client.wrapStateless(CRYPT_RESET_PLAIN, 0, CRYPT_RESET_PLAIN.length, 0, 7, wire, 0);
        assertSame(WrapDrops.REPLAY_ZERO_ID, server.unwrapStateless(wire, 0, n, out));
    }

    @Test
    void statelessWrapWritesTheGivenReplayIdAndLeavesTheCounterAlone() {
        TlsCrypt client = TlsCrypt.forClient(TestKeys.testPktKey(), 999);
        byte[] wire = new byte[100];
        int n = client.wrapStateless(CRYPT_RESET_PLAIN, 0, CRYPT_RESET_PLAIN.length, 1, 0x61d3f8e1L, wire, 0);
        assertArrayEquals(TestKeys.CLIENT_RESET_V2_TLS_CRYPT, Arrays.copyOf(wire, n));
        client.wrap(CRYPT_RESET_PLAIN, 0, CRYPT_RESET_PLAIN.length, wire, 0);
        assertEquals(1, TlsAuth.readUint32(wire, 9), "the counter still starts at 1");
        assertEquals(999, TlsAuth.readUint32(wire, 13));

        TlsAuth authClient = new TlsAuth(TestKeys.testPktKey(), KeyDirection.INVERSE, HmacDigest.SHA1, 999);
        n = authClient.wrapStateless(AUTH_RESET_PLAIN, 0, AUTH_RESET_PLAIN.length, 1, 0x61d3bf6cL, wire, 0);
        assertArrayEquals(TestKeys.CLIENT_RESET_V2_TLS_AUTH, Arrays.copyOf(wire, n));
        authClient.wrap(AUTH_RESET_PLAIN, 0, AUTH_RESET_PLAIN.length, wire, 0);
        assertEquals(1, TlsAuth.readUint32(wire, 9 + 20));
    }

    @Test
    void skippingReplayIdsMakesTheNextOneLarger() {
        TlsCrypt crypt = TlsCrypt.forServer(TestKeys.testPktKey(), 5);
        TlsAuth auth = new TlsAuth(TestKeys.testPktKey(), KeyDirection.NORMAL, HmacDigest.SHA256, 5);
        byte[] wire = new byte[100];
        crypt.skipSendReplayIdsThrough(1);
        crypt.wrap(CRYPT_RESET_PLAIN, 0, CRYPT_RESET_PLAIN.length, wire, 0);
        assertEquals(2, TlsAuth.readUint32(wire, 9));
        crypt.skipSendReplayIdsThrough(1);
        crypt.wrap(CRYPT_RESET_PLAIN, 0, CRYPT_RESET_PLAIN.length, wire, 0);
        assertEquals(3, TlsAuth.readUint32(wire, 9), "never goes back");
        auth.skipSendReplayIdsThrough(1);
        auth.wrap(AUTH_RESET_PLAIN, 0, AUTH_RESET_PLAIN.length, wire, 0);
        assertEquals(2, TlsAuth.readUint32(wire, 9 + 32));
    }

    @Test
    void noWrapIsStatelessAnyway() {
        NoWrap none = new NoWrap();
        byte[] wire = new byte[CRYPT_RESET_PLAIN.length];
        assertEquals(wire.length, none.wrapStateless(CRYPT_RESET_PLAIN, 0, wire.length, 1, 1, wire, 0));
        assertArrayEquals(CRYPT_RESET_PLAIN, wire);
        assertNull(none.unwrapStateless(wire, 0, wire.length, out));
        assertArrayEquals(CRYPT_RESET_PLAIN, Arrays.copyOf(out.bytes(), out.length()));
        none.skipSendReplayIdsThrough(1);
    }
}
