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

    /**
     * Addresses a sealed packet to the peer's transport endpoint for the send node after sealing:
     * its {@linkplain Packet#remote() remote handle}, and on a server with several listeners its
     * {@linkplain Packet#egress() egress}.
     */
    void addressTo(Packet packet);

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
