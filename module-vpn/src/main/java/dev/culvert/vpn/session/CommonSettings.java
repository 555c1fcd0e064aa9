package dev.culvert.vpn.session;

import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.tls.TlsSettings;
import dev.culvert.vpn.keys.OccOptionsString;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * What a session needs in either role, fixed for its life.
 *
 * @param tlsProvider makes the TLS engine of every key state
 * @param tls         the TLS configuration; its {@code client} must match the role
 * @param wrapping    how control packets are wrapped (none, tls-auth, tls-crypt)
 * @param transport   UDP or TCP (the OCC string and explicit-exit-notify depend on it)
 * @param data        data-ciphers and the AEAD provider
 * @param timers      reneg-sec, hand-window, tls-timeout, ping, ping-restart
 * @param random      session ids and key-method-2 randoms
 */
public record CommonSettings(TlsProvider tlsProvider, TlsSettings tls, ControlWrapping wrapping,
                             OccOptionsString.Transport transport, DataSettings data, SessionTimers timers,
                             SecureRandom random) {
    public CommonSettings {
        Objects.requireNonNull(tlsProvider, "tlsProvider");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(wrapping, "wrapping");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(random, "random");
    }

    /** The same with other timers, e.g. {@code withTimers(timers().withPing(10))}. */
    public CommonSettings withTimers(SessionTimers other) {
        return new CommonSettings(tlsProvider, tls, wrapping, transport, data, other, random);
    }
}
