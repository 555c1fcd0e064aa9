package dev.culvert.vpn.data;

import dev.culvert.spi.aead.AeadProvider;

/**
 * Where a key's AEAD contexts come from, which may change while the key lives: a runtime hands
 * in one that follows the {@code aead} slot, so that a swap reaches established sessions, and
 * each {@link KeyContext} rebuilds its contexts on the thread that uses them the next time it
 * sees a different provider here.
 */
@FunctionalInterface
public interface AeadSource {
    /** The provider contexts should come from now; read once per packet and direction, so it must be cheap (a volatile read). */
    AeadProvider current();

    /**
     * {@code provider} itself if it follows something (it is also a source), else a source that
     * always answers {@code provider}.
     */
    static AeadSource of(AeadProvider provider) {
        if (provider instanceof AeadSource following) {
            return following;
        }
        return () -> provider;
    }
}
