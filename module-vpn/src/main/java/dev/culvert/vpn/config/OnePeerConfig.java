package dev.culvert.vpn.config;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.spi.route.Prefix;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.transport.TransportOptions;
import dev.culvert.vpn.keys.OccOptionsString;
import dev.culvert.vpn.session.ControlWrapFactory;
import dev.culvert.vpn.session.DropCounts;
import dev.culvert.vpn.session.SessionSettings;
import java.security.SecureRandom;
import java.util.List;

/**
 * A configuration with one peer over one transport and one TUN device: a client's
 * ({@link ClientConfig}) or a point-to-point peer's ({@link PeerToPeerConfig}). The runtime that
 * keeps one session with that peer reads it through this view.
 */
public interface OnePeerConfig {
    /** The peer's host, or null if it is learned from the first peer that authenticates (a p2p TLS server without {@code remote}). */
    String remoteHost();

    int remotePort();

    /** The local UDP port to bind, or 0 for one the kernel picks ({@code nobind}, a client). */
    int localPort();

    OccOptionsString.Transport transport();

    /**
     * A client's bound local address toward {@code remote} ({@code local}, {@code lport},
     * {@code bind}), or empty for a port the kernel picks; a point-to-point peer binds {@link #localPort()}.
     */
    default java.util.Optional<java.net.InetSocketAddress> localBindToward(java.net.InetSocketAddress remote) {
        return java.util.Optional.empty();
    }

    Mssfix mssfix();

    /** When the client ends its process instead of restarting ({@code ping-exit}, {@code inactive}); never by default. */
    default ExitTimers exitTimers() {
        return ExitTimers.NONE;
    }

    /** The TUN device's transmit queue length ({@code txqueuelen}), 0 for the kernel's. */
    default int txQueueLength() {
        return 0;
    }

    /** The socket buffer sizes of the transport ({@code sndbuf}, {@code rcvbuf}); the factory's own by default. */
    default TransportOptions transportOptions() {
        return TransportOptions.DEFAULT;
    }

    /** The MTU the TUN device is opened with ({@code tun-mtu}); 2.6's default by default. */
    default int tunMtu() {
        return TunDevice.DEFAULT_MTU;
    }

    int explicitExitNotify();

    /** The peers refused for their certificates, by reason, across all sessions. */
    DropCounts certificateRefusals();

    /** The control-channel wrapping (none, tls-auth, tls-crypt) the peer's packets must pass. */
    ControlWrapFactory wrapFactory();

    /**
     * Refuses, at its line, a cipher suite or group ({@code tls-cipher}, {@code tls-groups}...)
     * that the TLS module {@code tls} lacks, with the closest names it has.
     */
    void checkTlsModule(TlsProvider tls) throws ConfigException;

    /** The settings of each new session, with the given TLS and AEAD providers. */
    SessionSettings toSessionSettings(TlsProvider tls, AeadProvider aead, SecureRandom random, String version);

    /**
     * The {@code ip} commands (arguments after {@code ip}) that set up the TUN device {@code device}
     * from the configuration itself, run once it is open; empty for a client, whose addresses the
     * server pushes.
     */
    List<List<String>> tunCommands(String device);

    /**
     * The networks the configuration's own {@code route-ipv6} lines send into the tunnel, routed
     * through the device once the session is up (after the pushed addresses); none by default.
     */
    default List<Prefix> routes6() {
        return List.of();
    }

    /**
     * The servers to try in turn, for a client ({@code remote} lines or {@code <connection>}
     * blocks); null for a point-to-point peer, which keeps its one peer.
     */
    default ConnectionList connections() {
        return null;
    }

    /** This configuration aimed at {@code entry}, one of {@link #connections}'; itself where there is no list. */
    default OnePeerConfig toward(RemoteEntry entry) {
        return this;
    }

    /** What the configuration adds to the peer-info a client sends ({@code push-peer-info}, {@code setenv}); nothing by default. */
    default PeerInfoVariables peerInfoVariables() {
        return PeerInfoVariables.NONE;
    }

    /** The file's own {@code redirect-gateway} line, or null; a pushed one adds its flags. */
    default dev.culvert.vpn.push.RedirectGateway redirectGateway() {
        return null;
    }

    /** The file's own {@code dhcp-option} and {@code dns} lines, whole, kept for the log and, later, scripts. */
    /** {@code up}, {@code down} and {@code route-up}; none where the role does not run them. */
    default TunScripts tunScripts() {
        return TunScripts.NONE;
    }

    default List<String> keptForScripts() {
        return List.of();
    }

    /** The file's own {@code route} lines, installed once the tunnel is up; none by default. */
    default List<ClientRoute> ownRoutes() {
        return List.of();
    }

    /** {@code route-metric}: the metric of the pushed and own routes that name none (a pushed one wins); null without one. */
    default String routeMetric() {
        return null;
    }

    /** What the role is, for status and logs: "openvpn client", "openvpn p2p tls-server", … */
    String roleName();
}
