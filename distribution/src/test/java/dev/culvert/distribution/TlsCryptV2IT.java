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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * tls-crypt-v2 against stock OpenVPN 2.6, with keys made by {@code openvpn --genkey}: a Culvert
 * client with a 2.6 server (UDP, where 2.6 answers statelessly and asks for the wrapped key again,
 * and TCP, where it keeps state at once), and a Culvert server with two 2.6 clients, each with its
 * own client key, which both reach the server and each other. The UDP servers say
 * {@code force-cookie}, so they admit only a client that announced early negotiation and sent its
 * key a second time with P_CONTROL_WKC_V1. A Culvert server's tls-crypt-v2-verify script lets in
 * the stock client whose key's metadata it accepts and not the other. Last, stock openvpn runs on the keys Culvert's
 * {@code --genkey} makes.
 */
class TlsCryptV2IT {
    static String secondNs;

    static InteropLab lab;

    @BeforeAll
    static void network() throws Exception {
        lab = InteropLab.open("tcv2");
        secondNs = lab.secondStockNs("ovpn-tcv2b");
        lab.pki().issueClient("client2");
        lab.pki().writeTlsCryptV2Keys();
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (lab != null) {
            lab.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void aCulvertClientReachesAStockTlsCryptV2Server(String proto) throws Exception {
        int port = proto.equals("udp") ? 1401 : 1402;
        NodeProcess stock = stock("server-" + proto, lab.stockNs(), List.of("proto " + (proto.equals("udp") ? "udp" : "tcp-server"),
                "server 10.8.1.0 255.255.255.0", "topology subnet", "port " + port, "dh none", "cert " + lab.pki().file("server.crt"),
                "key " + lab.pki().file("server.key"),
                // force-cookie: over UDP only a client that announces early negotiation and sends its key again gets in.
                "tls-crypt-v2 " + lab.pki().file("v2server.key") + (proto.equals("udp") ? " force-cookie" : "")));
        NodeProcess culvert = null;
        try {
            stock.awaitLine("listening", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            culvert = culvert("client-" + proto, List.of("client", "proto " + (proto.equals("udp") ? "udp" : "tcp-client"),
                    "remote 192.0.2.1 " + port, "nobind", "cert " + lab.pki().file("client.crt"), "key " + lab.pki().file("client.key"),
                    "remote-cert-tls server", "tls-crypt-v2 " + lab.pki().file("v2client.key")));
            stock.awaitLine("the client's key unwrapped", l -> l.contains("Control Channel: using tls-crypt-v2 key"), 30, TimeUnit.SECONDS);
            ping(lab.culvertNs(), "10.8.1.1");
            ping(lab.stockNs(), "10.8.1.2");
        } finally {
            InteropSupport.stop(culvert);
            InteropSupport.stop(stock);
        }
    }

    @Test
    void twoStockClientsWithTheirOwnKeysReachACulvertServerAndEachOther() throws Exception {
        NodeProcess culvert = culvert("server", List.of("proto udp", "server 10.8.2.0 255.255.255.0", "topology subnet", "port 1403",
                "dh none", "client-to-client", "cert " + lab.pki().file("server.crt"), "key " + lab.pki().file("server.key"),
                "tls-crypt-v2 " + lab.pki().file("v2server.key") + " force-cookie"));
        NodeProcess first = null;
        NodeProcess second = null;
        try {
            first = stock("client-1", lab.stockNs(), List.of("client", "proto udp", "remote 192.0.2.2 1403", "nobind",
                    "cert " + lab.pki().file("client.crt"), "key " + lab.pki().file("client.key"), "remote-cert-tls server",
                    "tls-crypt-v2 " + lab.pki().file("v2client.key")));
            second = stock("client-2", secondNs, List.of("client", "proto udp", "remote 192.0.2.6 1403", "nobind",
                    "cert " + lab.pki().file("client2.crt"), "key " + lab.pki().file("client2.key"), "remote-cert-tls server",
                    "tls-crypt-v2 " + lab.pki().file("v2client2.key")));
            first.awaitLine("its tunnel up", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            second.awaitLine("its tunnel up", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            ping(lab.stockNs(), "10.8.2.1");
            ping(secondNs, "10.8.2.1");
            ping(lab.culvertNs(), "10.8.2.2");
            ping(lab.culvertNs(), "10.8.2.3");
            ping(lab.stockNs(), "10.8.2.3");
        } finally {
            InteropSupport.stop(second);
            InteropSupport.stop(first);
            InteropSupport.stop(culvert);
        }
    }

    @Test
    void tlsCryptV2VerifyLetsInTheClientWhoseMetadataItAcceptsAndNoOtherBeforeAnySession() throws Exception {
        lab.pki().writeTlsCryptV2ClientKey("v2alice.key", "alice");
        lab.pki().writeTlsCryptV2ClientKey("v2mallory.key", "mallory");
        Path seen = lab.work().resolve("tcv2-verify.log");
        Path script = lab.work().resolve("tcv2-verify.sh");
        Files.writeString(script, "#!/bin/sh\n"
                + "echo \"$script_type $metadata_type $(cat \"$metadata_file\")\" >> " + seen + "\n"
                + "[ \"$metadata_type\" = 0 ] && [ \"$(cat \"$metadata_file\")\" = alice ]\n");
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        NodeProcess culvert = culvert("server-verify", List.of("proto udp", "server 10.8.4.0 255.255.255.0", "topology subnet", "port 1405",
                "dh none", "cert " + lab.pki().file("server.crt"), "key " + lab.pki().file("server.key"),
                "tls-crypt-v2 " + lab.pki().file("v2server.key") + " force-cookie", "script-security 2", "tls-crypt-v2-verify " + script,
                "tmp-dir " + lab.work()));
        NodeProcess alice = null;
        NodeProcess mallory = null;
        try {
            mallory = stock("client-mallory", secondNs, List.of("client", "proto udp", "remote 192.0.2.6 1405", "nobind",
                    "cert " + lab.pki().file("client2.crt"), "key " + lab.pki().file("client2.key"), "remote-cert-tls server",
                    "tls-crypt-v2 " + lab.pki().file("v2mallory.key")));
            culvert.awaitLine("mallory's key refused", l -> l.contains("tls-crypt-v2 client key of") && l.contains("refused")
                    && l.contains("exited 1"), 30, TimeUnit.SECONDS);
            alice = stock("client-alice", lab.stockNs(), List.of("client", "proto udp", "remote 192.0.2.2 1405", "nobind",
                    "cert " + lab.pki().file("client.crt"), "key " + lab.pki().file("client.key"), "remote-cert-tls server",
                    "tls-crypt-v2 " + lab.pki().file("v2alice.key")));
            alice.awaitLine("alice's tunnel up", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            ping(lab.stockNs(), "10.8.4.1");
            List<String> lines = Files.readAllLines(seen);
            assertTrue(lines.contains("tls-crypt-v2-verify 0 alice") && lines.contains("tls-crypt-v2-verify 0 mallory"), lines.toString());
            assertTrue(culvert.lines().stream().noneMatch(l -> l.contains("client client2 (")), "mallory never became a client");
            assertTrue(mallory.lines().stream().noneMatch(l -> l.contains("Initialization Sequence Completed")), "mallory got no tunnel");
            try (var left = Files.list(lab.work())) {
                assertTrue(left.noneMatch(f -> f.getFileName().toString().startsWith("tls_crypt_v2_metadata_")), "no metadata file is left");
            }
        } finally {
            InteropSupport.stop(alice);
            InteropSupport.stop(mallory);
            InteropSupport.stop(culvert);
        }
    }

    /** Keys from Culvert's --genkey, the server's and a client's, serve a stock server and a stock client. */
    @Test
    void stockOpenvpnTakesTheKeysCulvertsGenkeyMakes() throws Exception {
        Path serverKey = lab.work().resolve("culvert-v2server.key");
        Path clientKey = lab.work().resolve("culvert-v2client.key");
        genkey("--genkey", "tls-crypt-v2-server", serverKey.toString());
        genkey("--tls-crypt-v2", serverKey.toString(), "--genkey", "tls-crypt-v2-client", clientKey.toString());
        NodeProcess server = stock("server-genkey", lab.culvertNs(), List.of("proto udp", "server 10.8.3.0 255.255.255.0", "topology subnet",
                "port 1404", "dh none", "cert " + lab.pki().file("server.crt"), "key " + lab.pki().file("server.key"), "tls-crypt-v2 " + serverKey));
        NodeProcess client = null;
        try {
            server.awaitLine("listening", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            client = stock("client-genkey", lab.stockNs(), List.of("client", "proto udp", "remote 192.0.2.2 1404", "nobind",
                    "cert " + lab.pki().file("client.crt"), "key " + lab.pki().file("client.key"), "remote-cert-tls server", "tls-crypt-v2 " + clientKey));
            client.awaitLine("its tunnel up", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            ping(lab.stockNs(), "10.8.3.1");
        } finally {
            InteropSupport.stop(client);
            InteropSupport.stop(server);
        }
    }

    private static void genkey(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(LauncherIT.LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "culvert " + String.join(" ", args) + ": " + out);
    }

    private static void ping(String ns, String address) throws Exception {
        String out = lab.net().exec(ns, "ping", "-c", "3", "-i", "0.2", "-W", "2", address);
        assertTrue(out.contains("3 packets transmitted, 3 received"), out);
    }

    private static NodeProcess stock(String label, String ns, List<String> own) throws IOException {
        return lab.net().startProgram(ns, "openvpn-tcv2-" + label, Map.of(), "openvpn", "--config", write("stock-" + label, own).toString());
    }

    private static NodeProcess culvert(String label, List<String> own) throws Exception {
        return InteropSupport.culvertUp(lab.net(), lab.culvertNs(), "tcv2-" + label, write("culvert-" + label, own), lab.work());
    }

    private static Path write(String name, List<String> own) throws IOException {
        List<String> lines = new ArrayList<>(List.of("dev tun", "ca " + lab.pki().file("ca.crt"), "keepalive 2 10", "verb 4"));
        lines.addAll(own);
        Path conf = lab.work().resolve(name + ".conf");
        Files.writeString(conf, String.join("\n", lines) + "\n");
        return conf;
    }
}
