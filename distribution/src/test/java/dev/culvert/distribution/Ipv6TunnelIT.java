package dev.culvert.distribution;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.netns.NetnsHarness;
import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
import dev.culvert.testing.netns.Prerequisites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * IPv6 inside the tunnel, end to end against stock OpenVPN 2.6 (issue 13), each role in its own
 * network namespace:
 * <ul>
 *   <li>a Culvert server with {@code server-ipv6}, reached over an IPv6 underlay ({@code proto udp6},
 *       v6 addresses on the veths), and two stock clients: each pings the server's and the other
 *       client's IPv6 tunnel address (client-to-client) and a network behind one of them
 *       ({@code iroute-ipv6}), IPv4 still works, and a packet from an address the client does not
 *       own goes nowhere;</li>
 *   <li>a Culvert server with {@code ifconfig-ipv6} and an explicit {@code ifconfig-ipv6-pool} (a /112
 *       starting at ::8000): two stock clients get the pool's first two addresses beside their
 *       IPv4 ones, ping the server and each other, and {@code ifconfig-pool-persist} keeps both
 *       addresses as 2.6 writes them;</li>
 *   <li>a Culvert client with a stock server with {@code server-ipv6}, over the IPv6 underlay too: it
 *       pings the server's IPv6 tunnel address, and installs the pushed {@code route-ipv6} and
 *       {@code redirect-gateway ipv6} routes and its own file's {@code route-ipv6}, which go away
 *       when it exits.</li>
 * </ul>
 * Pings are bounded ({@code -c 3 -W 2}).
 */
class Ipv6TunnelIT {
    static NetnsHarness net;
    static String serverNs;
    static String aliceNs;
    static String bobNs;
    static InteropPki pki;
    static Path work;

    @BeforeAll
    static void network() throws Exception {
        Prerequisites.require();
        InteropSupport.requireOpenvpn();
        net = NetnsHarness.open();
        serverNs = net.namespace("v6srv");
        aliceNs = net.namespace("v6alice");
        bobNs = net.namespace("v6bob");
        net.veth(serverNs, "ul0", "fd00:ff:0::1/64", aliceNs, "ul0", "fd00:ff:0::2/64");
        net.veth(serverNs, "ul1", "fd00:ff:1::1/64", bobNs, "ul0", "fd00:ff:1::2/64");
        work = Files.createTempDirectory("culvert-ipv6");
        pki = InteropPki.create(work);
        pki.issueClient("alice");
        pki.issueClient("bob");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        InteropSupport.cleanUp(net, work);
    }

    @Test
    void aCulvertServerWithServerIpv6CarriesTwoStockClientsOverAnIpv6Underlay() throws Exception {
        Path ccd = Files.createDirectories(work.resolve("ccd"));
        Files.write(ccd.resolve("bob"), List.of("ifconfig-ipv6-push fd00:10::77/64"));
        Files.write(ccd.resolve("alice"), List.of("iroute-ipv6 fd00:a1::/64"));
        Path conf = write("server-6.conf", "port 1461", "proto udp6", "dev tun", "topology subnet", "server 10.10.0.0 255.255.255.0",
                "server-ipv6 fd00:10::/64", "route-ipv6 fd00:a1::/64", "push \"route-ipv6 fd00:a1::/64\"", "client-to-client",
                "client-config-dir " + ccd, "ca " + pki.file("ca.crt"),
                "cert " + pki.file("server.crt"), "key " + pki.file("server.key"), "dh none", "tls-crypt " + pki.file("tc.key"),
                "keepalive 2 20", "verb 3");
        NodeProcess server = culvert(serverNs, "server-6", conf);
        NodeProcess alice = null;
        NodeProcess bob = null;
        try {
            server.awaitLine("its start", l -> l.contains("Initialization Sequence Completed"), 60, TimeUnit.SECONDS);
            alice = stockClient(aliceNs, "alice", "fd00:ff:0::1", 1461, List.of("proto udp6"));
            awaitUp(alice); // first, so that she has the pool's first entry
            bob = stockClient(bobNs, "bob", "fd00:ff:1::1", 1461, List.of("proto udp6"));
            awaitUp(bob);
            // The pool's first IPv6 address is tied to its first IPv4 one, as 2.6 ties them; bob's file fixes his.
            net.requireAddresses(aliceNs, "tun0", "10.10.0.2/24", "fd00:10::1000/64");
            net.requireAddresses(bobNs, "tun0", "10.10.0.3/24", "fd00:10::77/64");
            net.requireAddresses(serverNs, "tun0", "10.10.0.1/24", "fd00:10::1/64");
            net.requireNoForwarding(serverNs); // client-to-client is Culvert's routing, not the kernel's
            ping(aliceNs, "fd00:10::1");
            ping(aliceNs, "fd00:10::77");
            ping(bobNs, "fd00:10::1");
            ping(bobNs, "fd00:10::1000");
            ping(aliceNs, "10.10.0.1");
            ping(bobNs, "10.10.0.2");
            // A network behind alice (iroute-ipv6): bob reaches it through the server, and alice's answers from it pass the source check.
            net.exec(aliceNs, "ip", "-6", "addr", "add", "fd00:a1::1/64", "dev", "lo", "nodad");
            ping(bobNs, "fd00:a1::1");
            // alice sends from an address that is bob's tunnel network but not hers: the server drops it.
            net.exec(aliceNs, "ip", "-6", "addr", "add", "fd00:10::dead/128", "dev", "tun0", "nodad");
            String spoofed = net.exec(aliceNs, "sh", "-c", "ping -6 -c 2 -i 0.2 -W 1 -I fd00:10::dead fd00:10::1 2>&1; true");
            assertTrue(spoofed.contains(" 0 received"), "a spoofed source gets no answer:\n" + spoofed);
            assertTrue(server.lines().stream().anyMatch(l -> l.contains("client alice (") && l.contains(" and fd00:10::1000/64")),
                    "the server logs alice's IPv6 address:\n" + String.join("\n", server.lines()));
        } finally {
            stop(alice);
            stop(bob);
            stop(server);
        }
    }

    @Test
    void aCulvertServerWithAnExplicitIfconfigIpv6PoolGivesStockClientsItsAddressesAndKeepsThemInThePersistFile() throws Exception {
        Path persist = work.resolve("ipp-explicit.txt");
        Path conf = write("server-6-pool.conf", "port 1463", "proto udp6", "dev tun", "topology subnet", "server 10.12.0.0 255.255.255.0",
                "ifconfig-ipv6 fd00:12::1/64 fd00:12::2", "ifconfig-ipv6-pool fd00:12::8000/112", "ifconfig-pool-persist " + persist + " 1",
                "client-to-client", "ca " + pki.file("ca.crt"), "cert " + pki.file("server.crt"), "key " + pki.file("server.key"),
                "dh none", "tls-crypt " + pki.file("tc.key"), "keepalive 2 20", "verb 3");
        NodeProcess server = culvert(serverNs, "server-6-pool", conf);
        NodeProcess alice = null;
        NodeProcess bob = null;
        try {
            server.awaitLine("its start", l -> l.contains("Initialization Sequence Completed"), 60, TimeUnit.SECONDS);
            alice = stockClient(aliceNs, "alice", "fd00:ff:0::1", 1463, List.of("proto udp6"));
            awaitUp(alice);
            bob = stockClient(bobNs, "bob", "fd00:ff:1::1", 1463, List.of("proto udp6"));
            awaitUp(bob);
            // Entry N of the pool pairs 10.12.0.(2+N) with fd00:12::8000+N, pushed with ifconfig-ipv6's /64, as 2.6 pushes it.
            net.requireAddresses(serverNs, "tun0", "10.12.0.1/24", "fd00:12::1/64");
            net.requireAddresses(aliceNs, "tun0", "10.12.0.2/24", "fd00:12::8000/64");
            net.requireAddresses(bobNs, "tun0", "10.12.0.3/24", "fd00:12::8001/64");
            ping(aliceNs, "fd00:12::1");
            ping(bobNs, "fd00:12::1");
            ping(aliceNs, "fd00:12::8001");
            ping(bobNs, "10.12.0.2");
        } finally {
            stop(alice);
            stop(bob);
            stop(server);
        }
        List<String> kept = Files.readAllLines(persist);
        assertTrue(kept.contains("alice,10.12.0.2,fd00:12::8000") && kept.contains("bob,10.12.0.3,fd00:12::8001"),
                "the persist file keeps both addresses, as 2.6 writes them:\n" + kept);
    }

    @Test
    void aCulvertClientWithAStockServerWithServerIpv6InstallsItsAddressAndRoutes() throws Exception {
        Path serverConf = write("stock-6.conf", "port 1462", "proto udp6", "dev tun", "topology subnet", "server 10.11.0.0 255.255.255.0",
                "server-ipv6 fd00:11::/64", "push \"route-ipv6 fd00:99::/64\"", "push \"redirect-gateway ipv6 !ipv4\"",
                "ca " + pki.file("ca.crt"), "cert " + pki.file("server.crt"), "key " + pki.file("server.key"), "dh none",
                "tls-crypt " + pki.file("tc.key"), "keepalive 2 20", "verb 3");
        Path clientConf = write("culvert-client-6.conf", "client", "dev tun", "proto udp6", "remote fd00:ff:0::1 1462", "nobind",
                "ca " + pki.file("ca.crt"), "cert " + pki.file("alice.crt"), "key " + pki.file("alice.key"), "remote-cert-tls server",
                "tls-crypt " + pki.file("tc.key"), "route-ipv6 fd00:98::/64", "verb 3");
        NodeProcess stock = net.startProgram(serverNs, "openvpn-server-6", Map.of(), "openvpn", "--config", serverConf.toString());
        NodeProcess client = null;
        try {
            stock.awaitLine("its start", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            client = culvert(aliceNs, "client-6", clientConf);
            awaitUp(client);
            net.requireAddresses(aliceNs, "tun0", "10.11.0.2/24", "fd00:11::1000/64");
            ping(aliceNs, "fd00:11::1");
            ping(aliceNs, "10.11.0.1");
            String routes = net.exec(aliceNs, "ip", "-6", "route", "show", "dev", "tun0");
            for (String route : List.of("fd00:99::/64", "fd00:98::/64", "::/3", "2000::/4", "3000::/4", "fc00::/7")) {
                assertTrue(routes.lines().anyMatch(l -> l.startsWith(route + " ")), route + " goes into the tunnel:\n" + routes);
            }
            stop(client);
            client = null;
            String after = net.exec(aliceNs, "ip", "-6", "route", "show");
            assertFalse(after.contains("2000::/4") || after.contains("fd00:99::"), "the routes left with the client:\n" + after);
        } finally {
            stop(client);
            stop(stock);
        }
    }

    private static Path write(String name, String... lines) throws IOException {
        Path file = work.resolve(name);
        Files.write(file, List.of(lines));
        return file;
    }

    private static NodeProcess culvert(String ns, String label, Path conf) throws IOException {
        return InteropSupport.culvert(net, ns, label, conf, work);
    }

    private static NodeProcess stockClient(String ns, String cn, String remote, int port, List<String> extra) throws IOException {
        List<String> lines = new ArrayList<>(List.of("client", "dev tun", "remote " + remote + " " + port, "nobind", "connect-retry 1",
                "ca " + pki.file("ca.crt"), "cert " + pki.file(cn + ".crt"), "key " + pki.file(cn + ".key"), "remote-cert-tls server",
                "tls-crypt " + pki.file("tc.key"), "verb 3"));
        lines.addAll(extra);
        Path conf = write("client-6-" + cn + ".conf", lines.toArray(String[]::new));
        return net.startProgram(ns, "openvpn-" + cn + "-6", Map.of(), "openvpn", "--config", conf.toString());
    }

    private static void awaitUp(NodeProcess p) throws Exception {
        p.awaitLine("its tunnel", l -> l.contains("Initialization Sequence Completed"), 60, TimeUnit.SECONDS);
    }

    private static void ping(String ns, String address) throws IOException {
        String out = net.exec(ns, "ping", address.contains(":") ? "-6" : "-4", "-c", "3", "-i", "0.2", "-W", "2", address);
        assertTrue(out.contains("3 packets transmitted, 3 received"), ns + " -> " + address + ":\n" + out);
    }

    private static void stop(NodeProcess p) throws InterruptedException {
        InteropSupport.stop(p);
    }
}
