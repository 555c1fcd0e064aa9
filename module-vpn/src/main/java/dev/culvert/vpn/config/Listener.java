package dev.culvert.vpn.config;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.vpn.keys.OccOptionsString;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One socket a server listens on: {@code local}/{@code port}/{@code proto} give the first,
 * each {@code culvert-listen} another.
 *
 * <p>Without an address a listener takes the wildcard of its protocol's family: {@code 0.0.0.0}
 * for {@code udp4}/{@code tcp4-server}, else {@code ::}, dual-stack (the JDK's dual-stack sockets
 * clear {@code IPV6_V6ONLY}), so a plain {@code proto udp} takes IPv4 and IPv6 clients. 2.6 differs
 * there: for {@code proto udp} without {@code local} it takes the first address glibc's
 * {@code getaddrinfo} gives for a passive lookup of either family, which is {@code 0.0.0.0} (it
 * logs "Could not determine IPv4/IPv6 protocol. Using AF_INET", socket.c) and serves IPv4 only.
 * {@link #outerIpv6()} carries that difference into the MSS clamp.
 *
 * @param proto         UDP or TCP (a TCP listener accepts connections: 2.6's {@code tcp-server})
 * @param local         the address and port to bind
 * @param familyDefault neither the protocol name nor an address chose the family: Culvert binds
 *                      {@code ::} where 2.6 binds {@code 0.0.0.0}
 */
public record Listener(Proto proto, InetSocketAddress local, boolean familyDefault) {
    /** The transport a listener speaks. */
    public enum Proto {
        UDP, TCP;

        /** As the OCC options string and the session name it. */
        public OccOptionsString.Transport transport() {
            return this == UDP ? OccOptionsString.Transport.UDP : OccOptionsString.Transport.TCP;
        }
    }

    public Listener {
        Objects.requireNonNull(proto, "proto");
        Objects.requireNonNull(local, "local");
    }

    /** A listener on an address or family chosen in the configuration. */
    public Listener(Proto proto, InetSocketAddress local) {
        this(proto, local, false);
    }

    /**
     * Whether 2.6 counts an outer IPv6 header for the MSS clamp of this listener's clients. 2.6
     * takes the family of the client's address as its socket gives it (mss.c
     * {@code get_ip_encap_overhead} reads {@code lsa->actual.dest}), so on a {@code ::} socket an
     * IPv4 client, a v4-mapped address, counts as IPv6 (40 bytes) and on a {@code 0.0.0.0} socket
     * every client counts as IPv4 (20). A {@link #familyDefault} listener is the IPv4 socket of 2.6.
     */
    public boolean outerIpv6() {
        return !familyDefault && local.getAddress() instanceof java.net.Inet6Address;
    }

    /**
     * The listener for a server protocol name ({@code udp}, {@code udp4}, {@code udp6},
     * {@code tcp[4|6][-server]}), an address (a literal, or a host name resolved now) or {@code null}, and a port.
     */
    static Listener of(Directive d, String proto, String address, int port) throws ConfigException {
        int family = proto.contains("4") ? 4 : proto.contains("6") ? 6 : 0;
        InetAddress bind = address != null ? ServerDirectives.localAddress(d, address, family)
                : ServerDirectives.address(d, family == 4 ? "0.0.0.0" : "::", family);
        return new Listener(proto.startsWith("udp") ? Proto.UDP : Proto.TCP, new InetSocketAddress(bind, port),
                address == null && family == 0);
    }

    /**
     * Whether binding both would clash on Linux: the same protocol and port, and one address
     * takes the other's traffic (equal, or a wildcard: {@code ::} takes everything, {@code 0.0.0.0}
     * every IPv4 address).
     */
    boolean clashesWith(Listener other) {
        if (proto != other.proto || local.getPort() != other.local.getPort()) {
            return false;
        }
        return covers(local.getAddress(), other.local.getAddress()) || covers(other.local.getAddress(), local.getAddress());
    }

    private static boolean covers(InetAddress a, InetAddress b) {
        if (a.equals(b)) {
            return true;
        }
        if (!a.isAnyLocalAddress()) {
            return false;
        }
        return a instanceof java.net.Inet6Address || b instanceof java.net.Inet4Address;
    }

    @Override
    public String toString() {
        return proto.name().toLowerCase(java.util.Locale.ROOT) + " " + local.getAddress().getHostAddress() + " " + local.getPort();
    }
}
