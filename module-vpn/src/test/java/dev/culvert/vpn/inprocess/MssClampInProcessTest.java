package dev.culvert.vpn.inprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mssfix} end to end: a TCP SYN announcing MSS 1460 enters one end of a Culvert tunnel and
 * leaves the other clamped, in both directions, as OpenVPN 2.6 computes the clamp. The client
 * talks to 127.0.0.1 over UDP. The server's plain {@code proto udp} is a socket on the dual-stack
 * wildcard, but 2.6 binds an IPv4 socket for that line and counts its clients as IPv4 (a stock 2.6
 * server logs mss_fix:1400 there); with {@code proto udp6} 2.6 binds {@code ::} and counts an IPv4
 * client, a v4-mapped address there, as IPv6 (it logs 1380).
 */
class MssClampInProcessTest {
    private static final int CLIENT = InProcessTunnel.CLIENT_ADDRESS;
    private static final int SERVER = InProcessTunnel.SERVER_ADDRESS;
    /** 2.6's default, 1492 mtu, over UDP and IPv4: 1492 - 28 (IPv4, UDP) - 24 (P_DATA_V2, packet id, tag) - 40. */
    private static final int DEFAULT_OVER_UDP4 = 1400;
    /** The same over IPv6: 20 more bytes of outer header. */
    private static final int DEFAULT_OVER_UDP6 = 1380;

    @Test
    void byDefaultASynFromTheClientArrivesClampedByBothEndsForIpv4Outside(@TempDir Path dir) throws Exception {
        try (InProcessTunnel tunnel = connected(dir, "", "")) {
            byte[] arrived = clientToServer(tunnel, 1460);
            assertEquals(DEFAULT_OVER_UDP4, TcpSyn.mss(arrived));
            assertTrue(TcpSyn.checksumVerifies(arrived), "the TCP checksum was updated with the MSS");
            assertEquals(DEFAULT_OVER_UDP4, TcpSyn.mss(serverToClient(tunnel, 1460)));
        }
    }

    @Test
    void aServerOnAnIpv6SocketCountsItsIpv4ClientAsIpv6As26Does(@TempDir Path dir) throws Exception {
        try (InProcessTunnel tunnel = connected(dir, "proto udp6", "mssfix 0")) {
            assertEquals(DEFAULT_OVER_UDP6, TcpSyn.mss(clientToServer(tunnel, 1460)));
            assertEquals(DEFAULT_OVER_UDP6, TcpSyn.mss(serverToClient(tunnel, 1460)));
        }
    }

    @Test
    void theClientClampsItsOwnSynsAndTheSynAcksItReceives(@TempDir Path dir) throws Exception {
        try (InProcessTunnel tunnel = connected(dir, "mssfix 0", "")) {
            assertEquals(DEFAULT_OVER_UDP4, TcpSyn.mss(clientToServer(tunnel, 1460)), "clamped on the way in");
            byte[] synAck = serverToClient(tunnel, 1460);
            assertEquals(DEFAULT_OVER_UDP4, TcpSyn.mss(synAck), "clamped on the way out");
            assertTrue(TcpSyn.checksumVerifies(synAck));
        }
    }

    @Test
    void theServerClampsBothDirectionsWithItsOwnSetting(@TempDir Path dir) throws Exception {
        try (InProcessTunnel tunnel = connected(dir, "mssfix 1300 fixed", "mssfix 0")) {
            assertEquals(1260, TcpSyn.mss(clientToServer(tunnel, 1460)));
            assertEquals(1260, TcpSyn.mss(serverToClient(tunnel, 1460)));
        }
    }

    @Test
    void anMssAlreadyBelowTheClampIsLeftAloneAndMssfixZeroClampsNothing(@TempDir Path dir) throws Exception {
        try (InProcessTunnel tunnel = connected(dir, "", "")) {
            assertEquals(1200, TcpSyn.mss(clientToServer(tunnel, 1200)));
        }
        try (InProcessTunnel tunnel = connected(dir, "mssfix 0", "mssfix 0")) {
            assertEquals(1460, TcpSyn.mss(clientToServer(tunnel, 1460)));
        }
    }

    /** A tunnel whose client has connected, with one extra line (or none: "") for each end. */
    private static InProcessTunnel connected(Path dir, String serverLine, String clientLine) throws Exception {
        InProcessTunnel tunnel = new InProcessTunnel(dir);
        try {
            tunnel.startServer(serverLine);
            tunnel.startClient(clientLine);
            tunnel.awaitConnected(1);
            return tunnel;
        } catch (Exception | AssertionError e) {
            tunnel.close();
            throw e;
        }
    }

    /** Sends a SYN into the client's TUN until one comes out of the server's (a lost one is sent again, up to five times). */
    private static byte[] clientToServer(InProcessTunnel tunnel, int mss) throws InterruptedException {
        return across(tunnel.clientTun, tunnel.serverTun, TcpSyn.of(TcpSyn.SYN, CLIENT, SERVER, mss));
    }

    private static byte[] serverToClient(InProcessTunnel tunnel, int mss) throws InterruptedException {
        return across(tunnel.serverTun, tunnel.clientTun, TcpSyn.of(TcpSyn.SYN_ACK, SERVER, CLIENT, mss));
    }

    private static byte[] across(InMemoryTun from, InMemoryTun to, byte[] segment) throws InterruptedException {
        for (int attempt = 0; attempt < 5; attempt++) {
            if (!from.write(segment)) {
                continue;
            }
            byte[] out;
            while ((out = to.read(5, TimeUnit.SECONDS)) != null) {
                if (TcpSyn.isSyn(out)) {
                    return out;
                }
            }
        }
        throw new AssertionError("no SYN came through the tunnel in five attempts");
    }
}
