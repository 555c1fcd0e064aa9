package dev.culvert.routing;

import dev.culvert.spi.l3.L3Metadata;
import dev.culvert.spi.route.Router;
import org.osgi.service.component.annotations.Component;

/**
 * A full mesh: every node keeps a point-to-point session to each of its peers, and each peer owns
 * the networks behind it. The table holds this node's own networks as {@link #LOCAL}, each live
 * peer's networks under its handle, and a dead peer's networks as {@link #UNREACHABLE} (the mesh
 * role puts them there when the peer's keepalive expires), so senders get ICMP unreachable at
 * once instead of a timeout.
 *
 * <ul>
 *   <li>From the TUN, a packet goes to the peer owning the longest matching prefix. Anything else
 *       (this node's own networks, a dead peer's, no entry) is unreachable: the host routed it
 *       here, and writing it back to the TUN would loop.</li>
 *   <li>From a peer, a packet to another peer's network is forwarded peer to peer (a leaf behind
 *       one node reaching a LAN behind another: a mesh is always "client-to-client"); to this
 *       node's networks, or to no entry, it goes to the TUN and the host routes it; back to the
 *       sender or to a dead peer's network it is unreachable.</li>
 *   <li>A peer may only send from an address whose longest match is one of its own networks.</li>
 * </ul>
 *
 * <p>Ranked below {@link ClientServerRouter}, so a hub never picks it up by accident: the mesh
 * role selects it by name ({@value #NAME}).
 */
@Component(service = Router.class, property = {"culvert.name=" + MeshRouter.NAME, "service.ranking:Integer=" + MeshRouter.RANKING})
public final class MeshRouter extends OwnedPrefixRouter {
    static final String NAME = "mesh";
    static final int RANKING = -10;

    public MeshRouter() {
        super(NAME, RANKING);
    }

    @Override
    public long route(long from, L3Metadata meta) {
        long target = table.snapshot().lookup(meta.version(), meta.dstHi(), meta.dstLo());
        if (from == LOCAL) {
            return target >= 0 ? target : UNREACHABLE;
        }
        if (target == UNREACHABLE || target == from) {
            return UNREACHABLE;
        }
        return target >= 0 ? target : LOCAL;
    }
}
