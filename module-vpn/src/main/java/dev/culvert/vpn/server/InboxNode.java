package dev.culvert.vpn.server;

import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Where what other workers hand this one enters its graph. Most of it is inside traffic for a
 * client this worker owns, to be compressed and sealed here (port {@code seal}). The rest is a
 * data packet another worker received for such a client ({@link OwnerWorkers#openOnOwner}): it
 * goes to its listener's open node (port {@code open-L}), so one thread opens a client's packets
 * and its replay window never sees two at once.
 */
final class InboxNode implements Node {
    /** The {@link Packet#destinationPeer()} of a packet handed over to be opened; its listener is its {@link Packet#egress()}. */
    static final long TO_OPEN = Long.MIN_VALUE;

    private final List<String> ports = new ArrayList<>();

    InboxNode(int listeners) {
        ports.add("seal");
        for (int l = 0; l < listeners; l++) {
            ports.add(openPort(l));
        }
    }

    static String openPort(int listener) {
        return "open-" + listener;
    }

    @Override
    public List<String> ports() {
        return ports;
    }

    @Override
    public void process(PacketBatch batch, Emitter out) {
        for (int i = 0; i < batch.size(); i++) {
            Packet packet = batch.get(i);
            if (packet.destinationPeer() == TO_OPEN) {
                int listener = packet.egress();
                packet.setDestinationPeer(0);
                packet.setEgress(0);
                out.forward(packet, 1 + listener);
            } else {
                out.forward(packet, 0);
            }
        }
    }
}
