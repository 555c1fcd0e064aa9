package dev.culvert.ipv6.wire;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;

/**
 * A view of the fixed 40-byte IPv6 header (RFC 8200 §3) at the start of a packet's window.
 * {@link #wrap} checks, once, the fixed header and the payload length against the buffer; after
 * a successful wrap the accessors cannot read outside the packet. Reused by one thread for packet
 * after packet; allocates nothing.
 *
 * <p>Addresses are two longs each, in network order (the first byte in the top byte of {@code hi}).
 * Jumbograms (payload length 0 with a jumbo option, RFC 2675) are not supported: no tunnel MTU
 * comes near 64 KiB, so a payload length of 0 means no payload.
 */
public final class Ipv6Header {
    public static final int LENGTH = 40;

    /** Shorter than the 40-byte fixed header. */
    public static final DropReason TRUNCATED = DropReason.of("ipv6.truncated");
    /** The version nibble is not 6. */
    public static final DropReason BAD_VERSION = DropReason.of("ipv6.bad-version");
    /** The payload length says more bytes than the packet holds. */
    public static final DropReason PAYLOAD_EXCEEDS_BUFFER = DropReason.of("ipv6.payload-length-exceeds-buffer");

    static final int PAYLOAD_LENGTH = 4;
    static final int NEXT_HEADER = 6;
    static final int HOP_LIMIT = 7;
    static final int SOURCE = 8;
    static final int DESTINATION = 24;

    private Packet packet;
    private int payloadLength;

    /** Points this view at {@code packet}; {@code null} if the accessors may be used, else why not. */
    public DropReason wrap(Packet packet) {
        this.packet = null;
        if (packet.length() < LENGTH) {
            return TRUNCATED;
        }
        if (packet.getUnsignedByte(0) >>> 4 != 6) {
            return BAD_VERSION;
        }
        int payload = packet.getUnsignedShort(PAYLOAD_LENGTH);
        if (LENGTH + payload > packet.length()) {
            return PAYLOAD_EXCEEDS_BUFFER;
        }
        this.packet = packet;
        this.payloadLength = payload;
        return null;
    }

    /** The packet of the last successful {@link #wrap}, or {@code null}. */
    public Packet packet() {
        return packet;
    }

    public int trafficClass() {
        return (packet.getUnsignedShort(0) >>> 4) & 0xff;
    }

    public int flowLabel() {
        return packet.getInt(0) & 0xfffff;
    }

    public int payloadLength() {
        return payloadLength;
    }

    /** The fixed header and its payload: the bytes of the packet that count. */
    public int totalLength() {
        return LENGTH + payloadLength;
    }

    public int nextHeader() {
        return packet.getUnsignedByte(NEXT_HEADER);
    }

    public int hopLimit() {
        return packet.getUnsignedByte(HOP_LIMIT);
    }

    public long sourceHi() {
        return packet.buffer().getLong(packet.offset() + SOURCE);
    }

    public long sourceLo() {
        return packet.buffer().getLong(packet.offset() + SOURCE + 8);
    }

    public long destinationHi() {
        return packet.buffer().getLong(packet.offset() + DESTINATION);
    }

    public long destinationLo() {
        return packet.buffer().getLong(packet.offset() + DESTINATION + 8);
    }
}
