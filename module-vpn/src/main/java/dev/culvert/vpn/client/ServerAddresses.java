package dev.culvert.vpn.client;

import dev.culvert.vpn.config.RemoteEntry;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A server's name turned into the addresses to try, in the resolver's order, keeping only the
 * family its protocol names ({@code udp4}, {@code tcp6-client}); an address literal is its own
 * answer, without a lookup. Called on each turn of the entry, so a changed DNS record is seen at
 * the next reconnect.
 */
final class ServerAddresses {
    private ServerAddresses() {
    }

    static List<InetSocketAddress> resolve(RemoteEntry entry) throws UnknownHostException {
        List<InetSocketAddress> found = new ArrayList<>();
        for (InetAddress a : InetAddress.getAllByName(entry.host())) {
            boolean wanted = entry.family() == 0 || (entry.family() == 4 ? a instanceof Inet4Address : a instanceof Inet6Address);
            if (wanted) {
                found.add(new InetSocketAddress(a, entry.port()));
            }
        }
        if (found.isEmpty()) {
            throw new UnknownHostException(entry.host() + " has no IPv" + entry.family() + " address");
        }
        return found;
    }
}
