package dev.culvert.ssl.conscrypt;

import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.spi.aead.AeadCipher;
import java.security.GeneralSecurityException;
import java.security.Provider;
import javax.crypto.Cipher;

/**
 * For the benchmarks: this module's AEAD context on another JCA provider (BouncyCastle's), so that
 * providers are compared through the same in-place code and only the cipher underneath differs.
 */
public final class AnyJcaAeadCiphers {
    private AnyJcaAeadCiphers() {
    }

    public static AeadCipher newCipher(Provider provider, AeadAlgorithm algorithm, byte[] key, boolean encrypt) throws GeneralSecurityException {
        String transformation = algorithm == AeadAlgorithm.CHACHA20_POLY1305 ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding";
        return new ConscryptAeadCipher(algorithm, key, encrypt, Cipher.getInstance(transformation, provider));
    }
}
