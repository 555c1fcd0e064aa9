package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.spi.route.AddressText;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.tls.TlsSettings;
import dev.culvert.vpn.keys.OccOptionsString;
import dev.culvert.vpn.push.GlobalPush;
import dev.culvert.vpn.push.ServerPushPolicy;
import dev.culvert.vpn.session.CommonSettings;
import dev.culvert.vpn.session.DropCounts;
import dev.culvert.vpn.session.ControlWrapFactory;
import dev.culvert.vpn.session.ControlWrapping;
import dev.culvert.vpn.session.PushReplySource;
import dev.culvert.vpn.session.ServerSettings;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.session.SessionSettings;
import java.net.Inet6Address;
import java.security.SecureRandom;
import dev.culvert.spi.transport.TransportOptions;
import dev.culvert.vpn.fragment.FragmentSize;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an OpenVPN 2.6 multi-client server configuration says, as {@link ServerConfigParser} read
 * and checked it: the listeners, the tunnel network of {@code server} with its topology, the TUN
 * device, the keepalive as a server expands it, the global push list, the client rules, the pool
 * file, the status file, the process settings and (shared with {@link ClientConfig}) the PKI,
 * wrapping, ciphers and timers. Immutable.
 *
 * @param listeners the sockets to listen on: the standard {@code local}/{@code port}/{@code proto}
 *                  first, then each {@code culvert-listen}
 * @param mssfix    the {@code mssfix} setting, 2.6's default when there is no line
 * @param tunnel6   the IPv6 tunnel network of {@code server-ipv6}, if any
 * @param sockets   the listeners' socket buffer sizes ({@code sndbuf}, {@code rcvbuf})
 * @param fragment  {@code fragment}, for every client (UDP listeners only)
 * @param management the management interface ({@code management}), if any
 * @param metrics   the Prometheus endpoint ({@code culvert-metrics}), if any
 */
public record ServerConfig(SecurityConfig security, List<Listener> listeners, TunnelNetwork tunnel, TunDevice device,
                           Keepalive keepalive, GlobalPush push, ClientRules clients, PoolPersistence poolPersist,
                           StatusOutput status, ProcessSettings process, Mssfix mssfix, Optional<TunnelNetwork6> tunnel6,
                           TransportOptions sockets, Optional<FragmentSize> fragment, Optional<ManagementConfig> management,
                           UserAuthConfig userAuth, HookScripts hookScripts, Optional<MetricsConfig> metrics,
                           Optional<AuthTokenConfig> authTokens, TunScripts tunScripts)
        implements ServerPushPolicy {
    public ServerConfig {
        Objects.requireNonNull(hookScripts, "hookScripts");
        Objects.requireNonNull(userAuth, "userAuth");
        Objects.requireNonNull(management, "management");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(authTokens, "authTokens");
        Objects.requireNonNull(tunScripts, "tunScripts");
        listeners = List.copyOf(listeners);
        Objects.requireNonNull(tunnel6, "tunnel6");
        Objects.requireNonNull(sockets, "sockets");
        Objects.requireNonNull(fragment, "fragment");
    }

    /** Reads a server configuration; see {@link ServerConfigParser#parse}. */
    public static ServerConfig from(Config config) throws ConfigException {
        return ServerConfigParser.parse(config);
    }

    /**
     * The session settings for one client connection on {@code transport}: the TLS server role,
     * demanding a client certificate (and its clientAuth usage with {@code remote-cert-tls
     * client}). {@code explicit-exit-notify} is left to the runtime: on a server it means
     * {@code RESTART} notices at shutdown ({@link ProcessSettings#explicitExitNotify()}), not a
     * client's EXIT.
     */
    public SessionSettings toSessionSettings(TlsProvider tls, AeadProvider aead, SecureRandom random,
                                             OccOptionsString.Transport transport, PushReplySource pushReplySource) {
        return toSessionSettings(tls, aead, random, transport, pushReplySource, false);
    }

    /** As above; with {@code checksCredentials} each key waits for the runtime's verdict on the client's username and password. */
    public SessionSettings toSessionSettings(TlsProvider tls, AeadProvider aead, SecureRandom random,
                                             OccOptionsString.Transport transport, PushReplySource pushReplySource, boolean checksCredentials) {
        CommonSettings common = security.sessionCommon(tls, aead, transport, random);
        return SessionSettings.forServer(FragmentLine.apply(common.withTimers(common.timers().withPing(keepalive.pingSeconds())
                .withPingRestart(keepalive.pingRestartSeconds())).withTunMtu(tunMtu()), fragment),
                ServerSettings.pushing(pushReplySource).checkingCredentials(checksCredentials));
    }

    /**
     * The listener most clients reach, whose socket's family the data-path rehearsal takes: the
     * first UDP one, else (a TCP-only server) the first.
     */
    public Listener firstUdpListener() {
        return listeners.stream().filter(l -> l.proto() == Listener.Proto.UDP).findFirst().orElse(listeners.get(0));
    }

    /** Refuses, at its line, a cipher suite or group the TLS module {@code tls} lacks, with the closest names it has. */
    public void checkTlsModule(TlsProvider tls) throws ConfigException {
        security.checkTlsModule(tls);
    }

    /** {@code verify-client-cert}: whether clients must, may or do not send a certificate. */
    public VerifyClientCert clientCertificate() {
        return security.clientCertificate();
    }

    /** The TLS server role's settings, as each client's handshake gets them. */
    public TlsSettings tlsSettings() {
        return security.tlsSettings();
    }

    /** The peers refused for their certificates (crl-verify and the rest, identity changes), by reason, across all sessions. */
    public DropCounts certificateRefusals() {
        return security.certificateRefusals();
    }

    /** The server side of the control-channel wrapping, a fresh replay counter per session. */
    public ControlWrapFactory wrapFactory() {
        return security.wrapFactory();
    }

    /**
     * A client's side of the control-channel wrapping, for a session the server holds with itself
     * in memory ({@code tls-crypt}'s client direction, {@code tls-auth}'s other key-direction);
     * empty with {@code tls-crypt-v2}, whose client keys the server does not have.
     */
    public Optional<ControlWrapping> clientWrapping() {
        return security.peerWrapping();
    }

    /**
     * The listeners' socket options: the buffers {@code rcvbuf}/{@code sndbuf} ask for, and room for
     * twice {@code max-clients} peers (an address per client, and a second while one floats or a
     * client reconnects from a new port before its old session ends), so {@code max-clients} is what
     * limits how many connect, not the transport's default table.
     */
    public TransportOptions listenerOptions() {
        return sockets.withPeers((int) Math.min(Integer.MAX_VALUE, 2L * clients.maxClients()));
    }

    /** {@code data-ciphers}, in the order the server prefers them. */
    public List<DataCipher> dataCiphers() {
        return security.dataCiphers();
    }

    /** How long a client has to finish its handshake ({@code hand-window}); also the cookie's lifetime. */
    public int handWindowSeconds() {
        return security.handWindowSeconds();
    }

    /** How long a deferred auth-user-pass-verify verdict may take, as 2.6 bounds it: hand-window, or reneg-sec / 2 when shorter. */
    public int deferredAuthSeconds() {
        return security.deferredAuthSeconds();
    }

    @Override
    public List<String> globalPush() {
        return push.all();
    }

    @Override
    public int tunMtu() {
        return device.mtu();
    }

    /**
     * The TCP MSS clamp for the server's data plane, with or without a v1 compression framing byte.
     * 2.6 computes it per client from the family of the client's address on its socket
     * ({@link Listener#outerIpv6()}): every client of one listener gets the same figure, so
     * Culvert's one clamp per node is the smallest among the listeners, and no client's packets
     * exceed {@code max}. With a plain {@code proto udp}, whose clients 2.6 serves on an IPv4
     * socket, that is the IPv4 figure (1400 by default), also for the IPv6 clients Culvert takes
     * on the same dual-stack socket and 2.6 would not serve at all.
     */
    public int mssClamp(boolean v1Framing) {
        int clamp = Integer.MAX_VALUE;
        for (Listener listener : listeners) {
            clamp = Math.min(clamp, mssfix.clamp(listener.outerIpv6(), listener.proto() == Listener.Proto.TCP, v1Framing));
        }
        return listeners.isEmpty() ? 0 : clamp;
    }

    @Override
    public String toString() {
        return "ServerConfig[" + listeners + ", " + AddressText.ipv4(tunnel.network()) + "/" + Integer.bitCount(tunnel.netmask()) + " "
                + tunnel.topology() + tunnel6.map(n -> ", " + n.network()).orElse("") + ", " + security.wrapping() + "]";
    }
}
