package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.spi.route.Prefix;
import dev.culvert.vpn.keys.Role;
import dev.culvert.vpn.pool.Ipv6Pool;
import dev.culvert.vpn.push.GlobalPush;
import dev.culvert.vpn.push.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a multi-client server configuration into a {@link ServerConfig}, checked as 2.6 checks
 * it; every refusal names the file, the line and what to do.
 *
 * <p>Relative file names ({@code ca}, {@code dh}, {@code client-config-dir},
 * {@code ifconfig-pool-persist}, {@code status}, …) resolve against the directory of the
 * configuration file that names them, as {@link ClientConfig} resolves them; 2.6 resolves them
 * against its working directory, which is that directory when it is started with {@code --cd}.
 *
 * <p>Refused, naming the line: directives only a client takes ({@code client}, {@code remote},
 * {@code nobind}, …), {@code iroute}, {@code iroute-ipv6} and {@code ifconfig-ipv6-push} outside
 * a client-config-dir file, {@code topology p2p}, {@code server-ipv6} with {@code ifconfig-ipv6-pool}
 * (as 2.6's helper refuses it), and a configuration
 * without {@code server NETWORK NETMASK} ({@code ifconfig}/{@code ifconfig-pool} are not
 * implemented).
 */
public final class ServerConfigParser {
    /** 2.6's default port. */
    public static final int DEFAULT_PORT = 1194;

    /** Directives a server refuses because only a client takes them (2.6: "cannot be used with --mode server" and kin). */
    static final Set<String> CLIENT_ONLY = Set.of("client", "pull", "tls-client", "remote", "rport", "nobind", "auth-user-pass",
            "auth-token", "auth-token-user", "remote-random", "connect-retry", "connect-retry-max", "server-poll-timeout", "connect-timeout",
            "connection", "push-peer-info", "redirect-gateway", "redirect-private", "route-nopull", "pull-filter", "dhcp-option");

    private ServerConfigParser() {
    }

    /**
     * Reads a server configuration the kernel has validated against the installed handlers
     * ({@link VpnDirectives}, {@link ServerDirectives}, module-routing's, the kernel's), loads its
     * files and checks how the directives combine.
     */
    public static ServerConfig parse(Config config) throws ConfigException {
        for (Directive d : config.directives()) {
            refuseOnServer(d);
        }
        TunnelNetwork tunnel = tunnel(config);
        Directive dev = config.last("dev").orElseThrow(() -> new ConfigException("<config>", "no 'dev' directive", "add 'dev tun'"));
        String deviceName = dev.arg(0, "dev tun");
        int tunMtu = number(config, "tun-mtu", TunDevice.DEFAULT_MTU);
        SecurityConfig security = SecurityConfig.from(config, Role.SERVER);
        Optional<Directive> dh = config.last("dh");
        if (dh.isPresent()) {
            DhParameters.check(dh.get());
        }
        List<Listener> listeners = listeners(config);
        Keepalive keepalive = keepalive(config);
        List<String> pushOptions = new ArrayList<>();
        for (Directive d : config.all("push")) {
            pushOptions.add(ServerDirectives.pushOption(d, d.arg(0, "push \"OPTION\"")));
        }
        List<Prefix> routes = new ArrayList<>();
        for (Directive d : config.all("route")) {
            routes.add(route(d));
        }
        for (Directive d : config.all("route-ipv6")) {
            routes.add(NetworkArgument.ipv6(d, 0, "route-ipv6 NETWORK/BITS, e.g. route-ipv6 fd00:20::/64"));
        }
        Optional<TunnelNetwork6> tunnel6 = tunnel6(config, tunnel);
        boolean clientToClient = config.has("client-to-client");
        boolean duplicateCn = config.has("duplicate-cn");
        Optional<Directive> ccd = config.last("client-config-dir");
        Path clientConfigDir = null;
        if (ccd.isPresent()) {
            Path dir = SecurityConfig.resolve(ccd.get(), ccd.get().arg(0, "client-config-dir DIR"));
            if (!Files.isDirectory(dir)) {
                throw new ConfigException(ccd.get(), "client-config-dir " + dir + " is not a directory", "create it, or fix the path");
            }
            clientConfigDir = dir;
        }
        Optional<Directive> exclusive = config.last("ccd-exclusive");
        if (exclusive.isPresent() && ccd.isEmpty()) {
            throw new ConfigException(exclusive.get(), "--ccd-exclusive must be used with --client-config-dir", "add 'client-config-dir ccd', or remove the line");
        }
        PoolPersistence poolPersist = poolPersistence(config, tunnel.poolEnabled());
        StatusOutput status = status(config);
        int maxClients = number(config, "max-clients", ClientRules.DEFAULT_MAX_CLIENTS);
        int connectFreqCount = 0;
        int connectFreqSeconds = 0;
        Optional<Directive> freq = config.last("connect-freq");
        if (freq.isPresent()) {
            Directive d = freq.get();
            if (listeners.stream().noneMatch(l -> l.proto() == Listener.Proto.UDP)) {
                throw new ConfigException(d, "--connect-freq only works with --mode server --proto udp", "try --max-clients instead");
            }
            connectFreqCount = VpnDirectives.number(d, d.arg(0, "connect-freq N SECONDS"), "number of connections");
            connectFreqSeconds = VpnDirectives.seconds(d, d.arg(1, "connect-freq N SECONDS"));
        }
        int initialCount = ClientRules.DEFAULT_INITIAL_ANSWERS;
        int initialSeconds = ClientRules.DEFAULT_INITIAL_SECONDS;
        Optional<Directive> initial = config.last("connect-freq-initial");
        if (initial.isPresent()) {
            Directive d = initial.get();
            initialCount = VpnDirectives.number(d, d.arg(0, ServerDirectives.CONNECT_FREQ_INITIAL_USAGE), "number of answers");
            initialSeconds = VpnDirectives.number(d, d.arg(1, ServerDirectives.CONNECT_FREQ_INITIAL_USAGE), "seconds");
        }
        ProcessSettings process = process(config);
        ClientRules clients = new ClientRules(clientToClient, duplicateCn, Optional.ofNullable(clientConfigDir), exclusive.isPresent(),
                maxClients, connectFreqCount, connectFreqSeconds, initialCount, initialSeconds);
        GlobalPush push = GlobalPush.compose(pushOptions, tunnel.topology(), tunnel.network(), tunnel.netmask(), tunnel.serverAddress(),
                clientToClient, keepalive.pushedPingSeconds(), keepalive.pushedPingRestartSeconds(), config.has("server-ipv6"));
        Optional<Directive> ipchange = config.last(TunScripts.IPCHANGE);
        if (ipchange.isPresent()) {
            throw new ConfigException(ipchange.get(), "--ipchange cannot be used with --mode server (use --client-connect instead)",
                    "remove the line; 'client-connect SCRIPT' runs for each client");
        }
        UserAuthConfig userAuth = UserAuthConfig.from(config);
        Optional<ManagementConfig> management = ManagementConfig.from(config);
        security.withClientCertificate(VerifyClientCert.from(config, userAuth, management));
        FragmentLine.refuseOverTcp(config, listeners.stream().anyMatch(l -> l.proto() == Listener.Proto.TCP), "one of its listeners");
        return new ServerConfig(security, listeners, tunnel, new TunDevice(deviceName, tunMtu, routes, number(config, "txqueuelen", 0)), keepalive, push, clients,
                poolPersist, status, process, Mssfix.from(config, tunMtu).withData(security.dataChannel()), tunnel6, SocketBufferLines.from(config), FragmentLine.from(config),
                management, userAuth, HookScripts.from(config, userAuth), MetricsConfig.from(config),
                AuthTokenConfig.from(config), TunScripts.from(config));
    }

    private static void refuseOnServer(Directive d) throws ConfigException {
        if (VpnDirectives.CLIENT_ONLY_IMPLEMENTED.contains(d.name())) {
            throw new ConfigException(d, "'" + d.name() + "' is not implemented for a Culvert server yet", "remove the line");
        }
        if (CLIENT_ONLY.contains(d.name())) {
            throw new ConfigException(d, "'" + d.name() + "' is a client directive, and this is a server configuration ('server')",
                    "remove the line");
        }
        if (VpnDirectives.POINT_TO_POINT_ONLY.contains(d.name())) {
            throw new ConfigException(d, "'" + d.name() + "' is a point-to-point peer's directive; a multi-client server's addresses come "
                    + "from 'server' and its port from 'port'", "remove the line (or, for a point-to-point peer, drop 'server')");
        }
        switch (d.name()) {
            case "iroute", "iroute-ipv6", "ifconfig-ipv6-push" -> throw new ConfigException(d, "'" + d.name()
                    + "' cannot be used in the server's own configuration",
                    "put it in the client's file in client-config-dir (the file named as its certificate's common name)");
            case "proto" -> {
                if (VpnDirectives.CLIENT_PROTOS.contains(d.args().get(0))) {
                    throw new ConfigException(d, "'" + d.args().get(0) + "' is the client side of TCP", "a server uses 'tcp-server' (or 'tcp')");
                }
            }
            default -> { }
        }
    }

    /** {@code server NETWORK NETMASK [nopool]} and {@code topology}; a configuration without {@code server} is refused. */
    private static TunnelNetwork tunnel(Config config) throws ConfigException {
        Optional<Directive> server = config.last("server");
        Optional<Directive> mode = config.last("mode");
        if (mode.isPresent()) {
            ServerDirectives.mode(mode.get());
        }
        if (server.isEmpty()) {
            if (mode.isPresent()) {
                throw new ConfigException(mode.get(), "'mode server' without 'server NETWORK NETMASK': Culvert gives clients addresses only from 'server' ('ifconfig' and 'ifconfig-pool' are not implemented)",
                        "add e.g. 'server 10.8.0.0 255.255.255.0' and 'topology subnet'");
            }
            Optional<Directive> tlsServer = config.last("tls-server");
            if (tlsServer.isPresent()) {
                throw new ConfigException(tlsServer.get(), "'tls-server' without 'server' is a TLS point-to-point peer, which the openvpn-p2p role runs, not this multi-client server",
                        "add 'server NETWORK NETMASK' for a multi-client server");
            }
            throw new ConfigException("<config>", "not a server configuration: no 'server NETWORK NETMASK'",
                    "add e.g. 'server 10.8.0.0 255.255.255.0' and 'topology subnet'");
        }
        int[] net = ServerDirectives.serverNetwork(server.get());
        Topology topology = Topology.NET30;
        Optional<Directive> line = config.last("topology");
        if (line.isPresent()) {
            topology = switch (line.get().arg(0, "topology subnet|net30")) {
                case "subnet" -> Topology.SUBNET;
                case "net30" -> Topology.NET30;
                case "p2p" -> throw new ConfigException(line.get(), "'topology p2p' is not implemented by Culvert's server yet",
                        "use 'topology subnet' (recommended) or net30");
                default -> throw new ConfigException(line.get(), "--topology must be net30, p2p, or subnet", "write 'topology subnet'");
            };
        }
        return new TunnelNetwork(topology, net[0], net[1], server.get().args().size() < 3);
    }

    /**
     * The server's IPv6 side, combined as 2.6 combines it: {@code server-ipv6} makes the address
     * and the pool, and refuses an explicit {@code ifconfig-ipv6-pool} as 2.6's helper does;
     * otherwise {@code ifconfig-ipv6} gives the address and {@code ifconfig-ipv6-pool}, which
     * needs it, the pool.
     */
    private static Optional<TunnelNetwork6> tunnel6(Config config, TunnelNetwork tunnel) throws ConfigException {
        Optional<Directive> server6 = config.last("server-ipv6");
        Optional<Directive> ifconfig6 = config.last("ifconfig-ipv6");
        Optional<Directive> pool6 = config.last("ifconfig-ipv6-pool");
        if (server6.isPresent()) {
            if (pool6.isPresent()) {
                throw new ConfigException(pool6.get(), "--server-ipv6 already defines an ifconfig-ipv6-pool, so you can't also specify"
                        + " --ifconfig-ipv6-pool explicitly", "remove this line (server-ipv6 pools from network + 0x1000), or replace"
                        + " 'server-ipv6' with 'ifconfig-ipv6 ADDRESS/BITS REMOTE' to keep this pool");
            }
            if (ifconfig6.isPresent()) {
                throw new ConfigException(ifconfig6.get(), "'ifconfig-ipv6' with 'server-ipv6': server-ipv6 sets the server's own address"
                        + " (network + 1), so 2.6 ignores this line", "remove this line, or 'server-ipv6' to keep this address");
            }
            if (!tunnel.poolEnabled()) {
                throw new ConfigException(server6.get(), "--server-ipv6 is incompatible with 'nopool' option",
                        "remove 'nopool' from 'server', or replace 'server-ipv6' with 'ifconfig-ipv6 ADDRESS/BITS REMOTE'");
            }
            return Optional.of(ServerDirectives.serverNetwork6(server6.get()));
        }
        if (pool6.isPresent() && ifconfig6.isEmpty()) {
            throw new ConfigException(pool6.get(), "--ifconfig-ipv6-pool needs --ifconfig-ipv6 (the server's own IPv6 tunnel address)",
                    "add e.g. 'ifconfig-ipv6 fd00:8::1/64 fd00:8::2', or use 'server-ipv6 fd00:8::/64' instead of both");
        }
        if (pool6.isPresent() && !tunnel.poolEnabled()) {
            throw new ConfigException(pool6.get(), "'ifconfig-ipv6-pool' with 'server … nopool': Culvert gives a pool's IPv6 address"
                    + " alongside the IPv4 one of the same entry, and 'nopool' has none",
                    "remove 'nopool', or remove this line and give clients 'ifconfig-ipv6-push' in client-config-dir");
        }
        if (ifconfig6.isEmpty()) {
            return Optional.empty();
        }
        TunnelNetwork6 own = ServerDirectives.ifconfigIpv6(ifconfig6.get());
        Optional<Ipv6Pool> pool = pool6.isPresent() ? Optional.of(ServerDirectives.ifconfigIpv6Pool(pool6.get())) : Optional.empty();
        return Optional.of(TunnelNetwork6.explicit(own.serverAddress(), own.bits(), pool));
    }

    private static List<Listener> listeners(Config config) throws ConfigException {
        List<Listener> listeners = new ArrayList<>();
        Optional<Directive> protoLine = config.last("proto");
        Optional<Directive> portLine = config.last("port");
        Optional<Directive> local = config.last("local");
        String proto = protoLine.map(d -> d.args().get(0)).orElse("udp");
        int port = portLine.isPresent() ? VpnDirectives.port(portLine.get(), portLine.get().arg(0, "port PORT")) : DEFAULT_PORT;
        Directive where = local.or(() -> protoLine).or(() -> portLine).orElse(new Directive("proto", List.of(proto), "<config>", 0, false));
        listeners.add(Listener.of(where, proto, local.map(d -> d.args().get(0)).orElse(null), port));
        for (Directive d : config.all("culvert-listen")) {
            Listener l = ServerDirectives.listen(d);
            for (Listener earlier : listeners) {
                if (l.clashesWith(earlier)) {
                    throw new ConfigException(d, "culvert-listen " + l + " clashes with the listener " + earlier
                            + " (the same port and protocol, and one address takes the other's traffic; '::' takes IPv4 too on Linux)",
                            "use another port, or remove the line");
                }
            }
            listeners.add(l);
        }
        return listeners;
    }

    private static Keepalive keepalive(Config config) throws ConfigException {
        Optional<Directive> keepalive = config.last("keepalive");
        Optional<Directive> ping = config.last("ping");
        Optional<Directive> pingRestart = config.last("ping-restart");
        if (keepalive.isEmpty()) {
            return Keepalive.ownOnly(SecurityConfig.seconds(config, "ping", 0), SecurityConfig.seconds(config, "ping-restart", 0));
        }
        Directive d = keepalive.get();
        if (ping.isPresent() || pingRestart.isPresent()) {
            throw new ConfigException(ping.orElseGet(pingRestart::get), "--keepalive conflicts with --ping, --ping-exit, or --ping-restart",
                    "if you use --keepalive, you don't need any of the other --ping directives");
        }
        return Keepalive.expanded(VpnDirectives.seconds(d, d.args().get(0)), VpnDirectives.seconds(d, d.args().get(1)));
    }

    private static PoolPersistence poolPersistence(Config config, boolean poolEnabled) throws ConfigException {
        Optional<Directive> persist = config.last("ifconfig-pool-persist");
        if (persist.isEmpty()) {
            return new PoolPersistence(Optional.empty(), PoolPersistence.DEFAULT_SECONDS);
        }
        Directive d = persist.get();
        if (!poolEnabled) {
            throw new ConfigException(d, "--ifconfig-pool-persist must be used with --ifconfig-pool, and 'server … nopool' has none",
                    "remove the line, or 'nopool'");
        }
        Path file = SecurityConfig.resolve(d, d.arg(0, "ifconfig-pool-persist FILE [SECONDS]"));
        int seconds = d.args().size() > 1 ? VpnDirectives.seconds(d, d.args().get(1)) : PoolPersistence.DEFAULT_SECONDS;
        return new PoolPersistence(Optional.of(file), seconds);
    }

    private static StatusOutput status(Config config) throws ConfigException {
        Optional<Path> file = Optional.empty();
        int seconds = StatusOutput.DEFAULT_SECONDS;
        Optional<Directive> status = config.last("status");
        if (status.isPresent()) {
            Directive d = status.get();
            file = Optional.of(SecurityConfig.resolve(d, d.arg(0, "status FILE [SECONDS]")));
            if (d.args().size() > 1) {
                seconds = VpnDirectives.seconds(d, d.args().get(1));
            }
        }
        return new StatusOutput(file, seconds, number(config, "status-version", StatusOutput.DEFAULT_VERSION));
    }

    static ProcessSettings process(Config config) throws ConfigException {
        Optional<String> user = config.last("user").map(d -> d.args().get(0));
        Optional<String> group = config.last("group").map(d -> d.args().get(0));
        int exitNotify = 0;
        Optional<Directive> exit = config.last("explicit-exit-notify");
        if (exit.isPresent()) {
            exitNotify = exit.get().args().isEmpty() ? 1 : VpnDirectives.seconds(exit.get(), exit.get().args().get(0));
        }
        int workers = number(config, "culvert-workers", Runtime.getRuntime().availableProcessors());
        return new ProcessSettings(user, group, workers, number(config, "verb", ProcessSettings.DEFAULT_VERB), exitNotify);
    }

    /** A {@code route} line as the network it sends into the tunnel; the gateway and metric do not matter to a server. */
    private static Prefix route(Directive d) throws ConfigException {
        return NetworkArgument.ipv4(d, 0, "route NETWORK [NETMASK], e.g. route 192.168.10.0 255.255.255.0");
    }

    /** The last {@code name N} line's N (checked by its handler), or {@code fallback} without one. */
    static int number(Config config, String name, int fallback) throws ConfigException {
        Optional<Directive> d = config.last(name);
        return d.isPresent() ? VpnDirectives.number(d.get(), d.get().arg(0, name + " N"), name) : fallback;
    }
}
