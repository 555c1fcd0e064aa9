package dev.culvert.vpn.keys;

import dev.culvert.spi.aead.AeadAlgorithm;
import java.util.Arrays;

/**
 * The raw key bytes of one direction of one data-channel key: the AEAD cipher key and the 8-byte
 * implicit IV that completes the nonce. Kept as bytes, not as a cipher context, so that a new AEAD
 * provider can build fresh contexts from them at any time; {@link #wipe()} zeroes them when the
 * key is retired, after which the key is unusable.
 */
public final class DataKey {
    /** Bytes of the nonce that come from the key: the 12-byte nonce minus the 4-byte packet id. */
    public static final int IMPLICIT_IV_LENGTH = 8;

    private final AeadAlgorithm algorithm;
    private final byte[] cipherKey;
    private final byte[] implicitIv;
    private boolean wiped;

    /** Copies both arrays; the caller wipes its own copies. */
    public DataKey(AeadAlgorithm algorithm, byte[] cipherKey, byte[] implicitIv) {
        if (cipherKey.length != algorithm.keyLength() || implicitIv.length != IMPLICIT_IV_LENGTH) {
            throw new IllegalArgumentException(algorithm.openvpnName() + " needs a " + algorithm.keyLength()
                    + "-byte key and an " + IMPLICIT_IV_LENGTH + "-byte implicit IV");
        }
        this.algorithm = algorithm;
        this.cipherKey = cipherKey.clone();
        this.implicitIv = implicitIv.clone();
    }

    public AeadAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * The cipher key itself, not a copy, for handing to an AEAD provider (which copies it). Callers
     * must not keep or change it.
     */
    public byte[] cipherKeyBytes() {
        checkLive();
        return cipherKey;
    }

    /** Copies the implicit IV into {@code nonce[offset, offset + 8)}. */
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
        wiped = true;
    }

    private void checkLive() {
        if (wiped) {
            throw new IllegalStateException("data key has been wiped");
        }
    }

    @Override
    public String toString() {
        return "DataKey[" + algorithm.openvpnName() + (wiped ? ", wiped" : "") + "]";
    }
}
