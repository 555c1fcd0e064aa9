package dev.culvert.vpn.session;

import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.tls.TlsSettings;
import dev.culvert.vpn.fragment.FragmentSize;
import dev.culvert.vpn.keys.OccOptionsString;
import dev.culvert.vpn.replay.ReplayWindowSize;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

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
 * @param peerPolicy  OpenVPN's own checks of the peer's certificates, run after every handshake
 * @param certificateRefusals where every session with these settings counts the peers it refused
 *                    for their certificates (policy and identity lock), for the runtime's status
 * @param tunMtu      the TUN device's MTU ({@code tun-mtu}), which the OCC options string announces
 * @param fragment    {@code fragment}: the data channel splits payloads to fit it, and puts every
 *                    payload it receives through reassembly; empty without the line
 * @param replayWindow {@code replay-window}: the size of every receive window, data and control
 * @param peerVerifier a check of the peer's certificates that answers later ({@code tls-verify}),
 *                    run after {@code peerPolicy}; {@link PeerCertificateVerifier#NONE} without one
 */
public record CommonSettings(TlsProvider tlsProvider, TlsSettings tls, ControlWrapping wrapping,
                             OccOptionsString.Transport transport, DataSettings data, SessionTimers timers,
                             SecureRandom random, PeerCertificatePolicy peerPolicy, DropCounts certificateRefusals, int tunMtu,
                             Optional<FragmentSize> fragment, ReplayWindowSize replayWindow, PeerCertificateVerifier peerVerifier) {
    /** 2.6's default {@code tun-mtu}. */
    public static final int DEFAULT_TUN_MTU = 1500;

    public CommonSettings {
        Objects.requireNonNull(tlsProvider, "tlsProvider");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(wrapping, "wrapping");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(peerPolicy, "peerPolicy (use PeerCertificatePolicy.NONE)");
        Objects.requireNonNull(certificateRefusals, "certificateRefusals");
        Objects.requireNonNull(fragment, "fragment");
        Objects.requireNonNull(replayWindow, "replayWindow");
        Objects.requireNonNull(peerVerifier, "peerVerifier (use PeerCertificateVerifier.NONE)");
        if (tunMtu < 68 || tunMtu > 65535) {
            throw new IllegalArgumentException("tun-mtu " + tunMtu);
        }
    }

    /** Settings without a verifier that answers later. */
    public CommonSettings(TlsProvider tlsProvider, TlsSettings tls, ControlWrapping wrapping, OccOptionsString.Transport transport,
                          DataSettings data, SessionTimers timers, SecureRandom random, PeerCertificatePolicy peerPolicy,
                          DropCounts certificateRefusals, int tunMtu, Optional<FragmentSize> fragment, ReplayWindowSize replayWindow) {
        this(tlsProvider, tls, wrapping, transport, data, timers, random, peerPolicy, certificateRefusals, tunMtu, fragment, replayWindow,
                PeerCertificateVerifier.NONE);
    }

    /** Settings with 2.6's default {@code tun-mtu}. */
    public CommonSettings(TlsProvider tlsProvider, TlsSettings tls, ControlWrapping wrapping, OccOptionsString.Transport transport,
                          DataSettings data, SessionTimers timers, SecureRandom random, PeerCertificatePolicy peerPolicy,
                          DropCounts certificateRefusals) {
        this(tlsProvider, tls, wrapping, transport, data, timers, random, peerPolicy, certificateRefusals, DEFAULT_TUN_MTU, Optional.empty(),
                ReplayWindowSize.DEFAULT);
    }

    /** Settings without a certificate policy of OpenVPN's own (TLS still validates the chain). */
    public CommonSettings(TlsProvider tlsProvider, TlsSettings tls, ControlWrapping wrapping, OccOptionsString.Transport transport,
                          DataSettings data, SessionTimers timers, SecureRandom random) {
        this(tlsProvider, tls, wrapping, transport, data, timers, random, PeerCertificatePolicy.NONE, new DropCounts());
    }

    /** The same with {@code policy}, whose refusals are counted into {@code refusals} (shared by the sessions of one configuration). */
    public CommonSettings withPeerPolicy(PeerCertificatePolicy policy, DropCounts refusals) {
        return new CommonSettings(tlsProvider, tls, wrapping, transport, data, timers, random, policy, refusals, tunMtu, fragment, replayWindow, peerVerifier);
    }

    /** The same with other timers, e.g. {@code withTimers(timers().withPing(10))}. */
    public CommonSettings withTimers(SessionTimers other) {
        return new CommonSettings(tlsProvider, tls, wrapping, transport, data, other, random, peerPolicy, certificateRefusals, tunMtu, fragment, replayWindow, peerVerifier);
    }

    /** The same with the TUN device's MTU {@code mtu} ({@code tun-mtu}). */
    public CommonSettings withTunMtu(int mtu) {
        return new CommonSettings(tlsProvider, tls, wrapping, transport, data, timers, random, peerPolicy, certificateRefusals, mtu, fragment, replayWindow, peerVerifier);
    }

    /** The same with {@code fragment} on ({@code fragment MAX [mtu]}). */
    public CommonSettings withFragment(FragmentSize size) {
        return new CommonSettings(tlsProvider, tls, wrapping, transport, data, timers, random, peerPolicy, certificateRefusals, tunMtu,
                Optional.of(size), replayWindow, peerVerifier);
    }

    /** The same with {@code replay-window}'s size. */
    public CommonSettings withReplayWindow(ReplayWindowSize size) {
        return new CommonSettings(tlsProvider, tls, wrapping, transport, data, timers, random, peerPolicy, certificateRefusals, tunMtu,
                fragment, size, peerVerifier);
    }

    /** The same with other TLS settings (the other role's, for a session a node holds with itself). */
    public CommonSettings withTls(TlsSettings other) {
        return new CommonSettings(tlsProvider, other, wrapping, transport, data, timers, random, peerPolicy, certificateRefusals, tunMtu,
                fragment, replayWindow, peerVerifier);
    }

    /** The same with another control-channel wrapping. */
    public CommonSettings withWrapping(ControlWrapping other) {
        return new CommonSettings(tlsProvider, tls, other, transport, data, timers, random, peerPolicy, certificateRefusals, tunMtu,
                fragment, replayWindow, peerVerifier);
    }

    /** The same with {@code verifier}, asked after the policy at every handshake ({@code tls-verify}). */
    public CommonSettings withPeerVerifier(PeerCertificateVerifier verifier) {
        return new CommonSettings(tlsProvider, tls, wrapping, transport, data, timers, random, peerPolicy, certificateRefusals, tunMtu,
                fragment, replayWindow, verifier);
    }
}
