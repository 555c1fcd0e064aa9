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

    /** {@code 2001:db8::1}-style text, uncompressed, for messages and tests. */
    public static String format(long hi, long lo) {
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            long half = i < 4 ? hi : lo;
            int group = (int) (half >>> (48 - 16 * (i % 4))) & 0xffff;
            if (i > 0) {
                text.append(':');
            }
            text.append(Integer.toHexString(group));
        }
        return text.toString();
    }
}
