package dev.culvert.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.netns.NetnsHarness;
import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One owner per port and per device, as an operator meets it: {@code bin/culvert} servers in one
 * namespace, a stock OpenVPN 2.6 client in another. A second instance on a busy port, or naming a
 * busy TUN device, is refused with who holds it and exits 3, and the first goes on serving.
 */
class OwnershipIT {
    static LaunchedNodes nodes;
    static NetnsHarness net;
    static String serverNs;

    @BeforeAll
    static void network() throws Exception {
        nodes = LaunchedNodes.open("own");
        net = nodes.net();
        serverNs = nodes.serverNs();
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void aSecondCulvertOnTheSamePortIsRefusedNamingTheFirstWhichKeepsServing() throws Exception {
        Path conf = nodes.serverConf(1501, "", List.of());
        NodeProcess first = nodes.startServer(conf, "first");
        NodeProcess client = nodes.startClient(1501);
        SignalsIT.awaitCount(client, l -> l.contains("Initialization Sequence Completed"), 1, "the tunnel");

        NodeProcess second = nodes.startServerProcess(conf, "second");
        assertTrue(second.process().waitFor(90, TimeUnit.SECONDS), "the second server gives up");
        assertEquals(3, second.process().exitValue(), String.join("\n", second.lines()));
        String expected = "UDP [::]:1501 is in use by pid " + first.process().pid() + " (java); stop it, or listen on another port";
        assertTrue(second.lines().stream().anyMatch(l -> l.contains(expected)),
                "the refusal names the first server:\n" + String.join("\n", second.lines()));

        nodes.ping("10.8.0.1");
        assertTrue(first.process().isAlive(), "the first server still runs");
        assertEquals(1, client.lines().stream().filter(l -> l.contains("Initialization Sequence Completed")).count(),
                "the client never had to reconnect:\n" + String.join("\n", client.lines()));
        SignalsIT.stop(client);
        SignalsIT.stop(first);
    }

    @Test
    void aPortStockOpenvpnHoldsIsRefusedNamingIt() throws Exception {
        Path conf = nodes.serverConf(1502, "", List.of());
        NodeProcess stock = net.startProgram(serverNs, "openvpn-holder", Map.of(), "openvpn", "--config", conf.toString(),
                "--dev", "tun9");
        ServerInteropIT.awaitLine(stock::lines, stock.process()::isAlive, stock.label(),
                l -> l.contains("Initialization Sequence Completed"), 30);
        NodeProcess culvert = nodes.startServerProcess(conf, "after-stock");
        assertTrue(culvert.process().waitFor(90, TimeUnit.SECONDS), "Culvert gives up");
        assertEquals(3, culvert.process().exitValue(), String.join("\n", culvert.lines()));
        String expected = "UDP [::]:1502 is in use by pid " + stock.process().pid() + " (openvpn)";
        assertTrue(culvert.lines().stream().anyMatch(l -> l.contains(expected)),
                "the refusal names stock openvpn:\n" + String.join("\n", culvert.lines()));
        assertTrue(stock.process().isAlive(), "stock openvpn still runs");
        SignalsIT.stop(stock);
    }

    @Test
    void aSecondInstanceNamingTheFirstsTunDeviceIsRefusedAndTheDeviceIsUnchanged() throws Exception {
        NodeProcess first = nodes.startServer(nodes.serverConf(1503, "", List.of("dev tuncv0")), "tun-first");
        NodeProcess client = nodes.startClient(1503);
        SignalsIT.awaitCount(client, l -> l.contains("Initialization Sequence Completed"), 1, "the tunnel");
        String link = net.ip("-n", serverNs, "-o", "link", "show", "tuncv0");
        String addresses = net.ip("-n", serverNs, "-o", "addr", "show", "dev", "tuncv0");

        NodeProcess second = nodes.startServerProcess(nodes.serverConf(1504, "", List.of("dev tuncv0", "server 10.9.0.0 255.255.255.0")),
                "tun-second");
        assertTrue(second.process().waitFor(90, TimeUnit.SECONDS), "the second server gives up");
        assertEquals(3, second.process().exitValue(), String.join("\n", second.lines()));
        String expected = "TUN device tuncv0 is in use by pid " + first.process().pid() + " (java); stop it, or name another device";
        assertTrue(second.lines().stream().anyMatch(l -> l.contains(expected)),
                "the refusal names the first server:\n" + String.join("\n", second.lines()));

        assertEquals(link, net.ip("-n", serverNs, "-o", "link", "show", "tuncv0"), "the same device, in the same state");
        assertEquals(addresses, net.ip("-n", serverNs, "-o", "addr", "show", "dev", "tuncv0"), "with the same addresses");
        nodes.ping("10.8.0.1");
        assertEquals(1, client.lines().stream().filter(l -> l.contains("Initialization Sequence Completed")).count(),
                "the client never had to reconnect:\n" + String.join("\n", client.lines()));
        SignalsIT.stop(client);
        SignalsIT.stop(first);
    }

    @Test
    void afterSigtermADeviceTheNodeCreatedIsGone() throws Exception {
        NodeProcess server = nodes.startServer(nodes.serverConf(1505, "", List.of("dev tunterm0", "route 10.77.0.0 255.255.0.0")), "term");
        assertTrue(net.ip("-n", serverNs, "-o", "addr", "show", "dev", "tunterm0").contains("10.8.0.1/24"));
        SignalsIT.signal(server, "TERM");
        assertTrue(server.process().waitFor(60, TimeUnit.SECONDS), "TERM stops the server");
        assertEquals(0, server.process().exitValue(), String.join("\n", server.lines()));
        String links = net.ip("-n", serverNs, "-o", "link", "show");
        assertFalse(links.contains("tunterm0"), links);
        assertFalse(net.ip("-n", serverNs, "route", "show").contains("10.77.0.0"), "no route is left behind");
    }

    @Test
    void afterSigtermAPersistentDeviceIsLeftAsFoundWithoutTheNodesAddressesAndRoutes() throws Exception {
        net.ip("-n", serverNs, "tuntap", "add", "dev", "tunkept0", "mode", "tun", "multi_queue");
        String before = net.ip("-n", serverNs, "-o", "link", "show", "tunkept0");
        NodeProcess server = nodes.startServer(nodes.serverConf(1506, "", List.of("dev tunkept0", "route 10.77.0.0 255.255.0.0")),
                "persistent");
        assertTrue(net.ip("-n", serverNs, "-o", "addr", "show", "dev", "tunkept0").contains("10.8.0.1/24"));
        assertTrue(net.ip("-n", serverNs, "route", "show", "dev", "tunkept0").contains("10.77.0.0/16"));
        SignalsIT.signal(server, "TERM");
        assertTrue(server.process().waitFor(60, TimeUnit.SECONDS), "TERM stops the server");
        assertEquals(0, server.process().exitValue(), String.join("\n", server.lines()));
        // The same index, flags, MTU and state; only the queueing discipline the kernel gave it when it first came up stays.
        assertEquals(before.replaceAll(" qdisc \\S+", ""),
                net.ip("-n", serverNs, "-o", "link", "show", "tunkept0").replaceAll(" qdisc \\S+", ""));
        assertEquals("", net.ip("-n", serverNs, "-o", "addr", "show", "dev", "tunkept0").strip(), "no address is left");
        assertEquals("", net.ip("-n", serverNs, "route", "show", "dev", "tunkept0").strip(), "no route is left");
        net.ip("-n", serverNs, "link", "del", "tunkept0");
    }

    @Test
    void usr1WithPersistTunKeepsTheDeviceAndTheTunnelComesBack() throws Exception {
        // 2.6 keeps the device over SIGUSR1 with persist-tun; over SIGHUP it closes and reopens it whatever the option says.
        NodeProcess server = nodes.startServer(nodes.serverConf(1507, "", List.of("dev tunusr0", "persist-tun")), "persist-tun");
        NodeProcess client = nodes.startClient(1507);
        SignalsIT.awaitCount(client, l -> l.contains("Initialization Sequence Completed"), 1, "the first tunnel");
        String link = net.ip("-n", serverNs, "-o", "link", "show", "tunusr0");

        SignalsIT.signal(server, "USR1");
        SignalsIT.awaitCount(server, l -> l.contains("SIGUSR1: restarted"), 1, "the server restarts on USR1");
        assertTrue(server.lines().stream().anyMatch(l -> l.contains("persist-tun: keeping tunusr0 across the restart")),
                String.join("\n", server.lines()));
        SignalsIT.awaitCount(client, l -> l.contains("Initialization Sequence Completed"), 2, "the client reconnects after USR1");
        nodes.ping("10.8.0.1");
        assertEquals(link.split(":")[0], net.ip("-n", serverNs, "-o", "link", "show", "tunusr0").split(":")[0], "the same ifindex");
        SignalsIT.stop(client);
        SignalsIT.stop(server);
    }

    @Test
    void aStartThatFailsAfterTheDeviceIsSetUpLeavesAPersistentDeviceAsFound() throws Exception {
        // The user to drop to is looked up after the device has its address and routes, as 2.6 does it.
        net.ip("-n", serverNs, "tuntap", "add", "dev", "tunhalf0", "mode", "tun", "multi_queue");
        String before = net.ip("-n", serverNs, "-o", "link", "show", "tunhalf0");
        NodeProcess server = nodes.startServerProcess(nodes.serverConf(1508, "",
                List.of("dev tunhalf0", "route 10.77.0.0 255.255.0.0", "user cvt-no-such-user")), "halfway");
        assertTrue(server.process().waitFor(90, TimeUnit.SECONDS), "the server gives up");
        assertEquals(3, server.process().exitValue(), String.join("\n", server.lines()));
        assertTrue(server.lines().stream().anyMatch(l -> l.contains("user 'cvt-no-such-user' does not exist")),
                String.join("\n", server.lines()));
        assertEquals(before.replaceAll(" qdisc \\S+", ""),
                net.ip("-n", serverNs, "-o", "link", "show", "tunhalf0").replaceAll(" qdisc \\S+", ""));
        assertEquals("", net.ip("-n", serverNs, "-o", "addr", "show", "dev", "tunhalf0").strip(), "no address is left");
        assertEquals("", net.ip("-n", serverNs, "route", "show", "dev", "tunhalf0").strip(), "no route is left");
        net.ip("-n", serverNs, "link", "del", "tunhalf0");
    }
}
