package dev.culvert.spi.transport;

import java.io.IOException;
import java.net.InetSocketAddress;

/** Opens transports of one protocol ({@code udp}, {@code tcp-server}, {@code tcp-client}). */
public interface TransportFactory {
    String protocol();

    /** Binds {@code local} (for a server) or connects towards {@code remote} (for a client); either may be null. */
    Transport open(InetSocketAddress local, InetSocketAddress remote) throws IOException;
}
