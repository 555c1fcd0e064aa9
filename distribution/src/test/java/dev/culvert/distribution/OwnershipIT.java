package dev.culvert.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.netns.NetnsHarness;
import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
import dev.culvert.testing.netns.Prerequisites;
import java.io.IOException;
import java.nio.file.Files;
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
    static NetnsHarness net;
    static String serverNs;
    static String clientNs;
    static Path work;
    static LaunchedNodes nodes;

    @BeforeAll
    static void network() throws Exception {
        Prerequisites.require();
        InteropSupport.requireOpenvpn();
        net = NetnsHarness.open();
        serverNs = net.namespace("own-srv");
        clientNs = net.namespace("own-cli");
        net.veth(serverNs, "ul0", LaunchedNodes.SERVER_ADDRESS + "/30", clientNs, "ul0", "192.0.2.2/30");
        work = Files.createTempDirectory("culvert-ownership");
        nodes = new LaunchedNodes(net, serverNs, clientNs, InteropPki.create(work), work);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        InteropSupport.cleanUp(net, work);
    }

    @Test
    void aSecondCulvertOnTheSamePortIsRefusedNamingTheFirstWhichKeepsServing() throws Exception {
        Path conf = nodes.serverConf(1501, "", List.of());
        NodeProcess first = nodes.startServer(conf, "first");
        NodeProcess client = nodes.startClient(1501);
        LaunchedNodes.awaitCount(client, l -> l.contains("Initialization Sequence Completed"), 1, "the tunnel");

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
        LaunchedNodes.stop(client);
        LaunchedNodes.stop(first);
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
        LaunchedNodes.stop(stock);
    }
}
