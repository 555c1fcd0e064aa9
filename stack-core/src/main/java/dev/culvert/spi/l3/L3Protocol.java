package dev.culvert.spi.l3;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;

/**
 * An IP version's rules. The kernel's L3 node reads the version nibble of each packet and hands
 * it to the protocol bound for that version; with none bound the packet is dropped as
 * {@code l3.ipv4.no-module} or {@code l3.ipv6.no-module} and nothing else is affected.
 *
 * <p>What an implementation may assume: {@code meta} is a reused holder owned by the calling
 * thread. It may not assume anything about the packet's bytes, not even that the window is
 * non-empty: fuzzers call it directly.
 *
 * <p>What it must guarantee: every length is checked before it is read; any content whatever
 * yields either {@code null} or a drop reason, never an exception; rewrites (MSS clamping) keep
 * every checksum valid; nothing is allocated per packet; it is safe to call from every worker at
 * once.
 */
public interface L3Protocol {
    /** 4 or 6. */
    int ipVersion();

    /**
     * Validates one packet arriving from {@code side}, fills {@code meta} with what routing needs
     * and applies {@code policy} (MSS clamping). Returns {@code null} if the packet may go on,
     * else why it must be dropped. When the sender should be told, it also sets
     * {@link L3Metadata#answer()} to the ICMP error to send with {@link #writeIcmpError}.
     */
    DropReason inspect(Packet packet, Side side, L3Metadata meta, L3Policy policy);

    /**
     * Writes into {@code reply} (a packet from the pool, whose window is overwritten) an ICMP
     * error that answers {@code offending}, from the policy's router address back to the
     * offending packet's source, quoting as much of {@code offending} as the protocol's rules
     * allow. {@code nextHopMtu} is reported in {@link IcmpError#PACKET_TOO_BIG} and ignored
     * otherwise.
     *
     * <p>Returns {@code null} if {@code reply} now holds the error, else why no error may be sent
     * (the offending packet is malformed, is itself an ICMP error, is not a first fragment, has a
     * multicast or unspecified source or a multicast or broadcast destination, the policy names no
     * router address, or the rate limit of {@link L3Policy#icmpPerSecond()} is reached). The
     * offending packet is only read.
     */
    DropReason writeIcmpError(Packet offending, IcmpError error, int nextHopMtu, L3Policy policy, Packet reply);
}
