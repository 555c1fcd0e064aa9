package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.spi.route.AddressText;
import dev.culvert.spi.route.Prefix;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.vpn.keys.OccOptionsString;
import dev.culvert.vpn.keys.Role;
import dev.culvert.vpn.fragment.FragmentSize;
import dev.culvert.vpn.session.CommonSettings;
import dev.culvert.vpn.session.ControlWrapFactory;
import dev.culvert.vpn.session.DropCounts;
import dev.culvert.vpn.session.PeerToPeerSettings;
import dev.culvert.vpn.session.SessionSettings;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a point-to-point configuration says (2.6's {@code tls-server} or {@code tls-client} with no
 * {@code server}, {@code client} or {@code pull}; OpenVPN's tls-home/tls-office samples): the TLS
 * role, the peer ({@code remote}, optional for the TLS server, which then takes the first peer
 * that authenticates), the ports ({@code lport}/{@code rport}/{@code port}, {@code nobind}), the
 * TUN device's own addresses ({@code ifconfig LOCAL REMOTE}, a point-to-point pair as 2.6 sets it
 * on Linux) with the {@code route} lines through REMOTE, the keepalive timers, and the PKI and
 * wrapping. Over UDP only. Immutable.
 */
public final class PeerToPeerConfig implements OnePeerConfig {
    /** 2.6's default port, local and remote. */
    public static final int DEFAULT_PORT = 1194;
    /** Directives of a multi-client server or a pulling client that a point-to-point configuration refuses, naming the line. */
    private static final Set<String> NOT_POINT_TO_POINT = Set.of("ifconfig-pool-persist", "client-config-dir", "ccd-exclusive",
            "duplicate-cn", "push", "max-clients", "connect-freq", "connect-freq-initial", "culvert-listen", "iroute",
            "client-to-client", "topology", "connect-retry", "connect-retry-max", "server-poll-timeout", "connect-timeout");
    /** A pulling client's username and password; 2.6 refuses them without {@code pull}. */
    private static final Set<String> NEEDS_PULL = Set.of("auth-user-pass", "auth-token", "auth-token-user", "route-nopull", "pull-filter",
            "push-peer-info");
    /** A client's, taken from the file but not yet by Culvert's point-to-point peer. */
    private static final Set<String> CLIENT_ROUTING = Set.of("redirect-gateway", "redirect-private", "dhcp-option");
    private static final String IFCONFIG_USAGE = "ifconfig LOCAL REMOTE, e.g. ifconfig 10.8.0.1 10.8.0.2";
    private static final String ROUTE_USAGE = "route NETWORK [NETMASK [GATEWAY]], e.g. route 192.168.10.0 255.255.255.0";

    private final Role tlsRole;
    private final String remoteHost;
    private final int remotePort;
    private final int localPort;
    private final SecurityConfig security;
    private final Keepalive keepalive;
    private final int explicitExitNotify;
    private final Mssfix mssfix;
    private final Ifconfig ifconfig;
    private final TunScripts tunScripts;
    private final List<Route> routes;
    private final dev.culvert.spi.transport.TransportOptions sockets;
    private final Optional<FragmentSize> fragment;

    /** The TUN device's point-to-point pair, as dotted quads. */
    public record Ifconfig(String local, String remote) {
    }

    /** A {@code route} line: the network and the gateway it goes through (REMOTE unless the line names one). */
    public record Route(Prefix network, String gateway) {
    }

    private PeerToPeerConfig(Role tlsRole, String remoteHost, int remotePort, int localPort, SecurityConfig security,
                             Keepalive keepalive, int explicitExitNotify, Mssfix mssfix, Ifconfig ifconfig, List<Route> routes,
                             dev.culvert.spi.transport.TransportOptions sockets, Optional<FragmentSize> fragment, TunScripts tunScripts) {
        this.tunScripts = tunScripts;
        this.tlsRole = tlsRole;
        this.remoteHost = remoteHost;
        this.remotePort = remotePort;
        this.localPort = localPort;
        this.security = security;
        this.keepalive = keepalive;
        this.explicitExitNotify = explicitExitNotify;
        this.mssfix = mssfix;
        this.ifconfig = ifconfig;
        this.routes = List.copyOf(routes);
        this.sockets = sockets;
        this.fragment = fragment;
    }

    /** The {@code sndbuf} and {@code rcvbuf} sizes. */
    @Override
    public dev.culvert.spi.transport.TransportOptions transportOptions() {
        return sockets;
    }

    /** Whether {@code config} is a point-to-point one: a TLS role and none of a server's or a pulling client's lines. */
    public static boolean isPointToPoint(Config config) {
        return (config.has("tls-server") || config.has("tls-client")) && !MeshConfig.isMesh(config)
                && !config.has("server") && !config.has("mode") && !config.has("client") && !config.has("pull");
    }

    /**
     * Reads a configuration the kernel has validated line by line, and checks how the lines
     * combine, naming the line and the fix.
     */
    public static PeerToPeerConfig from(Config config) throws ConfigException {
        for (Directive d : config.directives()) {
            if (NOT_POINT_TO_POINT.contains(d.name())) {
                throw new ConfigException(d, "'" + d.name() + "' belongs to a multi-client server or a pulling client, and this is a "
                        + "point-to-point configuration (tls-server or tls-client without server, client or pull)", "remove the line");
            }
            if (ServerDirectives.SERVER_IMPLEMENTED.contains(d.name()) || VpnDirectives.POINT_TO_POINT_NOT_YET.contains(d.name())) {
                throw new ConfigException(d, "'" + d.name() + "' is not implemented for a Culvert point-to-point peer yet", "remove the line");
            }
            if (CLIENT_ROUTING.contains(d.name())) {
                throw new ConfigException(d, "'" + d.name() + "' is implemented for a client, not yet for a Culvert point-to-point peer",
                        "remove the line, and route what you need with 'route'");
            }
            if (NEEDS_PULL.contains(d.name())) {
                throw new ConfigException(d, "'" + d.name() + "' needs 'pull', as in OpenVPN 2.6 (\"--auth-user-pass requires --pull\"): "
                        + "a point-to-point peer has no server to check a username and password", "remove the line, or make this a client ('client')");
            }
            if (Set.of("compress", "comp-lzo", "allow-compression").contains(d.name())) {
                throw new ConfigException(d, "compression is not implemented for a Culvert point-to-point peer", "remove the line on both peers");
            }
        }
        Optional<Directive> tlsServer = config.last("tls-server");
        Optional<Directive> tlsClient = config.last("tls-client");
        if (tlsServer.isPresent() && tlsClient.isPresent()) {
            throw new ConfigException(tlsClient.get(), "both 'tls-server' and 'tls-client': a point-to-point peer plays one TLS role",
                    "keep 'tls-server' on one peer and 'tls-client' on the other");
        }
        Role role = tlsServer.isPresent() ? Role.SERVER : Role.CLIENT;
        String proto = config.last("proto").map(d -> d.args().get(0)).orElse("udp");
        if (!proto.startsWith("udp")) {
            throw new ConfigException(config.last("proto").orElseThrow(), "'proto " + proto + "': Culvert's point-to-point mode runs over UDP only",
                    "use 'proto udp' on both peers");
        }
        // Culvert's p2p peer restarts its one session on its own timers; 2.6's retry options are a client's list's here.
        if (config.all("remote").size() > 1 || config.has("connection") || config.has("remote-random")) {
            Directive extra = config.all("remote").size() > 1 ? config.all("remote").get(1)
                    : config.last("connection").or(() -> config.last("remote-random")).orElseThrow();
            throw new ConfigException(extra, "a Culvert point-to-point peer keeps one peer: several servers to try are a client's",
                    "keep one 'remote HOST [PORT]' line");
        }
        Optional<Directive> remote = config.last("remote");
        String remoteHost = null;
        int remotePort = port(config, "rport", DEFAULT_PORT);
        if (remote.isPresent()) {
            Directive r = remote.get();
            remoteHost = r.arg(0, "remote HOST [PORT]");
            if (r.args().size() > 1) {
                remotePort = VpnDirectives.port(r, r.args().get(1));
            }
            if (r.args().size() > 2 && !r.args().get(2).startsWith("udp")) {
                throw new ConfigException(r, "'" + r.args().get(2) + "': Culvert's point-to-point mode runs over UDP only", "use udp");
            }
        } else if (role == Role.CLIENT) {
            throw new ConfigException(tlsClient.get(), "a point-to-point 'tls-client' without 'remote' does not know its peer",
                    "add 'remote HOST [PORT]' (only the 'tls-server' side may go without, and take the first peer that authenticates)");
        }
        int localPort = port(config, "lport", DEFAULT_PORT);
        Optional<Directive> nobind = config.last("nobind");
        if (nobind.isPresent()) {
            if (remoteHost == null) {
                throw new ConfigException(nobind.get(), "'nobind' without 'remote': nobody could reach this peer",
                        "remove 'nobind', or add 'remote HOST' so that this side starts");
            }
            if (role == Role.SERVER) {
                throw new ConfigException(nobind.get(), "'nobind' on the 'tls-server' side: its peer (the TLS client) sends to its port first",
                        "remove 'nobind' here; the 'tls-client' side may use it");
            }
            Optional<Directive> bound = config.last("bind").or(() -> config.last("lport"));
            if (bound.isPresent()) {
                throw new ConfigException(nobind.get(), "'nobind' and '" + bound.get().name() + "' contradict each other",
                        "keep one of them (2.6 refuses the pair too)");
            }
            localPort = 0;
        }
        Optional<Directive> dh = config.last("dh");
        if (dh.isPresent()) {
            // A 2.6 tls-server needs 'dh' (or 'dh none'); with ECDHE Culvert only checks the file's form, as a server does.
            DhParameters.check(dh.get());
        }
        Ifconfig ifconfig = ifconfig(config);
        List<Route> routes = new ArrayList<>();
        for (Directive d : config.all("route")) {
            routes.add(route(d, ifconfig));
        }
        int exitNotify = 0;
        Optional<Directive> exit = config.last("explicit-exit-notify");
        if (exit.isPresent()) {
            exitNotify = exit.get().args().isEmpty() ? 1 : VpnDirectives.seconds(exit.get(), exit.get().args().get(0));
        }
        SecurityConfig security = SecurityConfig.from(config, role, true);
        return new PeerToPeerConfig(role, remoteHost, remotePort, localPort, security, keepalive(config),
                exitNotify, Mssfix.from(config, TunDevice.DEFAULT_MTU).withData(security.dataChannel()), ifconfig, routes,
                SocketBufferLines.from(config), FragmentLine.from(config), TunScripts.from(config));
    }

    /** 2.6's {@code helper_keepalive} outside server mode: {@code keepalive N M} is {@code ping N} and {@code ping-restart M}. */
    private static Keepalive keepalive(Config config) throws ConfigException {
        Optional<Directive> keepalive = config.last("keepalive");
        if (keepalive.isEmpty()) {
            return Keepalive.ownOnly(SecurityConfig.seconds(config, "ping", 0), SecurityConfig.seconds(config, "ping-restart", 0));
        }
        Optional<Directive> ping = config.last("ping").or(() -> config.last("ping-restart"));
        if (ping.isPresent()) {
            throw new ConfigException(ping.get(), "--keepalive conflicts with --ping, --ping-exit, or --ping-restart",
                    "if you use --keepalive, you don't need any of the other --ping directives");
        }
        Directive d = keepalive.get();
        return Keepalive.ownOnly(VpnDirectives.seconds(d, d.args().get(0)), VpnDirectives.seconds(d, d.args().get(1)));
    }

    private static int port(Config config, String specific, int fallback) throws ConfigException {
        Optional<Directive> line = config.last(specific).or(() -> config.last("port"));
        return line.isPresent() ? VpnDirectives.port(line.get(), line.get().arg(0, line.get().name() + " PORT")) : fallback;
    }

    private static Ifconfig ifconfig(Config config) throws ConfigException {
        Optional<Directive> line = config.last("ifconfig");
        if (line.isEmpty()) {
            return null;
        }
        Directive d = line.get();
        int local = NetworkArgument.literal(d, d.arg(0, IFCONFIG_USAGE), IFCONFIG_USAGE);
        int remote = NetworkArgument.literal(d, d.arg(1, IFCONFIG_USAGE), IFCONFIG_USAGE);
        if (local == remote) {
            throw new ConfigException(d, "ifconfig: the local and the remote address are the same", "as in: " + IFCONFIG_USAGE);
        }
        if ((remote >>> 24) >= 224 || (remote & 0xff000000) == 0 || (local >>> 24) >= 224 || (local & 0xff000000) == 0) {
            throw new ConfigException(d, "ifconfig: " + AddressText.ipv4(local) + " and " + AddressText.ipv4(remote)
                    + " must both be unicast addresses", "as in: " + IFCONFIG_USAGE);
        }
        return new Ifconfig(AddressText.ipv4(local), AddressText.ipv4(remote));
    }

    private static Route route(Directive d, Ifconfig ifconfig) throws ConfigException {
        Prefix network = NetworkArgument.ipv4(d, 0, ROUTE_USAGE);
        String gateway = d.args().size() > 2 && !d.args().get(2).equals("vpn_gateway") && !d.args().get(2).equals("default")
                ? AddressText.ipv4(NetworkArgument.literal(d, d.args().get(2), ROUTE_USAGE))
                : ifconfig == null ? null : ifconfig.remote();
        if (gateway == null) {
            throw new ConfigException(d, "'route' with no gateway and no 'ifconfig LOCAL REMOTE' to go through",
                    "add 'ifconfig LOCAL REMOTE' (the route then goes via REMOTE), or name the gateway");
        }
        return new Route(network, gateway);
    }

    @Override
    public void checkTlsModule(TlsProvider tls) throws ConfigException {
        security.checkTlsModule(tls);
    }

    @Override
    public SessionSettings toSessionSettings(TlsProvider tls, AeadProvider aead, SecureRandom random, String version) {
        CommonSettings common = security.sessionCommon(tls, aead, OccOptionsString.Transport.UDP, random);
        return SessionSettings.forPeerToPeer(FragmentLine.apply(common.withTimers(common.timers().withPing(keepalive.pingSeconds())
                        .withPingRestart(keepalive.pingRestartSeconds())), fragment),
                PeerToPeerSettings.announcing(version).withExplicitExitNotify(explicitExitNotify));
    }

    @Override
    public List<List<String>> tunCommands(String device) {
        List<List<String>> commands = new ArrayList<>();
        if (ifconfig != null) {
            commands.add(List.of("addr", "add", ifconfig.local(), "peer", ifconfig.remote(), "dev", device));
        }
        for (Route r : routes) {
            commands.add(List.of("route", "replace", r.network().toString(), "via", r.gateway(), "dev", device));
        }
        return commands;
    }

    @Override
    public String roleName() {
        return "openvpn p2p " + (tlsRole == Role.SERVER ? "tls-server" : "tls-client");
    }

    public Role tlsRole() {
        return tlsRole;
    }

    @Override
    public String remoteHost() {
        return remoteHost;
    }

    @Override
    public int remotePort() {
        return remotePort;
    }

    @Override
    public int localPort() {
        return localPort;
    }

    @Override
    public OccOptionsString.Transport transport() {
        return OccOptionsString.Transport.UDP;
    }

    @Override
    public Mssfix mssfix() {
        return mssfix;
    }

    @Override
    public int explicitExitNotify() {
        return explicitExitNotify;
    }

    @Override
    public ControlWrapFactory wrapFactory() {
        return security.wrapFactory();
    }

    @Override
    public DropCounts certificateRefusals() {
        return security.certificateRefusals();
    }

    @Override
    public TunScripts tunScripts() {
        return tunScripts;
    }

    public Ifconfig ifconfig() {
        return ifconfig;
    }

    public List<Route> routes() {
        return routes;
    }

    public int pingSeconds() {
        return keepalive.pingSeconds();
    }

    public int pingRestartSeconds() {
        return keepalive.pingRestartSeconds();
    }

    public int renegSeconds() {
        return security.renegSeconds();
    }
}
