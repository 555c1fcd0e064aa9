package dev.culvert.spi.aead;

import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * A raw secret key whose {@link #destroy()} wipes it. The JDK's {@code SecretKeySpec} cannot be
 * destroyed: its {@code destroy()} throws {@code DestroyFailedException} and leaves its private
 * copy of the key on the heap until the collector takes it, so every retired data-channel key left
 * one behind and paid for an exception's stack trace. This key hands a provider a copy of its
 * bytes, as {@code SecretKeySpec} does (the JDK's ciphers keep or wipe what they are given), and
 * keeps its own until destroyed.
 */
public final class WipeableKey implements SecretKey {
    private static final long serialVersionUID = 1L;

    private final String algorithm;
    private final transient byte[] bytes;
    private volatile boolean destroyed;

    /** A key of {@code algorithm} ({@code AES}, {@code ChaCha20}, {@code HmacSHA256}, ...) holding a copy of {@code bytes}. */
    public WipeableKey(byte[] bytes, String algorithm) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("a key of no bytes");
        }
        this.bytes = bytes.clone();
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

    /** A copy of the key; refused once the key is destroyed, so a retired key cannot be used by mistake. */
    @Override
    public byte[] getEncoded() {
        if (destroyed) {
            throw new IllegalStateException("the " + algorithm + " key was destroyed");
        }
        return bytes.clone();
    }

    /** Wipes the key's bytes; a second call does nothing more. */
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
        return "WipeableKey[" + algorithm + ", " + bytes.length + " bytes" + (destroyed ? ", destroyed" : "") + "]";
    }
}
