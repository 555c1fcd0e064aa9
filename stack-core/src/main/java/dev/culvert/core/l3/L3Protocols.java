package dev.culvert.core.l3;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.slot.Binding;
import dev.culvert.core.slot.Slot;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.l3.IcmpError;
import dev.culvert.spi.l3.L3Policy;
import dev.culvert.spi.l3.L3Protocol;

/**
 * The {@code l3} slot's protocol for each IP version, worked out when the slot changes, not per
 * packet: the active binding if it speaks that version, else the best-ranked one that does; and
 * the one way an ICMP error is written and sent back towards the sender, for every node that
 * answers with one.
 */
final class L3Protocols implements AutoCloseable {
    private final Slot<L3Protocol> slot;
    private final Runnable unsubscribe;
    private volatile L3Protocol ipv4;
    private volatile L3Protocol ipv6;

    L3Protocols(SlotRegistry registry) {
        slot = registry.slot(SlotNames.L3, L3Protocol.class);
        unsubscribe = slot.onChange(s -> rebind());
        rebind();
    }

    private void rebind() {
        ipv4 = pick(4);
        ipv6 = pick(6);
    }

    private L3Protocol pick(int version) {
        Binding<L3Protocol> active = slot.activeBinding().orElse(null);
        if (active != null && active.implementation().ipVersion() == version) {
            return active.implementation();
        }
        for (Binding<L3Protocol> b : slot.all()) {
            if (b.implementation().ipVersion() == version) {
                return b.implementation();
            }
        }
        return null;
    }

    L3Protocol ipv4() {
        return ipv4;
    }

    L3Protocol ipv6() {
        return ipv6;
    }

    /** The protocol for the version nibble of a packet's first byte, or null (none bound, or not 4 or 6). */
    L3Protocol forVersion(int version) {
        return version == 4 ? ipv4 : version == 6 ? ipv6 : null;
    }

    /**
     * Writes the ICMP error {@code error} about {@code offending} and forwards it on {@code port},
     * carrying the offending packet's ingress, and its source peer as its destination peer, so the
     * wiring sends it back towards the sender. If the pool is dry no error is sent: the offending
     * packet's own drop is still counted, and a missing ICMP error loses no traffic.
     */
    static void answer(L3Protocol protocol, Packet offending, IcmpError error, L3Policy policy, Emitter out, int port,
                       DropReason failed) {
        Packet reply = offending.pool().acquire();
        if (reply == null) {
            return;
        }
        DropReason refused;
        try {
            refused = protocol.writeIcmpError(offending, error, policy.mtu(), policy, reply);
        } catch (RuntimeException e) {
            refused = failed;
        }
        if (refused != null) {
            out.drop(reply, refused);
            return;
        }
        reply.setIngress(offending.ingress());
        reply.setDestinationPeer(offending.sourcePeer());
        out.forward(reply, port);
    }

    @Override
    public void close() {
        unsubscribe.run();
    }
}
