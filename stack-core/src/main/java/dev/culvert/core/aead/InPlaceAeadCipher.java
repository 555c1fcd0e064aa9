package dev.culvert.core.aead;

import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.spi.aead.AeadCipher;
import dev.culvert.spi.aead.WipeableKey;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/**
 * One direction of one key on a JCA {@link Cipher} of any provider. JCA ciphers write the
 * ciphertext followed by the tag; the wire format wants the tag elsewhere (OpenVPN: before the
 * ciphertext), so sealing moves the 16 tag bytes from the tailroom to {@code tagOffset}, and opening
 * moves them back first. Every provider that goes through here produces the same bytes, which is
 * what lets a tunnel swap providers between batches.
 *
 * <p>JCA needs a fresh parameter object for every nonce, so each packet costs one small
 * allocation here and more inside the provider; that is the API's price, not the kernel's.
 * Subclasses hold the key the way their provider wipes best.
 */
public abstract class InPlaceAeadCipher implements AeadCipher {
    private final AeadAlgorithm algorithm;
    private final boolean encrypt;
    private final Cipher cipher;
    private final String providerName;
    private final byte[] tag = new byte[AeadAlgorithm.TAG_LENGTH];
    private volatile boolean closed;

    protected InPlaceAeadCipher(AeadAlgorithm algorithm, boolean encrypt, Cipher cipher, String providerName) {
        this.algorithm = algorithm;
        this.encrypt = encrypt;
        this.cipher = cipher;
        this.providerName = providerName;
    }

    /** The JCA key algorithm for {@code algorithm}'s key: {@code AES} or {@code ChaCha20}. */
    public static String keyAlgorithm(AeadAlgorithm algorithm) {
        return algorithm == AeadAlgorithm.CHACHA20_POLY1305 ? "ChaCha20" : "AES";
    }

    /** The key the cipher is initialised with. */
    protected abstract Key key();

    /** Wipes every copy of the key this context can reach. */
    protected abstract void wipeKey();

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
            cipher.init(Cipher.ENCRYPT_MODE, key(), spec(nonce));
            cipher.updateAAD(aad.slice(aadOffset, aadLength));
            int written = cipher.doFinal(data.slice(offset, length), data.slice(offset, length + AeadAlgorithm.TAG_LENGTH));
            if (written != length + AeadAlgorithm.TAG_LENGTH) {
                throw new IllegalStateException(providerName + " wrote " + written + " bytes for " + length);
            }
            data.get(offset + length, tag);
            data.put(tagOffset, tag);
        } catch (GeneralSecurityException e) {
            // Encryption with a valid key and a fresh nonce cannot fail; this is a provider fault.
            throw new IllegalStateException("AEAD seal failed in " + providerName, e);
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
            cipher.init(Cipher.DECRYPT_MODE, key(), spec(nonce));
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

    /**
     * Initialises the provider's cipher with an all-zero key, so that the key schedule it expanded
     * from the real key is overwritten rather than left for the collector. Best effort: a provider
     * that refuses (a ChaCha20 context given the key and nonce it had last) keeps what it had, and
     * this context is closed either way.
     */
    protected final void overwriteKeySchedule() {
        try {
            cipher.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE,
                    WipeableKey.copying(new byte[algorithm.keyLength()], keyAlgorithm(algorithm)), spec(new byte[AeadAlgorithm.NONCE_LENGTH]));
        } catch (GeneralSecurityException | RuntimeException e) {
            // nothing more can be overwritten
        }
    }

    @Override
    public void close() {
        closed = true;
        wipeKey();
        Arrays.fill(tag, (byte) 0);
    }
}
