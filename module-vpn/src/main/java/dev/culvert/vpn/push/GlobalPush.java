package dev.culvert.vpn.push;

import dev.culvert.spi.route.AddressText;
import java.util.ArrayList;
import java.util.List;

/**
 * What a server pushes to every client: the {@code push} lines as written ({@link #options}) and
 * the whole list in 2.6's order ({@link #all}): the push lines, then {@code tun-ipv6} with
 * {@code server-ipv6} (for clients older than 2.4, as 2.6 still pushes it), then what {@code server} adds
 * ({@code route-gateway} in subnet topology, else a {@code route}: the whole network with
 * {@code client-to-client}, the server's address without), {@code topology}, then
 * {@code keepalive}'s {@code ping} and {@code ping-restart}.
 */
public record GlobalPush(List<String> options, List<String> all) {
    public GlobalPush {
        options = List.copyOf(options);
        all = List.copyOf(all);
    }

    /**
     * @param pushedPingSeconds        0 when {@code keepalive} pushes nothing
     * @param pushedPingRestartSeconds pushed with the ping
     * @param ipv6                     the server has {@code server-ipv6}
     */
    public static GlobalPush compose(List<String> options, Topology topology, int network, int netmask, int serverAddress,
                                     boolean clientToClient, int pushedPingSeconds, int pushedPingRestartSeconds, boolean ipv6) {
        List<String> all = new ArrayList<>(options);
        if (ipv6) {
            all.add("tun-ipv6");
        }
        if (topology == Topology.SUBNET) {
            all.add("route-gateway " + AddressText.ipv4(serverAddress));
        } else if (clientToClient) {
            all.add("route " + AddressText.ipv4(network) + " " + AddressText.ipv4(netmask));
        } else {
            all.add("route " + AddressText.ipv4(serverAddress));
        }
        all.add("topology " + (topology == Topology.SUBNET ? "subnet" : "net30"));
        if (pushedPingSeconds > 0) {
            all.add("ping " + pushedPingSeconds);
            all.add("ping-restart " + pushedPingRestartSeconds);
        }
        return new GlobalPush(options, all);
    }
}
