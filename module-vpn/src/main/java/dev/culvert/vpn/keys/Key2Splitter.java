package dev.culvert.vpn.keys;

import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * Splits the 256-byte {@code key2} block into the two directions (OpenVPN ssl.c
 * {@code init_key_contexts}, crypto.c {@code init_key_ctx_bi}). The block is {@code keys[0] =
 * cipher[64] ‖ hmac[64]}, {@code keys[1] = cipher[64] ‖ hmac[64]}; {@code keys[0]} protects
 * client→server. A cipher key is the first keylen bytes of a {@code cipher} slot. An AEAD key's
 * implicit IV is the first 8 bytes of the {@code hmac} slot of the same half; a CBC key's HMAC key
 * is the first digest-length bytes of it.
 */
public final class Key2Splitter {
    public static final int KEY2_LENGTH = 256;
    private static final int HALF = 128;
    private static final int HMAC_SLOT = 64;

    private Key2Splitter() {
    }

    /**
     * The directional keys of {@code role} for an AEAD cipher. Does not wipe {@code key2}; the caller does.
     *
     * @throws GeneralSecurityException if either half has an all-zero cipher key (OpenVPN refuses
     *     such a key, as it can only come from a broken derivation)
     * @throws IllegalArgumentException for a CBC cipher, which needs its digest
     */
    public static DirectionalKeys split(byte[] key2, DataCipher aead, Role role) throws GeneralSecurityException {
        return split(key2, aead, null, role);
    }

    /**
     * The directional keys of {@code role} for {@code cipher}; {@code auth} is the HMAC digest of a
     * CBC cipher and ignored for an AEAD one. Does not wipe {@code key2}; the caller does.
     *
     * @throws GeneralSecurityException if either half has an all-zero cipher key
     */
    public static DirectionalKeys split(byte[] key2, DataCipher cipher, HmacDigest auth, Role role) throws GeneralSecurityException {
        if (key2.length != KEY2_LENGTH) {
            throw new IllegalArgumentException("key2 must be " + KEY2_LENGTH + " bytes, got " + key2.length);
        }
        for (int half = 0; half < 2; half++) {
            if (allZero(key2, half * HALF, cipher.keyLength())) {
                throw new GeneralSecurityException("key2.keys[" + half + "] has an all-zero cipher key");
            }
        }
        if (!cipher.isAead() && auth == null) {
            throw new IllegalArgumentException(cipher.openvpnName() + " needs an auth digest");
        }
        int send = role.sendIndex();
        return new DirectionalKeys(half(key2, send, cipher, auth), half(key2, 1 - send, cipher, auth));
    }

    private static DataKey half(byte[] key2, int index, DataCipher cipher, HmacDigest auth) {
        int base = index * HALF;
        byte[] cipherKey = Arrays.copyOfRange(key2, base, base + cipher.keyLength());
        int hmacLength = cipher.isAead() ? DataKey.IMPLICIT_IV_LENGTH : auth.length();
        byte[] hmacSlot = Arrays.copyOfRange(key2, base + HMAC_SLOT, base + HMAC_SLOT + hmacLength);
        try {
            return cipher.isAead() ? DataKey.aead(cipher.aead(), cipherKey, hmacSlot) : DataKey.cbc(cipher, auth, cipherKey, hmacSlot);
        } finally {
            Arrays.fill(cipherKey, (byte) 0);
            Arrays.fill(hmacSlot, (byte) 0);
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
