package dev.culvert.vpn.server;

import dev.culvert.core.packet.RemoteAddress;
import dev.culvert.spi.transport.Transport;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.LongAdder;

/**
 * Moves a UDP client to the address its authentic data packet came from, as 2.6 lets a client
 * float (multi.c {@code multi_process_float}): the packet was opened with the client's keys and
 * passed its replay window first ({@link FloatCandidate}), so forged and replayed packets never get
 * here. The new address is learned by the transport (a new handle), the client is found there from
 * now on, its real address (status file, logs) is the new one, and the old handle is forgotten. A
 * move onto an address another client holds is refused: 2.6 allows it only for the same
 * certificate, and one address cannot be two clients. Runs on the client's owner worker.
 */
final class Floating {
    private static final System.Logger LOG = System.getLogger(Floating.class.getName());

    private final ClientTable clients;
    private final LongAdder moved = new LongAdder();
    private final LongAdder refusedTaken = new LongAdder();
    private final LongAdder refusedFull = new LongAdder();

    Floating(ClientTable clients) {
        this.clients = clients;
    }

    /** Moves {@code client} to {@code from} ({@code handle} on {@code transport}, or {@link Transport#UNKNOWN_PEER} if not yet learned). */
    void move(ServerClient client, int handle, RemoteAddress from, Transport transport) {
        if (client.removed) {
            return;
        }
        boolean learned = handle == Transport.UNKNOWN_PEER;
        int to = learned ? transport.handleOf(from) : handle;
        if (to < 0) {
            refusedFull.increment();
            LOG.log(System.Logger.Level.WARNING, client.describe() + " cannot float to " + from
                    + ": the peer table is full");
            return;
        }
        int old = client.handle;
        if (to == old) {
            return; // its own address, read before the client was learned there
        }
        InetSocketAddress was = client.realAddress;
        if (!clients.move(client, to)) {
            refusedTaken.increment();
            if (learned) {
                transport.forget(to);
            }
            LOG.log(System.Logger.Level.WARNING, client.describe() + " may not float to "
                    + RealAddress.format(transport.addressOf(to)) + ": another client has that address");
            return;
        }
        client.realAddress = transport.addressOf(to);
        if (clients.byEndpoint(client.listener, old) == null) {
            transport.forget(old);
        }
        moved.increment();
        LOG.log(System.Logger.Level.INFO, "client " + client.describe() + " floated from " + RealAddress.format(was));
    }

    /** For {@code culvert:status}. */
    String counters() {
        return "floated " + moved.sum() + ", float refused (address taken) " + refusedTaken.sum() + ", (peer table full) "
                + refusedFull.sum();
    }

    long moved() {
        return moved.sum();
    }

    long refusedTaken() {
        return refusedTaken.sum();
    }
}
