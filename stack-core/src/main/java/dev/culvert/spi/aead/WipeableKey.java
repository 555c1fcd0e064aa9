package dev.culvert.spi.aead;

import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * A raw secret key whose {@link #destroy()} wipes it. The JDK's {@code SecretKeySpec} cannot be
 * destroyed: its {@code destroy()} throws {@code DestroyFailedException} and leaves its private
 * copy of the key on the heap until the collector takes it, so every retired data-channel key left
 * one behind and paid for an exception's stack trace.
 *
 * <p>How a provider treats the array {@link #getEncoded()} returns decides which kind to use:
 * <ul>
 *   <li>{@link #copying}: each call hands out a copy, as {@code SecretKeySpec} does, for providers
 *       that wipe or keep what they are given (the JDK's own);</li>
 *   <li>{@link #sharing}: each call hands out the key's own array, for a provider that keeps the
 *       array while the cipher is initialised with it (Conscrypt), so that destroying the key wipes
 *       the provider's copy as well. Only between a cipher context and its own cipher.</li>
 * </ul>
 */
public final class WipeableKey implements SecretKey {
    private static final long serialVersionUID = 1L;

    private final String algorithm;
    private final transient byte[] bytes;
    private final boolean shared;
    private volatile boolean destroyed;

    private WipeableKey(byte[] bytes, String algorithm, boolean shared) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("a key of no bytes");
        }
        this.bytes = bytes;
        this.algorithm = algorithm;
        this.shared = shared;
    }

    /** A key of {@code algorithm} ({@code AES}, {@code ChaCha20}, {@code HmacSHA256}, ...) holding a copy of {@code bytes}, handing out copies. */
    public static WipeableKey copying(byte[] bytes, String algorithm) {
        return new WipeableKey(bytes.clone(), algorithm, false);
    }

    /** A key of {@code algorithm} that takes {@code bytes} as its own and hands out that very array. */
    public static WipeableKey sharing(byte[] bytes, String algorithm) {
        return new WipeableKey(bytes, algorithm, true);
    }

    @Override
    public String getAlgorithm() {
        return algorithm;
    }

    @Override
    public String getFormat() {
        return "RAW";
    }

    /** The key, copied or shared as the kind says; refused once destroyed, so a retired key cannot be used by mistake. */
    @Override
    public byte[] getEncoded() {
        if (destroyed) {
            throw new IllegalStateException("the " + algorithm + " key was destroyed");
        }
        return shared ? bytes : bytes.clone();
    }

    /** Wipes the key's bytes (a shared key's: wherever the array went); a second call does nothing more. */
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
        return "WipeableKey[" + algorithm + ", " + bytes.length + " bytes" + (shared ? ", shared" : "") + (destroyed ? ", destroyed" : "") + "]";
    }
}
