package dev.culvert.core.aead;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.spi.aead.AeadCipher;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class JceAeadProviderTest {
    final JceAeadProvider provider = new JceAeadProvider();

    /** OpenVPN 2.6 layout: [aad 8][tag 16][ciphertext], with tailroom after for the provider's scratch. */
    static ByteBuffer packet(byte[] payload) {
        ByteBuffer b = ByteBuffer.allocateDirect(8 + 16 + payload.length + 16);
        b.put(0, new byte[] {0x48, 0, 0, 0, 0, 0, 0, 1});
        b.put(24, payload);
        return b;
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void sealThenOpenRestoresThePayloadWithTheTagBeforeTheCiphertext(AeadAlgorithm alg) throws Exception {
        byte[] key = new byte[alg.keyLength()];
        new Random(1).nextBytes(key);
        byte[] nonce = HexFormat.of().parseHex("00000001747fbd6506ca9ffd");
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

    @Test
    void theSealedBytesMatchAPlainJceComputationOfTheSameInput() throws Exception {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        byte[] nonce = new byte[12];
        nonce[3] = 1;
        byte[] payload = "a packet".getBytes();
        ByteBuffer b = packet(payload);
        try (AeadCipher enc = provider.newCipher(AeadAlgorithm.AES_256_GCM, key, true)) {
            enc.seal(nonce, b, 0, 8, b, 24, payload.length, 8);
        }
        Cipher reference = Cipher.getInstance("AES/GCM/NoPadding");
        reference.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        reference.updateAAD(new byte[] {0x48, 0, 0, 0, 0, 0, 0, 1});
        byte[] expected = reference.doFinal(payload);
        byte[] tag = new byte[16];
        byte[] ct = new byte[payload.length];
        b.get(8, tag);
        b.get(24, ct);
        assertArrayEquals(Arrays.copyOfRange(expected, payload.length, expected.length), tag);
        assertArrayEquals(Arrays.copyOf(expected, payload.length), ct);
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void anyTamperingWithAadTagOrCiphertextFailsToOpen(AeadAlgorithm alg) throws Exception {
        byte[] key = new byte[alg.keyLength()];
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

    @Test
    void closingAContextDestroysItsKeyForEveryAlgorithmAndTwiceIsHarmless() throws Exception {
        for (AeadAlgorithm alg : AeadAlgorithm.values()) {
            for (boolean encrypt : new boolean[] {true, false}) {
                JceAeadCipher context = (JceAeadCipher) provider.newCipher(alg, new byte[alg.keyLength()], encrypt);
                javax.security.auth.Destroyable key = (javax.security.auth.Destroyable) context.key();
                assertFalse(key.isDestroyed());
                context.close();
                context.close();
                assertTrue(key.isDestroyed(), alg + (encrypt ? " sealing" : " opening"));
            }
        }
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
        assertTrue(provider.supports(AeadAlgorithm.CHACHA20_POLY1305));
    }
}
