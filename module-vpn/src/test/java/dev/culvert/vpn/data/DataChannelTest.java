package dev.culvert.vpn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.spi.aead.AeadCipher;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.Key2Splitter;
import dev.culvert.vpn.keys.Role;
import dev.culvert.vpn.replay.ReplayWindow;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DataChannelTest {
    static final AeadProvider JCE = new JceAeadProvider();
    /** An IPv6 header's first bytes, like the first packet of the loopback run. */
    static final byte[] PAYLOAD = HexFormat.of().parseHex("6000000000083a40fe800000000000000000000000000001");

    final PacketPool pool = new PacketPool("vpn-data-test", 32);
    final List<Packet> held = new ArrayList<>();

    /** key2 with distinct, non-zero bytes: key2[i] = i * 7 + 3. */
    static byte[] key2() {
        byte[] k = new byte[256];
        for (int i = 0; i < 256; i++) {
            k[i] = (byte) (i * 7 + 3);
        }
        return k;
    }

    static KeyContext context(int keyId, AeadAlgorithm algorithm, Role role, ReplayWindow window) throws GeneralSecurityException {
        return new KeyContext(keyId, Key2Splitter.split(key2(), DataCipher.of(algorithm), role), window, JCE);
    }

    /** A client and a server channel sharing key id 0; V2 with peer-id 0 unless v1. */
    static DataChannel[] pair(AeadAlgorithm algorithm, boolean v2) throws GeneralSecurityException {
        DataChannel client = new DataChannel();
        DataChannel server = new DataChannel();
        client.install(context(0, algorithm, Role.CLIENT, new ReplayWindow()));
        server.install(context(0, algorithm, Role.SERVER, new ReplayWindow()));
        client.makePrimary(0);
        server.makePrimary(0);
        if (v2) {
            client.sendPeerId(0);
            server.sendPeerId(0);
            server.expectPeerId(0);
        }
        return new DataChannel[] {client, server};
    }

    Packet packet(byte[] content) {
        Packet p = pool.acquire();
        held.add(p);
        p.setContents(content, 0, content.length);
        return p;
    }

    Packet copy(Packet p) {
        return packet(p.toByteArray());
    }

    @AfterEach
    void poolBalances() {
        held.forEach(Packet::release);
        assertEquals(0, pool.outstanding(), "every packet went back to the pool");
        assertEquals(0, pool.badReleases());
    }

    @ParameterizedTest
    @EnumSource(value = AeadAlgorithm.class, names = {"AES_128_GCM", "AES_256_GCM", "CHACHA20_POLY1305"})
    void roundTripsBothWaysInBothFormats(AeadAlgorithm algorithm) throws GeneralSecurityException {
        for (boolean v2 : new boolean[] {true, false}) {
            DataChannel[] ends = pair(algorithm, v2);
            for (int i = 0; i < 3; i++) {
                Packet up = packet(PAYLOAD);
                assertNull(ends[0].seal(up));
                assertEquals(PAYLOAD.length + KeyContext.overhead(v2), up.length());
                assertNull(ends[1].open(up, 0));
                assertArrayEquals(PAYLOAD, up.toByteArray());
                Packet down = packet(PAYLOAD);
                assertNull(ends[1].seal(down));
                assertNull(ends[0].open(down, 0));
                assertArrayEquals(PAYLOAD, down.toByteArray());
            }
        }
    }

    @Test
    void aClientCannotOpenItsOwnPackets() throws GeneralSecurityException {
        DataChannel[] ends = pair(AeadAlgorithm.AES_256_GCM, true);
        Packet p = packet(PAYLOAD);
        ends[0].seal(p);
        assertSame(DataDrops.AUTH_FAILED, ends[0].open(p, 0), "directions use different keys");
    }

    /**
     * The first P_DATA_V2 from a client, checked against the shape 2.6.14 logged (openvpn.md §4.2:
     * {@code DECRYPT IV: 00000001 <implicit iv>}, {@code DECRYPT AD: 48000000 00000001}) by
     * decrypting it with plain JCE, independently of the code under test.
     */
    @Test
    void firstV2PacketLayoutMatchesOpenvpn() throws Exception {
        DataChannel client = pair(AeadAlgorithm.AES_256_GCM, true)[0];
        Packet p = packet(PAYLOAD);
        client.seal(p);
        byte[] wire = p.toByteArray();
        assertArrayEquals(HexFormat.of().parseHex("48000000"), Arrays.copyOfRange(wire, 0, 4), "opcode 9, key 0, peer-id 0");
        assertArrayEquals(HexFormat.of().parseHex("00000001"), Arrays.copyOfRange(wire, 4, 8), "first packet id is 1");
        byte[] k = key2();
        byte[] nonce = new byte[12];
        nonce[3] = 1;
        System.arraycopy(k, 64, nonce, 4, 8);
        byte[] aad = HexFormat.of().parseHex("4800000000000001");
        byte[] plain = jceOpen("AES/GCM/NoPadding", new SecretKeySpec(Arrays.copyOf(k, 32), "AES"), new GCMParameterSpec(128, nonce),
                aad, Arrays.copyOfRange(wire, 8, 24), Arrays.copyOfRange(wire, 24, wire.length));
        assertArrayEquals(PAYLOAD, plain, "tag at 8..24 before the ciphertext, nonce = id ‖ keys[0].hmac[0..8)");
    }

    @Test
    void v1LayoutAuthenticatesOnlyThePacketId() throws Exception {
        DataChannel server = pair(AeadAlgorithm.CHACHA20_POLY1305, false)[1];
        server.seal(packet(PAYLOAD));
        Packet p = packet(PAYLOAD);
        server.seal(p);
        byte[] wire = p.toByteArray();
        assertEquals(0x30, wire[0] & 0xff);
        assertArrayEquals(HexFormat.of().parseHex("00000002"), Arrays.copyOfRange(wire, 1, 5), "second packet of this key");
        byte[] k = key2();
        byte[] nonce = new byte[12];
        nonce[3] = 2;
        System.arraycopy(k, 128 + 64, nonce, 4, 8);
        byte[] plain = jceOpen("ChaCha20-Poly1305", new SecretKeySpec(Arrays.copyOfRange(k, 128, 160), "ChaCha20"),
                new IvParameterSpec(nonce), HexFormat.of().parseHex("00000002"),
                Arrays.copyOfRange(wire, 5, 21), Arrays.copyOfRange(wire, 21, wire.length));
        assertArrayEquals(PAYLOAD, plain, "server sends with keys[1]");
    }

    static byte[] jceOpen(String transformation, SecretKeySpec key, java.security.spec.AlgorithmParameterSpec spec,
                          byte[] aad, byte[] tag, byte[] ciphertext) throws Exception {
        Cipher c = Cipher.getInstance(transformation);
        c.init(Cipher.DECRYPT_MODE, key, spec);
        c.updateAAD(aad);
        byte[] in = new byte[ciphertext.length + 16];
        System.arraycopy(ciphertext, 0, in, 0, ciphertext.length);
        System.arraycopy(tag, 0, in, ciphertext.length, 16);
        return c.doFinal(in);
    }

    @Test
    void packetIdsCountUpFromOnePerKey() throws GeneralSecurityException {
        DataChannel client = pair(AeadAlgorithm.AES_128_GCM, true)[0];
        for (int id = 1; id <= 3; id++) {
            Packet p = packet(PAYLOAD);
            client.seal(p);
            assertEquals(id, p.getInt(4));
        }
        assertEquals(4, client.primary().nextSendId());
    }

    @ParameterizedTest
    @EnumSource(value = AeadAlgorithm.class, names = {"AES_128_GCM", "CHACHA20_POLY1305"})
    void everyFlippedBitIsRefused(AeadAlgorithm algorithm) throws GeneralSecurityException {
        for (boolean v2 : new boolean[] {true, false}) {
            DataChannel[] ends = pair(algorithm, v2);
            Packet original = packet(PAYLOAD);
            ends[0].seal(original);
            byte[] wire = original.toByteArray();
            for (int i = 0; i < wire.length; i++) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[] bad = wire.clone();
                    bad[i] ^= (byte) (1 << bit);
                    Packet p = packet(bad);
                    DropReason r = ends[1].open(p, 0);
                    assertNotNull(r, "flip byte " + i + " bit " + bit + (v2 ? " v2" : " v1"));
                    if (i >= (v2 ? 4 : 1)) {
                        assertSame(DataDrops.AUTH_FAILED, r, "packet id, tag and ciphertext are authenticated");
                    }
                    held.remove(p);
                    p.release();
                }
            }
            assertNull(ends[1].open(packet(wire), 0), "the untouched packet still opens: forgeries did not move the window");
        }
    }

    @Test
    void headerTamperingIsNamed() throws GeneralSecurityException {
        DataChannel[] ends = pair(AeadAlgorithm.AES_256_GCM, true);
        Packet p = packet(PAYLOAD);
        ends[0].seal(p);
        byte[] wire = p.toByteArray();
        byte[] otherKey = wire.clone();
        otherKey[0] = 0x49;
        assertSame(DataDrops.UNKNOWN_KEY, ends[1].open(packet(otherKey), 0));
        byte[] control = wire.clone();
        control[0] = 0x20;
        assertSame(DataDrops.NOT_DATA, ends[1].open(packet(control), 0));
        byte[] otherPeer = wire.clone();
        otherPeer[3] = 1;
        assertSame(DataDrops.WRONG_PEER_ID, ends[1].open(packet(otherPeer), 0));
        ends[1].expectPeerId(-1);
        assertSame(DataDrops.AUTH_FAILED, ends[1].open(packet(otherPeer), 0), "the peer-id is in the AAD");
    }

    @Test
    void replaysAreRefusedAfterAuthentication() throws GeneralSecurityException {
        DataChannel[] ends = pair(AeadAlgorithm.AES_256_GCM, true);
        Packet p = packet(PAYLOAD);
        ends[0].seal(p);
        Packet again = copy(p);
        assertNull(ends[1].open(p, 0));
        assertSame(DataDrops.REPLAY, ends[1].open(again, 0));
    }

    @Test
    void aForgedHighPacketIdDoesNotMoveTheWindow() throws GeneralSecurityException {
        ReplayWindow window = new ReplayWindow();
        DataChannel server = new DataChannel();
        server.install(context(0, AeadAlgorithm.AES_256_GCM, Role.SERVER, window));
        DataChannel client = pair(AeadAlgorithm.AES_256_GCM, true)[0];
        Packet first = packet(PAYLOAD);
        client.seal(first);
        Packet forged = copy(first);
        forged.putInt(4, 1_000_000);
        assertSame(DataDrops.AUTH_FAILED, server.open(forged, 0));
        assertEquals(0, window.highest());
        assertNull(server.open(first, 0));
        assertEquals(1, window.highest());
    }

    @Test
    void shortPacketsAreTruncated() throws GeneralSecurityException {
        DataChannel server = pair(AeadAlgorithm.AES_128_GCM, true)[1];
        assertSame(DataDrops.TRUNCATED, server.open(packet(new byte[0]), 0));
        assertSame(DataDrops.TRUNCATED, server.open(packet(new byte[] {0x48, 0, 0}), 0));
        assertSame(DataDrops.TRUNCATED, server.open(packetWithHeader(0x48, 23), 0));
        assertSame(DataDrops.TRUNCATED, server.open(packetWithHeader(0x30, 20), 0));
        assertSame(DataDrops.AUTH_FAILED, server.open(packetWithHeader(0x48, 24), 0), "header, id and tag with no ciphertext is long enough");
    }

    Packet packetWithHeader(int byte0, int length) {
        byte[] b = new byte[length];
        b[0] = (byte) byte0;
        return packet(b);
    }

    @Test
    void aPacketFillingTheBufferIsTooLongForTheTagScratch() throws GeneralSecurityException {
        DataChannel server = pair(AeadAlgorithm.AES_128_GCM, true)[1];
        Packet p = pool.acquire();
        held.add(p);
        p.setWindow(0, p.capacity());
        p.putByte(0, 0x48);
        assertSame(DataDrops.TOO_LONG, server.open(p, 0));
    }

    @Test
    void sealingNeedsRoom() throws GeneralSecurityException {
        DataChannel client = pair(AeadAlgorithm.AES_128_GCM, true)[0];
        Packet p = pool.acquire();
        held.add(p);
        p.setWindow(10, 100);
        assertSame(DataDrops.NO_ROOM, client.seal(p));
        assertEquals(100, p.length(), "unchanged");
        p.setWindow(100, p.capacity() - 100 - 8);
        assertSame(DataDrops.NO_ROOM, client.seal(p));
        assertEquals(1, client.primary().nextSendId(), "no packet id spent");
    }

    @Test
    void refusesToSendPastTheWrapTriggerAndAsksForRenegotiationBefore() throws GeneralSecurityException {
        DataChannel client = pair(AeadAlgorithm.AES_128_GCM, true)[0];
        KeyContext k = client.primary();
        k.skipSendIdsTo(KeyContext.RENEGOTIATE_AT - 1);
        assertFalse(client.needsRenegotiation());
        assertNull(client.seal(packet(PAYLOAD)));
        assertTrue(client.needsRenegotiation());
        k.skipSendIdsTo(KeyContext.SEND_LIMIT - 1);
        Packet last = packet(PAYLOAD);
        assertNull(client.seal(last));
        assertEquals(0xFEFF_FFFFL, last.getUnsignedInt(4));
        assertSame(DataDrops.PACKET_ID_EXHAUSTED, client.seal(packet(PAYLOAD)));
        assertEquals(0xFF00_0000L, KeyContext.SEND_LIMIT);
    }

    @Test
    void withoutAPrimaryKeyNothingIsSent() {
        DataChannel empty = new DataChannel();
        assertSame(DataDrops.UNKNOWN_KEY, empty.seal(packet(PAYLOAD)));
        assertSame(DataDrops.UNKNOWN_KEY, empty.open(packetWithHeader(0x48, 40), 0));
    }

    @Test
    void aNewProviderTakesOverWithoutResettingCounters() throws GeneralSecurityException {
        DataChannel[] ends = pair(AeadAlgorithm.AES_256_GCM, true);
        Packet first = sealed(ends[0]);
        Packet firstAgain = copy(first);
        assertNull(ends[1].open(first, 0));
        CountingProvider counting = new CountingProvider();
        ends[0].rebuild(counting);
        ends[1].rebuild(counting);
        assertEquals("counting", ends[0].primary().providerName());
        Packet p = sealed(ends[0]);
        assertEquals(2, p.getInt(4), "packet ids carry on");
        assertNull(ends[1].open(p, 0));
        assertArrayEquals(PAYLOAD, p.toByteArray());
        assertEquals(4, counting.built, "two contexts per end");
        assertSame(DataDrops.REPLAY, ends[1].open(firstAgain, 0), "the replay window survived the rebuild");
    }

    Packet sealed(DataChannel from) {
        Packet p = packet(PAYLOAD);
        assertNull(from.seal(p));
        return p;
    }

    @Test
    void retiringWipesAndStopsTheKey() throws GeneralSecurityException {
        DataChannel[] ends = pair(AeadAlgorithm.AES_256_GCM, true);
        Packet p = sealed(ends[0]);
        KeyContext k = ends[1].key(0);
        ends[1].retire(0);
        assertTrue(k.isRetired());
        assertSame(DataDrops.UNKNOWN_KEY, ends[1].open(p, 0));
        assertSame(DataDrops.UNKNOWN_KEY, ends[1].seal(packet(PAYLOAD)));
        assertThrows(IllegalStateException.class, () -> k.rebuild(JCE));
    }

    @Test
    void keysAreFoundByKeyIdDuringRenegotiation() throws GeneralSecurityException {
        DataChannel client = new DataChannel();
        DataChannel server = new DataChannel();
        for (int id : new int[] {0, 1}) {
            client.install(context(id, AeadAlgorithm.AES_128_GCM, Role.CLIENT, new ReplayWindow()));
            server.install(context(id, AeadAlgorithm.AES_128_GCM, Role.SERVER, new ReplayWindow()));
        }
        client.makePrimary(1);
        Packet p = sealed(client);
        assertEquals(0x31, p.getUnsignedByte(0), "P_DATA_V1 with key id 1");
        assertNull(server.open(p, 0));
        client.makePrimary(0);
        assertNull(server.open(sealed(client), 0), "the lame-duck key still opens");
    }

    @Test
    void pingsAndOccExitAreRecognisedAfterDecryption() throws GeneralSecurityException {
        DataChannel[] ends = pair(AeadAlgorithm.AES_256_GCM, true);
        Packet ping = pool.acquire();
        held.add(ping);
        DataPayloads.writePing(ping);
        ends[0].seal(ping);
        assertNull(ends[1].open(ping, 0));
        assertEquals(DataPayloads.Kind.PING, DataPayloads.classify(ping));
        Packet exit = pool.acquire();
        held.add(exit);
        DataPayloads.writeOccExit(exit);
        ends[0].seal(exit);
        assertNull(ends[1].open(exit, 0));
        assertEquals(DataPayloads.Kind.OCC_EXIT, DataPayloads.classify(exit));
        assertArrayEquals(HexFormat.of().parseHex("287f346bd4ef7a812d56b8d3afc5459c06"), exit.toByteArray());
    }

    @Test
    void classifiesPayloads() {
        assertEquals(DataPayloads.Kind.TUNNEL, DataPayloads.classify(packet(PAYLOAD)));
        assertEquals(DataPayloads.Kind.EMPTY, DataPayloads.classify(packet(new byte[0])));
        byte[] pingPlusOne = Arrays.copyOf(HexFormat.of().parseHex("2a187bf3641eb4cb07ed2d0a981fc748"), 17);
        assertEquals(DataPayloads.Kind.TUNNEL, DataPayloads.classify(packet(pingPlusOne)), "a ping is exactly 16 bytes");
        assertEquals(DataPayloads.Kind.PING, DataPayloads.classify(packet(Arrays.copyOf(pingPlusOne, 16))));
        byte[] occReply = Arrays.copyOf(HexFormat.of().parseHex("287f346bd4ef7a812d56b8d3afc5459c01"), 20);
        Packet reply = packet(occReply);
        assertEquals(DataPayloads.Kind.OCC_OTHER, DataPayloads.classify(reply));
        assertEquals(DataPayloads.OCC_REPLY, DataPayloads.occType(reply));
        assertEquals(DataPayloads.Kind.TUNNEL, DataPayloads.classify(packet(Arrays.copyOf(occReply, 16))), "magic without a type");
    }

    /** Wraps the JCE provider under another name, counting the contexts it builds. */
    static final class CountingProvider implements AeadProvider {
        int built;

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public boolean supports(AeadAlgorithm algorithm) {
            return JCE.supports(algorithm);
        }

        @Override
        public AeadCipher newCipher(AeadAlgorithm algorithm, byte[] key, boolean encrypt) throws GeneralSecurityException {
            built++;
            return JCE.newCipher(algorithm, key, encrypt);
        }
    }
}
