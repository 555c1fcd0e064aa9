package dev.culvert.core.aead;

import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.spi.aead.AeadCipher;
import dev.culvert.spi.aead.AeadProvider;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Cipher;

/**
 * AEAD contexts from the JDK's built-in provider ("SunJCE"), asked for by name so that no
 * other registered provider is picked up by accident.
 */
public final class JceAeadProvider implements AeadProvider {
    static final String JDK_PROVIDER = "SunJCE";

    @Override
    public String name() {
        return "jce";
    }

    @Override
    public boolean supports(AeadAlgorithm algorithm) {
        try {
            Cipher.getInstance(JceAeadCipher.transformation(algorithm), JDK_PROVIDER);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public AeadCipher newCipher(AeadAlgorithm algorithm, byte[] key, boolean encrypt) throws GeneralSecurityException {
        if (key.length != algorithm.keyLength()) {
            throw new NoSuchAlgorithmException(algorithm.openvpnName() + " needs a " + algorithm.keyLength() + "-byte key, got " + key.length);
        }
        return new JceAeadCipher(algorithm, key, encrypt, Cipher.getInstance(JceAeadCipher.transformation(algorithm), JDK_PROVIDER));
    }
}
