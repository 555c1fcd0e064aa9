package dev.culvert.vpn.control;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * JDK crypto from the SunJCE provider, asked for by name so that a provider registered globally
 * by someone else (BouncyCastle, Conscrypt) is never picked up by accident.
 */
final class JceCrypto {
    static final String PROVIDER = "SunJCE";

    private JceCrypto() {
    }

    static Mac hmac(String algorithm, byte[] key) {
        try {
            Mac mac = Mac.getInstance(algorithm, PROVIDER);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's " + PROVIDER + " provider lacks " + algorithm, e);
        }
    }

    static Cipher aesCtr() {
        try {
            return Cipher.getInstance("AES/CTR/NoPadding", PROVIDER);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's " + PROVIDER + " provider lacks AES/CTR", e);
        }
    }

    /**
     * Re-keys a Mac with zeros of the same length: the JCE offers no way to wipe the key state a Mac
     * derived, so this overwrites it as far as it lets us.
     */
    static void rekeyWithZeros(Mac mac, int keyLength) {
        try {
            mac.init(new SecretKeySpec(new byte[keyLength], mac.getAlgorithm()));
        } catch (GeneralSecurityException e) {
            mac.reset();
        }
    }

    /** Compares without an early exit, so the time taken says nothing about where they differ. */
    static boolean equalsConstantTime(byte[] a, int aOff, byte[] b, int bOff, int length) {
        int diff = 0;
        for (int i = 0; i < length; i++) {
            diff |= a[aOff + i] ^ b[bOff + i];
        }
        return diff == 0;
    }
}
