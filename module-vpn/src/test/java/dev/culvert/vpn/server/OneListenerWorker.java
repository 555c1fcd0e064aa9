package dev.culvert.vpn.server;

import dev.culvert.core.graph.WorkerContext;
import dev.culvert.spi.link.Link;
import dev.culvert.spi.transport.Transport;

/** Worker 0 as a node sees it in the server's tests: no links, one transport as listener {@code listener}. */
final class OneListenerWorker implements WorkerContext {
    private final int listener;
    private final Transport transport;

    OneListenerWorker(int listener, Transport transport) {
        this.listener = listener;
        this.transport = transport;
    }

    @Override
    public int index() {
        return 0;
    }

    @Override
    public Link linkOrNull(int i) {
        return null;
    }

    @Override
    public Transport transportOrNull(int i) {
        return i == listener ? transport : null;
    }
}
