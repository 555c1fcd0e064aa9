package dev.culvert.spi.route;

import java.util.Collection;
import java.util.Map;

/**
 * The control plane's view of a router's table: which prefix goes to which target. A target is a
 * peer handle ({@code >= 0}), {@link Router#LOCAL} (this node's own networks) or
 * {@link Router#UNREACHABLE} (a black hole). A peer's own entries (its tunnel addresses and its
 * iroutes) are also the source addresses it may use.
 *
 * <p>Called from one control-plane thread at a time; each call is published to the workers at
 * once, as a whole (a worker sees all of a call's changes or none of them). Implementations may
 * make a change cost time proportional to the table's size, so a session's entries are set in one
 * call ({@link #setPeer}).
 */
public interface RouteTable {
    /** Routes {@code prefix} to {@code target}, replacing the prefix's previous target. */
    void put(Prefix prefix, long target);

    /** Removes the entry for exactly {@code prefix}; returns whether there was one. */
    boolean remove(Prefix prefix);

    /**
     * Makes {@code prefixes} the whole set of entries that point to {@code peer}: entries of that
     * peer not listed are removed; a listed prefix owned by another target moves to this peer,
     * as a newer session takes over an address in OpenVPN. An empty set forgets the peer.
     */
    void setPeer(long peer, Collection<Prefix> prefixes);

    /** Removes every entry pointing to {@code peer} (its session ended). */
    default void removePeer(long peer) {
        setPeer(peer, java.util.List.of());
    }

    /** A snapshot of the entries. */
    Map<Prefix, Long> entries();

    /**
     * Whether a packet from one peer may go straight to another (OpenVPN's
     * {@code client-to-client}); when not, it goes to {@link Router#LOCAL} and the host decides.
     */
    boolean clientToClient();

    void setClientToClient(boolean enabled);

    /** Replaces this table's entries and settings with {@code other}'s, in one publication. */
    void copyFrom(RouteTable other);
}
