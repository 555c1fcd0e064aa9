package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.spi.route.AddressText;
import dev.culvert.spi.route.Prefix;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.transport.TransportOptions;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.OccOptionsString;
import dev.culvert.vpn.keys.Role;
import dev.culvert.vpn.mesh.MeshPeer;
import dev.culvert.vpn.mesh.MeshPeerLine;
import dev.culvert.vpn.mesh.MeshPeersFile;
import dev.culvert.vpn.mesh.TlsTieBreak;
import dev.culvert.vpn.fragment.FragmentSize;
import dev.culvert.vpn.session.CommonSettings;
import dev.culvert.vpn.session.ControlWrapFactory;
import dev.culvert.vpn.session.DropCounts;
import dev.culvert.vpn.session.PeerCertificateName;
import dev.culvert.vpn.session.PeerToPeerSettings;
import dev.culvert.vpn.session.SessionSettings;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a full-mesh node's configuration says: who this node is (its certificate's common name,
 * which names its own {@code culvert-mesh-peer} line: the same peers file can serve every node),
 * the networks it owns and the UDP port it listens on (from that line), its peers (the other
 * lines, in the configuration and in the {@code culvert-mesh-peers} file), the TUN device with
 * an optional {@code ifconfig ADDRESS NETMASK}, the keepalive that tells a dead peer, and the PKI
 * and wrapping read twice, once for each TLS role a node plays ({@link TlsTieBreak}). Immutable;
 * the peers file is re-read by the runtime, not here.
 */
public final class MeshConfig {
    /** 2.6's p2p timers would never notice a dead peer without keepalive; a mesh must, so it has a default. */
    static final int DEFAULT_PING = 10;
    static final int DEFAULT_PING_RESTART = 60;
    private static final String IFCONFIG_USAGE = "ifconfig ADDRESS NETMASK, e.g. ifconfig 10.99.0.1 255.255.255.0";

    private final SecurityConfig serving;
    private final SecurityConfig initiating;
    private final String ownName;
    private final MeshPeer self;
    private final List<MeshPeer> configuredPeers;
    private final Optional<Path> peersFile;
    private final Listener listener;
    private final TunDevice device;
    private final Optional<Prefix> ifconfig;
    private final int ifconfigAddress;
    private final Keepalive keepalive;
    private final ProcessSettings process;
    private final Mssfix mssfix;
    private final TransportOptions sockets;
    private final Optional<FragmentSize> fragment;

    private MeshConfig(SecurityConfig serving, SecurityConfig initiating, String ownName, MeshPeer self, List<MeshPeer> configuredPeers,
                       Optional<Path> peersFile, Listener listener, TunDevice device, Optional<Prefix> ifconfig, int ifconfigAddress,
                       Keepalive keepalive, ProcessSettings process, Mssfix mssfix, TransportOptions sockets,
                       Optional<FragmentSize> fragment) {
        this.serving = serving;
        this.initiating = initiating;
        this.ownName = ownName;
        this.self = self;
        this.configuredPeers = List.copyOf(configuredPeers);
        this.peersFile = peersFile;
        this.listener = listener;
        this.device = device;
        this.ifconfig = ifconfig;
        this.ifconfigAddress = ifconfigAddress;
        this.keepalive = keepalive;
        this.process = process;
        this.mssfix = mssfix;
        this.sockets = sockets;
        this.fragment = fragment;
    }

    /** Whether {@code config} declares a mesh node: it names mesh peers. */
    public static boolean isMesh(Config config) {
        return config.has("culvert-mesh-peer") || config.has("culvert-mesh-peers");
    }

    /** Reads a mesh configuration the kernel has validated line by line, loads its files, and checks how the lines combine. */
    public static MeshConfig from(Config config) throws ConfigException {
        for (Directive d : config.directives()) {
            MeshRefusals.check(d);
        }
        SecurityConfig serving = SecurityConfig.from(config, Role.SERVER);
        SecurityConfig initiating = SecurityConfig.from(config, Role.CLIENT);
        Directive certLine = config.last("cert").or(() -> config.last("pkcs12")).orElseThrow();
        String ownName = serving.certificateChain().isEmpty() ? null : PeerCertificateName.commonName(serving.certificateChain().get(0));
        if (ownName == null || ownName.isEmpty()) {
            throw new ConfigException(certLine, "this node's certificate has no common name, and a mesh node is known by it",
                    "issue the node a certificate whose CN is its mesh name");
        }
        Optional<Directive> dh = config.last("dh");
        if (dh.isPresent()) {
            DhParameters.check(dh.get());
        }
        List<MeshPeer> declared = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (Directive d : config.all("culvert-mesh-peer")) {
            declared.add(MeshPeerLine.parse(d.where(), d.args()));
            where.add(d.where());
        }
        Optional<Path> peersFile = Optional.empty();
        Optional<Directive> fileLine = config.last("culvert-mesh-peers");
        List<MeshPeer> fromFile = List.of();
        if (fileLine.isPresent()) {
            Directive d = fileLine.get();
            Path path = d.resolve(d.arg(0, "culvert-mesh-peers FILE"));
            MeshPeersFile file = new MeshPeersFile(path);
            file.reload();
            fromFile = file.peers();
            peersFile = Optional.of(path);
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < declared.size(); i++) {
            if (!names.add(declared.get(i).name())) {
                throw new ConfigException(where.get(i), "peer " + declared.get(i).name() + " is declared twice", "keep one line per peer");
            }
        }
        for (MeshPeer p : fromFile) {
            if (names.contains(p.name())) {
                throw new ConfigException(fileLine.get(), "peer " + p.name() + " is declared both in the configuration and in "
                        + peersFile.get(), "keep its line in one of them");
            }
        }
        List<MeshPeer> all = new ArrayList<>(declared);
        all.addAll(fromFile);
        MeshPeer self = all.stream().filter(p -> p.name().equals(ownName)).findFirst().orElseThrow(() -> new ConfigException(certLine,
                "no culvert-mesh-peer line names this node, whose certificate's common name is '" + ownName + "'",
                "add 'culvert-mesh-peer " + ownName + " HOST:PORT NETWORK...' for this node (its listening address and the networks"
                        + " behind it), in the configuration or the peers file"));
        if (self.leaf()) {
            throw new ConfigException(certLine, "this node's own line (" + ownName + ") has no address ('*'): a Culvert mesh node listens",
                    "give its line the HOST:PORT its peers reach it at");
        }
        for (int i = 0; i < declared.size(); i++) {
            if (declared.get(i) != self) {
                TlsTieBreak.side(ownName, declared.get(i), where.get(i));
            }
        }
        Optional<Directive> localLine = config.last("local");
        String proto = config.last("proto").map(d -> d.args().get(0)).orElse("udp");
        Directive at = localLine.or(() -> config.last("proto")).orElse(certLine);
        Listener listener = Listener.of(at, proto, localLine.map(d -> d.args().get(0)).orElse(null), self.port());
        Directive dev = config.last("dev").orElseThrow(() -> new ConfigException("<config>", "no 'dev' directive", "add 'dev tun'"));
        int tunMtu = ServerConfigParser.number(config, "tun-mtu", TunDevice.DEFAULT_MTU);
        TunDevice device = new TunDevice(dev.arg(0, "dev tun"), tunMtu, List.of(), ServerConfigParser.number(config, "txqueuelen", 0));
        Optional<Prefix> ifconfig = Optional.empty();
        int ifconfigAddress = 0;
        Optional<Directive> ifconfigLine = config.last("ifconfig");
        if (ifconfigLine.isPresent()) {
            Directive d = ifconfigLine.get();
            ifconfigAddress = NetworkArgument.literal(d, d.arg(0, IFCONFIG_USAGE), IFCONFIG_USAGE);
            int netmask = NetworkArgument.literal(d, d.arg(1, IFCONFIG_USAGE), IFCONFIG_USAGE);
            int bits = Integer.bitCount(netmask);
            if (netmask != (bits == 0 ? 0 : -1 << (32 - bits)) || bits < 8) {
                throw new ConfigException(d, "'" + d.args().get(1) + "' is not a netmask of a mesh's tunnel network (/8 to /32)",
                        "write a contiguous netmask, e.g. " + IFCONFIG_USAGE);
            }
            int address = ifconfigAddress;
            if (self.prefixes().stream().noneMatch(p -> p.contains(4, 0, address & 0xffffffffL))) {
                throw new ConfigException(d, "the tunnel address " + AddressText.ipv4(address) + " is not in a network this node owns ("
                        + self.prefixes() + "): its peers would drop what it sends from it as spoofed",
                        "add " + AddressText.ipv4(address) + "/32 to this node's culvert-mesh-peer line, on every node");
            }
            ifconfig = Optional.of(Prefix.masked(4, 0, address & 0xffffffffL, bits));
        }
        return new MeshConfig(serving, initiating, ownName, self, declared.stream().filter(p -> p != self).toList(), peersFile, listener,
                device, ifconfig, ifconfigAddress, keepalive(config), ServerConfigParser.process(config), Mssfix.from(config, tunMtu).withData(serving.dataChannel()),
                SocketBufferLines.from(config), FragmentLine.from(config));
    }

    private static Keepalive keepalive(Config config) throws ConfigException {
        Optional<Directive> keepalive = config.last("keepalive");
        if (keepalive.isPresent()) {
            Directive d = keepalive.get();
            return Keepalive.ownOnly(VpnDirectives.seconds(d, d.args().get(0)), VpnDirectives.seconds(d, d.args().get(1)));
        }
        return Keepalive.ownOnly(SecurityConfig.seconds(config, "ping", DEFAULT_PING),
                SecurityConfig.seconds(config, "ping-restart", DEFAULT_PING_RESTART));
    }

    /** {@code data-ciphers}, in the order this node prefers them. */
    public List<DataCipher> dataCiphers() {
        return serving.dataCiphers();
    }

    /** The settings of a session in which this node plays {@code side}: a 2.6 point-to-point session in that TLS role. */
    public SessionSettings sessionSettings(TlsTieBreak.Side side, TlsProvider tls, AeadProvider aead, SecureRandom random, String version) {
        SecurityConfig security = side == TlsTieBreak.Side.SERVES ? serving : initiating;
        CommonSettings common = security.sessionCommon(tls, aead, OccOptionsString.Transport.UDP, random);
        return SessionSettings.forPeerToPeer(FragmentLine.apply(common.withTimers(common.timers().withPing(keepalive.pingSeconds())
                        .withPingRestart(keepalive.pingRestartSeconds())).withTunMtu(device.mtu()), fragment),
                PeerToPeerSettings.announcing(version).withExplicitExitNotify(process.explicitExitNotify()));
    }

    /** Refuses, at its line, a cipher suite or group the TLS module {@code tls} lacks. */
    public void checkTlsModule(TlsProvider tls) throws ConfigException {
        serving.checkTlsModule(tls);
    }

    /** The TLS server side's wrapping, which the pre-authentication gate checks strangers' resets with. */
    public ControlWrapFactory servingWrap() {
        return serving.wrapFactory();
    }

    /** The peers refused for their certificates, across the sessions of both roles. */
    public List<DropCounts> certificateRefusals() {
        return List.of(serving.certificateRefusals(), initiating.certificateRefusals());
    }

    public int handWindowSeconds() {
        return serving.handWindowSeconds();
    }

    /** This node's name: its certificate's common name. */
    public String ownName() {
        return ownName;
    }

    /** This node's own line: where it listens, and the networks it owns. */
    public MeshPeer self() {
        return self;
    }

    /** The peers the configuration's own {@code culvert-mesh-peer} lines declare (not this node). */
    public List<MeshPeer> configuredPeers() {
        return configuredPeers;
    }

    public Optional<Path> peersFile() {
        return peersFile;
    }

    public Listener listener() {
        return listener;
    }

    public TunDevice device() {
        return device;
    }

    /** The TUN device's network ({@code ifconfig ADDRESS NETMASK}), if any. */
    public Optional<Prefix> ifconfig() {
        return ifconfig;
    }

    /** The TUN device's own address, with {@link #ifconfig()}. */
    public int ifconfigAddress() {
        return ifconfigAddress;
    }

    public int pingSeconds() {
        return keepalive.pingSeconds();
    }

    public int pingRestartSeconds() {
        return keepalive.pingRestartSeconds();
    }

    public ProcessSettings process() {
        return process;
    }

    public TransportOptions sockets() {
        return sockets;
    }

    /** The TCP MSS clamp on this node's data plane (UDP outside, the family 2.6 would count for the listener's peers). */
    public int mssClamp() {
        return mssfix.clamp(listener.outerIpv6(), false, false);
    }
}
