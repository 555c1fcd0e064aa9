package dev.culvert.distribution;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.example.userauth.PasswordHash;
import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Usernames and passwords against stock OpenVPN 2.6 clients. A Culvert server runs an
 * {@code auth-user-pass-verify} shell script that accepts alice and refuses bob, and tells carol
 * why through {@code auth_failed_reason_file}; alice's renegotiation is checked again. Then, with
 * a ping crossing the tunnel all along, the sample authenticator bundle (examples/user-list-auth,
 * which lists bob only) is dropped into the server's {@code deploy/} and answers instead of the
 * script, and once it is removed the script answers again.
 */
class UserPassAuthIT {
    static InteropLab lab;
    static String secondNs;
    static Path script;

    @BeforeAll
    static void network() throws Exception {
        lab = InteropLab.open("upass");
        secondNs = lab.secondStockNs("ovpn-upassb");
        script = lab.work().resolve("check-user.sh");
        Files.writeString(script, """
                #!/bin/sh
                # $1: a file with the username and the password on two lines (via-file)
                user=$(sed -n 1p "$1"); pass=$(sed -n 2p "$1")
                [ "$user" = carol ] && echo 'account expired' > "$auth_failed_reason_file"
                [ "$user" = alice ] && [ "$pass" = wonderland ]
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aScriptAcceptsOneUserRefusesAnotherAndChecksAgainAtRenegotiation() throws Exception {
        NodeProcess server = InteropSupport.culvertUp(lab.net(), lab.culvertNs(), "upass-script",
                lab.config("culvert-script", server(1431, "10.8.11.0", "reneg-sec 8")), lab.work());
        NodeProcess alice = null;
        try {
            alice = client("alice", lab.stockNs(), "192.0.2.2", 1431, "alice", "wonderland");
            alice.awaitLine("alice's tunnel up", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            lab.ping(lab.stockNs(), "10.8.11.1", 3);
            server.awaitLine("alice accepted", l -> l.contains("username 'alice'") && l.contains("accepted by script (key id 0)"), 10,
                    TimeUnit.SECONDS);

            refused("bob", "letmein", 1431, null);
            server.awaitLine("bob refused in 2.6's words", l -> l.contains("TLS Auth Error: Auth Username/Password verification failed"
                    + " for peer 'bob'"), 10, TimeUnit.SECONDS);
            refused("carol", "x", 1431, "AUTH_FAILED,account expired");

            server.awaitLine("alice checked again", l -> l.contains("username 'alice'") && l.contains("accepted by script (key id 1)"), 30,
                    TimeUnit.SECONDS);
            lab.ping(lab.stockNs(), "10.8.11.1", 3);
        } finally {
            InteropSupport.stop(alice);
            InteropSupport.stop(server);
        }
    }

    @Test
    void anAuthenticatorBundleTakesOverFromTheScriptUnderTrafficAndHandsBack() throws Exception {
        Path jar = Path.of(System.getProperty("culvert.example.userauth", "target/examples/user-list-auth.jar"));
        assertTrue(Files.isRegularFile(jar), "the sample authenticator was built: " + jar);
        Path deploy = Files.createDirectories(lab.work().resolve("deploy-upass"));
        Path users = lab.work().resolve("users");
        Files.writeString(users, "bob " + PasswordHash.of("letmein".toCharArray(), 10_000) + "\n");
        NodeProcess server = InteropSupport.culvert(lab.net(), lab.culvertNs(), "upass-swap",
                lab.config("culvert-swap", server(1432, "10.8.12.0")), lab.work(), Map.of("CULVERT_DEPLOY", deploy.toString()));
        NodeProcess alice = null;
        NodeProcess traffic = null;
        try {
            server.awaitLine("its tunnel up", l -> l.contains("Initialization Sequence Completed"), 60, TimeUnit.SECONDS);
            alice = client("alice", lab.stockNs(), "192.0.2.2", 1432, "alice", "wonderland");
            alice.awaitLine("alice's tunnel up", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            traffic = lab.net().startProgram(lab.stockNs(), "upass-ping", Map.of(), "ping", "-c", "400", "-i", "0.05", "-W", "2",
                    "10.8.12.1");

            Files.writeString(deploy.resolve("dev.culvert.example.userauth.cfg"), "file = " + users + "\n");
            Files.copy(jar, deploy.resolve("user-list-auth.jar"), StandardCopyOption.REPLACE_EXISTING);
            server.awaitLine("the bundle answers", l -> l.contains("usernames and passwords are checked by user-list"), 30, TimeUnit.SECONDS);
            connects("bob", "letmein", 1432);
            refused("alice", "wonderland", 1432, null);

            Files.delete(deploy.resolve("user-list-auth.jar"));
            Files.delete(deploy.resolve("dev.culvert.example.userauth.cfg"));
            // The first such line came at start.
            SignalsIT.awaitCount(server, l -> l.contains("usernames and passwords are checked by script"), 2, "the script answers again");
            refused("bob", "letmein", 1432, null);
            connects("alice", "wonderland", 1432);

            assertTrue(traffic.process().waitFor(60, TimeUnit.SECONDS), "the ping ends by itself");
            String summary = traffic.lastLine("400 packets transmitted");
            Matcher m = Pattern.compile("400 packets transmitted, (\\d+) received").matcher(summary == null ? "" : summary);
            assertTrue(m.find(), "ping's summary: " + summary);
            assertTrue(Integer.parseInt(m.group(1)) >= 396, "the tunnel carried traffic through both swaps: " + summary);
        } finally {
            InteropSupport.stop(traffic);
            InteropSupport.stop(alice);
            InteropSupport.stop(server);
        }
    }

    @Test
    void withVerifyClientCertNoneAClientWithoutACertificateIsKnownByItsUsername() throws Exception {
        NodeProcess server = InteropSupport.culvertUp(lab.net(), lab.culvertNs(), "upass-nocert",
                lab.config("culvert-nocert", server(1433, "10.8.19.0", "verify-client-cert none", "username-as-common-name")), lab.work());
        NodeProcess alice = null;
        try {
            Path credentials = lab.work().resolve("nocert.up");
            Files.writeString(credentials, "alice\nwonderland\n");
            Path conf = lab.config("stock-nocert", List.of("client", "proto udp", "remote 192.0.2.2 1433", "nobind",
                    "remote-cert-tls server", "auth-user-pass " + credentials, "auth-retry none"));
            alice = lab.net().startProgram(lab.stockNs(), "openvpn-upass-nocert", Map.of(), "openvpn", "--config", conf.toString());
            alice.awaitLine("a tunnel without a client certificate", l -> l.contains("Initialization Sequence Completed"), 30,
                    TimeUnit.SECONDS);
            server.awaitLine("known as alice", l -> l.contains("client alice (") && l.contains("connected as 10.8.19."), 10, TimeUnit.SECONDS);
            lab.ping(lab.stockNs(), "10.8.19.1", 3);
            refused("bob", "letmein", 1433, null);
        } finally {
            InteropSupport.stop(alice);
            InteropSupport.stop(server);
        }
    }

    @Test
    void aDeferredScriptAnswersASecondLaterThroughItsControlFile() throws Exception {
        Path deferred = lab.work().resolve("check-user-later.sh");
        Files.writeString(deferred, """
                #!/bin/sh
                # Exit 2 now; the verdict follows in auth_control_file a second later, as 2.6 lets a script defer.
                user=$(sed -n 1p "$1"); pass=$(sed -n 2p "$1")
                verdict=0; [ "$user" = alice ] && [ "$pass" = wonderland ] && verdict=1
                ( sleep 1; echo "$verdict" > "$auth_control_file" ) >/dev/null 2>&1 &
                exit 2
                """);
        Files.setPosixFilePermissions(deferred, PosixFilePermissions.fromString("rwx------"));
        NodeProcess server = InteropSupport.culvertUp(lab.net(), lab.culvertNs(), "upass-deferred",
                lab.config("culvert-deferred", serverVerifyingWith(deferred, 1434, "10.8.26.0")), lab.work());
        NodeProcess alice = null;
        try {
            alice = client("alice-later", lab.stockNs(), "192.0.2.2", 1434, "alice", "wonderland");
            alice.awaitLine("alice's tunnel up", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            server.awaitLine("alice accepted by the control file", l -> l.contains("username 'alice'")
                    && l.contains("exited 2, then wrote 1 to auth_control_file"), 10, TimeUnit.SECONDS);
            lab.ping(lab.stockNs(), "10.8.26.1", 3);

            refused("bob", "letmein", 1434, null);
            server.awaitLine("bob refused by the control file", l -> l.contains("verification failed for peer 'bob'")
                    && l.contains("then wrote 0 to auth_control_file"), 10, TimeUnit.SECONDS);
            try (var left = Files.list(lab.work())) {
                List<String> files = left.map(f -> f.getFileName().toString())
                        .filter(n -> n.startsWith("openvpn_acf_") || n.startsWith("openvpn_apf_") || n.startsWith("openvpn_afr_")).toList();
                assertTrue(files.isEmpty(), "no control file is left in tmp-dir: " + files);
            }
        } finally {
            InteropSupport.stop(alice);
            InteropSupport.stop(server);
        }
    }

    /** A second client (in the second namespace) that must reach its tunnel; stopped once it has. */
    private static void connects(String user, String password, int port) throws Exception {
        NodeProcess p = client(user + "-ok", secondNs, InteropLab.SECOND_CULVERT_ADDRESS, port, user, password);
        try {
            p.awaitLine(user + " connected", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
        } finally {
            InteropSupport.stop(p);
        }
    }

    /** A second client that must be refused (and, with auth-retry none, end); {@code told}: what its log must show, if not null. */
    private static void refused(String user, String password, int port, String told) throws Exception {
        NodeProcess p = client(user + "-refused", secondNs, InteropLab.SECOND_CULVERT_ADDRESS, port, user, password);
        try {
            p.awaitLine(user + " refused", l -> l.contains("AUTH_FAILED"), 30, TimeUnit.SECONDS);
            if (told != null) {
                p.awaitLine(user + " told why", l -> l.contains(told), 5, TimeUnit.SECONDS);
            }
            assertTrue(p.process().waitFor(20, TimeUnit.SECONDS), user + ": auth-retry none ends the client");
            assertTrue(p.lines().stream().noneMatch(l -> l.contains("Initialization Sequence Completed")), user + " got no tunnel");
        } finally {
            InteropSupport.stop(p);
        }
    }

    private static NodeProcess client(String label, String ns, String remote, int port, String user, String password) throws IOException {
        Path credentials = lab.work().resolve(label + ".up");
        Files.writeString(credentials, user + "\n" + password + "\n");
        Path conf = lab.config("stock-" + label, List.of("client", "proto udp", "remote " + remote + " " + port, "nobind",
                "cert " + lab.pki().file("client.crt"), "key " + lab.pki().file("client.key"), "remote-cert-tls server",
                "auth-user-pass " + credentials, "auth-retry none", "route-nopull"));
        return lab.net().startProgram(ns, "openvpn-upass-" + label, Map.of(), "openvpn", "--config", conf.toString());
    }

    private static List<String> server(int port, String network, String... more) {
        return serverVerifyingWith(script, port, network, more);
    }

    private static List<String> serverVerifyingWith(Path verifier, int port, String network, String... more) {
        List<String> lines = new ArrayList<>(List.of("proto udp", "port " + port, "server " + network + " 255.255.255.0",
                "topology subnet", "dh none", "cert " + lab.pki().file("server.crt"), "key " + lab.pki().file("server.key"),
                "duplicate-cn", "script-security 2", "auth-user-pass-verify " + verifier + " via-file", "tmp-dir " + lab.work()));
        lines.addAll(List.of(more));
        return lines;
    }
}
