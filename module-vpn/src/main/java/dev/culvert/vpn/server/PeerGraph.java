package dev.culvert.vpn.server;

import dev.culvert.core.compress.CompressNode;
import dev.culvert.core.compress.DecompressNode;
import dev.culvert.core.graph.Graph;
import dev.culvert.core.graph.arc.ArcNodes;
import dev.culvert.core.l3.L3Node;
import dev.culvert.core.l3.NoRouteNode;
import dev.culvert.core.link.LinkSink;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.slot.Slot;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.core.worker.OwnerHandoff;
import dev.culvert.core.worker.Worker;
import dev.culvert.spi.compress.CompressionFraming;
import dev.culvert.spi.compress.CompressionSettings;
import dev.culvert.spi.compress.Compressor;
import dev.culvert.spi.compress.FramingFormat;
import dev.culvert.spi.l3.L3Policy;
import dev.culvert.spi.l3.Side;
import dev.culvert.spi.link.Link;
import dev.culvert.spi.route.Router;
import dev.culvert.spi.transport.Transport;
import dev.culvert.vpn.preauth.PreAuthGate;
import dev.culvert.vpn.tunnel.OpenNode;
import dev.culvert.vpn.tunnel.SealNode;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The data-plane worker of a node with many peers on one TUN device, a server's or a mesh node's:
 * a packet from a listener is opened with its peer's keys, decompressed, validated with the
 * peer's source addresses checked, and routed to the TUN or straight to another peer; a packet
 * from the TUN is validated and routed to the peer owning its destination. Whatever goes to a peer
 * moves to that peer's owner worker, which compresses, seals and sends it, so each peer's packet
 * ids leave in order. The topology is the route slot's: the graph is the same for a hub and a mesh.
 */
final class PeerGraph {
    private static final int POOL_PACKETS = 4_096;
    private static final int INBOX = 4_096;

    private final SlotRegistry registry;
    private final Optional<CompressionSettings> compression;
    private final int tunMtu;
    private final IntFunction<Integer> mssClamp;
    private final ClientTable clients;
    private final Admission admission;
    private final OwnerWorkers owners;
    private final Floating floating;
    private final boolean pointToPointPeerIds;
    private final int routerV4;

    /**
     * @param mssClamp            the clamp for a v1 compression framing (1) or none (0)
     * @param pointToPointPeerIds peers are 2.6 point-to-point sessions, whose peer-ids are not the table's indexes:
     *                            data packets are matched by address (ListenerPeers)
     * @param routerV4            the node's own tunnel address, the source of the ICMP errors it sends; 0 sends none
     */
    PeerGraph(SlotRegistry registry, Optional<CompressionSettings> compression, int tunMtu, IntFunction<Integer> mssClamp,
              ClientTable clients, Admission admission, OwnerWorkers owners, Floating floating, boolean pointToPointPeerIds, int routerV4) {
        this.routerV4 = routerV4;
        this.registry = registry;
        this.compression = compression;
        this.tunMtu = tunMtu;
        this.mssClamp = mssClamp;
        this.clients = clients;
        this.admission = admission;
        this.owners = owners;
        this.floating = floating;
        this.pointToPointPeerIds = pointToPointPeerIds;
    }

    private MetadataVerdicts metadataVerdicts;

    /** Newcomers' tls-crypt-v2 keys go to tls-crypt-v2-verify before they become clients; before {@link #worker}. */
    PeerGraph verifyingMetadata(MetadataVerdicts verdicts) {
        this.metadataVerdicts = verdicts;
        return this;
    }

    /** Each worker's pool and state and each graph node's counters (only the busy ones unless {@code idleNodesToo}), for status. */
    static void describe(StringBuilder out, List<Worker> workers, List<Graph> graphs, boolean idleNodesToo) {
        for (Worker w : workers) {
            // Packets out of a pool and not back: flat over time unless something leaks them.
            out.append("  worker ").append(w.index()).append(" pool ").append(w.pool()).append('\n');
            out.append("  worker ").append(w.describe()).append('\n');
        }
        for (int w = 0; w < graphs.size(); w++) {
            for (dev.culvert.core.graph.NodeCounters c : graphs.get(w).counters()) {
                if (idleNodesToo || !c.idle()) {
                    out.append("  worker ").append(w).append(" node ").append(c.describe()).append('\n');
                }
            }
        }
    }

    /** The L3 checks' policy, for a compression framing that puts a byte in front of every packet (v1) or not. */
    L3Policy policy(boolean v1Framing) {
        return new L3Policy(tunMtu, mssClamp.apply(v1Framing ? 1 : 0), L3Policy.DEFAULT.icmpPerSecond()).withRouterAddresses(routerV4, 0, 0);
    }

    /**
     * Worker {@code index}, reading {@code tunQueue} and its own socket of each listener.
     *
     * @param tcp   whether each listener is a stream one
     * @param gates makes listener l's pre-authentication gate on this worker
     * @param built receives the worker's graph, for status
     */
    Worker worker(int index, String name, Link tunQueue, List<Transport[]> listeners, boolean[] tcp, IntFunction<PreAuthGate> gates,
                  List<Graph> built) throws java.io.IOException {
        Slot<Compressor> codecs = registry.slot(SlotNames.COMPRESS, Compressor.class);
        CompressionFraming framing = compression.map(cs -> new CompressionFraming(cs.format())).orElse(null);
        boolean compressOutgoing = compression.map(CompressionSettings::compressOutgoing).orElse(false);
        CompressNode compress = new CompressNode(codecs, null, false);
        compress.configure(framing, compressOutgoing, compression.map(CompressionSettings::codec).orElse(null));
        // v1 framings put a byte in front of every packet, v2 only in front of compressed ones (2.6 counts neither then).
        boolean v1Framing = compression.map(cs -> cs.format() != FramingFormat.V2).orElse(false);
        L3Policy policy = policy(v1Framing);
        Slot<Router> routeSlot = registry.slot(SlotNames.ROUTE, Router.class);
        Graph.Builder builder = ArcNodes.addTo(Graph.builder(), registry, "route-out", "to-owner", "from-tunnel") // feature arcs
                .node("decompress", new DecompressNode(codecs, framing))
                .node("from-tunnel", new L3Node(registry, Side.TUNNEL, policy, true))
                .node("route-in", new RouteNode(routeSlot, true))
                .node("to-tun", LinkSink.ofWorker(0))
                .node("from-tun", new L3Node(registry, Side.LINK, policy))
                .node("route-out", new RouteNode(routeSlot, false))
                .node("no-route-in", new NoRouteNode(registry, policy, false))
                .node("no-route-out", new NoRouteNode(registry, policy, true))
                .node("to-owner", new OwnerHandoff(clients))
                .node("inbox", new InboxNode(listeners.size()))
                .node("compress", compress)
                .node("seal", new SealNode(packet -> clients.byIndex((int) packet.destinationPeer())))
                .node("to-net", new SendNode());
        for (int l = 0; l < listeners.size(); l++) {
            builder.node("from-net-" + l, new OpenNode(new ListenerPeers(l, tcp[l], clients, gates.apply(l), admission, owners, floating,
                            pointToPointPeerIds, metadataVerdicts)))
                    .wire("from-net-" + l, "inside", "decompress")
                    .wire("inbox", InboxNode.openPort(l), "from-net-" + l);
        }
        Graph graph = builder
                .wire("decompress", ArcNodes.AFTER_OPEN)
                .wire("from-tunnel", "accept", "route-in")
                .wire("from-tunnel", "icmp", ArcNodes.BEFORE_SEAL)
                .wire("route-in", "tun", "to-tun")
                .wire("route-in", "client", ArcNodes.BEFORE_SEAL)
                .wire("route-in", "unreachable", "no-route-in")
                .wire("no-route-in", "icmp", ArcNodes.BEFORE_SEAL)
                .wire("route-out", "unreachable", "no-route-out")
                .wire("no-route-out", "icmp", "to-tun")
                .wire("from-tun", "accept", ArcNodes.AFTER_INSIDE_L3)
                .wire("from-tun", "icmp", "to-tun")
                .wire("route-out", "client", ArcNodes.BEFORE_SEAL)
                .wire("to-owner", "owned", "compress")
                .wire("inbox", "seal", "compress")
                .wire("compress", "seal")
                .wire("seal", "sealed", "to-net")
                .build();
        built.add(graph);
        Worker worker = new Worker(index, name, graph, new PacketPool(name, POOL_PACKETS), INBOX);
        worker.addLink(tunQueue, "from-tun");
        for (int l = 0; l < listeners.size(); l++) {
            int at = worker.addTransport(listeners.get(l)[index], "from-net-" + l);
            if (at != l) {
                throw new IllegalStateException("listener " + l + " became transport " + at + " of worker " + index);
            }
        }
        worker.setInboxEntry("inbox");
        return worker;
    }
}
