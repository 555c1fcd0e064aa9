package dev.culvert.vpn.session;

import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.tls.TlsSettings;
import dev.culvert.vpn.keys.OccOptionsString;
import dev.culvert.vpn.keys.Role;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one session needs, fixed for its life. Times are in seconds as in the OpenVPN
 * options; 0 turns a timer off where OpenVPN allows it.
 *
 * @param role               client (TLS client, sends key method 2 first, PUSH_REQUEST) or server
 * @param tlsProvider        makes the TLS engine of every key state
 * @param tls                the TLS configuration; its {@code client} must match the role
 * @param wrap               makes the control-packet wrapping (none, tls-auth, tls-crypt)
 * @param tlsAuth            whether that wrapping is tls-auth (the OCC string says so)
 * @param transport          UDP or TCP (the OCC string and explicit-exit-notify depend on it)
 * @param dataCiphers        data-ciphers, in preference order
 * @param aead               builds the data channel's AEAD contexts
 * @param allowTlsEkm        announce IV_PROTO TLS_KEY_EXPORT when the TLS session can export
 * @param renegSeconds       reneg-sec (0: never start a renegotiation from this side)
 * @param handWindowSeconds  hand-window: how long a key negotiation may take
 * @param tlsTimeoutSeconds  tls-timeout: the first control-packet retransmission timeout
 * @param pingSeconds        ping (0: none); a pushed value overrides it on a client
 * @param pingRestartSeconds ping-restart (0: none); a pushed value overrides it on a client
 * @param explicitExitNotify explicit-exit-notify count (0: none; UDP only, as in 2.6)
 * @param pushReplySource    the server's PUSH_REPLY; null for a client
 * @param version            IV_VER
 * @param platform           IV_PLAT
 * @param random             session ids and key-method-2 randoms
 */
public record SessionSettings(
        Role role,
        TlsProvider tlsProvider,
        TlsSettings tls,
        ControlWrapFactory wrap,
        boolean tlsAuth,
        OccOptionsString.Transport transport,
        List<AeadAlgorithm> dataCiphers,
        AeadProvider aead,
        boolean allowTlsEkm,
        int renegSeconds,
        int handWindowSeconds,
        int tlsTimeoutSeconds,
        int pingSeconds,
        int pingRestartSeconds,
        int explicitExitNotify,
        PushReplySource pushReplySource,
        String version,
        String platform,
        SecureRandom random,
        Map<String, String> peerInfoExtra) {

    /** 2.6's PUSH_REQUEST_INTERVAL. */
    public static final int PUSH_REQUEST_INTERVAL_SECONDS = 5;
    public static final int DEFAULT_RENEG_SECONDS = 3600;
    public static final int DEFAULT_HAND_WINDOW_SECONDS = 60;
    public static final int DEFAULT_TLS_TIMEOUT_SECONDS = 2;

    public SessionSettings {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(tlsProvider, "tlsProvider");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(wrap, "wrap");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(aead, "aead");
        Objects.requireNonNull(random, "random");
        dataCiphers = List.copyOf(dataCiphers);
        if (dataCiphers.isEmpty()) {
            throw new IllegalArgumentException("data-ciphers is empty");
        }
        if (tls.client() != (role == Role.CLIENT)) {
            throw new IllegalArgumentException("the TLS role must match the OpenVPN role " + role);
        }
        if (role == Role.SERVER && pushReplySource == null) {
            throw new IllegalArgumentException("a server needs a PUSH_REPLY source");
        }
        if (renegSeconds < 0 || handWindowSeconds < 1 || tlsTimeoutSeconds < 1 || pingSeconds < 0 || pingRestartSeconds < 0
                || explicitExitNotify < 0) {
            throw new IllegalArgumentException("timers must not be negative (hand-window and tls-timeout at least 1)");
        }
        version = version == null ? "culvert" : version;
        platform = platform == null ? "linux" : platform;
        peerInfoExtra = peerInfoExtra == null ? Map.of() : Map.copyOf(peerInfoExtra);
    }

    /** Settings without extra peer-info entries. */
    public SessionSettings(Role role, TlsProvider tlsProvider, TlsSettings tls, ControlWrapFactory wrap, boolean tlsAuth,
                           OccOptionsString.Transport transport, List<AeadAlgorithm> dataCiphers, AeadProvider aead,
                           boolean allowTlsEkm, int renegSeconds, int handWindowSeconds, int tlsTimeoutSeconds,
                           int pingSeconds, int pingRestartSeconds, int explicitExitNotify, PushReplySource pushReplySource,
                           String version, String platform, SecureRandom random) {
        this(role, tlsProvider, tls, wrap, tlsAuth, transport, dataCiphers, aead, allowTlsEkm, renegSeconds,
                handWindowSeconds, tlsTimeoutSeconds, pingSeconds, pingRestartSeconds, explicitExitNotify, pushReplySource,
                version, platform, random, Map.of());
    }

    /**
     * The same settings with peer-info entries for what the runtime implements besides the core,
     * such as the compression framings ({@code IV_COMP_STUBv2=1}, {@code IV_LZ4v2=1}): a server
     * pushes {@code compress} only to a client that announces it.
     */
    public SessionSettings withPeerInfo(Map<String, String> extra) {
        return new SessionSettings(role, tlsProvider, tls, wrap, tlsAuth, transport, dataCiphers, aead, allowTlsEkm,
                renegSeconds, handWindowSeconds, tlsTimeoutSeconds, pingSeconds, pingRestartSeconds, explicitExitNotify,
                pushReplySource, version, platform, random, extra);
    }
}
