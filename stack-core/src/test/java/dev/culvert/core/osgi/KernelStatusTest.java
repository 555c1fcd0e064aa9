package dev.culvert.core.osgi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.core.slot.Slot;
import dev.culvert.spi.node.RunningNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** culvert:status shows what runs: the node by role and file, and compression as the configuration asks for it. */
class KernelStatusTest {
    private static final RunningNode SERVER = new RunningNode() {
        @Override
        public String status() {
            return "openvpn server: 1 clients connected\n  clients: admitted 1\n";
        }

        @Override
        public void close() {
        }
    };

    private static List<Slot<?>> slots() {
        // The status reads names and rankings only: plain objects stand in for the roles and the codec.
        Slot<Object> node = new Slot<>("node", Object.class);
        node.bind(new Object(), "openvpn-client", 0);
        node.bind(new Object(), "openvpn-server", 0);
        Slot<Object> compress = new Slot<>("compress", Object.class);
        compress.bind(new Object(), "lz4", 20);
        return List.of(compress, node);
    }

    @Test
    void theRunningNodeIsNamedByItsRoleAndFileAndTheNodeSlotListsRolesNotAnActiveOne() throws Exception {
        String status = KernelStatus.render("ok", slots(), new KernelStatus.Running("openvpn-server",
                Config.of("server 10.8.0.0 255.255.255.0\n", "/etc/culvert/server.conf"), SERVER));
        assertTrue(status.contains("\n  node: roles openvpn-client, openvpn-server (a configuration runs in the first that accepts it)\n"), status);
        assertTrue(status.contains("\nrunning: openvpn-server from /etc/culvert/server.conf\n"), status);
        assertTrue(status.contains("\n  openvpn server: 1 clients connected\n    clients: admitted 1\n"), status);
        assertFalse(status.contains("node: \n"), "no empty node line: " + status);
    }

    @Test
    void withoutCompressionConfiguredTheStatusSaysNoneInsteadOfTheSlotsCodec() throws Exception {
        String status = KernelStatus.render("ok", slots(), new KernelStatus.Running("openvpn-server",
                Config.of("server 10.8.0.0 255.255.255.0\n", "server.conf"), SERVER));
        assertTrue(status.contains("\n  compression: none (not configured)\n"), status);
        assertTrue(status.contains("compress: lz4 [lz4(ranking 20)]; the running node: none (not configured)"), status);
    }

    @Test
    void configuredCompressionIsShownWithItsFraming() throws Exception {
        String status = KernelStatus.render("ok", slots(), new KernelStatus.Running("openvpn-server",
                Config.of("server 10.8.0.0 255.255.255.0\ncompress lz4-v2\nallow-compression yes\n", "server.conf"), SERVER));
        assertTrue(status.contains("\n  compression: lz4 ("), status);
        assertFalse(status.contains("the running node: none"), status);
    }

    @Test
    void withNoNodeRunningTheStatusSaysSo() {
        assertTrue(KernelStatus.render("ok", slots(), null).endsWith("running: no node\n"));
    }
}
