package dev.culvert.vpn.server;

import dev.culvert.core.slot.Binding;
import dev.culvert.core.slot.Slot;
import dev.culvert.spi.route.Prefix;
import dev.culvert.spi.route.Router;
import java.io.IOException;
import java.util.Collection;

/**
 * The server's side of the routing slot: it writes each client's entries (its tunnel address and
 * iroutes) into whichever router the {@code route} slot holds, one writer at a time, and when an
 * operator swaps the router module it has the new router take over the old one's entries
 * ({@link Router#takeOver}), so that a topology change keeps every client reachable.
 */
final class RouteEntries implements ClientRoutes, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RouteEntries.class.getName());

    private final Slot<Router> slot;
    private final Runnable unsubscribe;
    private Router current;

    RouteEntries(Slot<Router> slot, boolean clientToClient) throws IOException {
        this.slot = slot;
        synchronized (this) {
            current = slot.activeBinding().map(Binding::implementation).orElseThrow(() -> new IOException(
                    "no router is bound in the route slot: a server needs module-routing (its client-server router)"));
            current.table().setClientToClient(clientToClient);
        }
        unsubscribe = slot.onChange(s -> follow());
    }

    private synchronized void follow() {
        Router next = slot.activeBinding().map(Binding::implementation).orElse(null);
        if (next == null || next == current) {
            if (next == null) {
                LOG.log(System.Logger.Level.WARNING, "the route slot is empty; tunnel packets are dropped until a router binds");
            }
            return;
        }
        next.takeOver(current);
        LOG.log(System.Logger.Level.INFO, "router " + next + " took over " + next.table().entries().size()
                + " entries from " + current);
        current = next;
    }

    @Override
    public synchronized void setPeer(long peer, Collection<Prefix> prefixes) {
        current.table().setPeer(peer, prefixes);
    }

    @Override
    public synchronized void removePeer(long peer) {
        current.table().removePeer(peer);
    }

    synchronized Router router() {
        return current;
    }

    @Override
    public void close() {
        unsubscribe.run();
    }
}
