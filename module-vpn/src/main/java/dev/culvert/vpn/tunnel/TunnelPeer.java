package dev.culvert.vpn.tunnel;

import dev.culvert.core.packet.Packet;
import dev.culvert.vpn.session.DataPlane;

/**
 * One peer of a tunnel as the data-plane nodes see it: a client's server, or one of a server's
 * clients. Read on workers; implementations keep what they return in volatile fields.
 */
public interface TunnelPeer {
    /** The peer's data plane, or null before its session has one. */
    DataPlane data();

    /** What the node after sealing finds the peer's transport endpoint by (set as the packet's flow). */
    long endpoint();

    /** Wire bytes sealed for the peer, after each sealed packet. */
    default void sealed(int bytes) {
    }

    /** Wire bytes opened from the peer, after each opened packet (inside or consumed). */
    default void opened(int bytes) {
    }

    /** Marks an opened inside packet as this peer's, for the source check and routing after it. */
    default void tagInside(Packet packet) {
    }
}
