package dev.culvert.vpn.server;

import dev.culvert.spi.route.Prefix;
import dev.culvert.spi.route.AddressText;
import dev.culvert.vpn.config.TunnelNetwork6;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code ip} commands that give a server's TUN device its address and routes, as OpenVPN's
 * {@code server} helper does: in subnet topology the server's address with the pool's netmask;
 * in net30 a point-to-point pair (server .1, peer .2) and the whole network routed via the peer;
 * then the IPv6 address of {@code server-ipv6}; then each {@code route} and {@code route-ipv6}
 * line of the configuration through the device.
 */
final class ServerTun {
    private ServerTun() {
    }

    /**
     * @param subnet        subnet topology (else net30)
     * @param serverAddress the server's own tunnel address
     * @param second        subnet: the netmask; net30: the server's point-to-point peer
     */
    static List<List<String>> commands(String device, boolean subnet, int network, int netmask, int serverAddress, int second,
                                       List<Prefix> routes) {
        return commands(device, subnet, network, netmask, serverAddress, second, Optional.empty(), routes);
    }

    /**
     * As above, with {@code server-ipv6}'s network: the server's IPv6 address on it (network + 1
     * with the network's length, which also routes the network to the device), before the routes.
     */
    static List<List<String>> commands(String device, boolean subnet, int network, int netmask, int serverAddress, int second,
                                       Optional<TunnelNetwork6> network6, List<Prefix> routes) {
        List<List<String>> commands = new ArrayList<>();
        String peer = AddressText.ipv4(second);
        if (subnet) {
            commands.add(List.of("addr", "replace", AddressText.ipv4(serverAddress) + "/" + Integer.bitCount(netmask), "dev", device));
        } else {
            commands.add(List.of("addr", "replace", AddressText.ipv4(serverAddress), "peer", peer, "dev", device));
            commands.add(List.of("route", "replace", AddressText.ipv4(network) + "/" + Integer.bitCount(netmask), "via", peer,
                    "dev", device));
        }
        network6.ifPresent(net -> commands.add(List.of("-6", "addr", "replace", net.withLength(net.serverAddress()), "dev", device)));
        for (Prefix route : routes) {
            boolean v6 = route.version() == 6;
            List<String> command = new ArrayList<>(v6 ? List.of("-6", "route", "replace", route.toString())
                    : List.of("route", "replace", route.toString()));
            if (!subnet && !v6) {
                command.addAll(List.of("via", peer));
            }
            command.addAll(List.of("dev", device));
            commands.add(command);
        }
        return commands;
    }
}
