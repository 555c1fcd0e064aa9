package dev.culvert.vpn.inprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.feature.Feature;
import dev.culvert.spi.feature.FeatureArcs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenVPN client's and server's graphs have the three feature arcs, where their names say:
 * an echo request meets the client's after-inside-l3 and before-seal arcs and then the server's
 * after-open arc; the reply meets the server's after-inside-l3 and before-seal arcs and then the
 * client's after-open arc. A feature's drop there is counted in the node's status.
 */
class FeatureArcsInProcessTest {
    static final DropReason TEST_DROP = DropReason.of("test.echo-request-99");

    /** A feature at {@code arc} that notes every ICMP echo it sees as {@code who arc type}, and drops sequence 99. */
    static Feature recorder(String who, String arc, List<String> seen) {
        return new Feature() {
            @Override
            public String name() {
                return who + "-" + arc;
            }

            @Override
            public String arc() {
                return arc;
            }

            @Override
            public DropReason apply(Packet p) {
                if (p.length() < 28 || p.getUnsignedByte(0) != 0x45 || p.getUnsignedByte(9) != 1) {
                    return null;
                }
                if (p.getUnsignedShort(26) == 99) {
                    return TEST_DROP;
                }
                seen.add(who + " " + arc + " " + p.getUnsignedByte(20));
                return null;
            }
        };
    }

    static void bindRecorders(SlotRegistry slots, String who, List<String> seen) {
        for (String arc : FeatureArcs.ALL) {
            slots.slot(SlotNames.FEATURE, Feature.class).bind(recorder(who, arc, seen), who + "-" + arc, 0);
        }
    }

    @Test
    void aPingMeetsEveryArcOfTheClientAndOfTheServerWhereItsNameSays(@TempDir Path dir) throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        try (InProcessTunnel tunnel = new InProcessTunnel(dir)) {
            bindRecorders(tunnel.clientSlots(), "client", seen);
            bindRecorders(tunnel.serverSlots(), "server", seen);
            tunnel.startServer();
            tunnel.startClient();
            tunnel.awaitConnected(1);
            assertTrue(tunnel.ping(1), "client: " + tunnel.clientStatus());
            assertEquals(List.of(
                    "client after-inside-l3 8", "client before-seal 8", "server after-open 8",
                    "server after-inside-l3 0", "server before-seal 0", "client after-open 0"), seen);
        }
    }

    @Test
    void aFeaturesDropAtARunningClientsArcIsCountedInItsStatus(@TempDir Path dir) throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        try (InProcessTunnel tunnel = new InProcessTunnel(dir)) {
            tunnel.startServer();
            tunnel.startClient();
            tunnel.awaitConnected(1);
            // Bound while the client runs: its graph takes the feature from the next batch on.
            tunnel.clientSlots().slot(SlotNames.FEATURE, Feature.class)
                    .bind(recorder("client", FeatureArcs.AFTER_INSIDE_L3, seen), "dropper", 0);
            assertTrue(tunnel.clientTun.write(Ping.echo(Ping.ECHO_REQUEST, InProcessTunnel.CLIENT_ADDRESS,
                    InProcessTunnel.SERVER_ADDRESS, 99)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!tunnel.clientStatus().contains("{" + TEST_DROP + "=1}")) {
                assertTrue(System.nanoTime() < deadline, "the drop is counted at the arc: " + tunnel.clientStatus());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            assertTrue(tunnel.clientStatus().contains("arc.after-inside-l3 in=1 "), tunnel.clientStatus());
            assertTrue(tunnel.ping(2), "other packets still pass: " + tunnel.clientStatus());
        }
    }
}
