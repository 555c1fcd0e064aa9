package dev.culvert.spi.aead;

import java.security.GeneralSecurityException;

/**
 * A source of AEAD cipher contexts. Keys are bytes, so when a provider replaces another the
 * tunnel rebuilds its contexts from the same keys between batches and nothing is renegotiated.
 *
 * <p>The kernel binds a default built on the JDK's own JCE at a low ranking; a module that is
 * faster for some algorithm may outrank it.
 */
public interface AeadProvider {
    /** Ranking the kernel's JCE default is bound with; modules outrank it with a higher one. */
    int DEFAULT_RANKING = -100;

    /** {@code jce}, {@code conscrypt}, {@code bc}. */
    String name();

    boolean supports(AeadAlgorithm algorithm);

    /**
     * A context for one direction of one key. The provider copies {@code key}; the caller wipes its
     * own copy when the key is retired, and closes the context, which wipes the provider's.
     */
    AeadCipher newCipher(AeadAlgorithm algorithm, byte[] key, boolean encrypt) throws GeneralSecurityException;
}
