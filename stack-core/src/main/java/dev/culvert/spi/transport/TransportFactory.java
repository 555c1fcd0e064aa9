package dev.culvert.spi.transport;

import java.io.IOException;
import java.net.InetSocketAddress;

/** Opens transports of one protocol ({@code udp}, {@code tcp-server}, {@code tcp-client}). */
public interface TransportFactory {
    String protocol();

    /** Binds {@code local} (for a server) or connects towards {@code remote} (for a client); either may be null. */
    Transport open(InetSocketAddress local, InetSocketAddress remote) throws IOException;

    /**
     * Opens {@code sockets} transports on one local address, one per worker (SO_REUSEPORT: the
     * kernel spreads peers across them), sharing one space of peer handles, so any of them can
     * send to a peer another received from. A factory that cannot share an address opens one.
     */
    default Transport[] open(InetSocketAddress local, InetSocketAddress remote, int sockets) throws IOException {
        if (sockets != 1) {
            throw new UnsupportedOperationException(protocol() + " transports cannot share an address; open one");
        }
        return new Transport[] {open(local, remote)};
    }

    /** {@link #open(InetSocketAddress, InetSocketAddress)} with socket options. */
    default Transport open(InetSocketAddress local, InetSocketAddress remote, TransportOptions options) throws IOException {
        return open(local, remote, 1, options)[0];
    }

    /**
     * {@link #open(InetSocketAddress, InetSocketAddress, int)} with socket options. A factory
     * without sockets refuses buffer sizes rather than drop them unsaid; the peers it must hold it
     * meets by having no fixed table (override where a table is fixed).
     */
    default Transport[] open(InetSocketAddress local, InetSocketAddress remote, int sockets, TransportOptions options) throws IOException {
        if (options.asksForBuffers()) {
            throw new UnsupportedOperationException(protocol() + " transports have no socket options to set (" + options + ")");
        }
        return open(local, remote, sockets);
    }
}
