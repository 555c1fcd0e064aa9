package dev.culvert.vpn.management;

import dev.culvert.spi.route.AddressText;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * One state change as 2.6 records it (manage.c {@code management_set_state}, printed by
 * {@code log_entry_print}): the state's name, a detail ({@code SUCCESS}, the signal's name, …), the
 * tunnel's IPv4 address, the server's address and port, the local socket's address and port, and
 * the tunnel's IPv6 address, which only appears when there is one. An unknown part is empty; an
 * unknown socket leaves both of its fields empty.
 *
 * @param name     2.6's state name: CONNECTING, WAIT, AUTH, GET_CONFIG, ASSIGN_IP, ADD_ROUTES, CONNECTED, RECONNECTING, EXITING, …
 * @param detail   the detail, or null
 * @param tunIp    the tunnel's IPv4 address, or null
 * @param remote   the server's socket address, or null
 * @param local    the local socket's address, or null (or a wildcard one, which 2.6 leaves empty too)
 * @param tunIp6   the tunnel's IPv6 address, or null
 */
public record StateLine(String name, String detail, InetAddress tunIp, InetSocketAddress remote, InetSocketAddress local,
                        Inet6Address tunIp6) {
    /** A state with only a name and a detail (null for none), as most of 2.6's are. */
    public static StateLine of(String name, String detail) {
        return new StateLine(name, detail, null, null, null, null);
    }

    /** The fields after the name, comma-separated, as {@code state} and {@code >STATE:} print them after {@code time,NAME,}. */
    String fields() {
        StringBuilder out = new StringBuilder();
        out.append(detail == null ? "" : detail);
        out.append(',').append(tunIp == null ? "" : tunIp.getHostAddress());
        out.append(',').append(socket(remote));
        out.append(',').append(socket(local));
        if (tunIp6 != null) {
            out.append(',').append(AddressText.ipv6(tunIp6.getAddress()));
        }
        return out.toString();
    }

    /** 2.6's {@code print_sockaddr_ex} with "," between address and port; an undefined (or wildcard) address gives two empty fields. */
    private static String socket(InetSocketAddress a) {
        if (a == null || a.getAddress() == null || a.getAddress().isAnyLocalAddress()) {
            return ",";
        }
        InetAddress ip = a.getAddress();
        String host = ip instanceof Inet6Address ? AddressText.ipv6(ip.getAddress()) : ip.getHostAddress();
        return host + "," + a.getPort();
    }
}
