package dev.culvert.vpn.config;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import java.util.List;
import java.util.Set;

/**
 * The lines a mesh node's configuration refuses, each with why and the fix: they pick another
 * role, give addresses or routes that the mesh's peer lines give, or assume one TLS role per node
 * where a mesh node plays both ({@link dev.culvert.vpn.mesh.TlsTieBreak}).
 */
final class MeshRefusals {
    private record Group(Set<String> names, String why, String fix) {
    }

    private static final List<Group> GROUPS = List.of(
            new Group(Set.of("server", "server-ipv6", "mode", "client", "pull", "tls-server", "tls-client"),
                    "picks another role: a mesh node is the TLS server towards some peers and the TLS client towards others,"
                            + " by the rule of its peers' names", "remove the line; the culvert-mesh-peer lines make this a mesh node"),
            new Group(Set.of("remote", "rport", "lport", "port", "nobind", "float", "remote-random", "connection", "connect-retry",
                    "connect-retry-max", "server-poll-timeout", "connect-timeout", "culvert-listen"),
                    "gives an address or a port, and a mesh node's come from the culvert-mesh-peer lines (its own line's port is"
                            + " where it listens)", "remove the line; write each node's HOST:PORT in its culvert-mesh-peer line"),
            new Group(Set.of("route", "route-ipv6", "iroute", "iroute-ipv6", "client-to-client", "topology", "push", "redirect-gateway", "redirect-private",
                    "dhcp-option", "route-nopull", "pull-filter", "route-metric", "ifconfig-push", "ifconfig-ipv6", "ifconfig-ipv6-push",
                    "ifconfig-ipv6-pool", "ifconfig-pool-persist", "client-config-dir", "ccd-exclusive", "duplicate-cn",
                    "max-clients", "connect-freq", "connect-freq-initial"),
                    "routes or addresses clients, and a mesh routes by the networks each culvert-mesh-peer line names",
                    "remove the line; name each network on its owner's culvert-mesh-peer line"),
            new Group(Set.of("remote-cert-tls"),
                    "would refuse half of the peers: a mesh node is a TLS server to some and a TLS client to others, and each"
                            + " peer's certificate is already held to its name (its common name must be its line's NAME)",
                    "remove the line"),
            new Group(Set.of("key-direction"),
                    "fixes one tls-auth direction per node, and a mesh node plays both TLS roles",
                    "use 'tls-crypt' on every node, or 'tls-auth FILE' without a direction"),
            new Group(Set.of("tls-crypt-v2"),
                    "gives a client and a server different keys, and a mesh node plays both TLS roles",
                    "use 'tls-crypt' with one key on every node"),
            new Group(Set.of("compress", "comp-lzo", "allow-compression"),
                    "compression is not implemented for a mesh node", "remove the line on every node"),
            new Group(Set.of("auth-user-pass", "auth-token", "auth-token-user", "push-peer-info", "ping-exit", "inactive", "tls-exit",
                    "session-timeout", "dns",
                    "status", "status-version", MetricsConfig.NAME, TunScripts.UP, TunScripts.DOWN, TunScripts.ROUTE_UP,
                    TunScripts.ROUTE_PRE_DOWN, TunScripts.IPCHANGE, CertificateScripts.TLS_VERIFY, CertificateScripts.EXPORT_CERT,
                    CertificateScripts.X509_TRACK),
                    "is not implemented for a mesh node (culvert:sessions lists its peers)", "remove the line"));

    private MeshRefusals() {
    }

    /** Refuses {@code d} if a mesh node cannot honour it. */
    static void check(Directive d) throws ConfigException {
        for (Group g : GROUPS) {
            if (g.names().contains(d.name())) {
                throw new ConfigException(d, "'" + d.name() + "' " + g.why(), g.fix());
            }
        }
        if (d.name().equals("tls-auth") && !d.inline() && d.args().size() > 1) {
            throw new ConfigException(d, "'tls-auth' with a direction fixes one per node, and a mesh node plays both TLS roles",
                    "write 'tls-auth " + d.args().get(0) + "' without the direction, on every node, or use 'tls-crypt'");
        }
        if (d.name().equals("proto") && !d.args().get(0).startsWith("udp")) {
            throw new ConfigException(d, "'proto " + d.args().get(0) + "': a mesh runs over UDP only", "write 'proto udp'");
        }
    }
}
