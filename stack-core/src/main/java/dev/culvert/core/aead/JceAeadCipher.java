package dev.culvert.core.aead;

import dev.culvert.spi.aead.AeadAlgorithm;
import java.security.Key;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.DestroyFailedException;

/** One direction of one key on the JDK's own JCE provider. */
final class JceAeadCipher extends InPlaceAeadCipher {
    private final byte[] keyBytes;
    private final SecretKeySpec key;

    JceAeadCipher(AeadAlgorithm algorithm, byte[] key, boolean encrypt, Cipher cipher) {
        super(algorithm, encrypt, cipher, "the JCE provider");
        this.keyBytes = key.clone();
        this.key = new SecretKeySpec(keyBytes, keyAlgorithm(algorithm));
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
        Arrays.fill(keyBytes, (byte) 0);
        try {
            key.destroy();
        } catch (DestroyFailedException e) {
            // SecretKeySpec keeps a private copy that some JDKs cannot destroy; ours is wiped above,
            // and the context is unusable from here on.
        }
    }
}
