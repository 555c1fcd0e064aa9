package dev.culvert.spi.l3;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;

/**
 * An IP version's rules. The kernel's L3 node reads the version nibble of each packet and hands
 * it to the protocol bound for that version; with none bound the packet is dropped as
 * {@code l3.ipv4.no-module} or {@code l3.ipv6.no-module} and nothing else is affected.
 *
 * <p>What an implementation may assume: the packet's window holds exactly what the link or tunnel
 * delivered, with at least one byte; {@code meta} is a reused holder owned by the calling thread.
 *
 * <p>What it must guarantee: every length is checked before it is read; any content whatever
 * yields either {@code null} or a drop reason, never an exception; rewrites (MSS clamping) keep
 * every checksum valid.
 */
public interface L3Protocol {
    /** 4 or 6. */
    int ipVersion();

    /**
     * Validates one packet arriving from {@code side}, fills {@code meta} with what routing needs
     * and applies {@code policy} (MSS clamping). Returns {@code null} if the packet may go on,
     * else why it must be dropped.
     */
    DropReason inspect(Packet packet, Side side, L3Metadata meta, L3Policy policy);

    /**
     * Writes into {@code reply} (an empty packet from the pool) an ICMP error that answers
     * {@code offending}, addressed back to its source. Returns {@code null} if {@code reply} now
     * holds the error, else why no error may be sent (the offending packet is itself an ICMP error,
     * is not a first fragment, has a multicast source, or the rate limit is reached).
     */
    DropReason writeIcmpError(Packet offending, IcmpError error, int nextHopMtu, Packet reply);
}
