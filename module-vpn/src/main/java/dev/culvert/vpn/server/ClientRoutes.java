package dev.culvert.vpn.server;

import dev.culvert.spi.route.Prefix;
import java.util.Collection;

/**
 * Where a client's addresses are routed to it: the server's router ({@link RouteEntries}), or
 * nowhere for the clients of a rehearsal ({@link SessionRehearsal}), whose made-up addresses must
 * never take a real client's packets.
 */
interface ClientRoutes {
    /** Routes {@code prefixes}, and only those, to {@code peer}. */
    void setPeer(long peer, Collection<Prefix> prefixes);

    /** Routes nothing to {@code peer} any more. */
    void removePeer(long peer);
}
