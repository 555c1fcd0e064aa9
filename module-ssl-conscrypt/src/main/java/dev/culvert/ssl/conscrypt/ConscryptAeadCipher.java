package dev.culvert.ssl.conscrypt;

import dev.culvert.core.aead.InPlaceAeadCipher;
import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.spi.aead.WipeableKey;
import java.security.Key;
import javax.crypto.Cipher;

/**
 * One direction of one key on a Conscrypt (BoringSSL) {@link Cipher}. The wire layout is the
 * kernel's JCE default's, byte for byte: BoringSSL, like JCE, writes the ciphertext followed by the
 * tag, so sealing moves the 16 tag bytes from the tailroom to {@code tagOffset} and opening moves
 * them back first. That sameness is what lets a tunnel swap between the two providers between
 * batches: a packet sealed by one opens with the other.
 *
 * <p>On direct buffers Conscrypt seals and opens straight from and into native memory, in place.
 * Like the JCE default, each packet costs a parameter object for its nonce. The key is a
 * shared {@link WipeableKey}, so closing the context wipes the copy inside Conscrypt's cipher too.
 */
final class ConscryptAeadCipher extends InPlaceAeadCipher {
    private final WipeableKey key;

    ConscryptAeadCipher(AeadAlgorithm algorithm, byte[] key, boolean encrypt, Cipher cipher) {
        super(algorithm, encrypt, cipher, "Conscrypt");
        this.key = WipeableKey.sharing(key.clone(), keyAlgorithm(algorithm));
    }

    /** The transformation Conscrypt registers for {@code algorithm}. */
    static String transformation(AeadAlgorithm algorithm) {
        return algorithm == AeadAlgorithm.CHACHA20_POLY1305 ? "ChaCha20/Poly1305/NoPadding" : "AES/GCM/NoPadding";
    }

    @Override
    protected Key key() {
        return key;
    }

    @Override
    protected void wipeKey() {
        // Conscrypt holds this very array (a shared WipeableKey), so this wipes its copy as well as ours.
        key.destroy();
    }
}
