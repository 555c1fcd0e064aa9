package dev.culvert.vpn.session;

import dev.culvert.spi.tls.TlsProvider;

/**
 * A {@link TlsProvider} that stands for whichever provider something (the {@code tls} slot)
 * names at the moment: a session resolves it when it makes a key state's engine, and keeps the
 * provider it got for that key state (its exporter must be the one that made the engine). So a
 * swap reaches the next handshake and renegotiation of every session, and a handshake in flight
 * finishes on the provider that began it.
 */
public interface TlsSource {
    /** The provider new engines come from now, or {@code null} if none is bound. */
    TlsProvider current();

    /** {@code provider}'s current provider if it follows something, else {@code provider} itself. */
    static TlsProvider resolve(TlsProvider provider) {
        if (provider instanceof TlsSource following) {
            TlsProvider now = following.current();
            return now != null ? now : provider;
        }
        return provider;
    }
}
