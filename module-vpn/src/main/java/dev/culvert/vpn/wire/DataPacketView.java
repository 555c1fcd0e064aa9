package dev.culvert.vpn.wire;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;

/**
 * A typed view over the cleartext head of a data packet, read in place from a {@link Packet}:
 *
 * <pre>
 * P_DATA_V1: byte0 | packet id (4) | tag and ciphertext
 * P_DATA_V2: byte0 | peer id (3)   | packet id (4) | tag and ciphertext
 * </pre>
 *
 * where byte0 is {@code opcode << 3 | key id}. {@link #wrap} checks the opcode and that the head
 * is all there, once, and says why it refuses; after it accepts, the accessors read the fields
 * without further checks. The packet id is read but not trusted: only the data channel, after
 * the tag verified, decides whether it is a replay. One view is reused for many packets.
 */
public final class DataPacketView {
    /** The first byte. */
    public static final int V1_HEADER = 1;
    /** The first byte and the 24-bit peer id. */
    public static final int V2_HEADER = 4;
    public static final int PACKET_ID_LENGTH = 4;
    /** The peer id of P_DATA_V2 that names no peer (2.6's {@code MAX_PEER_ID}). */
    public static final int NO_PEER_ID = 0xFF_FFFF;

    private Packet packet;
    private Opcode opcode;
    private int headerLength;

    /**
     * Points the view at {@code packet}'s contents.
     *
     * @return null if it is a data packet with its whole head, else why not (the view is then unusable)
     */
    public DropReason wrap(Packet packet) {
        this.packet = null;
        if (packet.length() < 1) {
            return DataPacketDrops.TRUNCATED;
        }
        Opcode op = Opcode.ofByte0(packet.getUnsignedByte(0));
        if (op == null || !op.isData()) {
            return DataPacketDrops.NOT_DATA;
        }
        int header = op == Opcode.DATA_V2 ? V2_HEADER : V1_HEADER;
        if (packet.length() < header + PACKET_ID_LENGTH) {
            return DataPacketDrops.TRUNCATED;
        }
        this.packet = packet;
        this.opcode = op;
        this.headerLength = header;
        return null;
    }

    /** {@link Opcode#DATA_V1} or {@link Opcode#DATA_V2}. */
    public Opcode opcode() {
        return opcode;
    }

    /** The key id (0..7) the sender sealed the packet with. */
    public int keyId() {
        return Opcode.keyIdOf(packet.getUnsignedByte(0));
    }

    /** Whether the packet names its peer (P_DATA_V2) rather than relying on its source address (P_DATA_V1). */
    public boolean hasPeerId() {
        return opcode == Opcode.DATA_V2;
    }

    /** The 24-bit peer id of P_DATA_V2 ({@link #NO_PEER_ID} is possible), or -1 for P_DATA_V1, which carries none. */
    public int peerId() {
        return hasPeerId() ? packet.getInt(0) & NO_PEER_ID : -1;
    }

    /** Bytes before the packet id: 1 for P_DATA_V1, 4 for P_DATA_V2. */
    public int headerLength() {
        return headerLength;
    }

    /** The packet id as an unsigned 32-bit number; unauthenticated until the data channel opened the packet. */
    public long packetId() {
        return packet.getUnsignedInt(headerLength);
    }
}
