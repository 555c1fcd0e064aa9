package dev.culvert.core.io.transport;

import dev.culvert.core.io.nativeio.Linux;
import dev.culvert.core.io.nativeio.Native;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.spi.transport.Transport;
import dev.culvert.spi.transport.TransportFactory;
import dev.culvert.spi.transport.TransportOptions;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Opens UDP endpoints: {@link #open(InetSocketAddress, InetSocketAddress, int)} binds one socket per
 * worker to the same address with SO_REUSEPORT, sharing one {@link PeerTable}; no other process may
 * hold or join the port ({@link ExclusivePort}). Call it once per
 * listening endpoint (IPv4 or IPv6, any number of them).
 */
public final class UdpTransportFactory implements TransportFactory {
    /** Socket buffer size asked for; the kernel caps it at net.core.[rw]mem_max. */
    public static final int SOCKET_BUFFER_BYTES = 4 << 20;
    public static final int DEFAULT_MAX_PEERS = 4096;

    private final int maxPeers;
    private final int batch;

    public UdpTransportFactory() {
        this(DEFAULT_MAX_PEERS, PacketBatch.DEFAULT_CAPACITY);
    }

    public UdpTransportFactory(int maxPeers, int batch) {
        this.maxPeers = maxPeers;
        this.batch = batch;
    }

    @Override
    public String protocol() {
        return "udp";
    }

    @Override
    public Transport open(InetSocketAddress local, InetSocketAddress remote) throws IOException {
        return open(local, remote, 1)[0];
    }

    /**
     * Binds {@code sockets} sockets to {@code local} (or, for a client, to a port the kernel picks
     * near {@code remote}'s family); the first socket's actual address is used for the rest, so
     * port 0 works. A client's {@code remote} gets a handle at once.
     */
    @Override
    public UdpTransport[] open(InetSocketAddress local, InetSocketAddress remote, int sockets) throws IOException {
        return open(local, remote, sockets, TransportOptions.DEFAULT);
    }

    /** As {@link #open(InetSocketAddress, InetSocketAddress, int)}; a buffer size left at 0 is {@value #SOCKET_BUFFER_BYTES} bytes. */
    @Override
    public UdpTransport[] open(InetSocketAddress local, InetSocketAddress remote, int sockets, TransportOptions options) throws IOException {
        if (local == null && remote == null) {
            throw new IllegalArgumentException("UDP needs a local address, a remote one, or both");
        }
        if (sockets < 1) {
            throw new IllegalArgumentException("sockets " + sockets);
        }
        Native.libc();
        InetSocketAddress bindTo = local != null ? local : Sockets.wildcardFor(remote);
        PeerTable peers = new PeerTable(options.peersOr(maxPeers, PeerTable.MAX_CAPACITY));
        TransportDrops drops = new TransportDrops();
        InetSocketAddress group = bindTo;
        UdpTransport[] opened = ExclusivePort.claim(Linux.SOCK_DGRAM, group, () -> bindAll(group, sockets, peers, drops, options));
        if (remote != null && peers.handleOf(remote) < 0) {
            throw new IllegalStateException("peer table full at start");
        }
        return opened;
    }

    private UdpTransport[] bindAll(InetSocketAddress local, int sockets, PeerTable peers, TransportDrops drops, TransportOptions options)
            throws IOException {
        InetSocketAddress bindTo = local;
        UdpTransport[] opened = new UdpTransport[sockets];
        try {
            for (int i = 0; i < sockets; i++) {
                int fd = Sockets.openBound(Linux.SOCK_DGRAM, bindTo, options.orBuffers(SOCKET_BUFFER_BYTES), i == 0 && options.asksForBuffers());
                InetSocketAddress bound = Sockets.localAddress(fd);
                if (i == 0) {
                    bindTo = new InetSocketAddress(bindTo.getAddress(), bound.getPort());
                }
                opened[i] = new UdpTransport(fd, bound, peers, drops, batch);
            }
        } catch (IOException | RuntimeException e) {
            for (UdpTransport t : opened) {
                if (t != null) {
                    t.close();
                }
            }
            throw e;
        }
        return opened;
    }
}
