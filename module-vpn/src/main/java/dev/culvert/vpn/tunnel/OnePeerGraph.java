package dev.culvert.vpn.tunnel;

import dev.culvert.core.graph.Graph;
import dev.culvert.core.graph.Node;
import dev.culvert.core.graph.arc.ArcNodes;
import dev.culvert.core.l3.L3Node;
import dev.culvert.core.link.LinkSink;
import dev.culvert.core.slot.Slot;
import dev.culvert.core.worker.TransportSink;
import dev.culvert.spi.feature.Feature;

/**
 * The graph of a node with one peer, a client's or a point-to-point peer's: TUN → L3 check →
 * feature arcs → compress → seal → network; network → open → decompress → feature arc → L3
 * check → TUN. {@link GraphRehearsal} runs two copies of it. Its worker adds the TUN device as
 * {@link #FROM_TUN} and the transport as {@link #FROM_NET}, in that order (link 0, transport 0).
 */
public final class OnePeerGraph {
    public static final String FROM_TUN = "from-tun";
    public static final String FROM_NET = "from-net";

    private OnePeerGraph() {
    }

    /**
     * The graph over {@code features}' arcs. {@code fromTun} checks what the TUN device gives
     * ({@code LINK} side), {@code fromTunnel} what the peer sent ({@code TUNNEL} side); {@code peer}
     * seals and {@code peers} says who sent what arrives.
     */
    public static Graph build(Slot<Feature> features, L3Node fromTun, L3Node fromTunnel, Node compress, Node decompress, TunnelPeer peer,
                              PeerDirectory peers) {
        return ArcNodes.addTo(Graph.builder(), features, ArcNodes.BEFORE_SEAL, "compress", "from-tunnel") // feature arcs
                .node(FROM_TUN, fromTun)
                .node("compress", compress)
                .node("seal", new SealNode(packet -> peer))
                .node("to-net", new TransportSink(0))
                .node(FROM_NET, new OpenNode(peers))
                .node("decompress", decompress)
                .node("from-tunnel", fromTunnel)
                .node("to-tun", LinkSink.ofWorker(0))
                .wire(FROM_TUN, "accept", ArcNodes.AFTER_INSIDE_L3)
                .wire(FROM_TUN, "icmp", "to-tun")
                .wire("compress", "seal")
                .wire("seal", "sealed", "to-net")
                .wire(FROM_NET, "inside", "decompress")
                .wire("decompress", ArcNodes.AFTER_OPEN)
                .wire("from-tunnel", "accept", "to-tun")
                .wire("from-tunnel", "icmp", ArcNodes.BEFORE_SEAL)
                .build();
    }
}
