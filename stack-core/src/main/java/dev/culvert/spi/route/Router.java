package dev.culvert.spi.route;

import dev.culvert.spi.l3.L3Metadata;

/**
 * Decides where a packet goes, and whether a peer may send from a source address. The table is
 * data: a new router module that binds takes over the entries of the one it replaces
 * ({@link #takeOver(Router)}), so a topology change is a module swap, not a restart.
 *
 * <p>Route results are peer handles: a non-negative number naming a tunnel session, or one of the
 * negative constants below.
 *
 * <p>What an implementation may assume: {@code meta} was filled by an L3 protocol. It is called
 * from every worker at once; lookups must not block or allocate.
 */
public interface Router {
    /** The destination is this node's own link (the TUN device). */
    long LOCAL = -1;
    /** No route: the caller drops the packet and may answer with ICMP unreachable. */
    long UNREACHABLE = -2;

    /** The peer handle for the packet's destination, {@link #LOCAL} or {@link #UNREACHABLE}. */
    long route(L3Metadata meta);

    /** Whether {@code peer} may send packets with this source address (anti-spoofing). */
    boolean sourceAllowed(long peer, L3Metadata meta);

    /** Copies the entries of {@code previous}, the router this one replaces in the slot. */
    default void takeOver(Router previous) {
    }
}
