package dev.culvert.distribution;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
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
 * The legacy AES-CBC data channel against stock OpenVPN 2.6: a Culvert client with a 2.6 server
 * forced to {@code data-ciphers AES-256-CBC} and {@code auth SHA256}, a 2.6 client so forced with
 * a Culvert server, and two point-to-point peers that share no negotiable cipher and fall back
 * to their {@code cipher}. Pings of several sizes cross both ways, so every padding length and
 * packets near the MTU go through the other side's HMAC and decryption; 2.6's own log names the
 * cipher it settled on.
 */
class LegacyCbcIT {
    /** ICMP payloads: a packet id and IP packet that end short of a block, on one, and near the tunnel's MTU. */
    static final int[] SIZES = {0, 1, 15, 16, 100, 1372};

    static InteropLab lab;

    @BeforeAll
    static void network() throws Exception {
        lab = InteropLab.open("cbc");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aCulvertClientTakesTheCbcCipherAStockServerPushes() throws Exception {
        NodeProcess stock = stock("server", List.of("proto udp", "server 10.8.4.0 255.255.255.0", "topology subnet", "port 1411",
                "dh none", "cert " + lab.pki().file("server.crt"), "key " + lab.pki().file("server.key"), "data-ciphers AES-256-CBC", "auth SHA256"));
        NodeProcess culvert = null;
        try {
            stock.awaitLine("listening", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            culvert = culvert("client", List.of("client", "proto udp", "remote 192.0.2.1 1411", "nobind", "cert " + lab.pki().file("client.crt"),
                    "key " + lab.pki().file("client.key"), "remote-cert-tls server", "data-ciphers AES-256-GCM:AES-256-CBC", "auth SHA256"));
            stock.awaitLine("AES-256-CBC with HMAC-SHA256", l -> l.contains("Outgoing Data Channel: Cipher 'AES-256-CBC'"), 30, TimeUnit.SECONDS);
            pingEverySize(lab.culvertNs(), "10.8.4.1");
            pingEverySize(lab.stockNs(), "10.8.4.2");
        } finally {
            InteropSupport.stop(culvert);
            InteropSupport.stop(stock);
        }
    }

    @Test
    void aStockClientForcedToCbcReachesACulvertServer() throws Exception {
        NodeProcess culvert = culvert("server", List.of("proto udp", "server 10.8.5.0 255.255.255.0", "topology subnet", "port 1412",
                "dh none", "cert " + lab.pki().file("server.crt"), "key " + lab.pki().file("server.key"), "data-ciphers AES-256-GCM:AES-256-CBC"));
        NodeProcess stock = null;
        try {
            stock = stock("client", List.of("client", "proto udp", "remote 192.0.2.2 1412", "nobind", "cert " + lab.pki().file("client.crt"),
                    "key " + lab.pki().file("client.key"), "remote-cert-tls server", "data-ciphers AES-256-CBC"));
            stock.awaitLine("AES-256-CBC with HMAC-SHA1", l -> l.contains("Outgoing Data Channel: Cipher 'AES-256-CBC'"), 30, TimeUnit.SECONDS);
            stock.awaitLine("its tunnel up", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            pingEverySize(lab.stockNs(), "10.8.5.1");
            pingEverySize(lab.culvertNs(), "10.8.5.2");
        } finally {
            InteropSupport.stop(stock);
            InteropSupport.stop(culvert);
        }
    }

    /** ssl_ncp.c p2p_mode_ncp: no cipher in common, so both use their 'cipher'. */
    @Test
    void pointToPointPeersWithoutACommonCipherFallBackToTheirCipher() throws Exception {
        // A point-to-point peer completes its initialisation only with its peer: start it without waiting.
        NodeProcess culvert = InteropSupport.culvert(lab.net(), lab.culvertNs(), "cbc-p2p", write("culvert-p2p", List.of("tls-server", "port 1413",
                "ifconfig 10.8.6.1 10.8.6.2", "dh none", "cert " + lab.pki().file("server.crt"), "key " + lab.pki().file("server.key"),
                "remote-cert-tls client", "data-ciphers AES-256-GCM", "cipher AES-128-CBC", "auth SHA512")), lab.work());
        NodeProcess stock = null;
        try {
            stock = stock("p2p", List.of("tls-client", "remote 192.0.2.2 1413", "nobind", "ifconfig 10.8.6.2 10.8.6.1",
                    "cert " + lab.pki().file("client.crt"), "key " + lab.pki().file("client.key"), "remote-cert-tls server",
                    "data-ciphers CHACHA20-POLY1305", "cipher AES-128-CBC", "auth SHA512"));
            stock.awaitLine("the fallback", l -> l.contains("fallback-cipher: AES-128-CBC"), 30, TimeUnit.SECONDS);
            stock.awaitLine("its tunnel up", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            culvert.awaitLine("its tunnel up", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            pingEverySize(lab.stockNs(), "10.8.6.1");
            pingEverySize(lab.culvertNs(), "10.8.6.2");
        } finally {
            InteropSupport.stop(stock);
            InteropSupport.stop(culvert);
        }
    }

    private static void pingEverySize(String ns, String address) throws Exception {
        for (int size : SIZES) {
            String out = lab.net().exec(ns, "ping", "-c", "3", "-i", "0.2", "-W", "2", "-s", Integer.toString(size), address);
            assertTrue(out.contains("3 packets transmitted, 3 received"), "ping -s " + size + " " + address + ": " + out);
        }
    }

    private static NodeProcess stock(String label, List<String> own) throws IOException {
        return lab.net().startProgram(lab.stockNs(), "openvpn-cbc-" + label, Map.of(), "openvpn", "--config", write("stock-" + label, own).toString());
    }

    private static NodeProcess culvert(String label, List<String> own) throws Exception {
        return InteropSupport.culvertUp(lab.net(), lab.culvertNs(), "cbc-" + label, write("culvert-" + label, own), lab.work());
    }

    private static Path write(String name, List<String> own) throws IOException {
        List<String> lines = new ArrayList<>(List.of("dev tun", "ca " + lab.pki().file("ca.crt"), "tls-crypt " + lab.pki().file("tc.key"),
                "keepalive 2 10", "verb 4"));
        lines.addAll(own);
        Path conf = lab.work().resolve(name + ".conf");
        Files.writeString(conf, String.join("\n", lines) + "\n");
        return conf;
    }
}
