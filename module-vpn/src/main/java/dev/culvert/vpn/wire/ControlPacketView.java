package dev.culvert.vpn.wire;

import dev.culvert.core.graph.DropReason;

/**
 * A typed view over a plain control packet (no tls-auth/tls-crypt wrapping, or after it was
 * removed):
 *
 * <pre>
 * byte0 | own sid (8) | ack_len (1) | ack_len x uint32 | peer sid (8, iff ack_len &gt; 0) | msg id (4, not in P_ACK_V1) | payload
 * </pre>
 *
 * {@link #wrap} checks every length once and says why it refuses; after it accepts, the accessors
 * read fields in place. One view is reused for many packets; it holds no copy of the bytes.
 */
public final class ControlPacketView {
    /** 2.6's RELIABLE_ACK_SIZE: the most ids one ACK array may carry. */
    public static final int MAX_ACKS = 8;
    /** byte0, own session id, ack_len. */
    public static final int MIN_LENGTH = 1 + SessionId.LENGTH + 1;

    private byte[] buf;
    private int offset;
    private int length;
    private Opcode opcode;
    private int ackCount;
    private int payloadOffset;

    /**
     * Points the view at {@code length} bytes of {@code buf} from {@code offset}.
     *
     * @return null if the packet is well formed, else why not (the view is then unusable)
     */
    public DropReason wrap(byte[] buf, int offset, int length) {
        this.buf = null;
        if (length < 1) {
            return ControlDrops.TRUNCATED;
        }
        Opcode op = Opcode.ofByte0(buf[offset]);
        if (op == null || !op.isLegalControl()) {
            return ControlDrops.BAD_OPCODE;
        }
        if (length < MIN_LENGTH) {
            return ControlDrops.TRUNCATED;
        }
        if (SessionId.readLong(buf, offset + 1) == 0) {
            return ControlDrops.ZERO_SESSION_ID;
        }
        int acks = buf[offset + 1 + SessionId.LENGTH] & 0xff;
        if (acks > MAX_ACKS) {
            return ControlDrops.TOO_MANY_ACKS;
        }
        int at = MIN_LENGTH + 4 * acks + (acks > 0 ? SessionId.LENGTH : 0);
        if (op.hasMessageId()) {
            at += 4;
        }
        if (length < at) {
            return ControlDrops.TRUNCATED;
        }
        if (op == Opcode.ACK_V1 && (acks == 0 || length != at)) {
            return ControlDrops.EMPTY_ACK;
        }
        if (acks > 0 && SessionId.readLong(buf, offset + MIN_LENGTH + 4 * acks) == 0) {
            // It could never name us; 2.6 drops it on the mismatch, we say why earlier.
            return ControlDrops.ZERO_SESSION_ID;
        }
        this.buf = buf;
        this.offset = offset;
        this.length = length;
        this.opcode = op;
        this.ackCount = acks;
        this.payloadOffset = offset + at;
        return null;
    }

    public Opcode opcode() {
        return opcode;
    }

    public int keyId() {
        return Opcode.keyIdOf(buf[offset]);
    }

    /** The sender's own session id (never zero once {@link #wrap} accepted). */
    public long sessionId() {
        return SessionId.readLong(buf, offset + 1);
    }

    public int ackCount() {
        return ackCount;
    }

    /** The {@code i}-th acknowledged message id, as an unsigned 32-bit number. */
    public long ack(int i) {
        if (i < 0 || i >= ackCount) {
            throw new IndexOutOfBoundsException(i);
        }
        return readUint32(buf, offset + MIN_LENGTH + 4 * i);
    }

    /** The receiver's session id as the sender believes it (never zero), or 0 when no ACK is carried. */
    public long peerSessionId() {
        return ackCount == 0 ? 0 : SessionId.readLong(buf, offset + MIN_LENGTH + 4 * ackCount);
    }

    /** The message packet-id (unsigned 32 bits), or -1 for P_ACK_V1, which has none. */
    public long messageId() {
        return opcode.hasMessageId() ? readUint32(buf, payloadOffset - 4) : -1;
    }

    public byte[] buffer() {
        return buf;
    }

    public int payloadOffset() {
        return payloadOffset;
    }

    public int payloadLength() {
        return offset + length - payloadOffset;
    }

    static long readUint32(byte[] buf, int off) {
        return ((buf[off] & 0xffL) << 24) | ((buf[off + 1] & 0xffL) << 16) | ((buf[off + 2] & 0xffL) << 8) | (buf[off + 3] & 0xffL);
    }

    static void writeUint32(byte[] buf, int off, long v) {
        buf[off] = (byte) (v >>> 24);
        buf[off + 1] = (byte) (v >>> 16);
        buf[off + 2] = (byte) (v >>> 8);
        buf[off + 3] = (byte) v;
    }
}
