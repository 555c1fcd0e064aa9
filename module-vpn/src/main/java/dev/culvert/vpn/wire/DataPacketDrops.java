package dev.culvert.vpn.wire;

import dev.culvert.core.graph.DropReason;

/**
 * Why {@link DataPacketView} refused a packet. The names are the data channel's, so that a
 * truncated data packet counts the same whether the view or the channel found it.
 */
public final class DataPacketDrops {
    /** Shorter than its opcode, peer id (P_DATA_V2) and packet id. */
    public static final DropReason TRUNCATED = DropReason.of("vpn.data.truncated");
    /** The opcode is not P_DATA_V1 or P_DATA_V2. */
    public static final DropReason NOT_DATA = DropReason.of("vpn.data.not-data");

    private DataPacketDrops() {
    }
}
