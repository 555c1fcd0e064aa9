package dev.culvert.distribution;

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
 * OpenVPN's own fragmentation ({@code fragment 1000}) against stock OpenVPN 2.6, as a
 * point-to-point peer and as a server: 1400-byte pings cross both ways while each namespace drops
 * every data-channel datagram of more than 1000 bytes of UDP payload it would send. They can only
 * cross if both sides cut them into parts and put them back together, each in 2.6's format.
 */
class FragmentIT {
    static NetnsHarness net;
    static String stockNs;
    static String culvertNs;
    static InteropPki pki;
    static Path work;

    @BeforeAll
    static void network() throws Exception {
        Prerequisites.require();
        InteropSupport.requireOpenvpn();
        try {
            dev.culvert.core.io.tun.IpTool.runCommand(List.of("nft", "--version"), 10, TimeUnit.SECONDS);
        } catch (IOException e) {
            Prerequisites.missing("nft (apt-get install -y nftables): " + e.getMessage());
        }
        net = NetnsHarness.open();
        stockNs = net.namespace("ovpn-frag");
        culvertNs = net.namespace("frag");
        net.veth(stockNs, "ul0", "192.0.2.1/30", culvertNs, "ul0", "192.0.2.2/30");
        for (String ns : List.of(stockNs, culvertNs)) {
            // A data packet (opcode 6, P_DATA_V1, or 9, P_DATA_V2: the first byte's top 5 bits) longer than 'fragment 1000'
            // allows; udp length counts the 8-byte UDP header. Control packets are not split by 'fragment' (2.6 bounds
            // them by tls-mtu, 1250 bytes), so they pass.
            net.exec(ns, "nft", "add table inet fragcheck; add chain inet fragcheck out { type filter hook output priority 0; };"
                    + " add rule inet fragcheck out udp length > 1008 @th,64,5 { 6, 9 } counter drop");
        }
        work = Files.createTempDirectory("culvert-fragment");
        pki = InteropPki.create(work);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        InteropSupport.cleanUp(net, work);
    }

    @Test
    void aCulvertPeerAndAStockPeerMove1400BytePingsInParts() throws Exception {
        NodeProcess stock = stock("p2p", List.of("tls-server", "port 1301", "ifconfig 10.9.1.1 10.9.1.2", "dh none",
                "cert " + pki.file("server.crt"), "key " + pki.file("server.key"), "remote-cert-tls client"));
        NodeProcess culvert = null;
        try {
            culvert = culvert("p2p", List.of("tls-client", "remote 192.0.2.1 1301", "nobind", "ifconfig 10.9.1.2 10.9.1.1",
                    "cert " + pki.file("client.crt"), "key " + pki.file("client.key"), "remote-cert-tls server"));
            stock.awaitLine("its tunnel up", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            assertLargePingsBothWays("10.9.1.2", "10.9.1.1");
        } finally {
            InteropSupport.stop(culvert);
            InteropSupport.stop(stock);
        }
    }

    @Test
    void aCulvertServerAndAStockClientMove1400BytePingsInParts() throws Exception {
        NodeProcess culvert = culvert("server", List.of("server 10.8.0.0 255.255.255.0", "topology subnet", "port 1302", "dh none",
                "cert " + pki.file("server.crt"), "key " + pki.file("server.key")));
        NodeProcess stock = null;
        try {
            stock = stock("client", List.of("client", "remote 192.0.2.2 1302", "nobind", "cert " + pki.file("client.crt"),
                    "key " + pki.file("client.key"), "remote-cert-tls server"));
            stock.awaitLine("its tunnel up", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            assertLargePingsBothWays("10.8.0.1", "10.8.0.2");
        } finally {
            InteropSupport.stop(stock);
            InteropSupport.stop(culvert);
        }
    }

    /** Small pings first (whole packets behind the header), then 1400-byte ones (two parts each), each way. */
    private static void assertLargePingsBothWays(String culvertAddress, String stockAddress) throws Exception {
        String small = net.exec(culvertNs, "ping", "-c", "3", "-i", "0.2", "-W", "2", stockAddress);
        assertTrue(small.contains("3 packets transmitted, 3 received"), small);
        String fromCulvert = net.exec(culvertNs, "ping", "-c", "10", "-i", "0.2", "-W", "2", "-s", "1400", stockAddress);
        assertTrue(fromCulvert.contains("10 packets transmitted, 10 received"), fromCulvert);
        String fromStock = net.exec(stockNs, "ping", "-c", "10", "-i", "0.2", "-W", "2", "-s", "1400", culvertAddress);
        assertTrue(fromStock.contains("10 packets transmitted, 10 received"), fromStock);
    }

    private static NodeProcess stock(String label, List<String> own) throws IOException {
        return net.startProgram(stockNs, "openvpn-frag-" + label, Map.of(), "openvpn", "--config", write("stock-" + label, own).toString());
    }

    /**
     * Culvert without UDP GSO: the nft rule sees a train of parts before the kernel cuts it (in a
     * namespace pair the cut happens only at the receiving socket), so it would count the train's
     * length, not each part's, and drop parts that are each within 1000 bytes on the wire.
     */
    private static NodeProcess culvert(String label, List<String> own) throws Exception {
        return InteropSupport.culvertUp(net, culvertNs, "frag-" + label, write("culvert-" + label, own), work,
                Map.of("CULVERT_JAVA_OPTS", "-Dculvert.udp-gso=off"));
    }

    private static Path write(String name, List<String> own) throws IOException {
        List<String> lines = new ArrayList<>(List.of("dev tun", "proto udp", "ca " + pki.file("ca.crt"), "tls-crypt " + pki.file("tc.key"),
                "keepalive 2 10", "fragment 1000", "verb 3"));
        lines.addAll(own);
        Path conf = work.resolve(name + ".conf");
        Files.writeString(conf, String.join("\n", lines) + "\n");
        return conf;
    }
}
