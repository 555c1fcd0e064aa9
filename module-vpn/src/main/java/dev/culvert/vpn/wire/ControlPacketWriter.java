package dev.culvert.vpn.wire;

/** Writes a {@link ControlPacket} in its plain wire form (§1.3 of the protocol notes). */
public final class ControlPacketWriter {
    private ControlPacketWriter() {
    }

    /** Bytes before the payload for this opcode and number of ACKs. */
    public static int headerLength(Opcode opcode, int ackCount) {
        return ControlPacketView.MIN_LENGTH + 4 * ackCount + (ackCount > 0 ? SessionId.LENGTH : 0)
                + (opcode.hasMessageId() ? 4 : 0);
    }

    /**
     * Writes {@code packet} at {@code offset} of {@code buf}.
     *
     * @return the number of bytes written
     * @throws IllegalArgumentException if it does not fit: the caller sized the buffer wrong
     */
    public static int write(ControlPacket packet, byte[] buf, int offset) {
        int total = packet.encodedLength();
        if (offset < 0 || total > buf.length - offset) {
            throw new IllegalArgumentException("control packet of " + total + " bytes does not fit at " + offset
                    + " in a buffer of " + buf.length);
        }
        int at = offset;
        buf[at++] = (byte) packet.opcode().byte0(packet.keyId());
        packet.sessionId().write(buf, at);
        at += SessionId.LENGTH;
        long[] acks = packet.acks();
        buf[at++] = (byte) acks.length;
        for (long id : acks) {
            ControlPacketView.writeUint32(buf, at, id);
            at += 4;
        }
        if (acks.length > 0) {
            packet.peerSessionId().write(buf, at);
            at += SessionId.LENGTH;
        }
        if (packet.opcode().hasMessageId()) {
            ControlPacketView.writeUint32(buf, at, packet.messageId());
            at += 4;
        }
        byte[] payload = packet.payload();
        System.arraycopy(payload, 0, buf, at, payload.length);
        return at + payload.length - offset;
    }

    /** The packet as a fresh array of exactly its length. */
    public static byte[] toBytes(ControlPacket packet) {
        byte[] out = new byte[packet.encodedLength()];
        write(packet, out, 0);
        return out;
    }
}
