package dev.culvert.routing;

import dev.culvert.spi.l3.L3Metadata;
import dev.culvert.spi.route.Router;
import org.osgi.service.component.annotations.Component;

/**
 * OpenVPN's server topology (multi.c): one TUN device, many clients, one table.
 *
 * <ul>
 *   <li>From the TUN, a packet goes to the client whose address or iroute holds its destination
 *       (longest prefix wins); anything else is unreachable, since it would only go back to the
 *       TUN.</li>
 *   <li>From a client, a packet goes straight to another client only with
 *       {@code client-to-client}; otherwise, or when no client owns the destination, it goes to
 *       the TUN ({@link #LOCAL}) and the host routes it. A black-hole entry
 *       ({@link #UNREACHABLE}) is unreachable from both sides.</li>
 *   <li>A client may only send from an address whose longest match is one of its own entries: its
 *       tunnel addresses and its iroutes. A more specific entry of another client inside one of
 *       its iroutes belongs to that other client, as in OpenVPN.</li>
 * </ul>
 */
@Component(service = Router.class, property = {"culvert.name=client-server", "service.ranking:Integer=" + ClientServerRouter.RANKING})
public final class ClientServerRouter extends OwnedPrefixRouter {
    static final int RANKING = 0;

    public ClientServerRouter() {
        super("client-server", RANKING);
    }

    @Override
    public long route(long from, L3Metadata meta) {
        RoutingSnapshot s = table.snapshot();
        long target = s.lookup(meta.version(), meta.dstHi(), meta.dstLo());
        if (from == LOCAL) {
            return target >= 0 ? target : UNREACHABLE;
        }
        if (target == UNREACHABLE) {
            return UNREACHABLE;
        }
        return target >= 0 && s.clientToClient() ? target : LOCAL;
    }
}
