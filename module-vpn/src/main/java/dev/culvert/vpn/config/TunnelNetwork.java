package dev.culvert.vpn.config;

import dev.culvert.vpn.push.Topology;

/**
 * The tunnel network of {@code server NETWORK NETMASK [nopool]} with its {@code topology}: the
 * server's own address and the ifconfig pool's bounds, as 2.6 computes them from it.
 *
 * @param poolEnabled false with {@code server … nopool}: addresses come from {@code ifconfig-push} only
 */
public record TunnelNetwork(Topology topology, int network, int netmask, boolean poolEnabled) {
    /** The server's own tunnel address: the network's first host, as 2.6 takes it. */
    public int serverAddress() {
        return network + 1;
    }

    /**
     * The second {@code ifconfig} argument of the server's own tunnel: the netmask in subnet
     * topology, the point-to-point peer (network + 2) in net30.
     */
    public int serverIfconfigSecond() {
        return topology == Topology.SUBNET ? netmask : network + 2;
    }

    /**
     * Whether an address lies in the {@code server} network: in subnet topology 2.6 requires
     * this of an {@code ifconfig-push} address ({@code push-ifconfig-constraint}), but only logs
     * "violates tunnel network/netmask constraint" and goes on; the runtime should refuse the
     * client instead. net30 has no such constraint in 2.6.
     */
    public boolean withinServerNetwork(int address) {
        return (address & netmask) == network;
    }

    /**
     * The first pool address as 2.6 computes it: network + 2 in subnet topology; network + 4 in
     * net30 (a /30 per client, the first /30 the server's).
     */
    public int poolStart() {
        return topology == Topology.SUBNET ? network + 2 : network + 4;
    }

    /** The last pool address: broadcast − 1 in subnet; broadcast − 4 in net30 (broadcast itself for a /29, as 2.6). */
    public int poolEnd() {
        int broadcast = network | ~netmask;
        if (topology == Topology.SUBNET) {
            return broadcast - 1;
        }
        return Integer.bitCount(netmask) == ServerDirectives.MAX_SERVER_BITS ? broadcast : broadcast - 4;
    }
}
