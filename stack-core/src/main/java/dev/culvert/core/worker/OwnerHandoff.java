package dev.culvert.core.worker;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import java.util.List;
import java.util.Objects;

/**
 * Keeps each peer on one worker: a packet whose {@linkplain Packet#destinationPeer() destination
 * peer} another worker owns goes to that worker's inbox, the rest go on through port
 * {@code owned}. Place it before the node that assigns packet
 * ids, and make the owners' inbox entry that node, so a peer's ids are assigned and sent by one
 * thread in one order; stock OpenVPN peers drop packets more than 64 places out of order.
 */
public final class OwnerHandoff implements Node {
    public static final DropReason INBOX_FULL = DropReason.of("worker.inbox-full");
    public static final DropReason NOT_ON_WORKER = DropReason.of("worker.not-on-worker");

    private final FlowOwners owners;
    private volatile Worker[] workers = new Worker[0];

    public OwnerHandoff(FlowOwners owners) {
        this.owners = Objects.requireNonNull(owners, "owners");
    }

    /** Sets the workers, indexed by {@link Worker#index()}; before they start. */
    public void setWorkers(List<Worker> all) {
        Worker[] array = new Worker[all.size()];
        for (Worker w : all) {
            array[w.index()] = w;
        }
        this.workers = array;
    }

    @Override
    public List<String> ports() {
        return List.of("owned");
    }

    @Override
    public void process(PacketBatch batch, Emitter out) {
        int self = out.worker().index();
        Worker[] all = workers;
        for (int i = 0; i < batch.size(); i++) {
            Packet packet = batch.get(i);
            if (self < 0) {
                out.drop(packet, NOT_ON_WORKER);
                continue;
            }
            int owner = owners.ownerOf(packet.destinationPeer());
            if (owner == self || owner < 0 || owner >= all.length) {
                out.forward(packet, 0);
                continue;
            }
            out.consume(packet);
            if (!all[owner].handOff(packet)) {
                out.drop(packet, INBOX_FULL);
            }
        }
    }
}
