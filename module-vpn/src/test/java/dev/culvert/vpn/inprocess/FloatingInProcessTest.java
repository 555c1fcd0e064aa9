package dev.culvert.vpn.inprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Floating (issue 10): a UDP client whose source address changes (a NAT rebinding) keeps its
 * tunnel with no reconnect, because its next authentic P_DATA_V2 moves it on the server; forged
 * and replayed P_DATA_V2 from a new address move nothing.
 */
class FloatingInProcessTest {

    private static boolean isDataV2(byte[] datagram) {
        return datagram.length > 4 && (datagram[0] & 0xF8) == 0x48;
    }

    @Test
    void aClientWhoseSourcePortChangesKeepsItsTunnelWithoutReconnecting(@TempDir Path dir) throws Exception {
        try (InProcessTunnel tunnel = new InProcessTunnel(dir)) {
            tunnel.startServer();
            tunnel.startClient();
            tunnel.awaitConnected(1);
            assertTrue(tunnel.ping(1), "before any move: " + tunnel.serverStatus());
            InetSocketAddress at = tunnel.clientAddressSeenByServer();
            assertNotNull(at, tunnel.serverSessions());
            // Four moves: new ports land on either of the server's two workers, so both the owner's
            // own float and the hand-over from the other worker are taken.
            for (int move = 1; move <= 4; move++) {
                InetSocketAddress next = tunnel.rebindClient(at);
                for (int seq = 1; seq <= 3; seq++) {
                    assertTrue(tunnel.ping(100 * move + seq), "after move " + move + ", ping " + seq + "; server: " + tunnel.serverStatus()
                            + tunnel.serverSessions());
                }
                assertEquals(next, tunnel.clientAddressSeenByServer(), "the server shows the new real address");
                at = next;
            }
            assertTrue(tunnel.clientStatus().contains("sessions started: 1\n"), "no reconnect: " + tunnel.clientStatus());
            assertTrue(tunnel.serverStatus().contains("floated 4,"), tunnel.serverStatus());
            assertTrue(tunnel.serverStatus().contains("peer addresses known 1,"), "old addresses were forgotten: " + tunnel.serverStatus());
        }
    }

    @Test
    void forgedAndReplayedDataPacketsFromANewAddressMoveNothing(@TempDir Path dir) throws Exception {
        try (InProcessTunnel tunnel = new InProcessTunnel(dir)) {
            AtomicReference<byte[]> captured = new AtomicReference<>();
            tunnel.tap((source, destination, datagram) -> {
                if (destination.getPort() == 1194 && isDataV2(datagram)) {
                    captured.compareAndSet(null, datagram);
                }
            });
            tunnel.startServer();
            tunnel.startClient();
            tunnel.awaitConnected(1);
            assertTrue(tunnel.ping(1));
            byte[] real = captured.get();
            assertNotNull(real, "a P_DATA_V2 from the client was seen on the wire");
            InetSocketAddress at = tunnel.clientAddressSeenByServer();

            byte[] forged = real.clone();
            forged[forged.length - 1] ^= 1; // same peer-id and packet id, a tag that does not verify
            long dropsBefore = tunnel.serverListenerDrops();
            tunnel.strangers(1, i -> real); // a replay from a new address
            tunnel.strangers(1, i -> forged);
            tunnel.awaitServerListenerDrops(dropsBefore + 2);

            assertTrue(tunnel.serverStatus().contains("floated 0,"), tunnel.serverStatus());
            assertEquals(at, tunnel.clientAddressSeenByServer(), "the client stays where it was");
            assertTrue(tunnel.serverStatus().contains("peer addresses known 1,"), "nothing was learned: " + tunnel.serverStatus());
            assertTrue(tunnel.ping(2), "the client keeps its tunnel: " + tunnel.serverStatus());
        }
    }
}
