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
 * for {@code udp4}/{@code tcp4-server}, else {@code ::}. That is 2.6's choice too: {@code proto
 * udp} without {@code local} logs "Could not determine IPv4/IPv6 protocol. Using AF_INET6" and
 * binds {@code ::} with {@code IPV6_V6ONLY=0} (socket.c), so it takes IPv4 as well whatever
 * {@code net.ipv6.bindv6only} says; the JDK's dual-stack sockets clear {@code IPV6_V6ONLY} the
 * same way.
 *
 * @param proto UDP or TCP (a TCP listener accepts connections: 2.6's {@code tcp-server})
 * @param local the address and port to bind
 */
public record Listener(Proto proto, InetSocketAddress local) {
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

    /**
     * The listener for a server protocol name ({@code udp}, {@code udp4}, {@code udp6},
     * {@code tcp[4|6][-server]}), an address (a literal, or a host name resolved now) or {@code null}, and a port.
     */
    static Listener of(Directive d, String proto, String address, int port) throws ConfigException {
        int family = proto.contains("4") ? 4 : proto.contains("6") ? 6 : 0;
        InetAddress bind = address != null ? ServerDirectives.localAddress(d, address, family)
                : ServerDirectives.address(d, family == 4 ? "0.0.0.0" : "::", family);
        return new Listener(proto.startsWith("udp") ? Proto.UDP : Proto.TCP, new InetSocketAddress(bind, port));
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
