package dev.culvert.core.l3;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.l3.IcmpError;
import dev.culvert.spi.l3.L3Policy;
import dev.culvert.spi.l3.L3Protocol;
import java.util.List;

/**
 * Where a router sends what it has no route for: each packet is dropped, counted as
 * {@code l3.no-route}, and answered with ICMP destination unreachable (no route) through
 * {@code icmp}, back towards its sender, within the policy's ICMP rate. A host behind a dead mesh
 * peer's network learns at once that it is gone, instead of waiting for a timeout. Packets must
 * have passed an {@link L3Node} (the answer quotes their header, and it read their addresses).
 *
 * <p>Towards the host's own TUN device the error cannot come from the node's tunnel address: the
 * host owns that address, and its kernel drops a packet arriving from one of its own addresses as
 * a martian. There the error comes from the unreachable destination itself, as the nearest hop
 * the host can be told about.
 */
public final class NoRouteNode implements Node, AutoCloseable {
    /** Port of the generated ICMP errors. */
    public static final int ICMP = 0;
    public static final DropReason NO_ROUTE = DropReason.of("l3.no-route");
    private static final List<String> PORTS = List.of("icmp");

    private final L3Protocols protocols;
    private final L3Policy policy;
    private final boolean towardsHost;

    /** @param towardsHost the errors go to the host's TUN device (packets that came from it), not to a tunnel peer */
    public NoRouteNode(SlotRegistry registry, L3Policy policy, boolean towardsHost) {
        this.protocols = new L3Protocols(registry);
        this.policy = policy;
        this.towardsHost = towardsHost;
    }

    @Override
    public List<String> ports() {
        return PORTS;
    }

    @Override
    public void process(PacketBatch batch, Emitter out) {
        for (int i = 0; i < batch.size(); i++) {
            Packet packet = batch.get(i);
            L3Protocol protocol = packet.length() == 0 ? null : protocols.forVersion(packet.getUnsignedByte(0) >>> 4);
            if (protocol != null) {
                // Only on this error path, at most the ICMP rate's worth per second, does a packet cost a policy object.
                L3Policy from = towardsHost ? policy.withRouterAddresses((int) packet.inside().dstLo(), packet.inside().dstHi(),
                        packet.inside().dstLo()) : policy;
                L3Protocols.answer(protocol, packet, IcmpError.NO_ROUTE, from, out, ICMP, L3Node.PROTOCOL_FAILED);
            }
            out.drop(packet, NO_ROUTE);
        }
    }

    @Override
    public void close() {
        protocols.close();
    }
}
