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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * tls-verify against stock OpenVPN 2.6. A Culvert server's script accepts alice and refuses bob by
 * common name, seeing depth 1 (the CA) then depth 0 with 2.6's variables and, with
 * tls-export-cert, the certificate as a readable file that is gone afterwards. Then the same script
 * on a stock 2.6 server verifies a Culvert client with alice's certificate, while that client's own
 * script verifies the stock server: what 2.6 shows the script for alice's chain is what Culvert
 * showed it. The same comparison holds for a subject with UTF-8 and a repeated OU, and with
 * x509-track lines on both servers.
 */
class TlsVerifyIT {
    static InteropLab lab;
    static Path script;

    @BeforeAll
    static void network() throws Exception {
        lab = InteropLab.open("tverify");
        lab.pki().issueClient("alice");
        lab.pki().issueClient("bob");
        script = lab.work().resolve("verify.sh");
        // $1: the log, $2: the depth, $3: the subject. Refuses bob's own certificate.
        Files.writeString(script, """
                #!/bin/sh
                log=$1; depth=$2
                echo "ARGS $depth $3" >> "$log"
                env | grep -E '^(X509_|tls_id_|tls_serial_|tls_digest_|common_name=|script_type=)' | sort | sed "s/^/ENV$depth /" >> "$log"
                [ -n "$untrusted_ip" ] && echo "UNTRUSTED $depth $untrusted_ip" >> "$log"
                if [ -n "$peer_cert" ] && grep -q 'BEGIN CERTIFICATE' "$peer_cert"; then echo "PEM $depth readable" >> "$log"; fi
                [ "$depth" != 0 ] || [ "$X509_0_CN" != bob ]
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (lab != null) {
            lab.close();
        }
    }

    private static List<String> verifying(Path log, Path exportDir, int port, String network) throws IOException {
        return lab.server(port, network, "script-security 2", "tls-verify \"" + script + " " + log + "\"", "tls-export-cert " + exportDir,
                "duplicate-cn");
    }

    @Test
    void aServerScriptAcceptsOneClientAndRefusesAnotherSeeingTheWholeChain() throws Exception {
        Path log = lab.work().resolve("server-verify.log");
        Path exportDir = Files.createDirectories(lab.work().resolve("export-server"));
        NodeProcess server = InteropSupport.culvertUp(lab.net(), lab.culvertNs(), "tverify-server",
                lab.config("culvert-server", verifying(log, exportDir, 1481, "10.8.31.0")), lab.work());
        NodeProcess alice = null;
        NodeProcess bob = null;
        try {
            alice = lab.stockClient("tverify-alice", lab.stockNs(), "alice", InteropLab.CULVERT_ADDRESS, 1481);
            alice.awaitLine("alice's tunnel", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            lab.ping(lab.stockNs(), "10.8.31.1", 3);
            List<String> accepted = Files.readAllLines(log);
            assertEquals(List.of("ARGS 1 CN=Culvert Test CA", "ARGS 0 CN=alice"), accepted.stream().filter(l -> l.startsWith("ARGS")).toList(),
                    "the CA first, then the peer, with 2.6's subject: " + accepted);
            assertTrue(accepted.contains("ENV0 X509_0_CN=alice") && accepted.contains("ENV0 X509_1_CN=Culvert Test CA")
                    && accepted.contains("ENV0 common_name=alice") && accepted.contains("ENV0 script_type=tls-verify"), accepted.toString());
            assertTrue(accepted.stream().anyMatch(l -> l.matches("ENV0 tls_serial_0=\\d+")), accepted.toString());
            assertTrue(accepted.contains("UNTRUSTED 0 192.0.2.1") && accepted.contains("PEM 1 readable") && accepted.contains("PEM 0 readable"),
                    accepted.toString());
            try (Stream<Path> left = Files.list(exportDir)) {
                assertEquals(0, left.count(), "every exported certificate is removed after its call");
            }

            bob = lab.stockClient("tverify-bob", lab.stockNs(), "bob", InteropLab.CULVERT_ADDRESS, 1481);
            server.awaitLine("bob refused, with the reason", l -> l.contains("vpn.cert.tls-verify") && l.contains("exited 1 for depth=0, CN=bob"),
                    30, TimeUnit.SECONDS);
            Thread.sleep(3_000);
            assertTrue(bob.lines().stream().noneMatch(l -> l.contains("Initialization Sequence Completed")), "bob got no tunnel");
            assertEquals(1, server.lines().stream().filter(l -> l.contains("vpn.cert.tls-verify") && l.contains("CN=bob")).count(),
                    "logged once: " + server.lines());
            lab.ping(lab.stockNs(), "10.8.31.1", 2);
        } finally {
            InteropSupport.stop(bob);
            InteropSupport.stop(alice);
            InteropSupport.stop(server);
        }
    }

    @Test
    void aClientScriptVerifiesAStockServerAndStockShowsTheScriptWhatCulvertShows() throws Exception {
        Path culvertLog = lab.work().resolve("culvert-sees-alice.log");
        Path stockLog = lab.work().resolve("stock-sees-alice.log");
        Path clientLog = lab.work().resolve("client-sees-server.log");
        Path exportDir = Files.createDirectories(lab.work().resolve("export-both"));
        NodeProcess culvertServer = InteropSupport.culvertUp(lab.net(), lab.culvertNs(), "tverify-cserver",
                lab.config("culvert-cserver", verifying(culvertLog, exportDir, 1482, "10.8.32.0")), lab.work());
        NodeProcess stockAlice = null;
        NodeProcess stockServer = null;
        NodeProcess culvertAlice = null;
        try {
            stockAlice = lab.stockClient("tverify-alice2", lab.stockNs(), "alice", InteropLab.CULVERT_ADDRESS, 1482);
            stockAlice.awaitLine("alice's tunnel", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            InteropSupport.stop(stockAlice);
            stockAlice = null;

            stockServer = lab.net().startProgram(lab.stockNs(), "openvpn-tverify-server", Map.of(), "openvpn", "--config",
                    lab.config("stock-server", verifying(stockLog, exportDir, 1483, "10.8.33.0")).toString());
            stockServer.awaitLine("listening", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            culvertAlice = InteropSupport.culvertUp(lab.net(), lab.culvertNs(), "tverify-client", lab.config("culvert-client", List.of(
                    "client", "proto udp", "remote " + InteropLab.STOCK_ADDRESS + " 1483", "nobind", "cert " + lab.pki().file("alice.crt"),
                    "key " + lab.pki().file("alice.key"), "remote-cert-tls server", "script-security 2",
                    "tls-verify \"" + script + " " + clientLog + "\"")), lab.work());
            List<String> server = Files.readAllLines(clientLog);
            assertEquals(List.of("ARGS 1 CN=Culvert Test CA", "ARGS 0 CN=server"), server.stream().filter(l -> l.startsWith("ARGS")).toList(),
                    server.toString());
            assertTrue(server.contains("ENV0 X509_0_CN=server") && server.contains("UNTRUSTED 0 192.0.2.1"), server.toString());

            assertTrue(Files.readAllLines(culvertLog).contains("ARGS 0 CN=alice"), "Culvert verified alice");
            assertEquals(comparable(Files.readAllLines(stockLog)), comparable(Files.readAllLines(culvertLog)),
                    "the script sees for alice's chain on Culvert what it sees on 2.6");
        } finally {
            InteropSupport.stop(culvertAlice);
            InteropSupport.stop(stockServer);
            InteropSupport.stop(stockAlice);
            InteropSupport.stop(culvertServer);
        }
    }

    @Test
    void aUtf8SubjectWithARepeatedAttributeAndX509TrackAreShownAs26ShowsThem() throws Exception {
        lab.pki().issueClient("zoe", "C=DE,O=Example,OU=ops,OU=night shift,CN=zo\u00eb,emailAddress=zoe@example.org");
        compareWithStock("plain", 1484, 1485, "10.8.34.0", "10.8.35.0");
        compareWithStock("tracked", 1486, 1487, "10.8.36.0", "10.8.37.0", "x509-track +SHA256", "x509-track emailAddress",
                "x509-track +CN", "x509-track OU");
    }

    /**
     * zoe's chain verified by the script on a Culvert server (zoe a stock client) and on a stock
     * server (zoe a Culvert client), with {@code more} lines on both servers: the logs must agree.
     */
    private static void compareWithStock(String label, int culvertPort, int stockPort, String culvertNet, String stockNet, String... more)
            throws Exception {
        Path culvertLog = lab.work().resolve("culvert-" + label + ".log");
        Path stockLog = lab.work().resolve("stock-" + label + ".log");
        Path exportDir = Files.createDirectories(lab.work().resolve("export-" + label));
        List<String> culvertLines = new ArrayList<>(verifying(culvertLog, exportDir, culvertPort, culvertNet));
        culvertLines.addAll(List.of(more));
        NodeProcess culvertServer = InteropSupport.culvertUp(lab.net(), lab.culvertNs(), "tverify-" + label,
                lab.config("culvert-" + label, culvertLines), lab.work());
        NodeProcess stockZoe = null;
        NodeProcess stockServer = null;
        NodeProcess culvertZoe = null;
        try {
            stockZoe = lab.stockClient("tverify-zoe-" + label, lab.stockNs(), "zoe", InteropLab.CULVERT_ADDRESS, culvertPort);
            stockZoe.awaitLine("zoe's tunnel", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            List<String> stockLines = new ArrayList<>(verifying(stockLog, exportDir, stockPort, stockNet));
            stockLines.addAll(List.of(more));
            stockServer = lab.net().startProgram(lab.stockNs(), "openvpn-tverify-" + label, Map.of(), "openvpn", "--config",
                    lab.config("stock-" + label, stockLines).toString());
            stockServer.awaitLine("listening", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            culvertZoe = InteropSupport.culvertUp(lab.net(), lab.culvertNs(), "tverify-zoe-" + label, lab.config("culvert-zoe-" + label,
                    List.of("client", "proto udp", "remote " + InteropLab.STOCK_ADDRESS + " " + stockPort, "nobind",
                            "cert " + lab.pki().file("zoe.crt"), "key " + lab.pki().file("zoe.key"), "remote-cert-tls server")), lab.work());
            List<String> culvert = Files.readAllLines(culvertLog);
            assertTrue(culvert.stream().anyMatch(l -> l.startsWith("ARGS 0 ")), label + ": " + culvert);
            assertEquals(comparable(Files.readAllLines(stockLog)), comparable(culvert), label + ": the script sees what 2.6 shows it");
        } finally {
            InteropSupport.stop(culvertZoe);
            InteropSupport.stop(stockServer);
            InteropSupport.stop(stockZoe);
            InteropSupport.stop(culvertServer);
        }
    }

    /** A log's arguments, variables and file checks, without the address, which differs by side. */
    private static List<String> comparable(List<String> log) {
        return new ArrayList<>(log.stream().filter(l -> !l.startsWith("UNTRUSTED")).toList());
    }
}
