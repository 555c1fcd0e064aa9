package dev.culvert.vpn.config;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.spi.config.DirectiveClaim;
import dev.culvert.spi.config.DirectiveHandler;
import dev.culvert.vpn.auth.AuthSettings;
import dev.culvert.vpn.push.DataCiphers;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * Claims the OpenVPN 2.6 directives module-vpn implements for a client (issue 5) and a
 * point-to-point peer ({@code ifconfig}, {@code lport}), the client's username and password
 * ({@code auth-user-pass}, {@code auth-nocache}, {@code auth-retry}, {@code auth-token}), several of which a server takes too ({@code proto}, {@code port}, {@code dev}, the PKI and wrapping, the
 * timers), and checks their arguments as OpenVPN does. The server-only ones are
 * {@link ServerDirectives}'; no directive is claimed by both. The 2.6 options module-vpn does not
 * implement yet are claimed as refused, with that said ({@link VpnFates}).
 */
@Component(service = DirectiveHandler.class)
public final class VpnDirectives implements DirectiveHandler {
    static final Set<String> DIRECTIVES = union(AuthSettings.DIRECTIVES, "client", "pull", "tls-client", "remote", "proto", "port", "rport", "nobind",
            "dev", "dev-type", "ca", "cert", "key", "tls-crypt", "tls-auth", "key-direction", "remote-cert-tls", "data-ciphers", "ncp-ciphers",
            "data-ciphers-fallback", "cipher", "auth", "keepalive", "ping", "ping-restart", "reneg-sec", "hand-window", "tls-timeout",
            "explicit-exit-notify", "persist-key", "persist-tun", "resolv-retry", "tls-version-min", "float", "ifconfig", "lport",
            "reneg-bytes", "remote-random", "connect-retry", "connect-retry-max", "server-poll-timeout", "connect-timeout", "connection",
            "push-peer-info", "sndbuf", "rcvbuf", "ping-exit", "inactive", "txqueuelen", "tls-version-max", "tls-cipher",
            "tls-ciphersuites", "tls-groups", "ecdh-curve", "redirect-gateway", "redirect-private", "route-nopull", "pull-filter", "dhcp-option",
            "extra-certs", "pkcs12", "capath", FragmentLine.NAME, "tls-exit", "route-metric", TlsCryptV2Config.NAME,
            ReplayWindowLine.NAME, "bind", DnsLine.NAME, "session-timeout");
    /** Implemented for a client only: a server or a point-to-point configuration refuses them as not implemented there yet. */
    static final Set<String> CLIENT_ONLY_IMPLEMENTED = Set.of("ping-exit", "inactive", "tls-exit", "route-metric", DnsLine.NAME,
            "session-timeout");
    /** Implemented for a client and a server, not yet for a point-to-point peer, which refuses them. */
    static final Set<String> POINT_TO_POINT_NOT_YET = union(CLIENT_ONLY_IMPLEMENTED, "txqueuelen", TlsCryptV2Config.NAME);
    /** Implemented for a point-to-point peer only: a client or a server configuration refuses them, naming the line. */
    static final Set<String> POINT_TO_POINT_ONLY = Set.of("ifconfig", "lport");
    static final Set<String> PROTOS = Set.of("udp", "udp4", "udp6", "tcp", "tcp-client", "tcp4", "tcp4-client", "tcp6",
            "tcp6-client", "tcp-server", "tcp4-server", "tcp6-server");
    /** Valid here; a client configuration refuses them ({@link ClientConfig}), a server one the {@code -client} forms. */
    static final Set<String> SERVER_PROTOS = Set.of("tcp-server", "tcp4-server", "tcp6-server");
    static final Set<String> CLIENT_PROTOS = Set.of("tcp-client", "tcp4-client", "tcp6-client");
    static final Set<String> AUTH = Set.of("SHA1", "SHA224", "SHA256", "SHA384", "SHA512");

    private static Set<String> union(Set<String> more, String... names) {
        Set<String> all = new java.util.HashSet<>(more);
        all.addAll(List.of(names));
        return Set.copyOf(all);
    }

    @Override
    public String module() {
        return "module-vpn";
    }

    @Override
    public Set<String> directives() {
        return DIRECTIVES;
    }

    /**
     * The OpenVPN options module-vpn would take but does not implement, for a client or a server:
     * a configuration that uses one is refused saying why and what to do ({@link VpnFates}), not
     * "unknown directive".
     */
    @Override
    public List<DirectiveClaim> refused() {
        return VpnFates.refusals();
    }

    /** The OpenVPN options module-vpn accepts without acting on them, each with its reason ({@link VpnFates}). */
    @Override
    public List<DirectiveClaim> noOps() {
        return VpnFates.noOps();
    }

    @Override
    public void check(Directive d) throws ConfigException {
        switch (d.name()) {
            case "client", "pull", "tls-client", "nobind", "persist-key", "persist-tun", "float", "remote-random", "push-peer-info",
                 "route-nopull" -> d.expectArgs(0, 0, d.name());
            case "redirect-gateway", "redirect-private" -> PullOptions.redirectGateway(d);
            case "pull-filter" -> PullOptions.pullFilter(d);
            case "dhcp-option" -> d.expectArgs(1, 2, "dhcp-option TYPE [VALUE], e.g. dhcp-option DNS 10.8.0.1");
            case "connect-retry" -> {
                d.expectArgs(1, 2, "connect-retry SECONDS [MAX], e.g. connect-retry 5 300");
                for (String a : d.args()) {
                    seconds(d, a);
                }
            }
            case "connect-retry-max", "server-poll-timeout", "connect-timeout" -> {
                d.expectArgs(1, 1, d.name() + " N");
                seconds(d, d.args().get(0));
            }
            case "connection" -> {
                if (!d.inline()) {
                    throw new ConfigException(d, "'connection' is a block: <connection> ... </connection>",
                            "write the block's lines between <connection> and </connection>");
                }
            }
            case "auth-user-pass", "auth-nocache", "auth-retry", "auth-token", "auth-token-user" -> AuthSettings.checkLine(d);
            case "remote" -> {
                d.expectArgs(1, 3, "remote HOST [PORT] [udp|tcp-client]");
                if (d.args().size() > 1) {
                    port(d, d.args().get(1));
                }
                if (d.args().size() > 2) {
                    proto(d, d.args().get(2));
                }
            }
            case "proto" -> {
                d.expectArgs(1, 1, "proto udp|tcp-client|tcp-server");
                proto(d, d.args().get(0));
            }
            case "ifconfig" -> {
                d.expectArgs(2, 2, "ifconfig LOCAL REMOTE (a point-to-point peer's TUN addresses), e.g. ifconfig 10.8.0.1 10.8.0.2");
                for (String a : d.args()) {
                    NetworkArgument.literal(d, a, "ifconfig LOCAL REMOTE, e.g. ifconfig 10.8.0.1 10.8.0.2");
                }
            }
            case "port", "rport" -> {
                d.expectArgs(1, 1, d.name() + " PORT");
                port(d, d.args().get(0));
            }
            case "lport" -> {
                d.expectArgs(1, 1, "lport PORT");
                localPort(d, d.args().get(0));
            }
            case "dev" -> {
                d.expectArgs(1, 1, "dev tun");
                String dev = d.args().get(0);
                if (dev.startsWith("tap")) {
                    throw new ConfigException(d, "'dev " + dev + "' asks for a layer-2 (tap) tunnel, which Culvert does not implement",
                            "use 'dev tun' on both peers");
                }
                if (!dev.startsWith("tun")) {
                    throw new ConfigException(d, "'dev " + dev + "' is neither tun nor tap", "write 'dev tun' (or 'dev NAME' with 'dev-type tun')");
                }
            }
            case "dev-type" -> {
                d.expectArgs(1, 1, "dev-type tun");
                if (!d.args().get(0).equals("tun")) {
                    throw new ConfigException(d, "'dev-type " + d.args().get(0) + "' is not supported", "only 'dev-type tun' is implemented");
                }
            }
            case "capath" -> d.expectArgs(1, 1, "capath DIR");
            case "ca", "cert", "key", "extra-certs", "pkcs12" -> d.expectArgs(1, 1, d.name() + " FILE (or an inline <" + d.name() + "> block)");
            case "tls-crypt" -> d.expectArgs(1, 1, "tls-crypt FILE (or an inline <tls-crypt> block)");
            case ReplayWindowLine.NAME -> ReplayWindowLine.parse(d);
            case DnsLine.NAME -> DnsLine.check(d);
            case "bind" -> {
                // A server and a point-to-point peer always bind, as in 2.6; a client binds when asked (LocalBind).
                d.expectArgs(0, 1, "bind");
                if (!d.args().isEmpty()) {
                    if (d.args().get(0).equals("ipv6only")) {
                        throw new ConfigException(d, "'bind ipv6only' sets IPV6_V6ONLY, which the node does not set",
                                "write 'bind' alone; to take IPv6 only, listen on an IPv6 address with 'local'");
                    }
                    throw new ConfigException(d, "unknown bind flag '" + d.args().get(0) + "'", "the only flag is 'ipv6only'");
                }
            }
            case TlsCryptV2Config.NAME -> d.expectArgs(1, 2, "tls-crypt-v2 FILE [force-cookie|allow-noncookie] (or an inline <tls-crypt-v2> block)");
            case "tls-auth" -> {
                d.expectArgs(1, 2, "tls-auth FILE [0|1]");
                if (d.args().size() == 2) {
                    direction(d, d.args().get(1));
                }
            }
            case "key-direction" -> {
                d.expectArgs(1, 1, "key-direction 0|1");
                direction(d, d.args().get(0));
            }
            case "remote-cert-tls" -> {
                d.expectArgs(1, 1, "remote-cert-tls server|client");
                if (!d.args().get(0).equals("server") && !d.args().get(0).equals("client")) {
                    throw new ConfigException(d, "bad remote-cert-tls '" + d.args().get(0) + "'", "it must be 'server' (on a client) or 'client'");
                }
            }
            case "data-ciphers", "ncp-ciphers", "data-ciphers-fallback", "cipher" -> DataCipherConfig.check(d);
            case "auth" -> {
                d.expectArgs(1, 1, "auth SHA1|SHA224|SHA256|SHA384|SHA512");
                if (!AUTH.contains(d.args().get(0).toUpperCase(java.util.Locale.ROOT))) {
                    throw new ConfigException(d, "unsupported auth digest '" + d.args().get(0) + "'", "use SHA1, SHA224, SHA256, SHA384 or SHA512");
                }
            }
            case "keepalive" -> {
                d.expectArgs(2, 2, "keepalive PING PING-RESTART");
                int ping = seconds(d, d.args().get(0));
                int restart = seconds(d, d.args().get(1));
                if (ping < 1 || restart < 2 * ping) {
                    throw new ConfigException(d, "keepalive " + ping + " " + restart + ": ping-restart must be at least twice ping",
                            "e.g. keepalive 10 60");
                }
            }
            case "sndbuf", "rcvbuf" -> SocketBufferLines.check(d);
            case FragmentLine.NAME -> FragmentLine.check(d);
            case "tls-exit" -> d.expectArgs(0, 0, "tls-exit");
            case "route-metric" -> {
                d.expectArgs(1, 1, "route-metric M (the metric of the routes that name none), e.g. route-metric 100");
                number(d, d.args().get(0), "route metric");
            }
            case "txqueuelen" -> {
                d.expectArgs(1, 1, "txqueuelen N (the TUN device's transmit queue length; 0 leaves the kernel's), e.g. txqueuelen 1000");
                number(d, d.args().get(0), "queue length");
            }
            case "reneg-bytes" -> {
                d.expectArgs(1, 1, "reneg-bytes N (renegotiate after N data-channel bytes, both ways)");
                number(d, d.args().get(0), "number of bytes");
            }
            case "inactive" -> ExitTimers.inactiveSeconds(d);
            case "ping", "ping-restart", "ping-exit", "reneg-sec", "hand-window", "tls-timeout", "session-timeout" -> {
                d.expectArgs(1, 1, d.name() + " SECONDS");
                int v = seconds(d, d.args().get(0));
                if ((d.name().equals("hand-window") || d.name().equals("tls-timeout")) && v < 1) {
                    throw new ConfigException(d, d.name() + " must be at least 1", "e.g. " + d.name() + (d.name().equals("hand-window") ? " 60" : " 2"));
                }
            }
            case "explicit-exit-notify" -> {
                d.expectArgs(0, 1, "explicit-exit-notify [N]");
                if (d.args().size() == 1) {
                    seconds(d, d.args().get(0));
                }
            }
            case "resolv-retry" -> {
                d.expectArgs(1, 1, "resolv-retry SECONDS|infinite");
                if (!d.args().get(0).equals("infinite")) {
                    seconds(d, d.args().get(0));
                }
            }
            case "tls-version-min" -> {
                d.expectArgs(1, 2, "tls-version-min 1.0|1.1|1.2|1.3 [or-highest]");
                if (d.args().size() == 2 && !d.args().get(1).equals("or-highest")) {
                    throw new ConfigException(d, "unknown tls-version-min flag '" + d.args().get(1) + "'", "the only flag is 'or-highest'");
                }
                tlsVersionMin(d, false);
            }
            case "tls-version-max" -> {
                d.expectArgs(1, 1, "tls-version-max 1.2|1.3");
                tlsVersion(d, d.args().get(0));
            }
            case "tls-cipher", "tls-ciphersuites", "tls-groups", "ecdh-curve" -> TlsAlgorithmsConfig.checkLine(d);
            default -> throw new ConfigException(d, "module-vpn does not take '" + d.name() + "'",
                    "this is a bug in module-vpn; please report it with the line");
        }
    }

    static int port(Directive d, String text) throws ConfigException {
        int p = number(d, text, "port");
        if (p < 1 || p > 65535) {
            throw new ConfigException(d, "port " + text + " is out of range", "use a port from 1 to 65535, e.g. 1194");
        }
        return p;
    }

    /**
     * A local port: 1..65535, or 0 for one the kernel picks (2.6 binds to port 0 as written; OPNsense's
     * client exports say {@code lport 0}).
     */
    static int localPort(Directive d, String text) throws ConfigException {
        return text.equals("0") ? 0 : port(d, text);
    }

    static String proto(Directive d, String text) throws ConfigException {
        if (!PROTOS.contains(text)) {
            throw new ConfigException(d, "unknown protocol '" + text + "'",
                    "use udp, udp4, udp6, tcp (tcp-client on a client, tcp-server on a server), or their 4/6 forms");
        }
        if (d.name().equals("remote") && SERVER_PROTOS.contains(text)) {
            throw new ConfigException(d, "'" + text + "' is the server side of TCP", "a client uses 'tcp-client' (or 'tcp')");
        }
        return text;
    }

    static int direction(Directive d, String text) throws ConfigException {
        if (!text.equals("0") && !text.equals("1")) {
            throw new ConfigException(d, "key direction '" + text + "' must be 0 or 1", "a client normally uses 1, its server 0");
        }
        return text.charAt(0) - '0';
    }

    static int seconds(Directive d, String text) throws ConfigException {
        int v = number(d, text, "number of seconds");
        if (v < 0) {
            throw new ConfigException(d, d.name() + " must not be negative", "use 0 or more seconds");
        }
        return v;
    }

    static String tlsVersion(Directive d, String text) throws ConfigException {
        return switch (text) {
            case "1.2" -> "TLSv1.2";
            case "1.3" -> "TLSv1.3";
            default -> throw new ConfigException(d, d.name() + " " + text + " is not supported",
                    "use 1.2 or 1.3 (Culvert needs at least TLS 1.2; OpenVPN 2.6 with OpenSSL 3 does too)");
        };
    }

    /**
     * {@code tls-version-min}'s least TLS version. 1.0 and 1.1 are taken as 1.2: the TLS modules
     * have nothing older, as OpenSSL 3 (2.6's library) has nothing older at its default security
     * level, so a minimum below 1.2 allows what 2.6 then allows. With {@code or-highest} a version
     * 2.6 does not know means the highest, 1.3.
     *
     * @param warn log that 1.0 or 1.1 is taken as 1.2 (once, when the configuration is loaded)
     */
    static String tlsVersionMin(Directive d, boolean warn) throws ConfigException {
        String text = d.args().get(0);
        boolean orHighest = d.args().size() == 2;
        return switch (text) {
            case "1.0", "1.1" -> {
                if (warn) {
                    System.getLogger(VpnDirectives.class.getName()).log(System.Logger.Level.WARNING, d.where() + ": tls-version-min " + text
                            + " allows TLS 1.2 and 1.3 here: the TLS modules have no older version, as OpenSSL 3 at its default"
                            + " security level has none");
                }
                yield "TLSv1.2";
            }
            case "1.2", "1.3" -> tlsVersion(d, text);
            default -> {
                if (orHighest) {
                    yield "TLSv1.3";
                }
                throw new ConfigException(d, "tls-version-min " + text + " is not a TLS version", "use 1.2 or 1.3, or add 'or-highest'");
            }
        };
    }

    static int number(Directive d, String text, String what) throws ConfigException {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ConfigException(d, "'" + text + "' is not a " + what, "write a whole number");
        }
        return Integer.parseInt(text);
    }
}
