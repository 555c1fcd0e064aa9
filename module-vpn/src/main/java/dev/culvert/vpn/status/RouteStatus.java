package dev.culvert.vpn.status;

import java.net.InetSocketAddress;

/**
 * One entry of the server's routing table: which client a virtual address leads to.
 *
 * @param virtualAddress the address or network as 2.6 prints it: {@code 10.8.0.6},
 *     {@code 192.168.1.0/24} for an iroute, an IPv6 address; with a {@code C} appended for a
 *     cached learned route
 * @param commonName the client it leads to
 * @param realAddress that client's real address
 * @param lastRefEpochSeconds when the route last carried a packet
 */
public record RouteStatus(String virtualAddress, String commonName, InetSocketAddress realAddress, long lastRefEpochSeconds) {
}
