package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.core.config.ConfigException;
import dev.culvert.core.config.Directive;
import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.spi.route.AddressText;
import dev.culvert.spi.route.Prefix;
import dev.culvert.spi.tls.RequiredPeerUsage;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.vpn.keys.OccOptionsString;
import dev.culvert.vpn.keys.Role;
import dev.culvert.vpn.push.ServerPushPolicy;
import dev.culvert.vpn.push.Topology;
import dev.culvert.vpn.session.ControlWrapFactory;
import dev.culvert.vpn.session.PushReplySource;
import dev.culvert.vpn.session.SessionSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an OpenVPN 2.6 multi-client server configuration says, loaded and checked as 2.6 checks
 * it: the listeners, the tunnel network of {@code server} with its topology, the keepalive as a
 * server expands it, the global push list, the client-config-dir, the pool, status and limits,
 * and (shared with {@link ClientConfig}) the PKI, wrapping, ciphers and timers. Immutable.
 *
 * <p>Relative file names ({@code ca}, {@code dh}, {@code client-config-dir},
 * {@code ifconfig-pool-persist}, {@code status}, …) resolve against the directory of the
 * configuration file that names them, as {@link ClientConfig} resolves them; 2.6 resolves them
 * against its working directory, which is that directory when it is started with {@code --cd}.
 *
 * <p>Refused, naming the line: directives only a client takes ({@code client}, {@code remote},
 * {@code nobind}, …), {@code iroute} outside a client-config-dir file, {@code route-ipv6} and
 * {@code server-ipv6} (no IPv6 inside the tunnel yet), {@code topology p2p}, and a configuration
 * without {@code server NETWORK NETMASK} ({@code ifconfig}/{@code ifconfig-pool} are not
 * implemented).
 */
public final class ServerConfig implements ServerPushPolicy {
    /** 2.6's defaults. */
    public static final int DEFAULT_PORT = 1194;
    public static final int DEFAULT_TUN_MTU = 1500;
    public static final int DEFAULT_MAX_CLIENTS = 1024;
    public static final int DEFAULT_POOL_PERSIST_SECONDS = 600;
    public static final int DEFAULT_STATUS_SECONDS = 60;
    /** 2.6's {@code status_file_version} default (options.c {@code init_options}): format 1. */
    public static final int DEFAULT_STATUS_VERSION = 1;
    /** 2.6's default {@code verb}. */
    public static final int DEFAULT_VERB = 1;

    /** Directives a server refuses because only a client takes them (2.6: "cannot be used with --mode server" and kin). */
    static final Set<String> CLIENT_ONLY = Set.of("client", "pull", "tls-client", "remote", "rport", "nobind");

    private final SecurityConfig security;
    private final List<Listener> listeners;
    private final Topology topology;
    private final int network;
    private final int netmask;
    private final boolean poolEnabled;
    private final String device;
    private final int tunMtu;
    private final int pingSeconds;
    private final int pingRestartSeconds;
    private final int pushedPingSeconds;
    private final int pushedPingRestartSeconds;
    private final List<String> pushOptions;
    private final List<String> globalPush;
    private final List<Prefix> routes;
    private final boolean clientToClient;
    private final boolean duplicateCn;
    private final Path clientConfigDir;
    private final boolean ccdExclusive;
    private final Path ifconfigPoolPersist;
    private final int ifconfigPoolPersistSeconds;
    private final Path statusFile;
    private final int statusSeconds;
    private final int statusVersion;
    private final int maxClients;
    private final int connectFreqCount;
    private final int connectFreqSeconds;
    private final String user;
    private final String group;
    private final int explicitExitNotify;
    private final int workers;
    private final int verb;

    private ServerConfig(Builder b) {
        security = b.security;
        listeners = List.copyOf(b.listeners);
        topology = b.topology;
        network = b.network;
        netmask = b.netmask;
        poolEnabled = b.poolEnabled;
        device = b.device;
        tunMtu = b.tunMtu;
        pingSeconds = b.ping;
        pingRestartSeconds = b.pingRestart;
        pushedPingSeconds = b.pushedPing;
        pushedPingRestartSeconds = b.pushedPingRestart;
        pushOptions = List.copyOf(b.pushOptions);
        routes = List.copyOf(b.routes);
        clientToClient = b.clientToClient;
        duplicateCn = b.duplicateCn;
        clientConfigDir = b.clientConfigDir;
        ccdExclusive = b.ccdExclusive;
        ifconfigPoolPersist = b.poolPersist;
        ifconfigPoolPersistSeconds = b.poolPersistSeconds;
        statusFile = b.statusFile;
        statusSeconds = b.statusSeconds;
        statusVersion = b.statusVersion;
        maxClients = b.maxClients;
        connectFreqCount = b.connectFreqCount;
        connectFreqSeconds = b.connectFreqSeconds;
        user = b.user;
        group = b.group;
        explicitExitNotify = b.exitNotify;
        workers = b.workers;
        verb = b.verb;
        globalPush = List.copyOf(buildGlobalPush());
    }

    private static final class Builder {
        SecurityConfig security;
        List<Listener> listeners = new ArrayList<>();
        Topology topology = Topology.NET30;
        int network;
        int netmask;
        boolean poolEnabled = true;
        String device;
        int tunMtu = DEFAULT_TUN_MTU;
        int ping;
        int pingRestart;
        int pushedPing;
        int pushedPingRestart;
        List<String> pushOptions = new ArrayList<>();
        List<Prefix> routes = new ArrayList<>();
        boolean clientToClient;
        boolean duplicateCn;
        Path clientConfigDir;
        boolean ccdExclusive;
        Path poolPersist;
        int poolPersistSeconds = DEFAULT_POOL_PERSIST_SECONDS;
        Path statusFile;
        int statusSeconds = DEFAULT_STATUS_SECONDS;
        int statusVersion = DEFAULT_STATUS_VERSION;
        int maxClients = DEFAULT_MAX_CLIENTS;
        int connectFreqCount;
        int connectFreqSeconds;
        String user;
        String group;
        int exitNotify;
        int workers = Runtime.getRuntime().availableProcessors();
        int verb = DEFAULT_VERB;
    }

    /**
     * Reads a server configuration the kernel has validated against the installed handlers
     * ({@link VpnDirectives}, {@link ServerDirectives}, module-routing's, the kernel's), loads its
     * files and checks how the directives combine.
     */
    public static ServerConfig from(Config config) throws ConfigException {
        for (Directive d : config.directives()) {
            refuseOnServer(d);
        }
        Builder b = new Builder();
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
                throw new ConfigException(tlsServer.get(), "'tls-server' without 'server' is a TLS point-to-point peer, which is not implemented yet",
                        "add 'server NETWORK NETMASK' for a multi-client server");
            }
            throw new ConfigException("<config>", "not a server configuration: no 'server NETWORK NETMASK'",
                    "add e.g. 'server 10.8.0.0 255.255.255.0' and 'topology subnet'");
        }
        int[] net = ServerDirectives.serverNetwork(server.get());
        b.network = net[0];
        b.netmask = net[1];
        b.poolEnabled = server.get().args().size() < 3;
        Optional<Directive> topology = config.last("topology");
        if (topology.isPresent()) {
            b.topology = switch (topology.get().arg(0, "topology subnet|net30")) {
                case "subnet" -> Topology.SUBNET;
                case "net30" -> Topology.NET30;
                case "p2p" -> throw new ConfigException(topology.get(), "'topology p2p' is not implemented by Culvert's server yet",
                        "use 'topology subnet' (recommended) or net30");
                default -> throw new ConfigException(topology.get(), "--topology must be net30, p2p, or subnet", "write 'topology subnet'");
            };
        }
        Directive dev = config.last("dev").orElseThrow(() -> new ConfigException("<config>", "no 'dev' directive", "add 'dev tun'"));
        b.device = dev.arg(0, "dev tun");
        b.tunMtu = number(config, "tun-mtu", DEFAULT_TUN_MTU);
        b.security = SecurityConfig.from(config, Role.SERVER);
        Optional<Directive> dh = config.last("dh");
        if (dh.isPresent()) {
            DhParameters.check(dh.get());
        }
        listeners(config, b);
        keepalive(config, b);
        for (Directive d : config.all("push")) {
            b.pushOptions.add(ServerDirectives.pushOption(d, d.arg(0, "push \"OPTION\"")));
        }
        for (Directive d : config.all("route")) {
            b.routes.add(route(d));
        }
        b.clientToClient = config.has("client-to-client");
        b.duplicateCn = config.has("duplicate-cn");
        Optional<Directive> ccd = config.last("client-config-dir");
        if (ccd.isPresent()) {
            Path dir = SecurityConfig.resolve(ccd.get(), ccd.get().arg(0, "client-config-dir DIR"));
            if (!Files.isDirectory(dir)) {
                throw new ConfigException(ccd.get(), "client-config-dir " + dir + " is not a directory", "create it, or fix the path");
            }
            b.clientConfigDir = dir;
        }
        Optional<Directive> exclusive = config.last("ccd-exclusive");
        if (exclusive.isPresent()) {
            if (ccd.isEmpty()) {
                throw new ConfigException(exclusive.get(), "--ccd-exclusive must be used with --client-config-dir", "add 'client-config-dir ccd', or remove the line");
            }
            b.ccdExclusive = true;
        }
        Optional<Directive> persist = config.last("ifconfig-pool-persist");
        if (persist.isPresent()) {
            Directive d = persist.get();
            if (!b.poolEnabled) {
                throw new ConfigException(d, "--ifconfig-pool-persist must be used with --ifconfig-pool, and 'server … nopool' has none",
                        "remove the line, or 'nopool'");
            }
            b.poolPersist = SecurityConfig.resolve(d, d.arg(0, "ifconfig-pool-persist FILE [SECONDS]"));
            if (d.args().size() > 1) {
                b.poolPersistSeconds = VpnDirectives.seconds(d, d.args().get(1));
            }
        }
        Optional<Directive> status = config.last("status");
        if (status.isPresent()) {
            Directive d = status.get();
            b.statusFile = SecurityConfig.resolve(d, d.arg(0, "status FILE [SECONDS]"));
            if (d.args().size() > 1) {
                b.statusSeconds = VpnDirectives.seconds(d, d.args().get(1));
            }
        }
        b.statusVersion = number(config, "status-version", DEFAULT_STATUS_VERSION);
        b.maxClients = number(config, "max-clients", DEFAULT_MAX_CLIENTS);
        Optional<Directive> freq = config.last("connect-freq");
        if (freq.isPresent()) {
            Directive d = freq.get();
            if (b.listeners.stream().noneMatch(l -> l.proto() == Listener.Proto.UDP)) {
                throw new ConfigException(d, "--connect-freq only works with --mode server --proto udp", "try --max-clients instead");
            }
            b.connectFreqCount = VpnDirectives.number(d, d.arg(0, "connect-freq N SECONDS"), "number of connections");
            b.connectFreqSeconds = VpnDirectives.seconds(d, d.arg(1, "connect-freq N SECONDS"));
        }
        b.user = config.last("user").map(d -> d.args().get(0)).orElse(null);
        b.group = config.last("group").map(d -> d.args().get(0)).orElse(null);
        Optional<Directive> exit = config.last("explicit-exit-notify");
        if (exit.isPresent()) {
            b.exitNotify = exit.get().args().isEmpty() ? 1 : VpnDirectives.seconds(exit.get(), exit.get().args().get(0));
        }
        b.workers = number(config, "culvert-workers", b.workers);
        b.verb = number(config, "verb", DEFAULT_VERB);
        return new ServerConfig(b);
    }

    private static void refuseOnServer(Directive d) throws ConfigException {
        if (CLIENT_ONLY.contains(d.name())) {
            throw new ConfigException(d, "'" + d.name() + "' is a client directive, and this is a server configuration ('server')",
                    "remove the line");
        }
        switch (d.name()) {
            case "iroute", "iroute-ipv6" -> throw new ConfigException(d, "'" + d.name() + "' cannot be used in the server's own configuration",
                    "put it in the client's file in client-config-dir (the file named as its certificate's common name)");
            case "route-ipv6" -> throw new ConfigException(d, "'route-ipv6' is not implemented by Culvert's server yet: it carries IPv4 only inside the tunnel",
                    "remove the line");
            case "proto" -> {
                if (VpnDirectives.CLIENT_PROTOS.contains(d.args().get(0))) {
                    throw new ConfigException(d, "'" + d.args().get(0) + "' is the client side of TCP", "a server uses 'tcp-server' (or 'tcp')");
                }
            }
            default -> { }
        }
    }

    private static void listeners(Config config, Builder b) throws ConfigException {
        Optional<Directive> protoLine = config.last("proto");
        Optional<Directive> portLine = config.last("port");
        Optional<Directive> local = config.last("local");
        String proto = protoLine.map(d -> d.args().get(0)).orElse("udp");
        int port = portLine.isPresent() ? VpnDirectives.port(portLine.get(), portLine.get().arg(0, "port PORT")) : DEFAULT_PORT;
        Directive where = local.or(() -> protoLine).or(() -> portLine).orElse(new Directive("proto", List.of(proto), "<config>", 0, false));
        b.listeners.add(Listener.of(where, proto, local.map(d -> d.args().get(0)).orElse(null), port));
        for (Directive d : config.all("culvert-listen")) {
            Listener l = ServerDirectives.listen(d);
            for (Listener earlier : b.listeners) {
                if (l.clashesWith(earlier)) {
                    throw new ConfigException(d, "culvert-listen " + l + " clashes with the listener " + earlier
                            + " (the same port and protocol, and one address takes the other's traffic; '::' takes IPv4 too on Linux)",
                            "use another port, or remove the line");
                }
            }
            b.listeners.add(l);
        }
    }

    private static void keepalive(Config config, Builder b) throws ConfigException {
        Optional<Directive> keepalive = config.last("keepalive");
        Optional<Directive> ping = config.last("ping");
        Optional<Directive> pingRestart = config.last("ping-restart");
        if (keepalive.isPresent()) {
            Directive d = keepalive.get();
            if (ping.isPresent() || pingRestart.isPresent()) {
                throw new ConfigException(ping.orElseGet(pingRestart::get), "--keepalive conflicts with --ping, --ping-exit, or --ping-restart",
                        "if you use --keepalive, you don't need any of the other --ping directives");
            }
            int interval = VpnDirectives.seconds(d, d.args().get(0));
            int timeout = VpnDirectives.seconds(d, d.args().get(1));
            // 2.6's helper_keepalive in server mode: the server's own restart timeout is doubled,
            // so a client always notices a dead server before the server drops the client.
            b.ping = interval;
            b.pingRestart = timeout * 2;
            b.pushedPing = interval;
            b.pushedPingRestart = timeout;
        } else {
            b.ping = SecurityConfig.seconds(config, "ping", 0);
            b.pingRestart = SecurityConfig.seconds(config, "ping-restart", 0);
        }
    }

    /** A {@code route} line as the network it sends into the tunnel; the gateway and metric do not matter to a server. */
    private static Prefix route(Directive d) throws ConfigException {
        return NetworkArgument.ipv4(d, 0, "route NETWORK [NETMASK], e.g. route 192.168.10.0 255.255.255.0");
    }

    private static int number(Config config, String name, int fallback) throws ConfigException {
        Optional<Directive> d = config.last(name);
        return d.isPresent() ? VpnDirectives.number(d.get(), d.get().arg(0, name + " N"), name) : fallback;
    }

    /** 2.6's order: push lines, then what {@code server} adds, {@code topology}, then keepalive's ping and ping-restart. */
    private List<String> buildGlobalPush() {
        List<String> all = new ArrayList<>(pushOptions);
        if (topology == Topology.SUBNET) {
            all.add("route-gateway " + AddressText.ipv4(serverAddress()));
        } else if (clientToClient) {
            all.add("route " + AddressText.ipv4(network) + " " + AddressText.ipv4(netmask));
        } else {
            all.add("route " + AddressText.ipv4(serverAddress()));
        }
        all.add("topology " + (topology == Topology.SUBNET ? "subnet" : "net30"));
        if (pushedPingSeconds > 0) {
            all.add("ping " + pushedPingSeconds);
            all.add("ping-restart " + pushedPingRestartSeconds);
        }
        return all;
    }

    // ---- the session ----------------------------------------------------------------------------

    /**
     * The session settings for one client connection on {@code transport}: the TLS server role,
     * demanding a client certificate (and its clientAuth usage with {@code remote-cert-tls
     * client}). {@code explicit-exit-notify} is left to the runtime: on a server it means
     * {@code RESTART} notices at shutdown ({@link #explicitExitNotify()}), not a client's EXIT.
     */
    public SessionSettings toSessionSettings(TlsProvider tls, AeadProvider aead, SecureRandom random,
                                             OccOptionsString.Transport transport, PushReplySource pushReplySource) {
        return new SessionSettings(Role.SERVER, tls, security.tlsSettings(), wrapFactory(),
                security.wrapping() == ClientConfig.Wrapping.TLS_AUTH, transport, security.dataCiphers(), aead, true,
                security.renegSeconds(), security.handWindowSeconds(), security.tlsTimeoutSeconds(), pingSeconds,
                pingRestartSeconds, 0, pushReplySource, null, "linux", random);
    }

    /** The server side of the control-channel wrapping, a fresh replay counter per session. */
    public ControlWrapFactory wrapFactory() {
        return security.wrapFactory();
    }

    // ---- accessors -----------------------------------------------------------------------------

    /** The sockets to listen on: the standard {@code local}/{@code port}/{@code proto} first, then each {@code culvert-listen}. */
    public List<Listener> listeners() {
        return listeners;
    }

    /** NET30 (2.6's default) or SUBNET. */
    public Topology topology() {
        return topology;
    }

    /** The {@code server} network address. */
    public int network() {
        return network;
    }

    public int netmask() {
        return netmask;
    }

    /** The server's own tunnel address: the network's first host, as 2.6 takes it. */
    public int serverAddress() {
        return network + 1;
    }

    /**
     * The second {@code ifconfig} argument of the server's own tunnel: the netmask in subnet
     * topology, the point-to-point peer (network + 2) in net30.
     */
    public int serverIfconfigSecond() {
        return topology == Topology.SUBNET ? netmask : network + 2;
    }

    /**
     * Whether an address lies in the {@code server} network: in subnet topology 2.6 requires
     * this of an {@code ifconfig-push} address ({@code push-ifconfig-constraint}), but only logs
     * "violates tunnel network/netmask constraint" and goes on; the runtime should refuse the
     * client instead. net30 has no such constraint in 2.6.
     */
    public boolean withinServerNetwork(int address) {
        return (address & netmask) == network;
    }

    /** false with {@code server … nopool}: addresses come from {@code ifconfig-push} only. */
    public boolean poolEnabled() {
        return poolEnabled;
    }

    /**
     * The first pool address as 2.6 computes it: network + 2 in subnet topology; network + 4 in
     * net30 (a /30 per client, the first /30 the server's).
     */
    public int poolStart() {
        return topology == Topology.SUBNET ? network + 2 : network + 4;
    }

    /** The last pool address: broadcast − 1 in subnet; broadcast − 4 in net30 (broadcast itself for a /29, as 2.6). */
    public int poolEnd() {
        int broadcast = network | ~netmask;
        if (topology == Topology.SUBNET) {
            return broadcast - 1;
        }
        return Integer.bitCount(netmask) == ServerDirectives.MAX_SERVER_BITS ? broadcast : broadcast - 4;
    }

    /** The {@code dev} name as written, e.g. {@code tun} or {@code tun7}. */
    public String device() {
        return device;
    }

    @Override
    public int tunMtu() {
        return tunMtu;
    }

    /** The server's own ping interval (keepalive's first number, or {@code ping}); 0 for none. */
    public int pingSeconds() {
        return pingSeconds;
    }

    /** The server's own restart timeout: keepalive's second number doubled (as 2.6), or {@code ping-restart}; 0 for none. */
    public int pingRestartSeconds() {
        return pingRestartSeconds;
    }

    /** The {@code ping} pushed to clients (keepalive only); 0 when none is pushed. */
    public int pushedPingSeconds() {
        return pushedPingSeconds;
    }

    /** The {@code ping-restart} pushed to clients (keepalive only); 0 when none is pushed. */
    public int pushedPingRestartSeconds() {
        return pushedPingRestartSeconds;
    }

    /** The {@code push} lines, in order, unquoted. */
    public List<String> pushOptions() {
        return pushOptions;
    }

    @Override
    public List<String> globalPush() {
        return globalPush;
    }

    /**
     * The {@code route} lines: networks the server sends into the tunnel (to the client whose
     * {@code iroute} covers them). The server network itself is not among them.
     */
    public List<Prefix> routes() {
        return routes;
    }

    public boolean clientToClient() {
        return clientToClient;
    }

    public boolean duplicateCn() {
        return duplicateCn;
    }

    public Optional<Path> clientConfigDir() {
        return Optional.ofNullable(clientConfigDir);
    }

    public boolean ccdExclusive() {
        return ccdExclusive;
    }

    public Optional<Path> ifconfigPoolPersist() {
        return Optional.ofNullable(ifconfigPoolPersist);
    }

    /** How often the pool file is rewritten (2.6 default 600; 0: read at start, written only at exit, as 2.6). */
    public int ifconfigPoolPersistSeconds() {
        return ifconfigPoolPersistSeconds;
    }

    public Optional<Path> statusFile() {
        return Optional.ofNullable(statusFile);
    }

    public int statusSeconds() {
        return statusSeconds;
    }

    /** 1, 2 or 3; 1 unless {@code status-version} says otherwise (2.6's default). */
    public int statusVersion() {
        return statusVersion;
    }

    public int maxClients() {
        return maxClients;
    }

    /** {@code connect-freq}'s N; 0 = unlimited. */
    public int connectFreqCount() {
        return connectFreqCount;
    }

    /** {@code connect-freq}'s SECONDS; 0 = unlimited. */
    public int connectFreqSeconds() {
        return connectFreqSeconds;
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    public Optional<String> group() {
        return Optional.ofNullable(group);
    }

    /**
     * {@code explicit-exit-notify} on a server, as 2.6 reads it: 0 none; 1 send {@code RESTART}
     * to every client at shutdown; 2 send {@code RESTART,[N]} (reconnect to the next server).
     * Without an argument it is 1.
     */
    public int explicitExitNotify() {
        return explicitExitNotify;
    }

    /** Data-plane threads: {@code culvert-workers}, or one per available processor. */
    public int workers() {
        return workers;
    }

    public int verb() {
        return verb;
    }

    public int handWindowSeconds() {
        return security.handWindowSeconds();
    }

    public int renegSeconds() {
        return security.renegSeconds();
    }

    public int tlsTimeoutSeconds() {
        return security.tlsTimeoutSeconds();
    }

    public List<AeadAlgorithm> dataCiphers() {
        return security.dataCiphers();
    }

    public ClientConfig.Wrapping wrapping() {
        return security.wrapping();
    }

    public RequiredPeerUsage remoteCertTls() {
        return security.remoteCertTls();
    }

    @Override
    public String toString() {
        return "ServerConfig[" + listeners + ", " + AddressText.ipv4(network) + "/" + Integer.bitCount(netmask) + " "
                + topology + ", " + security.wrapping() + "]";
    }
}
