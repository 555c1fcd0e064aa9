package dev.culvert.vpn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.DataKey;
import dev.culvert.vpn.keys.DirectionalKeys;
import dev.culvert.vpn.keys.HmacDigest;
import dev.culvert.vpn.keys.Key2Splitter;
import dev.culvert.vpn.keys.Role;
import dev.culvert.vpn.replay.ReplayWindow;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The legacy CBC data channel: 2.6's {@code openvpn_encrypt_v1} layout, checked against packets made by another implementation. */
class CbcDataChannelTest {
    final PacketPool pool = new PacketPool("vpn-cbc-test", 256);
    final List<Packet> held = new ArrayList<>();

    @AfterEach
    void poolBalances() {
        held.forEach(Packet::release);
        assertEquals(0, pool.outstanding(), "every packet went back to the pool");
    }

    Packet packet(byte[] content) {
        Packet p = pool.acquire();
        held.add(p);
        p.setContents(content, 0, content.length);
        return p;
    }

    static byte[] range(int from, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    /** A context that opens with {@code receive} (and seals with an unrelated key). */
    static KeyContext opening(int keyId, DataCipher cipher, HmacDigest digest, byte[] cipherKey, byte[] hmacKey) throws GeneralSecurityException {
        DataKey receive = DataKey.cbc(cipher, digest, cipherKey, hmacKey);
        DataKey send = DataKey.cbc(cipher, digest, range(200, cipher.keyLength()), range(100, digest.length()));
        return new KeyContext(keyId, new DirectionalKeys(send, receive), new ReplayWindow(), DataChannelTest.JCE);
    }

    static DataChannel[] pair(DataCipher cipher, HmacDigest digest, boolean v2) throws GeneralSecurityException {
        DataChannel client = new DataChannel();
        DataChannel server = new DataChannel();
        client.install(new KeyContext(0, Key2Splitter.split(DataChannelTest.key2(), cipher, digest, Role.CLIENT), new ReplayWindow(), DataChannelTest.JCE));
        server.install(new KeyContext(0, Key2Splitter.split(DataChannelTest.key2(), cipher, digest, Role.SERVER), new ReplayWindow(), DataChannelTest.JCE));
        client.makePrimary(0);
        server.makePrimary(0);
        if (v2) {
            client.sendPeerId(3);
            server.sendPeerId(3);
            server.expectPeerId(3);
        }
        return new DataChannel[] {client, server};
    }

    /**
     * P_DATA_V1, key id 0, AES-256-CBC with HMAC-SHA256, packet id 1, IV a0..af, payload "hello, culvert", made with
     * Python's cryptography and hmac modules: {@code 30 | HMAC(IV ‖ ct) | IV | AES-CBC(00000001 ‖ payload ‖ 02 02)}.
     */
    @Test
    void opensAPacketInTheLayoutOf26() throws GeneralSecurityException {
        byte[] wire = HexFormat.of().parseHex("30f0db898ee3fd354800d9dabc1b2f8ea90864b89ed1578c3ac66af1e82d846092"
                + "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf47ad213dcc481644029761efb74abb89b08a89924a2e3a5809cdd50abc7c3a39");
        DataChannel channel = new DataChannel();
        channel.install(opening(0, DataCipher.AES_256_CBC, HmacDigest.SHA256, range(0, 32), range(64, 32)));
        Packet p = packet(wire);
        assertNull(channel.open(p, 0));
        assertEquals("hello, culvert", new String(p.toByteArray(), StandardCharsets.US_ASCII));
        assertSame(DataDrops.REPLAY, channel.open(packet(wire), 0), "the same packet id again");
    }

    /** P_DATA_V2 with peer-id 7, key id 1, AES-128-CBC with HMAC-SHA1, packet id 5, 16 zero bytes: a whole block of padding follows the 20 bytes. */
    @Test
    void opensAV2PacketWithSha1AndTheHeaderOutsideTheHmac() throws GeneralSecurityException {
        byte[] wire = HexFormat.of().parseHex("4900000749250d5da9465d42e76bda6d7d3559a8708f71fe"
                + "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf07f791662c02639b4d3c3321eba0f2f08be55baffbf8e7fbe065f50c285164ca");
        DataChannel channel = new DataChannel();
        channel.install(opening(1, DataCipher.AES_128_CBC, HmacDigest.SHA1, range(0, 16), range(64, 20)));
        channel.expectPeerId(7);
        Packet p = packet(wire);
        assertNull(channel.open(p, 0));
        assertArrayEquals(new byte[16], p.toByteArray());
    }

    @ParameterizedTest
    @EnumSource(value = DataCipher.class, names = {"AES_128_CBC", "AES_192_CBC", "AES_256_CBC"})
    void roundTripsEveryLengthAcrossABlockInBothFormats(DataCipher cipher) throws GeneralSecurityException {
        for (boolean v2 : new boolean[] {true, false}) {
            DataChannel[] ends = pair(cipher, HmacDigest.SHA512, v2);
            for (int length = 0; length <= 33; length++) {
                byte[] payload = range(length, length);
                Packet up = packet(payload);
                assertNull(ends[0].seal(up));
                int header = v2 ? 4 : 1;
                int body = up.length() - header - 64 - 16;
                assertEquals(0, body % 16, "whole blocks");
                assertTrue(body > 4 + length && body <= 4 + length + 16, "packet id and payload, padded by 1..16");
                assertTrue(up.length() - length <= ends[0].primary().maxGrowth(v2), "within the growth the fragmenter plans for");
                assertNull(ends[1].open(up, 0));
                assertArrayEquals(payload, up.toByteArray());
            }
        }
    }

    @Test
    void twoSealsOfOnePayloadDifferByTheirRandomIv() throws GeneralSecurityException {
        DataChannel[] ends = pair(DataCipher.AES_256_CBC, HmacDigest.SHA1, false);
        Packet a = packet(range(0, 40));
        Packet b = packet(range(0, 40));
        ends[0].seal(a);
        ends[0].seal(b);
        assertNotEquals(HexFormat.of().formatHex(a.toByteArray(), 21, 37), HexFormat.of().formatHex(b.toByteArray(), 21, 37));
    }

    @Test
    void anyFlippedBitAfterTheHeaderFailsTheHmacAndMovesNothing() throws GeneralSecurityException {
        DataChannel[] ends = pair(DataCipher.AES_256_CBC, HmacDigest.SHA256, true);
        Packet sealed = packet(range(0, 30));
        ends[0].seal(sealed);
        byte[] wire = sealed.toByteArray();
        for (int i = 4; i < wire.length; i++) {
            byte[] bad = wire.clone();
            bad[i] ^= 0x01;
            assertSame(DataDrops.AUTH_FAILED, ends[1].open(packet(bad), 0), "byte " + i);
        }
        assertNull(ends[1].open(packet(wire), 0), "the replay window did not move for a forgery");
    }

    @Test
    void shortAndPartialBlockPacketsAreRefusedWithReasons() throws GeneralSecurityException {
        DataChannel[] ends = pair(DataCipher.AES_128_CBC, HmacDigest.SHA1, false);
        Packet sealed = packet(range(0, 30));
        ends[0].seal(sealed);
        byte[] wire = sealed.toByteArray();
        assertSame(DataDrops.TRUNCATED, ends[1].open(packet(java.util.Arrays.copyOf(wire, 1 + 20 + 16 + 15)), 0));
        assertSame(DataDrops.TRUNCATED, ends[1].open(packet(new byte[] {0x30}), 0));
        assertSame(DataDrops.AUTH_FAILED, ends[1].open(packet(java.util.Arrays.copyOf(wire, wire.length - 1)), 0),
                "a cut packet fails its HMAC before its length is looked at");
    }

    /** A peer with the key that pads wrongly: caught after the HMAC, counted apart from forgeries. */
    @Test
    void anAuthenticatedPacketWithBadPaddingIsMalformed() throws Exception {
        byte[] cipherKey = range(0, 16);
        byte[] hmacKey = range(64, 20);
        byte[] iv = range(0xa0, 16);
        byte[] plain = range(1, 32);
        plain[31] = 0;
        javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/CBC/NoPadding");
        aes.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(cipherKey, "AES"), new javax.crypto.spec.IvParameterSpec(iv));
        byte[] ct = aes.doFinal(plain);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec(hmacKey, "HmacSHA1"));
        mac.update(iv);
        byte[] tag = mac.doFinal(ct);
        byte[] wire = new byte[1 + 20 + 16 + 32];
        wire[0] = 0x30;
        System.arraycopy(tag, 0, wire, 1, 20);
        System.arraycopy(iv, 0, wire, 21, 16);
        System.arraycopy(ct, 0, wire, 37, 32);
        DataChannel channel = new DataChannel();
        channel.install(opening(0, DataCipher.AES_128_CBC, HmacDigest.SHA1, cipherKey, hmacKey));
        assertSame(DataDrops.CBC_MALFORMED, channel.open(packet(wire), 0));
    }

    @Test
    void retiringWipesBothKeysAndRefusesFurtherUse() throws GeneralSecurityException {
        DirectionalKeys keys = Key2Splitter.split(DataChannelTest.key2(), DataCipher.AES_256_CBC, HmacDigest.SHA256, Role.CLIENT);
        KeyContext k = new KeyContext(0, keys, new ReplayWindow(), DataChannelTest.JCE);
        k.retire();
        assertTrue(keys.send().isWiped() && keys.receive().isWiped());
        assertSame(DataDrops.UNKNOWN_KEY, k.seal(packet(range(0, 10)), -1));
        assertThrows(IllegalStateException.class, keys.send()::hmacKeyBytes);
    }

    @Test
    void keyTwoGivesCbcTheCipherSlotAndADigestLongHmacKey() throws GeneralSecurityException {
        byte[] key2 = DataChannelTest.key2();
        DirectionalKeys client = Key2Splitter.split(key2, DataCipher.AES_192_CBC, HmacDigest.SHA384, Role.CLIENT);
        assertArrayEquals(java.util.Arrays.copyOfRange(key2, 0, 24), client.send().cipherKeyBytes());
        assertArrayEquals(java.util.Arrays.copyOfRange(key2, 64, 64 + 48), client.send().hmacKeyBytes());
        assertArrayEquals(java.util.Arrays.copyOfRange(key2, 128, 128 + 24), client.receive().cipherKeyBytes());
        assertArrayEquals(java.util.Arrays.copyOfRange(key2, 192, 192 + 48), client.receive().hmacKeyBytes());
        assertThrows(IllegalArgumentException.class, () -> Key2Splitter.split(key2, DataCipher.AES_256_CBC, null, Role.CLIENT));
    }

    @Test
    void aCbcKeyStaysOnTheJdkWhenTheAeadSlotSwaps() throws GeneralSecurityException {
        DataChannel[] ends = pair(DataCipher.AES_128_CBC, HmacDigest.SHA1, false);
        ends[0].rebuild(DataChannelTest.JCE);
        assertEquals(0, ends[0].primary().rebinds());
        assertEquals("SunJCE", ends[0].primary().providerName());
    }
}
