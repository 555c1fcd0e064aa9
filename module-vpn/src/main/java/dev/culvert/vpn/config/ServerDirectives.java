package dev.culvert.vpn.config;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.spi.config.DirectiveClaim;
import dev.culvert.spi.config.DirectiveHandler;
import dev.culvert.spi.route.AddressText;
import dev.culvert.spi.route.Prefix;
import dev.culvert.vpn.pool.Ipv6Pool;
import dev.culvert.vpn.push.PushReplyBuilder;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * Claims the OpenVPN 2.6 directives of a multi-client server that module-vpn implements, and
 * checks each one's arguments as 2.6 does ({@link ServerConfig} checks how they combine). The
 * directives a client takes too are {@link VpnDirectives}'; {@code route}, {@code topology},
 * {@code client-to-client} and {@code iroute} are module-routing's, {@code verb}, {@code mute} and
 * {@code culvert-workers} the kernel's. Every name is claimed by exactly one handler: the kernel
 * gives a doubly claimed name to whichever handler it meets first, so overlap would silently
 * bypass one of the checks.
 *
 * <p>A few are claimed only to refuse them with a better fix than the kernel's generic "not
 * implemented": {@code mode p2p}; {@code ifconfig-ipv6-push}
 * is claimed so that the server's own configuration can point it to client-config-dir.
 */
@Component(service = DirectiveHandler.class)
public final class ServerDirectives implements DirectiveHandler {
    /** Directives that only make sense on a server; a client configuration refuses them. */
    static final Set<String> SERVER_ONLY = Set.of("mode", "server", "server-ipv6", "tls-server", "dh", "ifconfig-pool-persist",
            "client-config-dir", "ccd-exclusive", "duplicate-cn", "push", "max-clients", "connect-freq", "connect-freq-initial",
            "culvert-listen", "ifconfig-ipv6-push", "ifconfig-ipv6-pool", UserAuthConfig.VERIFY, UserAuthConfig.OPTIONAL,
            UserAuthConfig.AS_COMMON_NAME, HookScripts.CONNECT, HookScripts.DISCONNECT, HookScripts.LEARN_ADDRESS, HookScripts.TLS_CRYPT_V2_VERIFY,
            ManagementConfig.CLIENT_AUTH, AuthTokenConfig.NAME, AuthTokenConfig.SECRET, VerifyClientCert.NAME);
    /**
     * Valid on both sides in 2.6 (culvert-metrics: Culvert's own), implemented by Culvert's server only (a client refuses them
     * as not implemented yet).
     */
    static final Set<String> SERVER_IMPLEMENTED = Set.of("local", "status", "status-version", "user", "group", "tun-mtu",
            "ifconfig-ipv6", ManagementConfig.NAME, ManagementConfig.LOG_CACHE, MetricsConfig.NAME, ManagementConfig.HOLD,
            ManagementConfig.QUERY_PASSWORDS);
    /** Accepted by both sides: the level and the directory of scripts, which only a server's scripts use yet. */
    static final Set<String> EITHER = Set.of(UserAuthConfig.SCRIPT_SECURITY, UserAuthConfig.TMP_DIR, TunScripts.UP, TunScripts.DOWN,
            TunScripts.ROUTE_UP, TunScripts.ROUTE_PRE_DOWN, TunScripts.IPCHANGE);
    /** Server-only options refused outright (none at present; {@link #check} refuses some arguments). */
    static final List<DirectiveClaim> REFUSED = List.of();
    static final Set<String> DIRECTIVES = withoutRefused(union(SERVER_ONLY, SERVER_IMPLEMENTED, EITHER));
    /** {@code culvert-listen} protocols. */
    static final Set<String> LISTEN_PROTOS = Set.of("udp", "udp4", "udp6", "tcp-server", "tcp4-server", "tcp6-server");
    /** 2.6's IFCONFIG_POOL_MIN_NETBITS: a {@code server} network may not be larger than a /16. */
    static final int MIN_SERVER_BITS = 16;
    /** 2.6 with {@code dev tun}: the network must leave room for the server and a client, a /29 at most. */
    static final int MAX_SERVER_BITS = 29;
    static final int MIN_TUN_MTU = 100;

    static final String CONNECT_FREQ_INITIAL_USAGE =
            "connect-freq-initial N SECONDS (answer at most N new UDP clients' first packets every SECONDS; default 100 10)";

    private static final String SERVER_USAGE = "server NETWORK NETMASK ['nopool'], e.g. server 10.8.0.0 255.255.255.0";
    static final String SERVER_IPV6_USAGE = "server-ipv6 NETWORK/BITS, e.g. server-ipv6 fd00:8::/64";
    static final String IFCONFIG_IPV6_USAGE = "ifconfig-ipv6 ADDRESS/BITS REMOTE, e.g. ifconfig-ipv6 fd00:8::1/64 fd00:8::2";
    static final String IFCONFIG_IPV6_POOL_USAGE = "ifconfig-ipv6-pool ADDRESS/BITS, e.g. ifconfig-ipv6-pool fd00:8::1000/64";
    static final String IFCONFIG_IPV6_PUSH_USAGE = "ifconfig-ipv6-push ADDRESS/BITS [REMOTE], e.g. ifconfig-ipv6-push fd00:8::10/64";

    @Override
    public String module() {
        return "module-vpn";
    }

    @Override
    public Set<String> directives() {
        return DIRECTIVES;
    }

    @Override
    public List<DirectiveClaim> refused() {
        return REFUSED;
    }

    @Override
    public void check(Directive d) throws ConfigException {
        switch (d.name()) {
            case "mode" -> {
                d.expectArgs(1, 1, "mode server");
                mode(d);
            }
            case "server" -> serverNetwork(d);
            case "server-ipv6" -> serverNetwork6(d);
            case "ifconfig-ipv6-push" -> ifconfigIpv6Push(d);
            case "ifconfig-ipv6" -> ifconfigIpv6(d);
            case "ifconfig-ipv6-pool" -> ifconfigIpv6Pool(d);
            case "tls-server", "ccd-exclusive", "duplicate-cn" -> d.expectArgs(0, 0, d.name());
            case "local" -> {
                d.expectArgs(1, 1, "local ADDRESS, e.g. local 192.0.2.1 (or a host name)");
                localAddress(d, d.args().get(0), 0);
            }
            case "dh" -> d.expectArgs(1, 1, "dh none (or dh FILE: a PEM 'DH PARAMETERS' file, unused with ECDHE)");
            case "ifconfig-pool-persist" -> {
                d.expectArgs(1, 2, "ifconfig-pool-persist FILE [SECONDS]");
                if (d.args().size() == 2) {
                    VpnDirectives.seconds(d, d.args().get(1));
                }
            }
            case "client-config-dir" -> d.expectArgs(1, 1, "client-config-dir DIR");
            case "push" -> {
                d.expectArgs(1, 1, "push \"OPTION ARGS\", e.g. push \"route 192.168.10.0 255.255.255.0\"");
                pushOption(d, d.args().get(0));
            }
            case "max-clients" -> {
                d.expectArgs(1, 1, "max-clients N");
                if (VpnDirectives.number(d, d.args().get(0), "number of clients") < 1) {
                    throw new ConfigException(d, "--max-clients must be at least 1", "e.g. max-clients 100");
                }
            }
            case "connect-freq" -> {
                d.expectArgs(2, 2, "connect-freq N SECONDS (at most N new connections every SECONDS)");
                VpnDirectives.number(d, d.args().get(0), "number of connections");
                VpnDirectives.seconds(d, d.args().get(1));
            }
            case "connect-freq-initial" -> {
                // 2.6 takes 0 for either: no answers at all, or a new window every second.
                d.expectArgs(2, 2, CONNECT_FREQ_INITIAL_USAGE);
                VpnDirectives.number(d, d.args().get(0), "number of answers");
                VpnDirectives.number(d, d.args().get(1), "seconds");
            }
            case ManagementConfig.NAME, ManagementConfig.LOG_CACHE, ManagementConfig.CLIENT_AUTH, ManagementConfig.HOLD,
                 ManagementConfig.QUERY_PASSWORDS -> ManagementConfig.check(d);
            case MetricsConfig.NAME -> MetricsConfig.check(d);
            case "status" -> {
                d.expectArgs(1, 2, "status FILE [SECONDS]");
                if (d.args().size() == 2) {
                    VpnDirectives.seconds(d, d.args().get(1));
                }
            }
            case "status-version" -> {
                d.expectArgs(1, 1, "status-version 1|2|3");
                int v = VpnDirectives.number(d, d.args().get(0), "status file format");
                if (v < 1 || v > 3) {
                    throw new ConfigException(d, "status-version must be 1, 2 or 3", "write status-version 1 (2.6's default), 2 or 3");
                }
            }
            case "user", "group" -> d.expectArgs(1, 1, d.name() + " NAME");
            case "tun-mtu" -> {
                d.expectArgs(1, 1, "tun-mtu N, e.g. tun-mtu 1500");
                int mtu = VpnDirectives.number(d, d.args().get(0), "MTU");
                if (mtu < MIN_TUN_MTU || mtu > 65535) {
                    throw new ConfigException(d, "tun-mtu " + mtu + " is out of range", "use " + MIN_TUN_MTU + " to 65535; 1500 is the default");
                }
            }
            case UserAuthConfig.VERIFY, UserAuthConfig.OPTIONAL, UserAuthConfig.AS_COMMON_NAME, UserAuthConfig.SCRIPT_SECURITY,
                 UserAuthConfig.TMP_DIR -> UserAuthConfig.check(d);
            case HookScripts.CONNECT, HookScripts.DISCONNECT, HookScripts.LEARN_ADDRESS, HookScripts.TLS_CRYPT_V2_VERIFY -> HookScripts.check(d);
            case AuthTokenConfig.NAME, AuthTokenConfig.SECRET -> AuthTokenConfig.check(d);
            case TunScripts.UP, TunScripts.DOWN, TunScripts.ROUTE_UP, TunScripts.ROUTE_PRE_DOWN, TunScripts.IPCHANGE -> TunScripts.check(d);
            case VerifyClientCert.NAME -> VerifyClientCert.check(d);
            case "culvert-listen" -> listen(d);
            default -> throw new ConfigException(d, "module-vpn's server does not take '" + d.name() + "'",
                    "this is a bug in module-vpn; please report it with the line");
        }
    }

    /** {@code mode server}; {@code mode p2p} is refused as not implemented. */
    static void mode(Directive d) throws ConfigException {
        switch (d.args().get(0)) {
            case "server" -> { }
            case "p2p" -> throw new ConfigException(d, "'mode p2p' (a TLS point-to-point peer) is not implemented yet",
                    "run a server ('server NETWORK NETMASK') and connect the other peer as a client");
            default -> throw new ConfigException(d, "bad mode '" + d.args().get(0) + "'", "write 'mode server'");
        }
    }

    /**
     * {@code server NETWORK NETMASK [nopool]} as {network, netmask}, checked as 2.6's helper
     * checks it with {@code dev tun}: a contiguous netmask, no host bits in the network, from a
     * /16 to a /29.
     */
    static int[] serverNetwork(Directive d) throws ConfigException {
        d.expectArgs(2, 3, SERVER_USAGE);
        if (d.args().size() == 3 && !d.args().get(2).equals("nopool")) {
            throw new ConfigException(d, "unknown 'server' flag '" + d.args().get(2) + "'", "the only flag is 'nopool'; write it as: " + SERVER_USAGE);
        }
        int network = ipv4(d, d.args().get(0), "network");
        int netmask = ipv4(d, d.args().get(1), "netmask");
        int bits = Integer.bitCount(netmask);
        if (Prefix.ipv4Mask(bits) != (netmask & 0xffffffffL)) {
            throw new ConfigException(d, "--server directive netmask " + d.args().get(1) + " is invalid: its one bits are not contiguous",
                    "write a netmask such as 255.255.255.0, as in: " + SERVER_USAGE);
        }
        if ((network & ~netmask) != 0) {
            throw new ConfigException(d, "--server directive network/netmask combination is invalid: " + d.args().get(0)
                    + " has host bits set for netmask " + d.args().get(1),
                    "write the network address: 'server " + AddressText.ipv4(network & netmask) + " " + d.args().get(1) + "'");
        }
        if (bits < MIN_SERVER_BITS) {
            throw new ConfigException(d, "--server directive netmask allows for too many host addresses (subnet must be "
                    + AddressText.ipv4((int) Prefix.ipv4Mask(MIN_SERVER_BITS)) + " or higher)", "use a /16 (255.255.0.0) or a smaller network");
        }
        if (bits > MAX_SERVER_BITS) {
            throw new ConfigException(d, "--server directive when used with --dev tun must define a subnet of "
                    + AddressText.ipv4((int) Prefix.ipv4Mask(MAX_SERVER_BITS)) + " or lower",
                    "use a larger network, e.g. 255.255.255.0 (/24)");
        }
        return new int[] {network, netmask};
    }

    /** {@code server-ipv6 NETWORK/BITS}, checked as 2.6's helper checks it: /64 to /124, no host bits. */
    static TunnelNetwork6 serverNetwork6(Directive d) throws ConfigException {
        d.expectArgs(1, 1, SERVER_IPV6_USAGE);
        String text = d.args().get(0);
        if (text.indexOf('/') < 0) {
            throw new ConfigException(d, "server-ipv6 '" + text + "' has no prefix length", "write it as: " + SERVER_IPV6_USAGE);
        }
        NetworkArgument.Ipv6Text written = NetworkArgument.ipv6Unmasked(d, 0, SERVER_IPV6_USAGE);
        if (written.length() < TunnelNetwork6.MIN_BITS || written.length() > TunnelNetwork6.MAX_BITS) {
            throw new ConfigException(d, "--server-ipv6 settings: network must be between /" + TunnelNetwork6.MIN_BITS + " and /"
                    + TunnelNetwork6.MAX_BITS + " (not /" + written.length() + ")", "use e.g. a /64, as in: " + SERVER_IPV6_USAGE);
        }
        Prefix network = written.network();
        if (network.hi() != written.hi() || network.lo() != written.lo()) {
            throw new ConfigException(d, "--server-ipv6 network " + text + " has host bits set",
                    "write the network address: 'server-ipv6 " + network + "'");
        }
        return new TunnelNetwork6(network.hi(), network.lo(), network.length());
    }

    /**
     * {@code ifconfig-ipv6-push ADDRESS/BITS [REMOTE]} of a client-config-dir file: the client's
     * address with the length it is pushed with, and the remote end if given.
     */
    public static IfconfigIpv6 ifconfigIpv6Push(Directive d) throws ConfigException {
        d.expectArgs(1, 2, IFCONFIG_IPV6_PUSH_USAGE);
        if (d.args().get(0).indexOf('/') < 0) {
            throw new ConfigException(d, "ifconfig-ipv6-push '" + d.args().get(0) + "' has no prefix length", "write it as: " + IFCONFIG_IPV6_PUSH_USAGE);
        }
        NetworkArgument.Ipv6Text local = NetworkArgument.ipv6Unmasked(d, 0, IFCONFIG_IPV6_PUSH_USAGE);
        Prefix remote = null;
        if (d.args().size() == 2) {
            if (d.args().get(1).indexOf('/') >= 0) {
                throw new ConfigException(d, "ifconfig-ipv6-push's remote '" + d.args().get(1) + "' is an address, not a network",
                        "write it without a prefix length, as in: " + IFCONFIG_IPV6_PUSH_USAGE);
            }
            remote = NetworkArgument.ipv6Unmasked(d, 1, IFCONFIG_IPV6_PUSH_USAGE).host();
        }
        return new IfconfigIpv6(local.host(), local.length(), remote);
    }

    /**
     * A server's {@code ifconfig-ipv6 ADDRESS/BITS REMOTE}: its own tunnel address and the length
     * pushed with clients' pool addresses, checked as 2.6's {@code add_option} checks it (/64 to
     * /124, both addresses valid); REMOTE is only checked, a tun server has no use for it.
     */
    static TunnelNetwork6 ifconfigIpv6(Directive d) throws ConfigException {
        d.expectArgs(2, 2, IFCONFIG_IPV6_USAGE);
        if (d.args().get(0).indexOf('/') < 0) {
            throw new ConfigException(d, "ifconfig-ipv6 '" + d.args().get(0) + "' has no prefix length", "write it as: " + IFCONFIG_IPV6_USAGE);
        }
        NetworkArgument.Ipv6Text local = NetworkArgument.ipv6Unmasked(d, 0, IFCONFIG_IPV6_USAGE);
        if (local.length() < TunnelNetwork6.MIN_BITS || local.length() > TunnelNetwork6.MAX_BITS) {
            throw new ConfigException(d, "ifconfig-ipv6: /netbits must be between " + TunnelNetwork6.MIN_BITS + " and " + TunnelNetwork6.MAX_BITS
                    + ", not '/" + local.length() + "'", "use e.g. a /64, as in: " + IFCONFIG_IPV6_USAGE);
        }
        if (d.args().get(1).indexOf('/') >= 0) {
            throw new ConfigException(d, "ifconfig-ipv6's remote '" + d.args().get(1) + "' is a network, not an address", "write it as: " + IFCONFIG_IPV6_USAGE);
        }
        NetworkArgument.ipv6Unmasked(d, 1, IFCONFIG_IPV6_USAGE);
        return TunnelNetwork6.explicit(local.host(), local.length(), java.util.Optional.empty());
    }

    /**
     * {@code ifconfig-ipv6-pool ADDRESS/BITS}, checked as 2.6 checks it: /64 to /124, and at least
     * two addresses from ADDRESS to the network's end in a /112 or smaller.
     */
    static Ipv6Pool ifconfigIpv6Pool(Directive d) throws ConfigException {
        d.expectArgs(1, 1, IFCONFIG_IPV6_POOL_USAGE);
        if (d.args().get(0).indexOf('/') < 0) {
            throw new ConfigException(d, "ifconfig-ipv6-pool '" + d.args().get(0) + "' has no prefix length", "write it as: " + IFCONFIG_IPV6_POOL_USAGE);
        }
        NetworkArgument.Ipv6Text base = NetworkArgument.ipv6Unmasked(d, 0, IFCONFIG_IPV6_POOL_USAGE);
        if (base.length() < Ipv6Pool.MIN_BITS || base.length() > Ipv6Pool.MAX_BITS) {
            throw new ConfigException(d, "--ifconfig-ipv6-pool settings: network must be between /" + Ipv6Pool.MIN_BITS + " and /"
                    + Ipv6Pool.MAX_BITS + " (not /" + base.length() + ")", "use e.g. a /64, as in: " + IFCONFIG_IPV6_POOL_USAGE);
        }
        try {
            return Ipv6Pool.of(base.hi(), base.lo(), base.length());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(d, e.getMessage() + " ('" + d.args().get(0) + "' leaves fewer than 2 addresses before the end of its /"
                    + base.length() + ")", "start the pool lower, or give it a larger network, as in: " + IFCONFIG_IPV6_POOL_USAGE);
        }
    }

    /** {@code culvert-listen PROTO [ADDRESS] PORT}: the protocol, the address literal or null, the port. */
    static Listener listen(Directive d) throws ConfigException {
        d.expectArgs(2, 3, "culvert-listen udp|udp4|udp6|tcp-server|tcp4-server|tcp6-server [ADDRESS] PORT");
        String proto = d.args().get(0);
        if (!LISTEN_PROTOS.contains(proto)) {
            throw new ConfigException(d, "culvert-listen protocol '" + proto + "' is not one a server listens with",
                    "use udp, udp4, udp6, tcp-server, tcp4-server or tcp6-server");
        }
        String address = d.args().size() == 3 ? d.args().get(1) : null;
        int port = VpnDirectives.port(d, d.args().get(d.args().size() - 1));
        return Listener.of(d, proto, address, port);
    }

    /**
     * {@code local}'s address: a literal, or a host name resolved now, as 2.6 resolves it, to its
     * first address of the family {@code family} asks (4, 6, or 0 for either).
     */
    static java.net.InetAddress localAddress(Directive d, String text, int family) throws ConfigException {
        if (text.indexOf(':') >= 0 || text.matches("[0-9.]+")) {
            return address(d, text, family);
        }
        java.net.InetAddress[] all;
        try {
            all = java.net.InetAddress.getAllByName(text);
        } catch (java.net.UnknownHostException | SecurityException e) {
            throw new ConfigException(d, "the host name '" + text + "' does not resolve", "write an address literal such as 192.0.2.1,"
                    + " or a name the resolver knows (/etc/hosts or DNS)");
        }
        for (java.net.InetAddress a : all) {
            if (family == 0 || (family == 4) == (a instanceof java.net.Inet4Address)) {
                return a;
            }
        }
        throw new ConfigException(d, "the host name '" + text + "' has no IPv" + family + " address", "name a host with one, or drop the "
                + family + " from the protocol");
    }

    /** An address literal of the family {@code family} asks (4, 6, or 0 for either); never a host name. */
    static java.net.InetAddress address(Directive d, String text, int family) throws ConfigException {
        boolean v6 = text.indexOf(':') >= 0;
        try {
            if (v6) {
                if (family == 4) {
                    throw new ConfigException(d, "'" + text + "' is an IPv6 address, and the protocol is IPv4 only", "write an IPv4 address, or drop the 4 from the protocol");
                }
                long[] a = AddressText.parseIpv6(text);
                byte[] bytes = new byte[16];
                for (int i = 0; i < 8; i++) {
                    bytes[i] = (byte) (a[0] >>> (56 - 8 * i));
                    bytes[8 + i] = (byte) (a[1] >>> (56 - 8 * i));
                }
                return java.net.InetAddress.getByAddress(bytes);
            }
            if (family == 6) {
                throw new ConfigException(d, "'" + text + "' is not an IPv6 address, and the protocol is IPv6 only", "write an IPv6 address, or drop the 6 from the protocol");
            }
            int a = AddressText.parseIpv4(text);
            return java.net.InetAddress.getByAddress(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a});
        } catch (IllegalArgumentException | java.net.UnknownHostException e) {
            throw new ConfigException(d, "'" + text + "' is not an IP address", "write an address literal such as 192.0.2.1 or 2001:db8::1 (Culvert does not resolve names to listen on)");
        }
    }

    /** The text of a {@code push} line (in the configuration or a client-config-dir file), checked that a PUSH_REPLY can carry it. */
    public static String pushOption(Directive d, String option) throws ConfigException {
        try {
            new PushReplyBuilder().push(option);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(d, "'push \"" + option + "\"' cannot be sent: a pushed option is printable ASCII without commas and fits one "
                    + PushReplyBuilder.MAX_MESSAGE + "-byte PUSH_REPLY", "write one option per push line, e.g. push \"route 192.168.10.0 255.255.255.0\"");
        }
        return option;
    }

    private static int ipv4(Directive d, String text, String what) throws ConfigException {
        try {
            return AddressText.parseIpv4(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(d, "server " + what + " '" + text + "' is not an IPv4 address", "write it as: " + SERVER_USAGE);
        }
    }

    private static Set<String> withoutRefused(Set<String> names) {
        Set<String> implemented = new java.util.HashSet<>(names);
        REFUSED.forEach(claim -> implemented.remove(claim.name()));
        return Set.copyOf(implemented);
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        java.util.Set<String> all = new java.util.HashSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return Set.copyOf(all);
    }
}
