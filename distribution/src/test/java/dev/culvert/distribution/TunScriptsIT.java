package dev.culvert.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * up, route-up, down and ipchange as 2.6 runs them. A Culvert client of a stock 2.6 server that
 * pushes a dhcp-option runs ipchange with the server's address, its up script with 2.6's arguments
 * and the option as foreign_option_1 (what update-resolv-conf reads), then route-up, then, once it
 * stops, down; route-pre-down runs before the client's routes are taken back. A Culvert server runs up
 * when its device is up and down when it stops.
 */
class TunScriptsIT {
    static InteropLab lab;

    @BeforeAll
    static void network() throws Exception {
        lab = InteropLab.open("tscripts");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (lab != null) {
            lab.close();
        }
    }

    /** A script that appends its type, its arguments and the variables a DNS helper reads to {@code log}. */
    private static Path logging(String name, Path log) throws IOException {
        Path file = lab.work().resolve(name);
        Files.writeString(file, "#!/bin/sh\necho \"$script_type $* dev=$dev local=$ifconfig_local fo1=$foreign_option_1\" >> " + log + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    @Test
    void aClientRunsUpWithThePushedDhcpOptionThenRouteUpAndDownWhenItStops() throws Exception {
        Path log = lab.work().resolve("client-scripts.log");
        Path script = logging("client-hook.sh", log);
        Path ipchangeLog = lab.work().resolve("ipchange.log");
        Path ipchange = lab.work().resolve("ipchange.sh");
        Files.writeString(ipchange, "#!/bin/sh\necho \"$script_type $* $trusted_ip $trusted_port\" >> " + ipchangeLog + "\n");
        Files.setPosixFilePermissions(ipchange, PosixFilePermissions.fromString("rwx------"));
        NodeProcess stock = lab.net().startProgram(lab.stockNs(), "openvpn-tscripts-server", Map.of(), "openvpn", "--config",
                lab.config("stock-server", lab.server(1471, "10.8.20.0", "push \"dhcp-option DNS 10.8.20.1\"")).toString());
        NodeProcess culvert = null;
        try {
            stock.awaitLine("listening", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            culvert = InteropSupport.culvertUp(lab.net(), lab.culvertNs(), "tscripts-client", lab.config("culvert-client", List.of("client",
                    "proto udp", "remote " + InteropLab.STOCK_ADDRESS + " 1471", "nobind", "cert " + lab.pki().file("client.crt"),
                    "key " + lab.pki().file("client.key"), "remote-cert-tls server", "script-security 2", "up " + script,
                    "route-up " + script, "down " + script, "ipchange " + ipchange)), lab.work());
            List<String> lines = Files.readAllLines(log);
            assertEquals(2, lines.size(), "up then route-up, before the initialization completed: " + lines);
            assertTrue(lines.get(0).matches("up tun\\d+ 1500 \\d+ 10\\.8\\.20\\.2 255\\.255\\.255\\.0 init dev=tun\\d+ local=10\\.8\\.20\\.2"
                    + " fo1=dhcp-option DNS 10\\.8\\.20\\.1"), lines.get(0));
            assertTrue(lines.get(1).startsWith("route-up tun"), lines.get(1));
            ClientHooksIT.awaitLines(ipchangeLog, 1);
            assertEquals(List.of("ipchange 192.0.2.1 1471 192.0.2.1 1471"), Files.readAllLines(ipchangeLog), "the server's address, as 2.6 gives it");
            InteropSupport.stop(culvert);
            culvert = null;
            List<String> after = Files.readAllLines(log);
            assertEquals(3, after.size(), after.toString());
            assertTrue(after.get(2).startsWith("down tun") && after.get(2).contains("fo1=dhcp-option DNS 10.8.20.1"), after.get(2));
        } finally {
            InteropSupport.stop(culvert);
            InteropSupport.stop(stock);
        }
    }

    @Test
    void aClientRunsRoutePreDownWhileItsRoutesAreThereAndDownAfterTheyWent() throws Exception {
        Path log = lab.work().resolve("route-pre-down.log");
        Path script = lab.work().resolve("route-count.sh");
        // Its type, its arguments, and how many routes to the configured network the node's namespace has.
        Files.writeString(script, "#!/bin/sh\necho \"$script_type $* routes=$(ip route show 10.99.0.0/16 | wc -l)\" >> " + log + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        NodeProcess stock = lab.net().startProgram(lab.stockNs(), "openvpn-tscripts-predown", Map.of(), "openvpn", "--config",
                lab.config("stock-predown", lab.server(1474, "10.8.27.0")).toString());
        NodeProcess culvert = null;
        try {
            stock.awaitLine("listening", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            culvert = InteropSupport.culvertUp(lab.net(), lab.culvertNs(), "tscripts-predown", lab.config("culvert-predown", List.of("client",
                    "proto udp", "remote " + InteropLab.STOCK_ADDRESS + " 1474", "nobind", "cert " + lab.pki().file("client.crt"),
                    "key " + lab.pki().file("client.key"), "remote-cert-tls server", "route 10.99.0.0 255.255.0.0", "script-security 2",
                    "up " + script, "route-pre-down " + script, "down " + script)), lab.work());
            assertEquals(1, Files.readAllLines(log).size(), Files.readAllLines(log).toString());
            InteropSupport.stop(culvert);
            culvert = null;
            List<String> lines = Files.readAllLines(log);
            assertEquals(3, lines.size(), lines.toString());
            assertTrue(lines.get(1).matches("route-pre-down tun\\d+ 1500 \\d+ 10\\.8\\.27\\.2 255\\.255\\.255\\.0 init routes=1"),
                    "route-pre-down runs with down's arguments while the route is there: " + lines.get(1));
            assertTrue(lines.get(2).matches("down tun\\d+ .* routes=0"), "down runs after the route went: " + lines.get(2));
        } finally {
            InteropSupport.stop(culvert);
            InteropSupport.stop(stock);
        }
    }

    @Test
    void aServerRunsUpWhenItsDeviceIsUpAndDownWhenItStops() throws Exception {
        Path log = lab.work().resolve("server-scripts.log");
        Path script = logging("server-hook.sh", log);
        List<String> own = new ArrayList<>(lab.server(1472, "10.8.21.0", "script-security 2", "up " + script, "down " + script));
        NodeProcess culvert = InteropSupport.culvertUp(lab.net(), lab.culvertNs(), "tscripts-server", lab.config("culvert-server", own),
                lab.work());
        NodeProcess client = null;
        try {
            assertTrue(Files.readAllLines(log).get(0).matches("up tun\\d+ 1500 \\d+ 10\\.8\\.21\\.1 255\\.255\\.255\\.0 init.*"),
                    Files.readAllLines(log).toString());
            client = lab.stockClient("tscripts-client", lab.stockNs(), "client", InteropLab.CULVERT_ADDRESS, 1472);
            client.awaitLine("its tunnel", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            InteropSupport.stop(culvert);
            culvert = null;
            List<String> lines = Files.readAllLines(log);
            assertEquals(2, lines.size(), lines.toString());
            assertTrue(lines.get(1).startsWith("down tun"), lines.get(1));
        } finally {
            InteropSupport.stop(client);
            InteropSupport.stop(culvert);
        }
    }

    @Test
    void aPointToPointPeerRunsUpWithItsOwnIfconfig() throws Exception {
        Path log = lab.work().resolve("p2p-scripts.log");
        Path script = logging("p2p-hook.sh", log);
        // A point-to-point peer completes its initialisation only with its peer: start it without waiting.
        NodeProcess culvert = InteropSupport.culvert(lab.net(), lab.culvertNs(), "tscripts-p2p", lab.config("culvert-p2p", List.of(
                "tls-server", "port 1473", "ifconfig 10.8.22.1 10.8.22.2", "dh none", "cert " + lab.pki().file("server.crt"),
                "key " + lab.pki().file("server.key"), "remote-cert-tls client", "script-security 2", "up " + script)), lab.work());
        NodeProcess stock = null;
        try {
            stock = lab.net().startProgram(lab.stockNs(), "openvpn-tscripts-p2p", Map.of(), "openvpn", "--config", lab.config("stock-p2p",
                    List.of("tls-client", "remote " + InteropLab.CULVERT_ADDRESS + " 1473", "nobind", "ifconfig 10.8.22.2 10.8.22.1",
                            "cert " + lab.pki().file("client.crt"), "key " + lab.pki().file("client.key"), "remote-cert-tls server")).toString());
            culvert.awaitLine("its tunnel", l -> l.contains("Initialization Sequence Completed"), 60, TimeUnit.SECONDS);
            List<String> lines = Files.readAllLines(log);
            assertTrue(lines.size() == 1 && lines.get(0).matches("up tun\\d+ 1500 \\d+ 10\\.8\\.22\\.1 10\\.8\\.22\\.2 init.*"), lines.toString());
        } finally {
            InteropSupport.stop(stock);
            InteropSupport.stop(culvert);
        }
    }
}
