package dev.culvert.core.io.transport;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.DropTally;

/**
 * Drops a transport decides on its own, before a packet enters the graph or after it left it,
 * counted by reason. The reasons are fixed, so counting is an array index, not a map lookup.
 */
public final class TransportDrops extends DropTally {
    public static final DropReason TRUNCATED = DropReason.of("transport.truncated");
    public static final DropReason PEER_TABLE_FULL = DropReason.of("transport.peer-table-full");
    public static final DropReason UNKNOWN_PEER = DropReason.refusal("transport.unknown-peer", "a packet from a source that is no peer");
    public static final DropReason SEND_BUFFER_FULL = DropReason.of("transport.send-buffer-full");
    /** The receiving endpoint's queue was full (in-memory endpoints: a slow reader). */
    public static final DropReason RECEIVE_QUEUE_FULL = DropReason.of("transport.receive-queue-full");
    public static final DropReason SEND_FAILED = DropReason.of("transport.send-failed");
    public static final DropReason TOO_LARGE = DropReason.of("transport.too-large");
    /** A datagram of a joined (UDP GRO) receive found no free packet buffer to be copied into. */
    public static final DropReason NO_PACKET_BUFFER = DropReason.of("transport.no-packet-buffer");
    public static final DropReason BAD_FRAME_LENGTH = DropReason.refusal("tcp.bad-frame-length",
            "its TCP stream framed a packet of a length no peer sends, and was closed");
    public static final DropReason QUEUE_FULL = DropReason.of("tcp.send-queue-full");
    public static final DropReason CONNECTION_CLOSED = DropReason.of("tcp.connection-closed");
    /**
     * A connection closed because the tunnel did not call it established within the handshake
     * window ({@code hand-window}); counts connections, not packets.
     */
    public static final DropReason HAND_WINDOW = DropReason.refusal("tcp.hand-window",
            "its TCP connection did not finish the handshake within hand-window, and was closed");
    /** A connection closed at once because every connection slot was taken; counts connections. */
    public static final DropReason NO_SLOT = DropReason.refusal("tcp.no-slot",
            "its TCP connection found every connection slot taken, and was closed (max-clients)");

    private static final DropReason[] ALL = {TRUNCATED, PEER_TABLE_FULL, UNKNOWN_PEER, SEND_BUFFER_FULL, RECEIVE_QUEUE_FULL, SEND_FAILED,
        TOO_LARGE, NO_PACKET_BUFFER, BAD_FRAME_LENGTH, QUEUE_FULL, CONNECTION_CLOSED, HAND_WINDOW, NO_SLOT};

    public TransportDrops() {
        super(ALL);
    }
}
