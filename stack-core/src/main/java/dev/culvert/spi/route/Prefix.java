package dev.culvert.spi.route;

/**
 * An IPv4 or IPv6 network: an address and how many leading bits of it count. Addresses are held
 * as {@link dev.culvert.spi.l3.L3Metadata} holds them: two longs in network order, an IPv4
 * address in the low 32 bits of {@code lo} with {@code hi} zero.
 *
 * <p>Always canonical: bits past {@code length} are zero, so two equal networks are equal values
 * and a table never holds one network under two spellings. {@link #masked} clears them for a
 * caller that means "the network this address is in".
 *
 * @param version 4 or 6
 * @param hi      the first 64 bits of an IPv6 network; 0 for IPv4
 * @param lo      the last 64 bits of an IPv6 network, or the IPv4 network in the low 32 bits
 * @param length  0..32 for IPv4, 0..128 for IPv6
 */
public record Prefix(int version, long hi, long lo, int length) {
    public Prefix {
        if (version == 4) {
            if (length < 0 || length > 32) {
                throw new IllegalArgumentException("an IPv4 prefix length is 0..32, not " + length);
            }
            if (hi != 0 || (lo >>> 32) != 0) {
                throw new IllegalArgumentException("an IPv4 address sits in the low 32 bits of lo");
            }
            if ((lo & ~ipv4Mask(length)) != 0) {
                throw new IllegalArgumentException("host bits set in " + AddressText.ipv4((int) lo) + "/" + length);
            }
        } else if (version == 6) {
            if (length < 0 || length > 128) {
                throw new IllegalArgumentException("an IPv6 prefix length is 0..128, not " + length);
            }
            if ((hi & ~highMask(length)) != 0 || (lo & ~lowMask(length)) != 0) {
                throw new IllegalArgumentException("host bits set in " + AddressText.ipv6(hi, lo) + "/" + length);
            }
        } else {
            throw new IllegalArgumentException("IP version 4 or 6, not " + version);
        }
    }

    /** The IPv4 network {@code address/length}; host bits must be clear. */
    public static Prefix ipv4(int address, int length) {
        return new Prefix(4, 0, address & 0xffffffffL, length);
    }

    /** The IPv6 network {@code hi:lo/length}; host bits must be clear. */
    public static Prefix ipv6(long hi, long lo, int length) {
        return new Prefix(6, hi, lo, length);
    }

    /** The network of {@code length} bits that holds the address, host bits cleared. */
    public static Prefix masked(int version, long hi, long lo, int length) {
        if (version == 4) {
            return new Prefix(4, 0, lo & ipv4Mask(Math.max(0, Math.min(32, length))), length);
        }
        return new Prefix(version, hi & highMask(length), lo & lowMask(length), length);
    }

    /** One host: a /32 or /128. */
    public static Prefix host(int version, long hi, long lo) {
        return version == 4 ? new Prefix(4, 0, lo, 32) : new Prefix(version, hi, lo, 128);
    }

    /**
     * Reads {@code 10.8.0.0/24}, {@code fd00::/64} or a bare address (a host). Throws
     * {@link IllegalArgumentException} naming what is wrong, host bits included.
     */
    public static Prefix parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        boolean v6 = address.indexOf(':') >= 0;
        int max = v6 ? 128 : 32;
        int length = max;
        if (slash >= 0) {
            String bits = text.substring(slash + 1);
            if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("bad prefix length '" + bits + "'");
            }
            length = Integer.parseInt(bits);
            if (length > max) {
                throw new IllegalArgumentException("prefix length " + length + " is longer than " + max);
            }
        }
        if (v6) {
            long[] a = AddressText.parseIpv6(address);
            return ipv6(a[0], a[1], length);
        }
        return ipv4(AddressText.parseIpv4(address), length);
    }

    /** Whether the address (same layout as the record's) lies in this network. */
    public boolean contains(int addressVersion, long addressHi, long addressLo) {
        if (addressVersion != version) {
            return false;
        }
        if (version == 4) {
            return (addressLo & ipv4Mask(length)) == lo;
        }
        return (addressHi & highMask(length)) == hi && (addressLo & lowMask(length)) == lo;
    }

    /** Whether every address of {@code other} lies in this network. */
    public boolean covers(Prefix other) {
        return other.version == version && other.length >= length && contains(other.version, other.hi, other.lo);
    }

    /** The IPv4 netmask of {@code length} bits, in the low 32 bits. */
    public static long ipv4Mask(int length) {
        return length == 0 ? 0 : (0xffffffffL << (32 - length)) & 0xffffffffL;
    }

    /** The mask of the first 64 bits of an IPv6 prefix of {@code length} bits. */
    public static long highMask(int length) {
        return length <= 0 ? 0 : length >= 64 ? -1L : -1L << (64 - length);
    }

    /** The mask of the last 64 bits of an IPv6 prefix of {@code length} bits. */
    public static long lowMask(int length) {
        return length <= 64 ? 0 : length >= 128 ? -1L : -1L << (128 - length);
    }

    @Override
    public String toString() {
        return (version == 4 ? AddressText.ipv4((int) lo) : AddressText.ipv6(hi, lo)) + "/" + length;
    }

    // A record's generated equals and hashCode link through java.lang.runtime.ObjectMethods the first
    // time they run, several milliseconds of a fresh node's first client connect (JFR); written out,
    // they cost nothing to link.
    @Override
    public boolean equals(Object o) {
        return o instanceof Prefix p && p.version == version && p.hi == hi && p.lo == lo && p.length == length;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * version + Long.hashCode(hi)) + Long.hashCode(lo)) + length;
    }
}
