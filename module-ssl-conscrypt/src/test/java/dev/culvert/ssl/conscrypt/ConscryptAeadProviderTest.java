package dev.culvert.ssl.conscrypt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.spi.aead.AeadCipher;
import dev.culvert.spi.aead.WipeableKey;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The AEAD contract on Conscrypt: in place, tag where the caller says, forgeries refused and never thrown. */
class ConscryptAeadProviderTest {
    final ConscryptAeadProvider provider = new ConscryptAeadProvider();

    /** OpenVPN 2.6 layout: [aad 8][tag 16][ciphertext], with 16 bytes of tailroom for the provider's scratch. */
    static ByteBuffer packet(byte[] payload) {
        ByteBuffer b = ByteBuffer.allocateDirect(8 + 16 + payload.length + 16);
        b.put(0, new byte[] {0x48, 0, 0, 0, 0, 0, 0, 1});
        b.put(24, payload);
        return b;
    }

    static byte[] key(AeadAlgorithm algorithm, long seed) {
        byte[] key = new byte[algorithm.keyLength()];
        new Random(seed).nextBytes(key);
        return key;
    }

    @ParameterizedTest
    @EnumSource(value = AeadAlgorithm.class, names = "AES_192_GCM", mode = EnumSource.Mode.EXCLUDE)
    void sealThenOpenRestoresThePayloadWithTheTagBeforeTheCiphertext(AeadAlgorithm alg) throws Exception {
        byte[] key = key(alg, 1);
        byte[] nonce = new byte[12];
        nonce[3] = 1;
        byte[] payload = new byte[1400];
        new Random(2).nextBytes(payload);
        ByteBuffer b = packet(payload);
        try (AeadCipher enc = provider.newCipher(alg, key, true); AeadCipher dec = provider.newCipher(alg, key, false)) {
            enc.seal(nonce, b, 0, 8, b, 24, payload.length, 8);
            byte[] ct = new byte[payload.length];
            b.get(24, ct);
            assertFalse(Arrays.equals(ct, payload));
            assertTrue(dec.open(nonce, b, 0, 8, b, 24, payload.length, 8));
            byte[] back = new byte[payload.length];
            b.get(24, back);
            assertArrayEquals(payload, back);
        }
    }

    @ParameterizedTest
    @EnumSource(value = AeadAlgorithm.class, names = "AES_192_GCM", mode = EnumSource.Mode.EXCLUDE)
    void anyTamperingWithAadTagOrCiphertextFailsToOpen(AeadAlgorithm alg) throws Exception {
        byte[] key = key(alg, 3);
        byte[] nonce = new byte[12];
        byte[] payload = new byte[64];
        for (int flip : new int[] {0, 7, 8, 23, 24, 24 + 63}) {
            ByteBuffer b = packet(payload);
            try (AeadCipher enc = provider.newCipher(alg, key, true); AeadCipher dec = provider.newCipher(alg, key, false)) {
                enc.seal(nonce, b, 0, 8, b, 24, payload.length, 8);
                b.put(flip, (byte) (b.get(flip) ^ 1));
                assertFalse(dec.open(nonce, b, 0, 8, b, 24, payload.length, 8), "flipped byte " + flip);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = AeadAlgorithm.class, names = "AES_192_GCM", mode = EnumSource.Mode.EXCLUDE)
    void aWrongNonceOrKeyFailsToOpen(AeadAlgorithm alg) throws Exception {
        byte[] payload = new byte[100];
        ByteBuffer b = packet(payload);
        try (AeadCipher enc = provider.newCipher(alg, key(alg, 4), true);
             AeadCipher otherKey = provider.newCipher(alg, key(alg, 5), false);
             AeadCipher dec = provider.newCipher(alg, key(alg, 4), false)) {
            enc.seal(new byte[12], b, 0, 8, b, 24, payload.length, 8);
            ByteBuffer copy = ByteBuffer.allocateDirect(b.capacity()).put(b.duplicate().clear());
            assertFalse(otherKey.open(new byte[12], copy, 0, 8, copy, 24, payload.length, 8));
            byte[] nonce = new byte[12];
            nonce[11] = 1;
            assertFalse(dec.open(nonce, b, 0, 8, b, 24, payload.length, 8));
        }
    }

    /** Forged lengths, offsets and nonces straight from a hostile packet: refused, never thrown. */
    @ParameterizedTest
    @EnumSource(value = AeadAlgorithm.class, names = "AES_192_GCM", mode = EnumSource.Mode.EXCLUDE)
    void openNeverThrowsForForgedInput(AeadAlgorithm alg) throws Exception {
        Random random = new Random(6);
        try (AeadCipher dec = provider.newCipher(alg, key(alg, 7), false)) {
            for (int i = 0; i < 2_000; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(1 + random.nextInt(200));
                byte[] junk = new byte[b.capacity()];
                random.nextBytes(junk);
                b.put(0, junk);
                int aadOffset = random.nextInt(260) - 30;
                int aadLength = random.nextInt(40) - 5;
                int offset = random.nextInt(260) - 30;
                int length = random.nextInt(260) - 30;
                int tagOffset = random.nextInt(260) - 30;
                byte[] nonce = new byte[random.nextInt(4) == 0 ? random.nextInt(20) : 12];
                assertFalse(assertDoesNotThrow(() -> dec.open(nonce, b, aadOffset, aadLength, b, offset, length, tagOffset)),
                        "forged input " + i + " opened");
            }
        }
    }

    @Test
    void aes192GcmIsRefusedWithASentenceBecauseConscryptHasNone() {
        assertFalse(provider.supports(AeadAlgorithm.AES_192_GCM));
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class,
                () -> provider.newCipher(AeadAlgorithm.AES_192_GCM, new byte[24], true));
        assertTrue(e.getMessage().startsWith("the conscrypt AEAD provider has no AES-192-GCM"), e.getMessage());
        assertTrue(e.getMessage().contains("culvert:swap aead jce"), e.getMessage());
    }

    @Test
    void aClosedContextRefusesToWorkAndAWrongKeyLengthIsRefused() throws Exception {
        AeadCipher dec = provider.newCipher(AeadAlgorithm.AES_128_GCM, new byte[16], false);
        dec.close();
        ByteBuffer b = packet(new byte[16]);
        assertFalse(dec.open(new byte[12], b, 0, 8, b, 24, 16, 8));
        AeadCipher enc = provider.newCipher(AeadAlgorithm.AES_128_GCM, new byte[16], true);
        enc.close();
        assertThrows(IllegalStateException.class, () -> enc.seal(new byte[12], b, 0, 8, b, 24, 16, 8));
        assertThrows(GeneralSecurityException.class, () -> provider.newCipher(AeadAlgorithm.AES_256_GCM, new byte[16], true));
    }

    @Test
    void theProviderCopiesTheKeyAndClosingWipesTheCopyConscryptHolds() throws Exception {
        byte[] key = key(AeadAlgorithm.AES_256_GCM, 8);
        byte[] original = key.clone();
        AeadCipher enc = provider.newCipher(AeadAlgorithm.AES_256_GCM, key, true);
        Arrays.fill(key, (byte) 0); // the caller wipes its own copy: the context keeps working
        ByteBuffer b = packet(new byte[32]);
        enc.seal(new byte[12], b, 0, 8, b, 24, 32, 8);
        try (AeadCipher dec = provider.newCipher(AeadAlgorithm.AES_256_GCM, original, false)) {
            assertTrue(dec.open(new byte[12], b, 0, 8, b, 24, 32, 8));
        }
        WipeableKey shared = (WipeableKey) readField(enc, "key");
        byte[] inside = readField(shared, "bytes") instanceof byte[] bytes ? bytes : null;
        enc.close();
        assertTrue(shared.isDestroyed());
        assertArrayEquals(new byte[32], inside, "the array Conscrypt was initialised with is zero");
    }

    private static Object readField(Object target, String name) throws ReflectiveOperationException {
        var field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
    }
}
