package dev.culvert.vpn.pool;

import dev.culvert.spi.route.AddressText;
import dev.culvert.spi.route.Prefix;

/**
 * The IPv6 half of a server's client-address pool, laid out as 2.6's {@code ifconfig_pool_init}
 * lays out {@code ifconfig-ipv6-pool BASE/BITS} (and the pool {@code server-ipv6} makes): one
 * address per entry, entry N at BASE + N, so a client's IPv6 address sits at the same offset as
 * its IPv4 pool entry.
 *
 * <p>Size, as 2.6 computes it: 65536 addresses in a network larger than a /112; in a /112 or
 * smaller, the addresses from BASE to the end of the network. A BASE whose last 32 bits are all
 * zero in the host part (the subnet-router anycast address) starts one higher, as in 2.6. One
 * addition: in a network larger than a /112, a BASE so near the network's end that 65536
 * addresses would run past it holds only the addresses up to that end (2.6 would hand out
 * addresses outside the network).
 *
 * @param hi   the first 64 bits of the first address
 * @param lo   the last 64 bits of the first address
 * @param bits the on-link length the pool's network has (64 to 124)
 * @param size how many addresses the pool holds (2 or more)
 */
public record Ipv6Pool(long hi, long lo, int bits, int size) {
    /** 2.6's IFCONFIG_POOL_MAX: the largest pool, and the IPv6 pool's size in a network larger than a /112. */
    public static final int MAX_SIZE = 65536;
    /** From a /112 down, the pool ends with the network. */
    static final int SMALL_NETWORK_BITS = 112;
    public static final int MIN_BITS = 64;
    public static final int MAX_BITS = 124;

    public Ipv6Pool {
        if (bits < MIN_BITS || bits > MAX_BITS) {
            throw new IllegalArgumentException("an IPv6 pool's network must be between /" + MIN_BITS + " and /" + MAX_BITS + " (not /" + bits + ")");
        }
        if (size < 2 || size > MAX_SIZE) {
            throw new IllegalArgumentException("IPv6 pool size is too small (" + size + "), must be at least 2");
        }
    }

    /**
     * The pool of {@code ifconfig-ipv6-pool ADDRESS/BITS}, sized as 2.6 sizes it.
     *
     * @throws IllegalArgumentException when BITS is outside /64../124 or fewer than 2 addresses remain
     *     (2.6: "IPv6 pool size is too small")
     */
    public static Ipv6Pool of(long hi, long lo, int bits) {
        if (bits < MIN_BITS || bits > MAX_BITS) {
            throw new IllegalArgumentException("an IPv6 pool's network must be between /" + MIN_BITS + " and /" + MAX_BITS + " (not /" + bits + ")");
        }
        long hostMask = ~Prefix.lowMask(bits);
        // 2.6 looks at the last 32 bits only, masked to the host part when that is shorter.
        long last32 = lo & 0xffffffffL & hostMask;
        if (last32 == 0) {
            lo++;
            last32 = 1;
        }
        long size;
        if (bits >= SMALL_NETWORK_BITS) {
            size = (1L << (128 - bits)) - last32;
        } else {
            long left = hostMask - (lo & hostMask); // addresses after the first, up to the network's end
            size = Long.compareUnsigned(left, MAX_SIZE - 1) >= 0 ? MAX_SIZE : left + 1;
        }
        if (size < 2) {
            throw new IllegalArgumentException("IPv6 pool size is too small (" + size + "), must be at least 2");
        }
        return new Ipv6Pool(hi, lo, bits, (int) size);
    }

    /** The address of entry {@code entry}, a host (/128); null outside the pool. */
    public Prefix address(int entry) {
        if (entry < 0 || entry >= size) {
            return null;
        }
        return Prefix.host(6, hi, lo + entry);
    }

    /** The entry an address is, or -1 when it is not in the pool (2.6's {@code ifconfig_pool_ipv6_base_to_handle}). */
    public int entryOf(long addressHi, long addressLo) {
        if (addressHi != hi) {
            return -1;
        }
        long offset = addressLo - lo;
        return offset >= 0 && offset < size ? (int) offset : -1;
    }

    /** The address of {@code entry} as 2.6 prints it in the persist file ({@code fd00:8::1000}). */
    String text(int entry) {
        return AddressText.ipv6(hi, lo + entry);
    }

    @Override
    public String toString() {
        return AddressText.ipv6(hi, lo) + "/" + bits + " (" + size + " addresses)";
    }
}
