package dev.culvert.spi.l3;

/**
 * What the operator configured for L3 processing, shared by every worker.
 *
 * <p>Addresses use the same layout as {@link L3Metadata}: an IPv4 address is an int in network
 * order (the first octet in the top byte); an IPv6 address is two longs, each in network order.
 *
 * @param mtu           the tunnel MTU: larger packets get {@link IcmpError#PACKET_TOO_BIG} (IPv4 only
 *                      with DF set; IPv6 never below 1280, the minimum link MTU of RFC 8200)
 * @param mssClamp      the largest TCP MSS allowed in SYNs for TCP over IPv4, already reduced by the
 *                      20-byte IPv4 and 20-byte TCP headers (OpenVPN's {@code mssfix} after its
 *                      encapsulation arithmetic); IPv6 clamps to {@code mssClamp - 20} because its
 *                      header is 20 bytes longer, as OpenVPN's {@code mss_fixup_ipv6} does.
 *                      0 turns clamping off
 * @param icmpPerSecond how many ICMP errors a protocol instance may generate per second, with a
 *                      burst of as many; 0 generates none
 * @param routerV4      the stack's own IPv4 address, the source of ICMPv4 errors it generates;
 *                      0 (unset) means it sends none
 * @param routerV6Hi    the high half of the stack's own IPv6 address, the source of ICMPv6 errors
 * @param routerV6Lo    the low half; the unspecified address {@code ::} (both 0) means it sends none
 */
public record L3Policy(int mtu, int mssClamp, int icmpPerSecond, int routerV4, long routerV6Hi, long routerV6Lo) {
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

    /** A policy without router addresses: no ICMP error can be sent until they are set. */
    public L3Policy(int mtu, int mssClamp, int icmpPerSecond) {
        this(mtu, mssClamp, icmpPerSecond, 0, 0, 0);
    }

    /** This policy with the stack's own addresses, the sources of the ICMP errors it generates. */
    public L3Policy withRouterAddresses(int v4, long v6Hi, long v6Lo) {
        return new L3Policy(mtu, mssClamp, icmpPerSecond, v4, v6Hi, v6Lo);
    }

    /** This policy with another MSS clamp (0: off). */
    public L3Policy withMssClamp(int clamp) {
        return new L3Policy(mtu, clamp, icmpPerSecond, routerV4, routerV6Hi, routerV6Lo);
    }
}
