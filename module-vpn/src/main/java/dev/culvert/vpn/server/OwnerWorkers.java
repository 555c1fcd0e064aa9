package dev.culvert.vpn.server;

import dev.culvert.core.worker.Worker;
import java.util.List;

/**
 * The server's workers by index, for handing a client's data packet to the worker that owns the
 * client when another one received it: a UDP client that floated to an address the kernel
 * steers to another socket. Its owner opens it ({@link InboxNode}), as it opens all the client's
 * packets, so the replay window has one reader.
 */
final class OwnerWorkers {
    private volatile Worker[] workers = new Worker[0];

    /** Sets the workers, indexed by {@link Worker#index()}; before they start. */
    void set(List<Worker> all) {
        Worker[] array = new Worker[all.size()];
        for (Worker w : all) {
            array[w.index()] = w;
        }
        workers = array;
    }

    /** Hands the packet, received on {@code listener}, to worker {@code owner} to be opened; false if it cannot take it. */
    boolean openOnOwner(int owner, int listener, dev.culvert.core.packet.Packet packet) {
        Worker[] all = workers;
        if (owner < 0 || owner >= all.length) {
            return false;
        }
        packet.setDestinationPeer(InboxNode.TO_OPEN);
        packet.setEgress(listener);
        return all[owner].handOff(packet);
    }

    /** Runs {@code task} on worker {@code index} between its batches; false if there is no such worker. */
    boolean post(int index, Runnable task) {
        Worker[] all = workers;
        if (index < 0 || index >= all.length) {
            return false;
        }
        all[index].post(task);
        return true;
    }
}
