package dev.culvert.vpn.keys;

import dev.culvert.spi.aead.AeadAlgorithm;
import java.util.Arrays;

/**
 * The raw key bytes of one direction of one data-channel key. For an AEAD cipher: the cipher key
 * and the 8-byte implicit IV that completes the nonce. For a CBC cipher: the cipher key and the
 * HMAC key of the {@code auth} digest. Kept as bytes, not as a cipher context, so that a new
 * provider can build fresh contexts from them at any time; {@link #wipe()} zeroes them when the
 * key is retired, after which the key is unusable.
 */
public final class DataKey {
    /** Bytes of the nonce that come from the key: the 12-byte nonce minus the 4-byte packet id. */
    public static final int IMPLICIT_IV_LENGTH = 8;
    private static final byte[] NONE = new byte[0];

    private final DataCipher cipher;
    private final HmacDigest digest;
    private final byte[] cipherKey;
    private final byte[] implicitIv;
    private final byte[] hmacKey;
    private boolean wiped;

    private DataKey(DataCipher cipher, HmacDigest digest, byte[] cipherKey, byte[] implicitIv, byte[] hmacKey) {
        if (cipherKey.length != cipher.keyLength()) {
            throw new IllegalArgumentException(cipher.openvpnName() + " needs a " + cipher.keyLength() + "-byte key");
        }
        this.cipher = cipher;
        this.digest = digest;
        this.cipherKey = cipherKey.clone();
        this.implicitIv = implicitIv.length == 0 ? NONE : implicitIv.clone();
        this.hmacKey = hmacKey.length == 0 ? NONE : hmacKey.clone();
    }

    /** An AEAD key; copies both arrays, the caller wipes its own copies. */
    public static DataKey aead(AeadAlgorithm algorithm, byte[] cipherKey, byte[] implicitIv) {
        if (implicitIv.length != IMPLICIT_IV_LENGTH) {
            throw new IllegalArgumentException(algorithm.openvpnName() + " needs an " + IMPLICIT_IV_LENGTH + "-byte implicit IV");
        }
        return new DataKey(DataCipher.of(algorithm), null, cipherKey, implicitIv, NONE);
    }

    /** A CBC key with its HMAC key; copies both arrays, the caller wipes its own copies. */
    public static DataKey cbc(DataCipher cipher, HmacDigest digest, byte[] cipherKey, byte[] hmacKey) {
        if (cipher.isAead()) {
            throw new IllegalArgumentException(cipher.openvpnName() + " is an AEAD cipher");
        }
        if (hmacKey.length != digest.length()) {
            throw new IllegalArgumentException("HMAC-" + digest + " needs a " + digest.length() + "-byte key");
        }
        return new DataKey(cipher, digest, cipherKey, NONE, hmacKey);
    }

    public DataCipher cipher() {
        return cipher;
    }

    /** The AEAD algorithm; only for an AEAD key. */
    public AeadAlgorithm algorithm() {
        return cipher.aead();
    }

    /** The HMAC digest of a CBC key, or {@code null} for an AEAD key (2.6 ignores {@code auth} there). */
    public HmacDigest digest() {
        return digest;
    }

    /**
     * The cipher key itself, not a copy, for handing to a provider (which copies it). Callers
     * must not keep or change it.
     */
    public byte[] cipherKeyBytes() {
        checkLive();
        return cipherKey;
    }

    /** The HMAC key of a CBC key itself, not a copy, for handing to a provider (which copies it). */
    public byte[] hmacKeyBytes() {
        checkLive();
        return hmacKey;
    }

    /** Copies the implicit IV into {@code nonce[offset, offset + 8)}; AEAD keys only. */
    public void copyImplicitIv(byte[] nonce, int offset) {
        checkLive();
        System.arraycopy(implicitIv, 0, nonce, offset, IMPLICIT_IV_LENGTH);
    }

    public boolean isWiped() {
        return wiped;
    }

    /** Zeroes the key bytes; idempotent. */
    public void wipe() {
        Arrays.fill(cipherKey, (byte) 0);
        Arrays.fill(implicitIv, (byte) 0);
        Arrays.fill(hmacKey, (byte) 0);
        wiped = true;
    }

    private void checkLive() {
        if (wiped) {
            throw new IllegalStateException("data key has been wiped");
        }
    }

    @Override
    public String toString() {
        return "DataKey[" + cipher.openvpnName() + (digest == null ? "" : "/" + digest) + (wiped ? ", wiped" : "") + "]";
    }
}
