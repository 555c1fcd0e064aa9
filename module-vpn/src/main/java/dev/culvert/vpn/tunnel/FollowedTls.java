package dev.culvert.vpn.tunnel;

import dev.culvert.core.slot.Slot;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.tls.TlsSettings;
import dev.culvert.vpn.session.TlsSource;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * The {@code tls} slot's active provider, for a runtime's sessions: each key state's engine comes
 * from whichever provider is active when its handshake starts ({@link TlsSource}), so a swap
 * reaches the next handshake and renegotiation of every session while the handshakes in flight
 * finish where they began. Sessions resolve it and keep the provider per key state; its own
 * exporter methods answer for the provider active now, which is right only for that provider's
 * engines.
 */
public final class FollowedTls implements TlsProvider, TlsSource, AutoCloseable {
    private final SlotFollower<TlsProvider> slot;

    public FollowedTls(Slot<TlsProvider> slot) {
        this.slot = new SlotFollower<>(slot);
    }

    @Override
    public TlsProvider current() {
        return slot.current();
    }

    @Override
    public String name() {
        TlsProvider now = slot.current();
        return now == null ? "(none)" : now.name();
    }

    @Override
    public SSLEngine newEngine(TlsSettings settings) throws GeneralSecurityException {
        return active().newEngine(settings);
    }

    @Override
    public byte[] exportKeyingMaterial(SSLEngine engine, String label, byte[] context, int length) throws SSLException {
        TlsProvider now = slot.current();
        if (now == null) {
            throw new SSLException("no TLS module is installed");
        }
        return now.exportKeyingMaterial(engine, label, context, length);
    }

    @Override
    public boolean canExportKeyingMaterial(SSLEngine engine) {
        TlsProvider now = slot.current();
        return now != null && now.canExportKeyingMaterial(engine);
    }

    @Override
    public int descriptorsPerEngine() {
        TlsProvider now = slot.current();
        return now == null ? 0 : now.descriptorsPerEngine();
    }

    private TlsProvider active() throws GeneralSecurityException {
        TlsProvider now = slot.current();
        if (now == null) {
            throw new GeneralSecurityException("no TLS module is installed: install module-ssl-bc (or module-ssl-conscrypt)");
        }
        return now;
    }

    /** Stops following the slot; the runtime is stopping. */
    @Override
    public void close() {
        slot.close();
    }
}
