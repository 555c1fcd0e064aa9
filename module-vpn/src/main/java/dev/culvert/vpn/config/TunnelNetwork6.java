package dev.culvert.vpn.config;

import dev.culvert.spi.route.AddressText;
import dev.culvert.spi.route.Prefix;
import dev.culvert.vpn.pool.Ipv6Pool;
import java.util.Objects;
import java.util.Optional;

/**
 * A server's IPv6 side inside the tunnel: its own TUN address with the on-link length it pushes
 * to clients, and the pool clients' addresses come from. Two ways to get one, as in 2.6:
 * <ul>
 *   <li>{@code server-ipv6 NETWORK/BITS} ({@link #TunnelNetwork6(long, long, int)}), laid out as
 *       2.6's helper lays it out (checked against a stock 2.6.14 server's own log): the server's
 *       TUN is network + 1 with the network's length ({@code fd00::1/64}); the pool starts at
 *       network + 0x1000 in a network larger than a /112 and holds 65536 addresses, in a /112 or
 *       smaller it starts at network + 2 and holds every address but the network and the
 *       server's ({@code 2^(128-BITS) - 2});</li>
 *   <li>{@code ifconfig-ipv6 ADDRESS/BITS REMOTE} with {@code ifconfig-ipv6-pool BASE/BITS}
 *       ({@link #explicit}): the server's TUN is ADDRESS/BITS, the pool is {@link Ipv6Pool#of
 *       BASE/BITS'}; without {@code ifconfig-ipv6-pool} there is no pool and only clients with
 *       {@code ifconfig-ipv6-push} get an IPv6 address.</li>
 * </ul>
 * A client's pool address is tied to its IPv4 pool entry: entry N gets pool start + N, so the
 * first client gets {@code fd00::1000} alongside {@code 10.8.0.2}; it is pushed with the server's
 * length (2.6 pushes {@code ifconfig_ipv6_netbits}, not the pool's). Lengths from /64 to /124 are
 * accepted, as 2.6 accepts them. With at least 64 bits the host part lies in the low word, so
 * adding an offset never carries into the high word.
 *
 * @param server the server's own tunnel address, a host (/128)
 * @param bits   the on-link length of the server's TUN address, pushed with clients' addresses
 * @param pool   the clients' address pool, if any
 */
public record TunnelNetwork6(Prefix server, int bits, Optional<Ipv6Pool> pool) {
    /** 2.6: "network must be between /64 and /124". */
    public static final int MIN_BITS = 64;
    public static final int MAX_BITS = 124;
    /** Where 2.6 starts the pool of {@code server-ipv6} in a network larger than a /112. */
    static final long LARGE_POOL_START = 0x1000;
    static final int SMALL_NETWORK_BITS = 112;

    public TunnelNetwork6 {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(pool, "pool");
        if (server.version() != 6 || server.length() != 128) {
            throw new IllegalArgumentException("an IPv6 host expected, not " + server);
        }
        if (bits < MIN_BITS || bits > MAX_BITS) {
            throw new IllegalArgumentException("the server's IPv6 network must be between /" + MIN_BITS + " and /" + MAX_BITS
                    + " (not /" + bits + ")");
        }
    }

    /** The layout of {@code server-ipv6 NETWORK/BITS} (host bits must be clear). */
    public TunnelNetwork6(long hi, long lo, int bits) {
        this(Prefix.host(6, hi, lo + 1), bits, Optional.of(derivedPool(hi, lo, bits)));
    }

    /** The layout of {@code ifconfig-ipv6 ADDRESS/BITS …} and, if given, {@code ifconfig-ipv6-pool}. */
    public static TunnelNetwork6 explicit(Prefix server, int bits, Optional<Ipv6Pool> pool) {
        return new TunnelNetwork6(server, bits, pool);
    }

    private static Ipv6Pool derivedPool(long hi, long lo, int bits) {
        if (bits < MIN_BITS || bits > MAX_BITS) {
            throw new IllegalArgumentException("server-ipv6 network must be between /" + MIN_BITS + " and /" + MAX_BITS + " (not /" + bits + ")");
        }
        if ((lo & ~Prefix.lowMask(bits)) != 0) {
            throw new IllegalArgumentException("server-ipv6 network has host bits set");
        }
        return Ipv6Pool.of(hi, lo + (bits < SMALL_NETWORK_BITS ? LARGE_POOL_START : 2), bits);
    }

    /** The server's on-link network, for routes. */
    public Prefix network() {
        return Prefix.masked(6, server.hi(), server.lo(), bits);
    }

    /** The server's own tunnel address. */
    public Prefix serverAddress() {
        return server;
    }

    /** How many addresses the pool holds; 0 without a pool. */
    public int poolSize() {
        return pool.map(Ipv6Pool::size).orElse(0);
    }

    /** The address of IPv4 pool entry {@code entry}, or null when the IPv6 pool is absent or smaller than that. */
    public Prefix poolAddress(int entry) {
        return pool.map(p -> p.address(entry)).orElse(null);
    }

    /** {@code ADDRESS/BITS} of a host with the server's on-link length, as an {@code ifconfig-ipv6} push names it. */
    public String withLength(Prefix host) {
        return AddressText.ipv6(host.hi(), host.lo()) + "/" + bits;
    }
}
