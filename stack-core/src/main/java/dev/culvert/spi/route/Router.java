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
 * <p>Two sides, two threads. Workers call {@link #route} and {@link #sourceAllowed}, from every
 * worker at once; those must not block, lock or allocate, and must answer from one consistent
 * table (the one before an update or the one after it, never a mix). The control plane (session
 * set-up and tear-down, configuration) changes the entries through {@link #table()}, from one
 * thread at a time.
 *
 * <p>What an implementation may assume: {@code meta} was filled by an L3 protocol.
 */
public interface Router {
    /** The destination is this node's own link (the TUN device); as a source: "from the TUN". */
    long LOCAL = -1;
    /** No route: the caller drops the packet and may answer with ICMP unreachable. */
    long UNREACHABLE = -2;

    /**
     * The peer handle for the packet's destination, {@link #LOCAL} or {@link #UNREACHABLE}.
     *
     * @param from the peer the packet came from, or {@link #LOCAL} if it came from the TUN
     */
    long route(long from, L3Metadata meta);

    /** Whether {@code peer} may send packets with this source address (anti-spoofing). */
    boolean sourceAllowed(long peer, L3Metadata meta);

    /**
     * The topology's name ({@code client-server}, {@code mesh}): what a role selects the router by.
     * Inside OSGi the {@code culvert.name} property names it; on a plain class path this does, so
     * an implementation returns the same word.
     */
    default String name() {
        return getClass().getSimpleName();
    }

    /** The entries, for the control plane. */
    RouteTable table();

    /**
     * Copies the entries and settings of {@code previous}, the router this one replaces in the
     * slot. Called on the control plane before this router serves a packet.
     */
    default void takeOver(Router previous) {
        table().copyFrom(previous.table());
    }
}
