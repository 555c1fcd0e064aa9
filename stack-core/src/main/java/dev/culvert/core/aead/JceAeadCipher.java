package dev.culvert.core.aead;

import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.spi.aead.WipeableKey;
import java.security.Key;
import javax.crypto.Cipher;

/**
 * One direction of one key on the JDK's own JCE provider. Retiring it wipes the key and then
 * initialises the JDK's cipher with a zero key, so the key schedule the provider expanded from the
 * real one is overwritten too, not left for the collector.
 */
final class JceAeadCipher extends InPlaceAeadCipher {
    private final WipeableKey key;

    JceAeadCipher(AeadAlgorithm algorithm, byte[] key, boolean encrypt, Cipher cipher) {
        super(algorithm, encrypt, cipher, "the JCE provider");
        this.key = WipeableKey.copying(key, keyAlgorithm(algorithm));
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
        overwriteKeySchedule();
    }
}
