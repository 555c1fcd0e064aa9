package dev.culvert.ssl.conscrypt;

import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * A secret key that hands out its own array rather than a copy. Conscrypt's AEAD ciphers keep the
 * array {@link #getEncoded()} returns for as long as they are initialised with the key; sharing it
 * means that {@link #destroy()} wipes the bytes inside the cipher too, where a
 * {@link javax.crypto.spec.SecretKeySpec} would leave a copy behind in Conscrypt until the garbage
 * collector takes it. Used only between a cipher context and its own Conscrypt {@code Cipher}.
 */
final class SharedKey implements SecretKey {
    private static final long serialVersionUID = 1L;

    private final String algorithm;
    private final transient byte[] bytes;
    private volatile boolean destroyed;

    SharedKey(byte[] bytes, String algorithm) {
        this.bytes = bytes;
        this.algorithm = algorithm;
    }

    @Override
    public String getAlgorithm() {
        return algorithm;
    }

    @Override
    public String getFormat() {
        return "RAW";
    }

    @Override
    public byte[] getEncoded() {
        if (destroyed) {
            throw new IllegalStateException("the key was destroyed");
        }
        return bytes;
    }

    @Override
    public void destroy() {
        destroyed = true;
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        // Never the bytes.
        return "SharedKey[" + algorithm + ", " + bytes.length + " bytes" + (destroyed ? ", destroyed" : "") + "]";
    }
}
