package dev.culvert.core.packet;

/**
 * What the L3 check learned about a packet's IP header, carried with the packet so that the
 * nodes after it (routing) read it instead of parsing the header again: the version, the
 * upper-layer protocol, the header length, whether it is a fragment, and the two addresses, each
 * as two longs in network order (an IPv4 address in the low 32 bits of {@code lo}).
 *
 * <p>One per pooled packet, cleared when the packet is acquired, so carrying it allocates
 * nothing. {@link #version()} is 0 until an L3 check filled it. A node that rewrites the header
 * after the check must {@link #clear()} it (or fill it anew). The L3 check's own working holder,
 * {@code spi.l3.L3Metadata}, is one of these too, so the two cannot drift apart.
 */
public class InsideHeader {
    private int version;
    private int protocol;
    private int headerLength;
    private boolean fragment;
    private long srcHi;
    private long srcLo;
    private long dstHi;
    private long dstLo;

    /** Only packets (one each) and the L3 check's holder make one. */
    protected InsideHeader() {
    }

    public void clear() {
        version = 0;
        protocol = -1;
        headerLength = 0;
        fragment = false;
        srcHi = srcLo = dstHi = dstLo = 0;
    }

    /** Records a checked header: {@code version} 4 or 6, the rest as the accessors below read them. */
    public void set(int version, int protocol, int headerLength, boolean fragment, long srcHi, long srcLo, long dstHi, long dstLo) {
        this.version = version;
        this.protocol = protocol;
        this.headerLength = headerLength;
        this.fragment = fragment;
        this.srcHi = srcHi;
        this.srcLo = srcLo;
        this.dstHi = dstHi;
        this.dstLo = dstLo;
    }

    /** 4, 6, or 0 when no L3 check has filled it. */
    public int version() {
        return version;
    }

    /** The upper-layer protocol (after IPv6 extension headers), or -1 if unknown. */
    public int protocol() {
        return protocol;
    }

    /** Bytes from the start of the packet to the upper-layer header. */
    public int headerLength() {
        return headerLength;
    }

    /** Whether the packet is a fragment (any, first or not). */
    public boolean fragment() {
        return fragment;
    }

    public long srcHi() {
        return srcHi;
    }

    public long srcLo() {
        return srcLo;
    }

    public long dstHi() {
        return dstHi;
    }

    public long dstLo() {
        return dstLo;
    }
}
