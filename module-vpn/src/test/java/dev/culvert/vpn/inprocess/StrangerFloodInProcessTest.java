package dev.culvert.vpn.inprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strangers cannot fill the server's peer table (issue 10): a flood of empty, garbage, data-shaped
 * and reset datagrams, each from its own source port, leaves no address learned, and a real client
 * still connects and carries traffic afterwards; its address is then the one peer known.
 */
class StrangerFloodInProcessTest {
    private static final int STRANGERS = 3_000;
    /** Under one endpoint queue's worth at a time, so no stranger's datagram is lost before the server reads it. */
    private static final int BURST = 250;

    /** What stranger {@code i} sends: empty, one garbage byte, a P_DATA_V2 naming client 0, or a plain hard reset. */
    private static byte[] stranger(int i) {
        return switch (i % 4) {
            case 0 -> new byte[0];
            case 1 -> new byte[] {(byte) i};
            case 2 -> ByteBuffer.allocate(28).putInt(0x48_00_00_00).putInt(i).array(); // P_DATA_V2, key 0, peer-id 0
            default -> ByteBuffer.allocate(14).put((byte) 0x38).putLong(i + 1L).put((byte) 0).putInt(0).array();
        };
    }

    @Test
    void thousandsOfStrangersLeaveThePeerTableEmptyAndARealClientStillConnects(@TempDir Path dir) throws Exception {
        try (InProcessTunnel tunnel = new InProcessTunnel(dir)) {
            tunnel.startServer();
            for (int sent = 0; sent < STRANGERS; sent += BURST) {
                int from = sent;
                tunnel.strangers(BURST, i -> stranger(from + i));
                tunnel.awaitServerPacketsIn(sent + BURST);
            }
            assertEquals(STRANGERS, tunnel.serverPacketsIn(), "every stranger's datagram was read");
            assertTrue(tunnel.serverStatus().contains("peer addresses known 0,"), "no stranger was learned: " + tunnel.serverStatus());

            tunnel.startClient();
            tunnel.awaitConnected(1);
            for (int seq = 1; seq <= 5; seq++) {
                assertTrue(tunnel.ping(seq), "ping " + seq + "; server: " + tunnel.serverStatus());
            }
            assertTrue(tunnel.serverStatus().contains("peer addresses known 1,"), "only the client was learned: " + tunnel.serverStatus());
        }
    }
}
