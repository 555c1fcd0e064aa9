package dev.culvert.spi.tunnel;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;

/**
 * A VPN protocol's data path: sealing inside packets into wire packets for a peer and opening
 * wire packets back into inside packets. The protocol core behind it does no I/O: bytes and timer
 * ticks go in, packets and events come out, so it can be tested deterministically and fuzzed.
 *
 * <p>What an implementation may assume: the kernel keeps a peer's packets in order and calls
 * {@link #seal} for one peer from one thread at a time; packets have the pool's headroom and
 * tailroom for the protocol's header and tag.
 *
 * <p>What it must guarantee: {@link #open} treats the packet as hostile and returns a drop
 * reason for anything it does not authenticate, never an exception; keys it retires are wiped.
 */
public interface TunnelProtocol {
    /** {@code openvpn}. */
    String name();

    /** Turns the inside packet for {@code peer} into a wire packet in place; {@code null} on success. */
    DropReason seal(Packet packet, long peer);

    /**
     * Turns the wire packet into an inside packet in place and sets its
     * {@link Packet#sourcePeer()} to the peer it came from; {@code null} on success, else why it
     * was dropped.
     */
    DropReason open(Packet packet);
}
