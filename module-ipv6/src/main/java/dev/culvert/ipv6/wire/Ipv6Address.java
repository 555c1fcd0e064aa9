package dev.culvert.ipv6.wire;

/** Classes of IPv6 addresses (RFC 4291 §2.4), on addresses held as two longs in network order. */
public final class Ipv6Address {
    private Ipv6Address() {
    }

    /** {@code ::}. */
    public static boolean isUnspecified(long hi, long lo) {
        return hi == 0 && lo == 0;
    }

    /** {@code ::1}. */
    public static boolean isLoopback(long hi, long lo) {
        return hi == 0 && lo == 1;
    }

    /** {@code ff00::/8}. */
    public static boolean isMulticast(long hi) {
        return (hi >>> 56) == 0xff;
    }
}
