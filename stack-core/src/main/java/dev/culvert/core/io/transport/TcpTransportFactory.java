package dev.culvert.core.io.transport;

import dev.culvert.core.io.nativeio.Linux;
import dev.culvert.core.io.nativeio.Native;
import dev.culvert.core.io.nativeio.NativeIoException;
import dev.culvert.core.worker.FlowOwners;
import dev.culvert.spi.transport.TransportOptions;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Opens TCP endpoints: a server binds one listening socket per worker to the same address
 * (SO_REUSEPORT), a port no other process may hold or join ({@link ExclusivePort}); a client opens one
 * connection. Each packet is framed with OpenVPN's 2-byte
 * length, so the largest frame is 65535 bytes; the default maximum is what a pooled packet holds.
 */
public final class TcpTransportFactory implements dev.culvert.spi.transport.TransportFactory {
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;
    /** Frames a peer may queue for sending before further packets are refused: about 90 KB at 1400 bytes. */
    public static final int DEFAULT_QUEUE = 64;
    private static final int BACKLOG = 128;

    private final int maxConnections;
    private final int maxFrame;
    private final int queue;
    private final int sendBuffer;

    public TcpTransportFactory() {
        this(DEFAULT_MAX_CONNECTIONS, 1600, DEFAULT_QUEUE);
    }

    public TcpTransportFactory(int maxConnections, int maxFrame, int queue) {
        this(maxConnections, maxFrame, queue, 0);
    }

    /** {@code sendBuffer}: SO_SNDBUF for each connection in bytes, 0 for the kernel's default (auto-tuned). */
    public TcpTransportFactory(int maxConnections, int maxFrame, int queue, int sendBuffer) {
        if (maxFrame < 1 || maxFrame > 65535 || queue < 1) {
            throw new IllegalArgumentException("max frame " + maxFrame + ", queue " + queue);
        }
        this.maxConnections = maxConnections;
        this.maxFrame = maxFrame;
        this.queue = queue;
        this.sendBuffer = sendBuffer;
    }

    @Override
    public String protocol() {
        return "tcp";
    }

    @Override
    public TcpTransport open(InetSocketAddress local, InetSocketAddress remote) throws IOException {
        return open(local, remote, 1)[0];
    }

    /**
     * A server ({@code local} set, {@code remote} null): {@code sockets} listeners on one address.
     * A client ({@code remote} set): one transport with one connection, started at once.
     */
    @Override
    public TcpTransport[] open(InetSocketAddress local, InetSocketAddress remote, int sockets) throws IOException {
        return open(local, remote, sockets, TransportOptions.DEFAULT);
    }

    /**
     * As {@link #open(InetSocketAddress, InetSocketAddress, int)}, with the buffer sizes of
     * {@code options} on the client's connection or on the listeners (whose accepted connections
     * inherit them); a send buffer left at 0 is this factory's.
     */
    @Override
    public TcpTransport[] open(InetSocketAddress local, InetSocketAddress remote, int sockets, TransportOptions options) throws IOException {
        Native.libc();
        TransportOptions buffers = new TransportOptions(options.receiveBuffer(), options.sendBuffer() > 0 ? options.sendBuffer() : sendBuffer);
        // Each listening socket may be handed every connection (the kernel spreads them by hash), so each holds them all.
        int connections = options.peersOr(maxConnections, ConnectionSlots.MAX_CAPACITY);
        TransportDrops drops = new TransportDrops();
        if (remote != null) {
            if (sockets != 1) {
                throw new IllegalArgumentException("a TCP client has one connection; open one transport");
            }
            TcpTransport client = new TcpTransport(0, -1, local, drops, 1, maxFrame, queue, buffers);
            try {
                client.connect(remote);
            } catch (NativeIoException | RuntimeException e) {
                client.close();
                throw e;
            }
            return new TcpTransport[] {client};
        }
        if (local == null) {
            throw new IllegalArgumentException("a TCP server needs a local address");
        }
        return ExclusivePort.claim(Linux.SOCK_STREAM, local, () -> listenAll(local, sockets, drops, buffers, options.asksForBuffers(), connections));
    }

    private TcpTransport[] listenAll(InetSocketAddress local, int sockets, TransportDrops drops, TransportOptions buffers, boolean announce,
            int connections) throws IOException {
        TcpTransport[] opened = new TcpTransport[sockets];
        InetSocketAddress bindTo = local;
        try {
            for (int i = 0; i < sockets; i++) {
                int fd = Sockets.openBound(Linux.SOCK_STREAM, bindTo, buffers, announce && i == 0);
                if (Native.libc().listen(fd, BACKLOG) != 0) {
                    NativeIoException e = NativeIoException.last("listen " + bindTo);
                    Native.closeQuietly(fd);
                    throw e;
                }
                InetSocketAddress bound = Sockets.localAddress(fd);
                if (i == 0) {
                    bindTo = new InetSocketAddress(bindTo.getAddress(), bound.getPort());
                }
                opened[i] = new TcpTransport(i, fd, bound, drops, connections, maxFrame, queue, buffers);
            }
        } catch (IOException | RuntimeException e) {
            for (TcpTransport t : opened) {
                if (t != null) {
                    t.close();
                }
            }
            throw e;
        }
        return opened;
    }

    /**
     * Peer ownership where the peers are TCP connections (a node without a tunnel protocol): a
     * packet whose destination peer is a connection's handle belongs to the worker whose transport
     * holds that connection. Use it with {@link dev.culvert.core.worker.OwnerHandoff}.
     */
    public static FlowOwners owners() {
        return peer -> TcpTransport.transportIndexOf((int) peer);
    }
}
