package dev.culvert.vpn.runtime;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.vpn.session.DataPlane;
import dev.culvert.vpn.session.VpnSession;
import java.util.List;
import java.util.function.Supplier;

/**
 * Sorts what arrives from the peer: data packets are opened in place by the data plane and go on
 * as inside packets; control packets are copied and handed to the control thread, which owns the
 * session's control side. Keepalives and OCC messages are consumed by the data plane.
 */
final class OpenNode implements Node {
    static final DropReason EMPTY = DropReason.of("vpn.runtime.empty");
    static final DropReason NO_SESSION = DropReason.of("vpn.runtime.no-session");

    /** Takes a control packet's bytes for the control thread; false when its backlog is full. */
    interface ControlHandoff {
        boolean offer(byte[] packet);
    }

    static final DropReason CONTROL_BACKLOG = DropReason.of("vpn.runtime.control-backlog");

    private final Supplier<DataPlane> dataPlane;
    private final ControlHandoff control;

    OpenNode(Supplier<DataPlane> dataPlane, ControlHandoff control) {
        this.dataPlane = dataPlane;
        this.control = control;
    }

    @Override
    public List<String> ports() {
        return List.of("inside");
    }

    @Override
    public void process(PacketBatch batch, Emitter out) {
        DataPlane data = dataPlane.get();
        long now = System.nanoTime();
        for (int i = 0; i < batch.size(); i++) {
            Packet packet = batch.get(i);
            if (packet.length() == 0) {
                out.drop(packet, EMPTY);
                continue;
            }
            if (!VpnSession.isDataPacket(packet.getUnsignedByte(0))) {
                // The control path may allocate; it carries a handful of packets per handshake.
                if (control.offer(packet.toByteArray())) {
                    out.consume(packet);
                    packet.release();
                } else {
                    out.drop(packet, CONTROL_BACKLOG);
                }
                continue;
            }
            if (data == null) {
                out.drop(packet, NO_SESSION);
                continue;
            }
            switch (data.open(packet, now)) {
                case TUNNEL -> out.forward(packet, 0);
                case CONSUMED -> {
                    out.consume(packet);
                    packet.release();
                }
                case DROPPED -> out.drop(packet, data.lastDrop());
            }
        }
    }
}
