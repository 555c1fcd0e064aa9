package dev.culvert.core.aead;

import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.spi.aead.WipeableKey;
import java.security.GeneralSecurityException;
import java.security.Key;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/**
 * One direction of one key on the JDK's own JCE provider. Retiring it wipes the key and then
 * initialises the JDK's cipher with a zero key, so the key schedule the provider expanded from the
 * real one is overwritten too, not left for the collector.
 */
final class JceAeadCipher extends InPlaceAeadCipher {
    private final WipeableKey key;
    private final Cipher cipher;
    private final boolean encrypt;

    JceAeadCipher(AeadAlgorithm algorithm, byte[] key, boolean encrypt, Cipher cipher) {
        super(algorithm, encrypt, cipher, "the JCE provider");
        this.key = WipeableKey.copying(key, keyAlgorithm(algorithm));
        this.cipher = cipher;
        this.encrypt = encrypt;
    }

    static String transformation(AeadAlgorithm algorithm) {
        return algorithm == AeadAlgorithm.CHACHA20_POLY1305 ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding";
    }

    @Override
    protected Key key() {
        return key;
    }

    @Override
    protected void wipeKey() {
        key.destroy();
        AeadAlgorithm algorithm = algorithm();
        byte[] zeroNonce = new byte[AeadAlgorithm.NONCE_LENGTH];
        try {
            cipher.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE,
                    WipeableKey.copying(new byte[algorithm.keyLength()], keyAlgorithm(algorithm)),
                    algorithm == AeadAlgorithm.CHACHA20_POLY1305 ? new IvParameterSpec(zeroNonce)
                            : new GCMParameterSpec(AeadAlgorithm.TAG_LENGTH * 8, zeroNonce));
        } catch (GeneralSecurityException | RuntimeException e) {
            // Nothing more can be overwritten (a ChaCha20 context refuses a key and nonce it had last);
            // the context is closed and unreachable for use from here on.
        }
    }
}
