package dev.culvert.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
import dev.culvert.vpn.config.ServerConfig;
import dev.culvert.vpn.token.SessionTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * auth-gen-token with stock OpenVPN 2.6: a token a 2.6 server made with a secret from
 * {@code openvpn --genkey auth-token} checks in Culvert with the same file (the format and the
 * key are 2.6's), and a stock client with {@code auth-nocache} renegotiates with a Culvert server
 * twice on its tokens while the password script runs only once.
 */
class AuthTokenIT {
    static InteropLab lab;
    static Path secret;
    static Path script;
    static Path calls;

    @BeforeAll
    static void network() throws Exception {
        lab = InteropLab.open("atoken");
        secret = lab.work().resolve("auth-token.key");
        InteropPki.run(lab.work(), "openvpn", "--genkey", "auth-token", secret.toString());
        calls = lab.work().resolve("script-calls");
        script = lab.work().resolve("check.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$username\" >> " + calls + "\n[ \"$(sed -n 2p \"$1\")\" = wonderland ]\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (lab != null) {
            lab.close();
        }
    }

    private static List<String> server(int port, String network, String... more) {
        List<String> lines = new java.util.ArrayList<>(lab.server(port, network, "script-security 2",
                "auth-user-pass-verify " + script + " via-file", "tmp-dir " + lab.work(), "auth-gen-token 0 120",
                "auth-gen-token-secret " + secret));
        lines.addAll(List.of(more));
        return lines;
    }

    @Test
    void aTokenFromStock26ChecksInCulvertWithTheSameSecret() throws Exception {
        NodeProcess stock = lab.net().startProgram(lab.stockNs(), "openvpn-atoken-server", Map.of(), "openvpn", "--config",
                lab.config("stock-server", server(1461, "10.8.16.0", "verb 7")).toString());
        NodeProcess client = null;
        try {
            stock.awaitLine("listening", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            client = client("to-stock", lab.culvertNs(), InteropLab.STOCK_ADDRESS, 1461);
            String made = stock.awaitLine("a token", l -> l.contains("Generated token for client: SESS_ID_AT_"), 30, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("(SESS_ID_AT_[A-Za-z0-9+/=]+) \\((alice)\\)").matcher(made);
            assertTrue(m.find(), made);
            ServerConfig culvert = ServerConfig.from(Config.load(lab.config("culvert-reader", server(1462, "10.8.17.0"))));
            SessionTokens tokens = new SessionTokens(culvert.authTokens().orElseThrow().hmacKey(), 0, 120,
                    () -> System.currentTimeMillis() / 1000);
            SessionTokens.Check check = tokens.check("alice", m.group(1));
            assertTrue(check.valid(), check.why());
            assertTrue(!tokens.check("bob", m.group(1)).valid(), "another user's");
        } finally {
            InteropSupport.stop(client);
            InteropSupport.stop(stock);
        }
    }

    @Test
    void aStockClientRenegotiatesOnItsTokensAndThePasswordIsCheckedOnce() throws Exception {
        Files.deleteIfExists(calls);
        NodeProcess server = InteropSupport.culvertUp(lab.net(), lab.culvertNs(), "atoken", lab.config("culvert-server",
                server(1463, "10.8.18.0", "reneg-sec 5")), lab.work());
        NodeProcess client = null;
        try {
            client = client("to-culvert", lab.stockNs(), InteropLab.CULVERT_ADDRESS, 1463);
            client.awaitLine("its tunnel", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            for (int key = 1; key <= 2; key++) {
                int id = key;
                server.awaitLine("renegotiation " + id + " on a token", l -> l.contains("username 'alice'")
                        && l.contains("accepted by auth-gen-token (key id " + id + ")"), 30, TimeUnit.SECONDS);
            }
            lab.ping(lab.stockNs(), "10.8.18.1", 3);
            assertEquals(List.of("alice"), Files.readAllLines(calls), "the script ran for the first key only");
            assertTrue(client.lines().stream().noneMatch(l -> l.contains("AUTH_FAILED")), "never refused");
        } finally {
            InteropSupport.stop(client);
            InteropSupport.stop(server);
        }
    }

    private static NodeProcess client(String label, String ns, String server, int port) throws IOException {
        Path credentials = lab.work().resolve(label + ".up");
        Files.writeString(credentials, "alice\nwonderland\n");
        Path conf = lab.config("stock-" + label, List.of("client", "proto udp", "remote " + server + " " + port, "nobind",
                "cert " + lab.pki().file("client.crt"), "key " + lab.pki().file("client.key"), "remote-cert-tls server",
                "auth-user-pass " + credentials, "auth-nocache", "auth-retry none", "route-nopull"));
        return lab.net().startProgram(ns, "openvpn-atoken-" + label, Map.of(), "openvpn", "--config", conf.toString());
    }
}
