package dev.culvert.core.graph;

import dev.culvert.core.packet.PacketBatch;
import java.util.List;

/**
 * One step of the pipeline. A node receives a batch of packets and, for each, calls
 * {@link Emitter#forward} with one of its ports or {@link Emitter#drop} with a reason. It may also
 * emit packets it acquired itself (an ICMP error, a keepalive).
 *
 * <p>What an implementation may assume: it is called by one thread at a time per
 * {@link GraphRunner}, but the same instance may run on several runners (workers) at once, so
 * per-packet state lives in locals or per-thread structures. It owns the batch's packets only
 * until it has forwarded or dropped them, and must not touch a packet after handing it on.
 *
 * <p>What it must guarantee: it handles its batch in order, first packet first; every packet gets
 * exactly one next step; no exception escapes for anything a packet's bytes could cause (parsers
 * turn bad input into drop reasons). If it throws anyway, the runner drops the first packet it
 * still held (the one it was handling) with {@link DropReason#NODE_FAILED} and runs it again over
 * the packets after that one, so one bad packet never costs the others in its batch.
 */
public interface Node {
    /** The names of this node's output ports; port {@code i} is the {@code i}-th name. Empty for a sink. */
    default List<String> ports() {
        return List.of("next");
    }

    void process(PacketBatch batch, Emitter out);
}
