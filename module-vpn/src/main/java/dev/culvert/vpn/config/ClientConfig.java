package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.spi.route.Prefix;
import dev.culvert.spi.tls.RequiredPeerUsage;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.transport.TransportOptions;
import dev.culvert.vpn.auth.AuthSettings;
import dev.culvert.vpn.control.KeyDirection;
import dev.culvert.vpn.fragment.FragmentSize;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.OccOptionsString;
import dev.culvert.vpn.keys.Role;
import dev.culvert.vpn.push.DataCiphers;
import dev.culvert.vpn.session.ClientSettings;
import dev.culvert.vpn.session.CommonSettings;
import dev.culvert.vpn.session.ControlWrapFactory;
import dev.culvert.vpn.session.DropCounts;
import dev.culvert.vpn.session.SessionSettings;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an OpenVPN client configuration says, loaded and checked: where to connect (the servers to
 * try in turn, {@link ConnectionList}), the PKI, the
 * control-channel wrapping with its static key, the timers, and where the username and password
 * come from. Immutable; the private and static keys it holds live as long as it does.
 */
public final class ClientConfig implements OnePeerConfig {
    /** How the control channel is wrapped. */
    public enum Wrapping { NONE, TLS_AUTH, TLS_CRYPT, TLS_CRYPT_V2 }

    /** Of {@link ServerDirectives#SERVER_IMPLEMENTED}, the ones a client implements too. */
    static final java.util.Set<String> CLIENT_IMPLEMENTED = java.util.Set.of("tun-mtu", "local", ManagementConfig.NAME,
            ManagementConfig.LOG_CACHE, ManagementConfig.HOLD, ManagementConfig.QUERY_PASSWORDS);

    private final ConnectionList connections;
    /** The entry of {@link #connections} this view aims at (the first, unless {@link #toward} chose another). */
    private final RemoteEntry target;
    private final SecurityConfig security;
    private final int pingSeconds;
    private final int pingRestartSeconds;
    private final int explicitExitNotify;
    private final Mssfix mssfix;
    private final List<Prefix> routes6;
    private final AuthSettings auth;
    private final PeerInfoVariables peerInfo;
    /** The TUN device's {@code tun-mtu} and {@code txqueuelen} (its name and routes are unused here). */
    private final TunDevice tunDevice;
    private final TransportOptions sockets;
    private final ExitTimers exits;
    private final PullOptions pull;
    private final Optional<FragmentSize> fragment;
    private final List<ClientRoute> ownRoutes;
    private final Optional<LocalBind> localBind;
    private final TunScripts tunScripts;
    private final Optional<ManagementConfig> management;

    private ClientConfig(ConnectionList connections, RemoteEntry target, SecurityConfig security,
                         int ping, int pingRestart, int exitNotify, Mssfix mssfix, List<Prefix> routes6, AuthSettings auth,
                         PeerInfoVariables peerInfo, TunDevice tunDevice, TransportOptions sockets,
                         ExitTimers exits, PullOptions pull, Optional<FragmentSize> fragment, List<ClientRoute> ownRoutes,
                         Optional<LocalBind> localBind, TunScripts tunScripts, Optional<ManagementConfig> management) {
        this.management = management;
        this.connections = connections;
        this.target = target;
        this.security = security;
        this.pingSeconds = ping;
        this.pingRestartSeconds = pingRestart;
        this.explicitExitNotify = exitNotify;
        this.mssfix = mssfix;
        this.routes6 = List.copyOf(routes6);
        this.auth = auth;
        this.peerInfo = peerInfo;
        this.tunDevice = tunDevice;
        this.sockets = sockets;
        this.exits = exits;
        this.pull = pull;
        this.fragment = fragment;
        this.ownRoutes = ownRoutes;
        this.localBind = localBind;
        this.tunScripts = tunScripts;
    }

    /**
     * Reads a configuration the kernel has validated against {@link VpnDirectives}: loads the PEM
     * and static key files (relative to the configuration file's directory) or inline blocks.
     * Directives only a server takes ({@link ServerDirectives}) are refused here, naming the line:
     * a client would otherwise ignore them silently.
     */
    public static ClientConfig from(Config config) throws ConfigException {
        for (Directive d : config.directives()) {
            // 2.6 takes management-client-auth on a client and does nothing with it: there are no clients to ask about.
            if (ServerDirectives.SERVER_ONLY.contains(d.name()) && !d.name().equals(ManagementConfig.CLIENT_AUTH)) {
                throw new ConfigException(d, "'" + d.name() + "' is a server directive, and this is a client configuration",
                        "remove the line (or, for a server, drop 'client' and 'remote')");
            }
            if (VpnDirectives.POINT_TO_POINT_ONLY.contains(d.name()) && !d.name().equals("lport")) {
                throw new ConfigException(d, "'" + d.name() + "' is a point-to-point peer's directive; a client's TUN address comes from the "
                        + "server's push", "remove the line (or, for a point-to-point peer, drop 'client'/'pull')");
            }
            if (ServerDirectives.SERVER_IMPLEMENTED.contains(d.name()) && !CLIENT_IMPLEMENTED.contains(d.name())) {
                throw new ConfigException(d, "'" + d.name() + "' is not implemented for a Culvert client yet", "remove the line");
            }
        }
        ConnectionList connections = ConnectionList.from(config, new SecureRandom());
        FragmentLine.refuseOverTcp(config, connections.entries().stream().anyMatch(RemoteEntry::tcp), "a remote's protocol");
        SecurityConfig security = SecurityConfig.from(config, Role.CLIENT);
        int ping = 0;
        int pingRestart = 0;
        Optional<Directive> keepalive = config.last("keepalive");
        if (keepalive.isPresent()) {
            ping = VpnDirectives.seconds(keepalive.get(), keepalive.get().args().get(0));
            pingRestart = VpnDirectives.seconds(keepalive.get(), keepalive.get().args().get(1));
        }
        ping = SecurityConfig.seconds(config, "ping", ping);
        pingRestart = SecurityConfig.seconds(config, "ping-restart", pingRestart);
        ExitTimers exits = ExitTimers.from(config);
        if (exits.pingExitSeconds() > 0) {
            pingRestart = exits.pingExitSeconds();
        }
        int exitNotify = 0;
        Optional<Directive> exit = config.last("explicit-exit-notify");
        if (exit.isPresent()) {
            exitNotify = exit.get().args().isEmpty() ? 1 : VpnDirectives.seconds(exit.get(), exit.get().args().get(0));
        }
        List<Prefix> routes6 = new ArrayList<>();
        for (Directive d : config.all("route-ipv6")) {
            routes6.add(NetworkArgument.ipv6(d, 0, "route-ipv6 NETWORK/BITS, e.g. route-ipv6 fd00:20::/64"));
        }
        int tunMtu = ServerConfigParser.number(config, "tun-mtu", TunDevice.DEFAULT_MTU);
        return new ClientConfig(connections, connections.entries().get(0), security, ping, pingRestart, exitNotify,
                Mssfix.from(config, tunMtu).withData(security.dataChannel()), routes6, AuthSettings.from(config), PeerInfoVariables.from(config),
                new TunDevice("tun", tunMtu, List.of(), ServerConfigParser.number(config, "txqueuelen", 0)),
                SocketBufferLines.from(config), exits, PullOptions.from(config), FragmentLine.from(config), ClientRoute.from(config),
                LocalBind.from(config), TunScripts.from(config), ManagementConfig.from(config));
    }

    @Override
    public ConnectionList connections() {
        return connections;
    }

    /** This configuration aimed at {@code entry}: its host, port and protocol, and the OCC options string that protocol gives. */
    @Override
    public ClientConfig toward(RemoteEntry entry) {
        return new ClientConfig(connections, entry, security, pingSeconds, pingRestartSeconds, explicitExitNotify, mssfix, routes6, auth, peerInfo, tunDevice, sockets, exits, pull, fragment, ownRoutes,
                localBind, tunScripts, management);
    }

    /** The management interface ({@code management} and the lines that shape it), if any. */
    public Optional<ManagementConfig> management() {
        return management;
    }

    /** {@code redirect-gateway}, {@code route-nopull}, {@code pull-filter} and {@code dhcp-option}. */
    public PullOptions pull() {
        return pull;
    }

    @Override
    public List<String> keptForScripts() {
        return pull.keptForScripts();
    }

    @Override
    public TunScripts tunScripts() {
        return tunScripts;
    }

    @Override
    public String routeMetric() {
        return pull.routeMetric();
    }

    @Override
    public List<ClientRoute> ownRoutes() {
        return ownRoutes;
    }

    @Override
    public dev.culvert.vpn.push.RedirectGateway redirectGateway() {
        return pull.redirectGateway();
    }

    /** The username-and-password lines ({@code auth-user-pass}, {@code auth-nocache}, {@code auth-retry}, {@code auth-token}). */
    public AuthSettings auth() {
        return auth;
    }

    /** What {@code push-peer-info} and the {@code setenv} lines add to the peer-info. */
    @Override
    public PeerInfoVariables peerInfoVariables() {
        return peerInfo;
    }

    @Override
    public void checkTlsModule(TlsProvider tls) throws ConfigException {
        security.checkTlsModule(tls);
    }

    /** The session settings for this client, with the given TLS and AEAD providers. */
    @Override
    public SessionSettings toSessionSettings(TlsProvider tls, AeadProvider aead, SecureRandom random, String version) {
        CommonSettings common = security.sessionCommon(tls, aead, target.transport(), random);
        return SessionSettings.forClient(FragmentLine.apply(common.withTimers(common.timers().withPing(pingSeconds)
                        .withPingRestart(pingRestartSeconds)).withTunMtu(tunDevice.mtu()), fragment),
                ClientSettings.announcing(version).withExplicitExitNotify(explicitExitNotify).withPushFilter(pull.pushFilter()));
    }

    /** The peers refused for their certificates (crl-verify and the rest, identity changes), by reason, across all sessions. */
    @Override
    public DropCounts certificateRefusals() {
        return security.certificateRefusals();
    }

    /** The control-channel wrapping, a fresh replay counter per session. */
    @Override
    public ControlWrapFactory wrapFactory() {
        return security.wrapFactory();
    }

    /** The TUN device's MTU: {@code tun-mtu}, 2.6's default 1500 without one. */
    @Override
    public int tunMtu() {
        return tunDevice.mtu();
    }

    /** {@code txqueuelen}, 0 for the kernel's. */
    @Override
    public int txQueueLength() {
        return tunDevice.txQueueLength();
    }

    /** {@code ping-exit} and {@code inactive}. */
    @Override
    public ExitTimers exitTimers() {
        return exits;
    }

    /** The {@code sndbuf} and {@code rcvbuf} sizes. */
    @Override
    public TransportOptions transportOptions() {
        return sockets;
    }

    /** The {@code mssfix} setting, over {@link #tunMtu}. */
    @Override
    public Mssfix mssfix() {
        return mssfix;
    }

    @Override
    public int localPort() {
        return 0;
    }

    /** {@code local}, {@code lport}, {@code bind}: the address to send from toward {@code remote}, or empty for one the kernel picks. */
    @Override
    public Optional<InetSocketAddress> localBindToward(InetSocketAddress remote) {
        return localBind.map(b -> b.toward(remote));
    }

    @Override
    public List<List<String>> tunCommands(String device) {
        return List.of();
    }

    /** The {@code route-ipv6} lines of the file. */
    @Override
    public List<Prefix> routes6() {
        return routes6;
    }

    @Override
    public String roleName() {
        return "openvpn client";
    }

    @Override
    public String remoteHost() {
        return target.host();
    }

    @Override
    public int remotePort() {
        return target.port();
    }

    @Override
    public OccOptionsString.Transport transport() {
        return target.transport();
    }

    public Wrapping wrapping() {
        return security.wrapping();
    }

    public KeyDirection tlsAuthDirection() {
        return security.tlsAuthDirection();
    }

    public RequiredPeerUsage remoteCertTls() {
        return security.remoteCertTls();
    }

    public List<DataCipher> dataCiphers() {
        return security.dataCiphers();
    }

    /** The cipher lines as read: the list, the OCC cipher, the fallback and the digest. */
    DataCipherConfig dataChannel() {
        return security.dataChannel();
    }

    public int pingSeconds() {
        return pingSeconds;
    }

    public int pingRestartSeconds() {
        return pingRestartSeconds;
    }

    public int renegSeconds() {
        return security.renegSeconds();
    }

    @Override
    public int explicitExitNotify() {
        return explicitExitNotify;
    }

    public List<X509Certificate> ca() {
        return security.ca();
    }

    @Override
    public String toString() {
        return "ClientConfig[" + target + (connections.entries().size() > 1 ? " of " + connections.entries().size() : "") + ", " + security.wrapping() + ", ciphers "
                + DataCiphers.names(security.dataCiphers()) + "]";
    }
}
