package dev.culvert.vpn.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.culvert.vpn.replay.ReplayCounter;
import dev.culvert.vpn.replay.ReplayWindow;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** tls-crypt v1 against test_pkt.c's captured reset and test_tls_crypt.c's fixed vector. */
class TlsCryptTest {
    private static final long NOW = 5_000_000_000L;
    private static final byte[] RESET_PLAIN = TestKeys.HEX.parseHex("38f419cb12d1f9e48f" + "00" + "00000000");
    private final ControlPlaintext out = new ControlPlaintext();

    @Test
    void serverDecryptsTheCapturedClientResetWithKeysOne() {
        TlsCrypt server = TlsCrypt.forServer(TestKeys.testPktKey(), 0);
        byte[] wire = TestKeys.CLIENT_RESET_V2_TLS_CRYPT;
        assertNull(server.unwrap(wire, 0, wire.length, NOW, out));
        assertArrayEquals(RESET_PLAIN, Arrays.copyOf(out.bytes(), out.length()));
    }

    @Test
    void clientProducesTheCapturedResetByteForByte() {
        TlsCrypt client = TlsCrypt.forClient(TestKeys.testPktKey(), 0x61d3f8e1L);
        byte[] wire = new byte[RESET_PLAIN.length + client.overhead()];
        assertEquals(54, client.wrap(RESET_PLAIN, 0, RESET_PLAIN.length, wire, 0));
        assertArrayEquals(TestKeys.CLIENT_RESET_V2_TLS_CRYPT, wire);
    }

    @Test
    void aClientCannotReadItsOwnDirection() {
        TlsCrypt client = TlsCrypt.forClient(TestKeys.testPktKey(), 0);
        byte[] wire = TestKeys.CLIENT_RESET_V2_TLS_CRYPT;
        assertSame(WrapDrops.BAD_TAG, client.unwrap(wire, 0, wire.length, NOW, out));
    }

    @Test
    void anyFlippedByteFailsTheTag() {
        for (int i = 0; i < TestKeys.CLIENT_RESET_V2_TLS_CRYPT.length; i++) {
            byte[] wire = TestKeys.CLIENT_RESET_V2_TLS_CRYPT.clone();
            wire[i] = (byte) (wire[i] == 0x23 ? 0x24 : 0x23);
            TlsCrypt server = TlsCrypt.forServer(TestKeys.testPktKey(), 0);
            assertSame(WrapDrops.BAD_TAG, server.unwrap(wire, 0, wire.length, NOW, out), "byte " + i);
        }
    }

    @Test
    void replayIsCheckedAfterTheTag() {
        TlsCrypt server = TlsCrypt.forServer(TestKeys.testPktKey(), 0);
        byte[] wire = TestKeys.CLIENT_RESET_V2_TLS_CRYPT;
        assertNull(server.unwrap(wire, 0, wire.length, NOW, out));
        assertSame(WrapDrops.REPLAY, server.unwrap(wire, 0, wire.length, NOW, out));
    }

    @Test
    void lengthsAreBounded() {
        TlsCrypt server = TlsCrypt.forServer(TestKeys.testPktKey(), 0);
        byte[] wire = TestKeys.CLIENT_RESET_V2_TLS_CRYPT;
        assertSame(WrapDrops.TRUNCATED, server.unwrap(wire, 0, 48, NOW, out));
        assertSame(WrapDrops.TOO_LONG, server.unwrap(wire, 0, wire.length, NOW, new ControlPlaintext(13)));
    }

    /**
     * test_tls_crypt.c {@code test_tls_crypt_secure_reneg_key} (openvpn.md §2.4, re-derived there in
     * Python): Ke = Ka = 32 x 0xba, no header bytes, replay id 1, time 0, plaintext "1234567890".
     */
    @Test
    void dynamicTlsCryptUnitVector() {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) 0xba);
        TlsCrypt wrap = new TlsCrypt(k.clone(), k.clone(), k.clone(), k.clone(), new ReplayCounter(0), new ReplayWindow());
        byte[] plain = "1234567890".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] wire = new byte[plain.length + wrap.overhead()];
        assertEquals(50, wrap.seal(plain, 0, 0, plain.length, wire, 0));
        assertArrayEquals(TestKeys.HEX.parseHex("00000001" + "00000000"
                + "e319277f1c8d6e6a7796a855337b9cfb56e1f13a870e6647dfa195c92c17a015" + "ba4967a11d55ea1a06a7"), wire);
        assertNull(wrap.open(wire, 0, 0, wire.length, NOW, out));
        assertArrayEquals(plain, Arrays.copyOf(out.bytes(), out.length()));
    }

    @Test
    void clientAndServerRoundTripAControlPacketBothWays() {
        TlsCrypt client = TlsCrypt.forClient(TestKeys.testPktKey(), 100);
        TlsCrypt server = TlsCrypt.forServer(TestKeys.testPktKey(), 200);
        byte[] plain = TestKeys.HEX.parseHex("20" + "0102030405060708" + "01" + "00000000" + "f419cb12d1f9e48f"
                + "00000001" + "1603010005aabbccddee");
        byte[] wire = new byte[plain.length + 40];
        client.wrap(plain, 0, plain.length, wire, 0);
        assertNull(server.unwrap(wire, 0, wire.length, NOW, out));
        assertArrayEquals(plain, Arrays.copyOf(out.bytes(), out.length()));
        server.wrap(plain, 0, plain.length, wire, 0);
        assertNull(client.unwrap(wire, 0, wire.length, NOW, out));
        assertArrayEquals(plain, Arrays.copyOf(out.bytes(), out.length()));
    }

    @Test
    void wrapInPlaceWorks() {
        TlsCrypt client = TlsCrypt.forClient(TestKeys.testPktKey(), 0x61d3f8e1L);
        byte[] buf = new byte[54];
        System.arraycopy(RESET_PLAIN, 0, buf, 0, RESET_PLAIN.length);
        client.wrap(buf, 0, RESET_PLAIN.length, buf, 0);
        assertArrayEquals(TestKeys.CLIENT_RESET_V2_TLS_CRYPT, buf);
    }

    @Test
    void closedWrapperRefusesAndThrows() {
        TlsCrypt server = TlsCrypt.forServer(TestKeys.testPktKey(), 0);
        server.close();
        byte[] wire = TestKeys.CLIENT_RESET_V2_TLS_CRYPT;
        assertSame(WrapDrops.CLOSED, server.unwrap(wire, 0, wire.length, NOW, out));
        assertThrows(IllegalStateException.class, () -> server.wrap(RESET_PLAIN, 0, RESET_PLAIN.length, new byte[100], 0));
    }
}
