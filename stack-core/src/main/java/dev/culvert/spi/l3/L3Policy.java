package dev.culvert.spi.l3;

/**
 * What the operator configured for L3 processing.
 *
 * @param mtu        the tunnel MTU: larger packets get {@link IcmpError#PACKET_TOO_BIG} (IPv4 only with DF set)
 * @param mssClamp   the largest TCP MSS allowed in SYNs ({@code mssfix}); 0 turns clamping off
 * @param icmpPerSecond how many ICMP errors a protocol may generate per second, per worker
 */
public record L3Policy(int mtu, int mssClamp, int icmpPerSecond) {
    public static final L3Policy DEFAULT = new L3Policy(1500, 0, 100);

    public L3Policy {
        if (mtu < 576 || mtu > 65_535) {
            throw new IllegalArgumentException("tun MTU " + mtu + " is outside 576..65535");
        }
        if (mssClamp < 0 || mssClamp > 65_535) {
            throw new IllegalArgumentException("mssfix " + mssClamp + " is outside 0..65535");
        }
        if (icmpPerSecond < 0) {
            throw new IllegalArgumentException("ICMP rate " + icmpPerSecond);
        }
    }
}
