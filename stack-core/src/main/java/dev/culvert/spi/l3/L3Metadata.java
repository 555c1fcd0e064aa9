package dev.culvert.spi.l3;

import dev.culvert.core.packet.InsideHeader;

/**
 * What an {@link L3Protocol} learned about one packet, for routing and anti-spoofing: the fields a
 * packet carries forward ({@link InsideHeader}) plus the ICMP error to answer a drop with. A
 * mutable holder reused by one thread for packet after packet, so the data path allocates nothing;
 * addresses are held as two longs each (an IPv4 address sits in the low 32 bits of {@code lo}),
 * each in network order: the first byte on the wire is the top byte.
 */
public final class L3Metadata extends InsideHeader {
    private IcmpError answer;

    @Override
    public void clear() {
        super.clear();
        answer = null;
    }

    /**
     * The ICMP error the sender of a dropped packet should get, or {@code null}: set by
     * {@link L3Protocol#inspect} next to the drop reason it returns, cleared by {@link #clear()}.
     */
    public IcmpError answer() {
        return answer;
    }

    public void setAnswer(IcmpError answer) {
        this.answer = answer;
    }

    public void setIpv4(int src, int dst, int protocol, int headerLength, boolean fragment) {
        set(4, protocol, headerLength, fragment, 0, src & 0xffffffffL, 0, dst & 0xffffffffL);
    }

    public void setIpv6(long srcHi, long srcLo, long dstHi, long dstLo, int protocol, int headerLength, boolean fragment) {
        set(6, protocol, headerLength, fragment, srcHi, srcLo, dstHi, dstLo);
    }

    /** Carries what was learned forward with the packet, for the nodes after the check. */
    public void copyTo(InsideHeader header) {
        header.set(version(), protocol(), headerLength(), fragment(), srcHi(), srcLo(), dstHi(), dstLo());
    }

    /**
     * Takes what an L3 check carried forward with a packet, instead of parsing its header again.
     *
     * @return false if no check filled {@code header} (then this holds nothing)
     */
    public boolean copyFrom(InsideHeader header) {
        clear();
        if (header.version() == 4) {
            setIpv4((int) header.srcLo(), (int) header.dstLo(), header.protocol(), header.headerLength(), header.fragment());
            return true;
        }
        if (header.version() == 6) {
            setIpv6(header.srcHi(), header.srcLo(), header.dstHi(), header.dstLo(), header.protocol(), header.headerLength(),
                    header.fragment());
            return true;
        }
        return false;
    }

    /** The IPv4 source address as an int; only meaningful when {@link #version()} is 4. */
    public int srcV4() {
        return (int) srcLo();
    }

    /** The IPv4 destination address as an int; only meaningful when {@link #version()} is 4. */
    public int dstV4() {
        return (int) dstLo();
    }
}
