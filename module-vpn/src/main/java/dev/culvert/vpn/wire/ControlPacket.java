package dev.culvert.vpn.wire;

import java.util.Arrays;

/**
 * A parsed (or to-be-written) plain control packet. {@code acks} holds 0..8 message ids;
 * {@code peerSessionId} is present exactly when there are ACKs; {@code messageId} is -1 for
 * P_ACK_V1 and an unsigned 32-bit number otherwise. Arrays are copied in and out, so a value never
 * changes.
 */
public record ControlPacket(Opcode opcode, int keyId, SessionId sessionId, long[] acks, SessionId peerSessionId,
                            long messageId, byte[] payload) {

    public ControlPacket {
        if (!opcode.isLegalControl()) {
            throw new IllegalArgumentException("not a control opcode: " + opcode);
        }
        if ((keyId & ~Opcode.KEY_ID_MASK) != 0) {
            throw new IllegalArgumentException("key id out of range 0..7: " + keyId);
        }
        acks = acks.clone();
        if (acks.length > ControlPacketView.MAX_ACKS) {
            throw new IllegalArgumentException("at most 8 ACKs, not " + acks.length);
        }
        for (long id : acks) {
            requireUint32(id);
        }
        if ((acks.length > 0) != (peerSessionId != null)) {
            throw new IllegalArgumentException("the peer session id goes with ACKs, and only with them");
        }
        if (opcode.hasMessageId()) {
            requireUint32(messageId);
        } else if (messageId != -1) {
            throw new IllegalArgumentException("P_ACK_V1 carries no message id");
        }
        payload = payload.clone();
        if (opcode == Opcode.ACK_V1 && (acks.length == 0 || payload.length > 0)) {
            throw new IllegalArgumentException("P_ACK_V1 carries ACKs and nothing else");
        }
    }

    /** Copies the packet a view points at. */
    public static ControlPacket of(ControlPacketView view) {
        long[] acks = new long[view.ackCount()];
        for (int i = 0; i < acks.length; i++) {
            acks[i] = view.ack(i);
        }
        long peer = view.peerSessionId();
        byte[] payload = Arrays.copyOfRange(view.buffer(), view.payloadOffset(), view.payloadOffset() + view.payloadLength());
        return new ControlPacket(view.opcode(), view.keyId(), new SessionId(view.sessionId()), acks,
                peer == 0 ? null : new SessionId(peer), view.messageId(), payload);
    }

    @Override
    public long[] acks() {
        return acks.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public int payloadLength() {
        return payload.length;
    }

    /** Bytes {@link ControlPacketWriter} needs for this packet. */
    public int encodedLength() {
        return ControlPacketWriter.headerLength(opcode, acks.length) + payload.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ControlPacket p && opcode == p.opcode && keyId == p.keyId && sessionId.equals(p.sessionId)
                && Arrays.equals(acks, p.acks) && java.util.Objects.equals(peerSessionId, p.peerSessionId)
                && messageId == p.messageId && Arrays.equals(payload, p.payload);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(opcode, keyId, sessionId, Arrays.hashCode(acks), peerSessionId, messageId,
                Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return opcode + "/kid" + keyId + " sid=" + sessionId + " acks=" + Arrays.toString(acks) + " peer=" + peerSessionId
                + " msg=" + messageId + " payload=" + payload.length + "B";
    }

    private static void requireUint32(long v) {
        if ((v & ~0xFFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("not an unsigned 32-bit id: " + v);
        }
    }
}
