package dev.culvert.core.io.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.io.nativeio.Errno;
import dev.culvert.core.io.nativeio.NativeIoException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/**
 * One owner per port: a group of SO_REUSEPORT sockets is bound only where nobody else is, and a
 * refusal names the holder. (Across processes the kernel applies the same rule as within one:
 * SignalsIT and OwnershipIT show it with a second node and a stock OpenVPN.)
 */
class ExclusivePortTest {
    private static final String SELF = "pid " + ProcessHandle.current().pid() + " (java)";

    @Test
    void aSecondUdpGroupOnTheSamePortIsRefusedNamingTheHolder() throws Exception {
        UdpTransport[] first = new UdpTransportFactory().open(loopback(0), null, 2);
        int port = first[0].localAddress().getPort();
        try {
            NativeIoException e = assertThrows(NativeIoException.class, () -> new UdpTransportFactory().open(loopback(port), null, 2));
            assertEquals(Errno.EADDRINUSE, e.errno());
            assertEquals("UDP 127.0.0.1:" + port + " is in use by " + SELF + "; stop it, or listen on another port", e.getMessage());
            NativeIoException wildcard = assertThrows(NativeIoException.class,
                    () -> new UdpTransportFactory().open(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port), null, 1));
            assertTrue(wildcard.getMessage().contains(" is in use by " + SELF), wildcard.getMessage());
        } finally {
            closeAll(first);
        }
        // Closed, the port is anyone's again.
        closeAll(new UdpTransportFactory().open(loopback(port), null, 2));
    }

    @Test
    void aPortHeldWithoutReusePortIsRefused() throws Exception {
        try (DatagramSocket plain = new DatagramSocket(loopback(0))) {
            NativeIoException e = assertThrows(NativeIoException.class,
                    () -> new UdpTransportFactory().open(loopback(plain.getLocalPort()), null, 1));
            assertTrue(e.getMessage().startsWith("UDP 127.0.0.1:" + plain.getLocalPort() + " is in use by " + SELF), e.getMessage());
        }
    }

    @Test
    void aTcpListenerIsExclusiveButATcpRestartIsNotBlockedByItsOldConnections() throws Exception {
        TcpTransport[] first = new TcpTransportFactory().open(loopback(0), null, 2);
        int port = first[0].localAddress().getPort();
        try {
            NativeIoException e = assertThrows(NativeIoException.class, () -> new TcpTransportFactory().open(loopback(port), null, 1));
            assertEquals("TCP 127.0.0.1:" + port + " is in use by " + SELF + "; stop it, or listen on another port", e.getMessage());
            try (ServerSocket plain = new ServerSocket()) {
                assertThrows(java.net.BindException.class, () -> plain.bind(loopback(port)), "the group keeps its port");
            }
        } finally {
            closeAll(first);
        }
        // A connection the old listener's side closed first sits in TIME_WAIT on the port: a restart still binds.
        try (ServerSocket old = new ServerSocket()) {
            old.setReuseAddress(true);
            old.bind(loopback(port));
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port); Socket served = old.accept()) {
                served.close();
                client.getInputStream().read();
            }
        }
        closeAll(new TcpTransportFactory().open(loopback(port), null, 2));
    }

    @Test
    void portZeroNeedsNoClaim() throws Exception {
        UdpTransport[] a = new UdpTransportFactory().open(loopback(0), null, 1);
        UdpTransport[] b = new UdpTransportFactory().open(loopback(0), null, 1);
        try {
            assertTrue(a[0].localAddress().getPort() != b[0].localAddress().getPort());
        } finally {
            closeAll(a);
            closeAll(b);
        }
    }

    @Test
    void addressesArePrintedAsSsAndOpenvpnPrintThem() throws Exception {
        assertEquals("[::]:1194", ExclusivePort.text(new InetSocketAddress(InetAddress.getByName("::"), 1194)));
        assertEquals("[::1]:1194", ExclusivePort.text(new InetSocketAddress(InetAddress.getByName("::1"), 1194)));
        assertEquals("[2001:db8::1:0:0:1]:443", ExclusivePort.text(new InetSocketAddress(InetAddress.getByName("2001:db8:0:0:1:0:0:1"), 443)));
        assertEquals("[2001:db8:1:2:3:4:5:6]:443", ExclusivePort.text(new InetSocketAddress(InetAddress.getByName("2001:db8:1:2:3:4:5:6"), 443)));
        assertEquals("[fe80::]:1", ExclusivePort.text(new InetSocketAddress(InetAddress.getByName("fe80::"), 1)));
        assertEquals("0.0.0.0:1194", ExclusivePort.text(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 1194)));
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    private static void closeAll(AutoCloseable[] all) throws Exception {
        for (AutoCloseable c : all) {
            c.close();
        }
    }
}
