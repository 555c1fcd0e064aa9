package dev.culvert.ssl.conscrypt;

import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.spi.aead.AeadCipher;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/**
 * One direction of one key on a Conscrypt (BoringSSL) {@link Cipher}. The wire layout is the
 * kernel's JCE default's, byte for byte: BoringSSL, like JCE, writes the ciphertext followed by the
 * tag, so sealing moves the 16 tag bytes from the tailroom to {@code tagOffset} and opening moves
 * them back first. That sameness is what lets a tunnel swap between the two providers between
 * batches: a packet sealed by one opens with the other.
 *
 * <p>On direct buffers Conscrypt seals and opens straight from and into native memory, in place.
 * Like the JCE default, each packet costs a parameter object for its nonce. The key is a
 * {@link SharedKey}, so closing the context wipes the copy inside Conscrypt's cipher too.
 */
final class ConscryptAeadCipher implements AeadCipher {
    private final AeadAlgorithm algorithm;
    private final SharedKey key;
    private final boolean encrypt;
    private final Cipher cipher;
    private final byte[] tag = new byte[AeadAlgorithm.TAG_LENGTH];
    private volatile boolean closed;

    ConscryptAeadCipher(AeadAlgorithm algorithm, byte[] key, boolean encrypt, Cipher cipher) {
        this.algorithm = algorithm;
        this.key = new SharedKey(key.clone(), algorithm == AeadAlgorithm.CHACHA20_POLY1305 ? "ChaCha20" : "AES");
        this.encrypt = encrypt;
        this.cipher = cipher;
    }

    /** The transformation Conscrypt registers for {@code algorithm}. */
    static String transformation(AeadAlgorithm algorithm) {
        return algorithm == AeadAlgorithm.CHACHA20_POLY1305 ? "ChaCha20/Poly1305/NoPadding" : "AES/GCM/NoPadding";
    }

    private AlgorithmParameterSpec spec(byte[] nonce) {
        if (nonce.length != AeadAlgorithm.NONCE_LENGTH) {
            throw new IllegalArgumentException("nonce must be " + AeadAlgorithm.NONCE_LENGTH + " bytes");
        }
        return algorithm == AeadAlgorithm.CHACHA20_POLY1305
                ? new IvParameterSpec(nonce)
                : new GCMParameterSpec(AeadAlgorithm.TAG_LENGTH * 8, nonce);
    }

    @Override
    public AeadAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public void seal(byte[] nonce, ByteBuffer aad, int aadOffset, int aadLength,
                     ByteBuffer data, int offset, int length, int tagOffset) {
        if (!encrypt || closed) {
            throw new IllegalStateException(closed ? "cipher context is closed" : "context was made for decryption");
        }
        checkTagPlace(offset, length, tagOffset);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, spec(nonce));
            cipher.updateAAD(aad.slice(aadOffset, aadLength));
            int written = cipher.doFinal(data.slice(offset, length), data.slice(offset, length + AeadAlgorithm.TAG_LENGTH));
            if (written != length + AeadAlgorithm.TAG_LENGTH) {
                throw new IllegalStateException("Conscrypt wrote " + written + " bytes for " + length);
            }
            data.get(offset + length, tag);
            data.put(tagOffset, tag);
        } catch (GeneralSecurityException e) {
            // Encryption with a valid key and a fresh nonce cannot fail; this is a provider fault.
            throw new IllegalStateException("AEAD seal failed in Conscrypt", e);
        }
    }

    @Override
    public boolean open(byte[] nonce, ByteBuffer aad, int aadOffset, int aadLength,
                        ByteBuffer data, int offset, int length, int tagOffset) {
        if (encrypt || closed) {
            return false;
        }
        try {
            checkTagPlace(offset, length, tagOffset);
            data.get(tagOffset, tag);
            data.put(offset + length, tag);
            cipher.init(Cipher.DECRYPT_MODE, key, spec(nonce));
            cipher.updateAAD(aad.slice(aadOffset, aadLength));
            return cipher.doFinal(data.slice(offset, length + AeadAlgorithm.TAG_LENGTH), data.slice(offset, length)) == length;
        } catch (GeneralSecurityException | RuntimeException e) {
            // A forged tag (AEADBadTagException), and any bounds a forged length breaks: refused, never thrown.
            return false;
        }
    }

    private static void checkTagPlace(int offset, int length, int tagOffset) {
        boolean overlaps = tagOffset + AeadAlgorithm.TAG_LENGTH > offset && tagOffset < offset + length;
        if (overlaps) {
            throw new IllegalArgumentException("tag at " + tagOffset + " overlaps data at " + offset + "+" + length);
        }
    }

    @Override
    public void close() {
        closed = true;
        // Conscrypt holds this very array (SharedKey), so this wipes its copy as well as ours.
        key.destroy();
        Arrays.fill(tag, (byte) 0);
    }
}
