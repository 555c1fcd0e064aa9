package dev.culvert.vpn.tunnel;

import dev.culvert.core.worker.Worker;
import dev.culvert.spi.transport.Transport;

/** Where one peer's packets leave: the worker that drives its transport, and its handle there. */
public interface PeerEndpoint {
    /** The worker that sends for the peer, or null while none runs (what the session sends then is lost; it retransmits). */
    Worker worker();

    /** The transport on {@code worker} that reaches the peer, or null. Called on that worker. */
    Transport transport(Worker worker);

    /** The peer's handle on that transport. */
    int handle();
}
