package dev.culvert.vpn.fragment;

/**
 * A node's {@code fragment MAX [mtu]}: datagrams the data channel sends stay within {@code max}
 * bytes of UDP payload, or, with {@code mtu}, of the whole IP packet. Culvert does not know a
 * peer's address family where the parts are made, so with {@code mtu} it leaves room for an IPv6
 * header (48 bytes of IP and UDP), which is never too little for IPv4 (28).
 *
 * @param max         2.6's {@code fragment} value, at least 68
 * @param countsOuter the {@code mtu} flag: {@code max} counts the outer IP and UDP headers too
 */
public record FragmentSize(int max, boolean countsOuter) {
    /** 2.6's smallest {@code fragment}. */
    public static final int MIN = 68;
    /** IPv6 and UDP headers, the larger of the two outer overheads. */
    static final int OUTER_IPV6_UDP = 40 + 8;

    public FragmentSize {
        if (max < MIN) {
            throw new IllegalArgumentException("fragment " + max + " is below " + MIN);
        }
    }

    /** The bytes of {@code max} that the outer headers take. */
    public int outerOverhead() {
        return countsOuter ? OUTER_IPV6_UDP : 0;
    }

    @Override
    public String toString() {
        return "fragment " + max + (countsOuter ? " mtu" : "");
    }
}
