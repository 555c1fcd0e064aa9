package dev.culvert.vpn.mesh;

import dev.culvert.spi.route.Prefix;
import dev.culvert.spi.route.RouteTable;
import dev.culvert.spi.route.Router;
import java.util.List;
import java.util.function.Supplier;

/**
 * Keeps the route table in step with the mesh, on the control plane: this node's networks are
 * {@link Router#LOCAL}; a live peer's networks point to its session's handle; a dead peer's are
 * {@link Router#UNREACHABLE}, so senders fail fast instead of timing out, until it rejoins.
 *
 * <p>Each step moves a network straight from one target to the next (never through "no entry"),
 * so a worker never routes a dead peer's network to the host in between.
 */
public final class MeshRoutes {
    private final Supplier<RouteTable> router;

    /** @param router the route slot's current table: a router swapped in takes the entries over, and later steps go to it */
    public MeshRoutes(Supplier<RouteTable> router) {
        this.router = router;
    }

    /** This node's own networks. */
    public void owns(List<Prefix> local) {
        RouteTable table = router.get();
        local.forEach(p -> table.put(p, Router.LOCAL));
    }

    /** {@code peer} is declared but has no session yet: its networks fail fast until it is up. */
    public void declared(MeshPeer peer) {
        RouteTable table = router.get();
        peer.prefixes().forEach(p -> table.put(p, Router.UNREACHABLE));
    }

    /** {@code peer}'s session {@code handle} is authenticated: its networks go to it. */
    public void up(long handle, MeshPeer peer) {
        router.get().setPeer(handle, peer.prefixes());
    }

    /** {@code peer}'s session {@code handle} ended (keepalive expired): its networks fail fast. */
    public void down(long handle, MeshPeer peer) {
        RouteTable table = router.get();
        peer.prefixes().forEach(p -> table.put(p, Router.UNREACHABLE));
        table.removePeer(handle);
    }

    /** {@code peer} is no longer in the mesh: its networks leave the table, whatever their state; {@code handle} -1 without a session. */
    public void removed(long handle, MeshPeer peer) {
        RouteTable table = router.get();
        if (handle >= 0) {
            table.removePeer(handle);
        }
        peer.prefixes().forEach(table::remove);
    }
}
