package dev.culvert.vpn.data;

import dev.culvert.spi.aead.AeadCipher;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.vpn.keys.DataKey;
import java.security.GeneralSecurityException;

/**
 * One direction's AEAD context of a {@link KeyContext}, and which provider made it. Only the
 * thread that seals (or opens) with the key touches it: {@link #follow} builds a context from the
 * new provider and closes the old one right there, so no thread is ever left holding a closed
 * context. The names and counters are volatile for status displays on other threads.
 */
final class FollowingCipher {
    private final DataKey key;
    private final boolean encrypt;
    private AeadCipher cipher;
    private AeadProvider from;
    /** A provider that could not build a context for this key: not tried again until the source names another. */
    private AeadProvider refused;
    private volatile String name;
    private volatile long rebinds;
    private volatile long refusals;

    FollowingCipher(DataKey key, boolean encrypt) {
        this.key = key;
        this.encrypt = encrypt;
    }

    /** A context built from {@code provider} now; throws, leaving nothing changed, if it cannot build one. */
    AeadCipher newFrom(AeadProvider provider) throws GeneralSecurityException {
        return provider.newCipher(key.algorithm(), key.cipherKeyBytes(), encrypt);
    }

    /** Takes {@code fresh} (built by {@link #newFrom}) as the context, closing the previous one. */
    void use(AeadCipher fresh, AeadProvider provider) {
        close();
        cipher = fresh;
        from = provider;
        refused = null;
        name = provider.name();
    }

    /**
     * Moves to {@code want} if it differs from the provider of the current context: builds a new
     * context and closes the old one. A provider that cannot build one is counted and skipped.
     */
    void follow(AeadProvider want) {
        if (want == from || want == refused || want == null) {
            return;
        }
        AeadCipher fresh = null;
        try {
            if (want.supports(key.algorithm())) {
                fresh = newFrom(want);
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            // the old context keeps working; the refusal is counted below
        }
        if (fresh == null) {
            refused = want;
            refusals++;
            return;
        }
        use(fresh, want);
        rebinds++;
    }

    AeadCipher cipher() {
        return cipher;
    }

    String providerName() {
        return name;
    }

    long rebinds() {
        return rebinds;
    }

    long refusals() {
        return refusals;
    }

    void close() {
        if (cipher != null) {
            cipher.close();
            cipher = null;
        }
    }
}
