/**
 * The server's IPv4 client-address pool: which tunnel address each client gets under
 * {@code server NETWORK NETMASK} ({@code topology subnet} or {@code net30}), how a returning
 * client gets its address back, and the {@code ifconfig-pool-persist} file that remembers that
 * across restarts, all as OpenVPN 2.6 does it.
 *
 * <p>Nothing here reads the network; the persist file is the operator's and is read
 * tolerantly, reporting every line it skips.
 *
 * <p>May depend on: dev.culvert.spi.route, dev.culvert.vpn.files
 */
package dev.culvert.vpn.pool;
