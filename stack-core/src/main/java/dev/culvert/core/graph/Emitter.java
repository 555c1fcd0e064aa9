package dev.culvert.core.graph;

import dev.culvert.core.packet.Packet;

/**
 * Where a node sends each packet (on through a port, or into a counted drop), and the worker it
 * runs on.
 */
public interface Emitter {
    /** The worker running the node; {@link WorkerContext#NONE} when no worker does. */
    WorkerContext worker();

    /** Hands the packet to whatever is wired to {@code port}; the node no longer owns it. */
    void forward(Packet packet, int port);

    /** Forwards through port 0, the only port of most nodes. */
    default void forward(Packet packet) {
        forward(packet, 0);
    }

    /**
     * The node keeps the packet: a sink that queued it for a link or wrote and released it. The
     * runner counts it as delivered and stops tracking it. A sink calls this <em>before</em>
     * handing the packet on, because once a link or socket has it, it may already be back in the
     * pool and in someone else's hands.
     */
    void consume(Packet packet);

    /**
     * A packet the node consumed and then could not hand on (the link refused it): counted as a
     * drop with {@code reason} instead of a delivery, and released.
     */
    void refused(Packet packet, DropReason reason);

    /** Releases the packet to its pool and counts the drop against this node and reason. */
    void drop(Packet packet, DropReason reason);
}
