package dev.culvert.core.io.memory;

import dev.culvert.spi.transport.Transport;
import dev.culvert.spi.transport.TransportFactory;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Opens endpoints of one {@link MemoryNetwork} under a protocol name of the caller's choice, so a
 * test binds it in the transport slot where a node looks for {@code udp}.
 */
public final class MemoryTransportFactory implements TransportFactory {
    private final MemoryNetwork network;
    private final String protocol;

    MemoryTransportFactory(MemoryNetwork network, String protocol) {
        this.network = network;
        this.protocol = protocol;
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public Transport open(InetSocketAddress local, InetSocketAddress remote) throws IOException {
        return open(local, remote, 1)[0];
    }

    /** Binds {@code sockets} endpoints to one address; a client's {@code remote} gets its handle at once. */
    @Override
    public MemoryTransport[] open(InetSocketAddress local, InetSocketAddress remote, int sockets) throws IOException {
        if (local == null && remote == null) {
            throw new IllegalArgumentException("a memory endpoint needs a local address, a remote one, or both");
        }
        MemoryTransport[] opened = network.bind(local, remote, sockets);
        if (remote != null && network.handleOf(remote) < 0) {
            for (MemoryTransport t : opened) {
                t.close();
            }
            throw new IOException("memory network: no room for the address " + remote);
        }
        return opened;
    }
}
