package dev.culvert.vpn.tunnel;

import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.spi.link.LinkFactory;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.transport.TransportFactory;
import java.io.IOException;
import java.util.Optional;

/**
 * The slots a client or server runtime cannot start without, looked up with the error an
 * operator reads when one is empty: what is missing and what to install.
 */
public final class RuntimeSlots {
    private RuntimeSlots() {
    }

    /** The TLS module active now, if any: what {@code --check} checks cipher suites and groups against. */
    public static Optional<TlsProvider> activeTls(SlotRegistry registry) {
        return registry.slot(SlotNames.TLS, TlsProvider.class).active();
    }

    public static TlsProvider tls(SlotRegistry registry) throws IOException {
        return registry.slot(SlotNames.TLS, TlsProvider.class).active().orElseThrow(
                () -> new IOException("no TLS module is installed: install module-ssl-bc (or module-ssl-conscrypt)"));
    }

    public static AeadProvider aead(SlotRegistry registry) throws IOException {
        return registry.slot(SlotNames.AEAD, AeadProvider.class).active().orElseThrow(
                () -> new IOException("no AEAD provider is bound (the kernel's JCE default is missing)"));
    }

    /**
     * The {@code tls} slot's provider for a runtime's sessions, following swaps (each new
     * handshake uses the provider active then); fails like {@link #tls} if none is bound now.
     */
    public static FollowedTls followTls(SlotRegistry registry) throws IOException {
        tls(registry);
        return new FollowedTls(registry.slot(SlotNames.TLS, TlsProvider.class));
    }

    /**
     * The {@code aead} slot's provider for a runtime's sessions, following swaps (every key's
     * contexts are rebuilt on their threads); fails like {@link #aead} if none is bound now.
     */
    public static FollowedAead followAead(SlotRegistry registry) throws IOException {
        aead(registry);
        return new FollowedAead(registry.slot(SlotNames.AEAD, AeadProvider.class));
    }

    public static LinkFactory tun(SlotRegistry registry) throws IOException {
        return registry.slot(SlotNames.LINK, LinkFactory.class).find("tun").orElseThrow(
                () -> new IOException("no TUN link factory is bound in the kernel"));
    }

    /** {@code protocol}: {@code udp} or {@code tcp}. */
    public static TransportFactory transport(SlotRegistry registry, String protocol) throws IOException {
        return registry.slot(SlotNames.TRANSPORT, TransportFactory.class).find(protocol).orElseThrow(
                () -> new IOException("no " + protocol + " transport is bound in the kernel"));
    }
}
