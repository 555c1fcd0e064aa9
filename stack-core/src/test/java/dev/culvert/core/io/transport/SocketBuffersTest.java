package dev.culvert.core.io.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.io.nativeio.Linux;
import dev.culvert.core.io.nativeio.Native;
import dev.culvert.spi.transport.Transport;
import dev.culvert.spi.transport.TransportFactory;
import dev.culvert.spi.transport.TransportOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** sndbuf and rcvbuf: what the sockets get (the kernel reports twice what it was given, below net.core.[rw]mem_max). */
class SocketBuffersTest {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @Test
    void aUdpSocketGetsTheSizesAsked() throws Exception {
        int fd = Sockets.openBound(Linux.SOCK_DGRAM, LOOPBACK, new TransportOptions(65_536, 98_304), true);
        try {
            assertEquals(2 * 65_536, SocketBuffers.get(fd, Linux.SO_RCVBUF));
            assertEquals(2 * 98_304, SocketBuffers.get(fd, Linux.SO_SNDBUF));
        } finally {
            Native.closeQuietly(fd);
        }
    }

    @Test
    void aSizeLeftAtZeroKeepsTheSystemDefault() throws Exception {
        int plain = Sockets.openBound(Linux.SOCK_DGRAM, LOOPBACK, TransportOptions.DEFAULT, false);
        int onlyReceive = Sockets.openBound(Linux.SOCK_DGRAM, LOOPBACK, new TransportOptions(65_536, 0), true);
        try {
            assertEquals(SocketBuffers.get(plain, Linux.SO_SNDBUF), SocketBuffers.get(onlyReceive, Linux.SO_SNDBUF));
            assertEquals(2 * 65_536, SocketBuffers.get(onlyReceive, Linux.SO_RCVBUF));
        } finally {
            Native.closeQuietly(plain);
            Native.closeQuietly(onlyReceive);
        }
    }

    @Test
    void aTcpClientsSocketGetsItsSizesBeforeItConnects() throws Exception {
        int fd = Sockets.openStream(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9), new TransportOptions(32_768, 49_152));
        try {
            assertEquals(2 * 32_768, SocketBuffers.get(fd, Linux.SO_RCVBUF));
            assertEquals(2 * 49_152, SocketBuffers.get(fd, Linux.SO_SNDBUF));
        } finally {
            Native.closeQuietly(fd);
        }
    }

    @Test
    void theFactoriesTakeTheOptionsAndAFactoryWithoutSocketsRefusesThem() throws Exception {
        TransportOptions sizes = new TransportOptions(65_536, 65_536);
        Transport udp = new UdpTransportFactory().open(LOOPBACK, null, sizes);
        Transport tcp = new TcpTransportFactory().open(LOOPBACK, null, sizes);
        udp.close();
        tcp.close();
        TransportFactory withoutSockets = new TransportFactory() {
            @Override
            public String protocol() {
                return "memory";
            }

            @Override
            public Transport open(InetSocketAddress local, InetSocketAddress remote) {
                throw new AssertionError("opened without its options");
            }
        };
        assertThrows(UnsupportedOperationException.class, () -> withoutSockets.open(LOOPBACK, null, sizes));
        assertThrows(IllegalArgumentException.class, () -> new TransportOptions(-1, 0));
        assertTrue(new TransportOptions(0, 5).asksForBuffers());
        assertEquals(new TransportOptions(7, 5), new TransportOptions(0, 5).orBuffers(7));
        assertThrows(IllegalArgumentException.class, () -> new TransportOptions(0, 0, -1));
        assertEquals(new TransportOptions(7, 5, 300), new TransportOptions(0, 5).withPeers(300).orBuffers(7), "the peers asked for stay");
        assertEquals(4096, TransportOptions.DEFAULT.peersOr(4096, 65536), "none asked for: the factory's default");
        assertEquals(20_000, TransportOptions.DEFAULT.withPeers(20_000).peersOr(4096, 65536), "more asked for: that many");
        assertEquals(4096, TransportOptions.DEFAULT.withPeers(100).peersOr(4096, 65536), "fewer asked for: never below the default");
        assertEquals(65536, TransportOptions.DEFAULT.withPeers(1 << 20).peersOr(4096, 65536), "at most the factory's bound");
    }
}
