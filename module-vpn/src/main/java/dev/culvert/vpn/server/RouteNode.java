package dev.culvert.vpn.server;

import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.slot.Binding;
import dev.culvert.core.slot.Slot;
import dev.culvert.spi.l3.L3Metadata;
import dev.culvert.spi.route.Router;
import java.util.List;

/**
 * Asks the router in the {@code route} slot where a validated inside packet goes, by the version
 * and addresses the L3 node before it carried with the packet ({@link Packet#inside()}), so the
 * header is not parsed twice: port
 * {@code tun} for the server's own TUN device, port {@code client} for a client (the packet's destination
 * peer becomes that client's index), port {@code unreachable} for what the router has no route
 * for (wired to a {@code NoRouteNode}, which answers the sender with ICMP unreachable). Packets from the TUN come from {@link Router#LOCAL}; packets
 * from a client carry the client's index as their source peer, so the router can apply
 * client-to-client. Only packets from clients have the {@code tun} port: a packet from the TUN
 * that routes back there is a loop, dropped. Which router
 * answers is the slot's business: a topology module swap changes it between two batches.
 */
final class RouteNode implements Node, AutoCloseable {
    private static final int TUN = 0;
    private static final List<String> FROM_TUNNEL_PORTS = List.of("tun", "client", "unreachable");
    private static final List<String> FROM_TUN_PORTS = List.of("client", "unreachable");

    private final boolean fromTunnel;
    private final int clientPort;
    private final int unreachablePort;
    private final L3Metadata meta = new L3Metadata();
    private volatile Router router;
    private final Runnable unsubscribe;

    /** {@code fromTunnel}: packets come from clients (source peer = client index), else from the TUN. */
    RouteNode(Slot<Router> routes, boolean fromTunnel) {
        this.fromTunnel = fromTunnel;
        this.clientPort = fromTunnel ? 1 : 0;
        this.unreachablePort = clientPort + 1;
        unsubscribe = routes.onChange(s -> router = s.activeBinding().map(Binding::implementation).orElse(null));
        router = routes.activeBinding().map(Binding::implementation).orElse(null);
    }

    @Override
    public List<String> ports() {
        return fromTunnel ? FROM_TUNNEL_PORTS : FROM_TUN_PORTS;
    }

    @Override
    public void process(PacketBatch batch, Emitter out) {
        Router r = router;
        for (int i = 0; i < batch.size(); i++) {
            Packet packet = batch.get(i);
            if (r == null) {
                out.drop(packet, ServerDrops.NO_ROUTER);
                continue;
            }
            if (!meta.copyFrom(packet.inside())) { // what the L3 node before this one learned
                out.drop(packet, ServerDrops.NOT_ROUTABLE);
                continue;
            }
            long from = fromTunnel ? packet.sourcePeer() : Router.LOCAL;
            long to = r.route(from, meta);
            if (to == Router.LOCAL) {
                if (fromTunnel) {
                    out.forward(packet, TUN);
                } else {
                    out.drop(packet, ServerDrops.ROUTE_LOOP);
                }
            } else if (to >= 0) {
                packet.setDestinationPeer(to);
                out.forward(packet, clientPort);
            } else {
                out.forward(packet, unreachablePort);
            }
        }
    }

    @Override
    public void close() {
        unsubscribe.run();
    }
}
