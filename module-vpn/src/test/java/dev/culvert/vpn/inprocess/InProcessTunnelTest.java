package dev.culvert.vpn.inprocess;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Culvert client and a Culvert server, whole, in one JVM and without root ({@link InProcessTunnel}):
 * they connect, carry pings both ways, keep carrying them across a renegotiation, and the client
 * gets a tunnel again after the server restarts.
 */
class InProcessTunnelTest {

    @Test
    void pingsCrossTheTunnelBothWays(@TempDir Path dir) throws Exception {
        try (InProcessTunnel tunnel = new InProcessTunnel(dir)) {
            tunnel.startServer();
            tunnel.startClient();
            tunnel.awaitConnected(1);
            assertTrue(tunnel.clientTunCommands().stream().anyMatch(c -> c.subList(0, 3).equals(List.of("addr", "add", "10.8.0.2/24"))),
                    "the pushed address went to the client's device: " + tunnel.clientTunCommands());
            for (int seq = 1; seq <= 20; seq++) {
                assertTrue(tunnel.ping(seq), "ping " + seq + "; client: " + tunnel.clientStatus() + "; server: " + tunnel.serverStatus());
            }
        }
    }

    @Test
    void trafficContinuesAcrossARenegotiation(@TempDir Path dir) throws Exception {
        try (InProcessTunnel tunnel = new InProcessTunnel(dir)) {
            tunnel.startServer();
            tunnel.startClient("reneg-sec 2");
            tunnel.awaitConnected(1);
            assertTrue(tunnel.ping(1), "before the renegotiation: " + tunnel.clientStatus());
            tunnel.awaitKeyId(1);
            for (int seq = 2; seq <= 10; seq++) {
                assertTrue(tunnel.ping(seq), "after the renegotiation, ping " + seq + ": " + tunnel.clientStatus());
            }
            tunnel.awaitKeyId(2);
            assertTrue(tunnel.ping(11), "after a second renegotiation: " + tunnel.clientStatus());
        }
    }

    @Test
    void theClientGetsATunnelAgainAfterTheServerRestarts(@TempDir Path dir) throws Exception {
        try (InProcessTunnel tunnel = new InProcessTunnel(dir)) {
            tunnel.startServer();
            tunnel.startClient();
            tunnel.awaitConnected(1);
            assertTrue(tunnel.ping(1), "before the restart: " + tunnel.clientStatus());
            tunnel.stopServer(); // explicit-exit-notify: the client is told to restart
            tunnel.startServer();
            tunnel.awaitConnected(2);
            for (int seq = 2; seq <= 5; seq++) {
                assertTrue(tunnel.ping(seq), "after the reconnect, ping " + seq + ": " + tunnel.clientStatus());
            }
        }
    }
}
