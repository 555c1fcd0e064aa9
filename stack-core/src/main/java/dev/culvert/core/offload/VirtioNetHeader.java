package dev.culvert.core.offload;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The legacy {@code struct virtio_net_hdr} (10 bytes, host byte order) that a TUN device opened
 * with {@code IFF_VNET_HDR} puts before each packet it hands over and expects before each packet
 * it is given: whether the transport checksum is still to be completed, and how a super-packet is
 * to be cut. A view: it reads the fields in place from a buffer.
 *
 * <pre>
 *  0  flags        u8   NEEDS_CSUM (1): complete the checksum at csum_start + csum_offset
 *  1  gso_type     u8   NONE 0, TCPV4 1, UDP 3 (fragmentation, never asked for), TCPV6 4, UDP_L4 5; | ECN 0x80
 *  2  hdr_len      u16  the headers' length (a hint; the segmenter reads the headers itself)
 *  4  gso_size     u16  the payload bytes per segment
 *  6  csum_start   u16  where the checksummed part (the transport header) starts
 *  8  csum_offset  u16  where in it the checksum field is
 * </pre>
 */
public final class VirtioNetHeader {
    public static final int SIZE = 10;

    public static final int FLAG_NEEDS_CSUM = 1;
    public static final int FLAG_DATA_VALID = 2;

    public static final int GSO_NONE = 0;
    public static final int GSO_TCPV4 = 1;
    public static final int GSO_UDP = 3;
    public static final int GSO_TCPV6 = 4;
    public static final int GSO_UDP_L4 = 5;
    /** Set with a TCP type when the first segment carries CWR, which only it may keep. */
    public static final int GSO_ECN = 0x80;

    private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private final ByteBuffer buffer;
    private final int at;

    /** A view over the 10 bytes at {@code at}; the caller has checked they are there. */
    public VirtioNetHeader(ByteBuffer buffer, int at) {
        this.buffer = buffer;
        this.at = at;
    }

    /** Whether this view reads the header at {@code at} of {@code buffer}. */
    boolean over(ByteBuffer buffer, int at) {
        return this.buffer == buffer && this.at == at;
    }

    public int flags() {
        return buffer.get(at) & 0xff;
    }

    public boolean needsChecksum() {
        return (flags() & FLAG_NEEDS_CSUM) != 0;
    }

    /** The GSO type without its ECN bit. */
    public int gsoType() {
        return buffer.get(at + 1) & 0x7f;
    }

    public int headerLength() {
        return hostShort(2);
    }

    public int gsoSize() {
        return hostShort(4);
    }

    public int checksumStart() {
        return hostShort(6);
    }

    public int checksumOffset() {
        return hostShort(8);
    }

    private int hostShort(int field) {
        int first = buffer.get(at + field) & 0xff;
        int second = buffer.get(at + field + 1) & 0xff;
        return LITTLE ? first | second << 8 : first << 8 | second;
    }

    /** Writes a header that asks for nothing (no checksum to complete, no segmentation). */
    public static void putPlain(ByteBuffer buffer, int at) {
        buffer.putLong(at, 0L);
        buffer.putShort(at + 8, (short) 0);
    }

    /** Writes a header; for tests and for packets handed to the device. */
    public static void put(ByteBuffer buffer, int at, int flags, int gsoType, int headerLength, int gsoSize, int checksumStart,
            int checksumOffset) {
        buffer.put(at, (byte) flags);
        buffer.put(at + 1, (byte) gsoType);
        putHostShort(buffer, at + 2, headerLength);
        putHostShort(buffer, at + 4, gsoSize);
        putHostShort(buffer, at + 6, checksumStart);
        putHostShort(buffer, at + 8, checksumOffset);
    }

    private static void putHostShort(ByteBuffer buffer, int index, int value) {
        buffer.put(index, (byte) (LITTLE ? value : value >>> 8));
        buffer.put(index + 1, (byte) (LITTLE ? value >>> 8 : value));
    }

    @Override
    public String toString() {
        return "virtio_net_hdr[flags " + flags() + ", gso " + (buffer.get(at + 1) & 0xff) + ", hdr " + headerLength() + ", size "
                + gsoSize() + ", csum " + checksumStart() + "+" + checksumOffset() + "]";
    }
}
