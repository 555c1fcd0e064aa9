package dev.culvert.core.aead;

import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.spi.aead.AeadCipher;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.DestroyFailedException;

/**
 * One direction of one key on a JCE {@link Cipher}. JCE produces ciphertext followed by the tag;
 * the wire format wants the tag elsewhere (OpenVPN: before the ciphertext), so sealing moves the
 * 16 tag bytes from the tailroom to {@code tagOffset}, and opening moves them back first.
 *
 * <p>JCE needs a fresh parameter object for every nonce, so each packet costs one small
 * allocation inside this class and more inside the provider; that is the JDK's price, not the
 * kernel's, and why faster providers may outrank this one.
 */
final class JceAeadCipher implements AeadCipher {
    private final AeadAlgorithm algorithm;
    private final byte[] keyBytes;
    private final SecretKeySpec key;
    private final boolean encrypt;
    private final Cipher cipher;
    private final byte[] tag = new byte[AeadAlgorithm.TAG_LENGTH];
    private volatile boolean closed;

    JceAeadCipher(AeadAlgorithm algorithm, byte[] key, boolean encrypt, Cipher cipher) {
        this.algorithm = algorithm;
        this.keyBytes = key.clone();
        this.key = new SecretKeySpec(keyBytes, algorithm == AeadAlgorithm.CHACHA20_POLY1305 ? "ChaCha20" : "AES");
        this.encrypt = encrypt;
        this.cipher = cipher;
    }

    static String transformation(AeadAlgorithm algorithm) {
        return algorithm == AeadAlgorithm.CHACHA20_POLY1305 ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding";
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
            ByteBuffer in = data.slice(offset, length);
            ByteBuffer out = data.slice(offset, length + AeadAlgorithm.TAG_LENGTH);
            int written = cipher.doFinal(in, out);
            if (written != length + AeadAlgorithm.TAG_LENGTH) {
                throw new IllegalStateException("cipher wrote " + written + " bytes for " + length);
            }
            data.get(offset + length, tag);
            data.put(tagOffset, tag);
        } catch (GeneralSecurityException e) {
            // Encryption with a valid key and a fresh nonce cannot fail; this is a provider fault.
            throw new IllegalStateException("AEAD seal failed in the JCE provider", e);
        }
    }

    @Override
    public boolean open(byte[] nonce, ByteBuffer aad, int aadOffset, int aadLength,
                        ByteBuffer data, int offset, int length, int tagOffset) {
        if (encrypt || closed) {
            return false;
        }
        checkTagPlace(offset, length, tagOffset);
        try {
            data.get(tagOffset, tag);
            data.put(offset + length, tag);
            cipher.init(Cipher.DECRYPT_MODE, key, spec(nonce));
            cipher.updateAAD(aad.slice(aadOffset, aadLength));
            ByteBuffer in = data.slice(offset, length + AeadAlgorithm.TAG_LENGTH);
            ByteBuffer out = data.slice(offset, length);
            return cipher.doFinal(in, out) == length;
        } catch (AEADBadTagException e) {
            return false;
        } catch (GeneralSecurityException | RuntimeException e) {
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
        Arrays.fill(keyBytes, (byte) 0);
        Arrays.fill(tag, (byte) 0);
        try {
            key.destroy();
        } catch (DestroyFailedException e) {
            // SecretKeySpec keeps a private copy that some JDKs cannot destroy; ours is wiped above,
            // and the context is unusable from here on.
        }
    }
}
