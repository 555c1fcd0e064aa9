package dev.culvert.vpn.keys;

import dev.culvert.spi.aead.AeadAlgorithm;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * Splits the 256-byte {@code key2} block into the two directions (OpenVPN ssl.c
 * {@code init_key_contexts}, crypto.c {@code init_key_ctx_bi}). The block is {@code keys[0] =
 * cipher[64] ‖ hmac[64]}, {@code keys[1] = cipher[64] ‖ hmac[64]}; {@code keys[0]} protects
 * client→server. An AEAD key is the first keylen bytes of a {@code cipher} slot; its implicit IV is
 * the first 8 bytes of the {@code hmac} slot of the same half.
 */
public final class Key2Splitter {
    public static final int KEY2_LENGTH = 256;
    private static final int HALF = 128;
    private static final int HMAC_SLOT = 64;

    private Key2Splitter() {
    }

    /**
     * The directional keys of {@code role}. Does not wipe {@code key2}; the caller does.
     *
     * @throws GeneralSecurityException if either half has an all-zero cipher key (OpenVPN refuses
     *     such a key, as it can only come from a broken derivation)
     */
    public static DirectionalKeys split(byte[] key2, AeadAlgorithm algorithm, Role role) throws GeneralSecurityException {
        if (key2.length != KEY2_LENGTH) {
            throw new IllegalArgumentException("key2 must be " + KEY2_LENGTH + " bytes, got " + key2.length);
        }
        for (int half = 0; half < 2; half++) {
            if (allZero(key2, half * HALF, algorithm.keyLength())) {
                throw new GeneralSecurityException("key2.keys[" + half + "] has an all-zero cipher key");
            }
        }
        int send = role.sendIndex();
        return new DirectionalKeys(half(key2, send, algorithm), half(key2, 1 - send, algorithm));
    }

    private static DataKey half(byte[] key2, int index, AeadAlgorithm algorithm) {
        int base = index * HALF;
        byte[] cipherKey = Arrays.copyOfRange(key2, base, base + algorithm.keyLength());
        byte[] iv = Arrays.copyOfRange(key2, base + HMAC_SLOT, base + HMAC_SLOT + DataKey.IMPLICIT_IV_LENGTH);
        try {
            return new DataKey(algorithm, cipherKey, iv);
        } finally {
            Arrays.fill(cipherKey, (byte) 0);
            Arrays.fill(iv, (byte) 0);
        }
    }

    private static boolean allZero(byte[] bytes, int from, int length) {
        int acc = 0;
        for (int i = from; i < from + length; i++) {
            acc |= bytes[i];
        }
        return acc == 0;
    }
}
