package dev.culvert.ssl.conscrypt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.spi.aead.AeadCipher;
import dev.culvert.spi.aead.AeadProvider;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What makes a live swap of the aead slot safe: a packet sealed by Conscrypt opens with the kernel's
 * JCE default and the other way round, byte for byte the same wire format, for every algorithm both
 * offer. Payload sizes cover the empty packet, one byte, block boundaries and a full MTU.
 */
class AeadCrossProviderTest {
    private static final int[] SIZES = {0, 1, 15, 16, 17, 63, 64, 1399, 1400, 1500};
    private final AeadProvider conscrypt = new ConscryptAeadProvider();
    private final AeadProvider jce = new JceAeadProvider();

    private static void crossCheck(AeadProvider sealer, AeadProvider opener, AeadAlgorithm alg, long seed) throws Exception {
        Random random = new Random(seed);
        byte[] key = new byte[alg.keyLength()];
        random.nextBytes(key);
        try (AeadCipher enc = sealer.newCipher(alg, key, true); AeadCipher dec = opener.newCipher(alg, key, false)) {
            for (int packetId = 1; packetId <= SIZES.length; packetId++) {
                byte[] payload = new byte[SIZES[packetId - 1]];
                random.nextBytes(payload);
                byte[] nonce = new byte[12];
                nonce[3] = (byte) packetId;
                random.nextBytes(payload);
                ByteBuffer b = ConscryptAeadProviderTest.packet(payload);
                b.put(7, (byte) packetId);
                enc.seal(nonce, b, 0, 8, b, 24, payload.length, 8);
                assertTrue(dec.open(nonce, b, 0, 8, b, 24, payload.length, 8),
                        alg + " sealed by " + sealer.name() + " opens with " + opener.name() + ", " + payload.length + " bytes");
                byte[] back = new byte[payload.length];
                b.get(24, back);
                assertArrayEquals(payload, back);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = AeadAlgorithm.class, names = "AES_192_GCM", mode = EnumSource.Mode.EXCLUDE)
    void sealedByConscryptOpensWithJce(AeadAlgorithm alg) throws Exception {
        crossCheck(conscrypt, jce, alg, 11);
    }

    @ParameterizedTest
    @EnumSource(value = AeadAlgorithm.class, names = "AES_192_GCM", mode = EnumSource.Mode.EXCLUDE)
    void sealedByJceOpensWithConscrypt(AeadAlgorithm alg) throws Exception {
        crossCheck(jce, conscrypt, alg, 12);
    }

    @ParameterizedTest
    @EnumSource(value = AeadAlgorithm.class, names = "AES_192_GCM", mode = EnumSource.Mode.EXCLUDE)
    void bothProvidersWriteIdenticalBytes(AeadAlgorithm alg) throws Exception {
        byte[] key = new byte[alg.keyLength()];
        new Random(13).nextBytes(key);
        byte[] payload = new byte[1400];
        new Random(14).nextBytes(payload);
        byte[] nonce = {0, 0, 0, 9, 1, 2, 3, 4, 5, 6, 7, 8};
        ByteBuffer a = ConscryptAeadProviderTest.packet(payload);
        ByteBuffer b = ConscryptAeadProviderTest.packet(payload);
        try (AeadCipher x = conscrypt.newCipher(alg, key, true); AeadCipher y = jce.newCipher(alg, key, true)) {
            x.seal(nonce, a, 0, 8, a, 24, payload.length, 8);
            y.seal(nonce, b, 0, 8, b, 24, payload.length, 8);
        }
        byte[] wireA = new byte[24 + payload.length];
        byte[] wireB = new byte[24 + payload.length];
        a.get(0, wireA);
        b.get(0, wireB);
        assertArrayEquals(wireB, wireA);
    }

    @ParameterizedTest
    @EnumSource(value = AeadAlgorithm.class, names = "AES_192_GCM", mode = EnumSource.Mode.EXCLUDE)
    void aPacketTamperedInFlightBetweenProvidersIsRefused(AeadAlgorithm alg) throws Exception {
        byte[] key = new byte[alg.keyLength()];
        byte[] payload = new byte[200];
        for (AeadProvider[] pair : new AeadProvider[][] {{conscrypt, jce}, {jce, conscrypt}}) {
            for (int flip : new int[] {0, 8, 23, 24, 223}) {
                ByteBuffer b = ConscryptAeadProviderTest.packet(payload);
                try (AeadCipher enc = pair[0].newCipher(alg, key, true); AeadCipher dec = pair[1].newCipher(alg, key, false)) {
                    enc.seal(new byte[12], b, 0, 8, b, 24, payload.length, 8);
                    b.put(flip, (byte) (b.get(flip) ^ 0x80));
                    assertFalse(dec.open(new byte[12], b, 0, 8, b, 24, payload.length, 8), pair[0].name() + " -> " + pair[1].name() + " flip " + flip);
                }
            }
        }
    }

    /** The fourth algorithm: only the JCE default has it, so a slot on conscrypt must not take an AES-192-GCM key. */
    @Test
    void aes192GcmStaysWithJce() {
        assertTrue(jce.supports(AeadAlgorithm.AES_192_GCM));
        assertFalse(conscrypt.supports(AeadAlgorithm.AES_192_GCM));
    }
}
