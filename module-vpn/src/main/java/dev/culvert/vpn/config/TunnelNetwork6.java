package dev.culvert.vpn.config;

import dev.culvert.spi.route.AddressText;
import dev.culvert.spi.route.Prefix;

/**
 * The IPv6 tunnel network of {@code server-ipv6 NETWORK/BITS}, laid out as 2.6's helper and
 * pool lay it out (checked against a stock 2.6.14 server's own log):
 * <ul>
 *   <li>the server's TUN is network + 1 with the network's length ({@code fd00::1/64});</li>
 *   <li>the pool starts at network + 0x1000 in a network larger than a /112 and holds 65536
 *       addresses; in a /112 or smaller it starts at network + 2 and holds every address but the
 *       network and the server's ({@code 2^(128-BITS) - 2});</li>
 *   <li>a client's IPv6 address is tied to its IPv4 pool entry: entry N gets pool start + N, so
 *       the first client gets {@code fd00::1000} alongside {@code 10.8.0.2}.</li>
 * </ul>
 * Networks from /64 to /124 are accepted, as 2.6 accepts them. With {@code BITS} at least 64 the
 * host part lies in the low word, so adding an offset never carries into the high word.
 */
public record TunnelNetwork6(long hi, long lo, int bits) {
    /** 2.6: "network must be between /64 and /124". */
    public static final int MIN_BITS = 64;
    public static final int MAX_BITS = 124;
    /** Where 2.6 starts the pool in a network larger than a /112. */
    static final long LARGE_POOL_START = 0x1000;
    static final int LARGE_POOL_SIZE = 65536;
    static final int SMALL_NETWORK_BITS = 112;

    public TunnelNetwork6 {
        if (bits < MIN_BITS || bits > MAX_BITS) {
            throw new IllegalArgumentException("server-ipv6 network must be between /" + MIN_BITS + " and /" + MAX_BITS + " (not /" + bits + ")");
        }
        if ((lo & ~Prefix.lowMask(bits)) != 0) {
            throw new IllegalArgumentException("server-ipv6 network has host bits set");
        }
    }

    /** The network as a prefix, for routes. */
    public Prefix network() {
        return Prefix.ipv6(hi, lo, bits);
    }

    /** The server's own tunnel address: network + 1. */
    public Prefix serverAddress() {
        return host(1);
    }

    /** How many addresses the pool holds. */
    public int poolSize() {
        return bits < SMALL_NETWORK_BITS ? LARGE_POOL_SIZE : (1 << (128 - bits)) - 2;
    }

    /** The address of IPv4 pool entry {@code entry}, or null when the IPv6 pool is smaller than that. */
    public Prefix poolAddress(int entry) {
        if (entry < 0 || entry >= poolSize()) {
            return null;
        }
        return host((bits < SMALL_NETWORK_BITS ? LARGE_POOL_START : 2) + entry);
    }

    /** {@code ADDRESS/BITS} of a host in this network, as an {@code ifconfig-ipv6} push names it. */
    public String withLength(Prefix host) {
        return AddressText.ipv6(host.hi(), host.lo()) + "/" + bits;
    }

    private Prefix host(long offset) {
        return Prefix.host(6, hi, lo + offset);
    }
}
