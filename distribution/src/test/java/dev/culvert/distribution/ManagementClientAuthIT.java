package dev.culvert.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * management-client-auth, driven by the same scripted management client against stock OpenVPN
 * 2.6 and a Culvert server, each with stock 2.6 clients that send a username and password: the
 * first client is announced ({@code >CLIENT:CONNECT} with its variables) and denied with a reason
 * it is shown; the second is let in with {@code client-auth} and a pushed route it installs, then
 * announced as established and, once it said goodbye, as disconnected. The announcements, the
 * answers and the variables a management client relies on are the same on both servers.
 */
class ManagementClientAuthIT {
    /** Variables a management client decides with; both servers must give them. */
    static final Set<String> RELIED_ON = Set.of("common_name", "username", "password", "untrusted_ip", "untrusted_port", "IV_VER",
            "IV_PLAT");

    static InteropLab lab;

    @BeforeAll
    static void network() throws Exception {
        lab = InteropLab.open("mcauth");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void theManagementClientDecidesAsOnStock26() throws Exception {
        Path stockSocket = lab.work().resolve("stock-mcauth.sock");
        Path culvertSocket = lab.work().resolve("culvert-mcauth.sock");
        NodeProcess stock = lab.net().startProgram(lab.stockNs(), "openvpn-mcauth-server", Map.of(), "openvpn", "--config",
                lab.config("stock-server", lab.server(1451, "10.8.14.0", "management " + stockSocket + " unix",
                        "management-client-auth")).toString());
        NodeProcess culvert = null;
        try {
            stock.awaitLine("listening", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            culvert = InteropSupport.culvertUp(lab.net(), lab.culvertNs(), "mcauth-server", lab.config("culvert-server",
                    lab.server(1452, "10.8.15.0", "management " + culvertSocket + " unix", "management-client-auth")), lab.work());
            Transcript fromStock = drive(stockSocket, lab.culvertNs(), InteropLab.STOCK_ADDRESS, 1451, "10.8.14.1");
            Transcript fromCulvert = drive(culvertSocket, lab.stockNs(), InteropLab.CULVERT_ADDRESS, 1452, "10.8.15.1");
            assertEquals(fromStock.steps(), fromCulvert.steps(), "announcements and answers");
            Set<String> missing = new TreeSet<>(RELIED_ON);
            missing.removeAll(fromCulvert.connectVariables());
            assertEquals(Set.of(), missing, "Culvert's >CLIENT:CONNECT lacks these; stock gives " + fromStock.connectVariables());
            assertTrue(fromStock.connectVariables().containsAll(RELIED_ON), "stock gives " + fromStock.connectVariables());
        } finally {
            InteropSupport.stop(culvert);
            InteropSupport.stop(stock);
        }
    }

    /** What one server's management interface showed: each step with client and key ids masked, and CONNECT's variable names. */
    record Transcript(List<String> steps, Set<String> connectVariables) {
    }

    private static Transcript drive(Path socket, String clientNs, String server, int port, String serverTunnel) throws Exception {
        List<String> steps = new ArrayList<>();
        Set<String> variables = new TreeSet<>();
        NodeProcess denied = null;
        NodeProcess admitted = null;
        try (ManagementClient m = ManagementClient.connect(socket, null)) {
            denied = client("denied-" + port, clientNs, server, port);
            List<String> connect = m.clientEvent("CONNECT", 30);
            steps.add(head(connect));
            for (String line : connect) {
                if (line.startsWith(">CLIENT:ENV,") && line.contains("=")) {
                    variables.add(line.substring(">CLIENT:ENV,".length(), line.indexOf('=')));
                }
            }
            assertTrue(connect.contains(">CLIENT:ENV,username=alice") && connect.contains(">CLIENT:ENV,password=wonderland"), connect.toString());
            String[] ids = ids(connect.get(0));
            steps.add(m.command("client-deny " + ids[0] + " " + ids[1] + " \"not today\" \"come back tomorrow\"").get(0));
            denied.awaitLine("the reason", l -> l.contains("AUTH_FAILED,come back tomorrow"), 30, TimeUnit.SECONDS);
            assertTrue(denied.process().waitFor(20, TimeUnit.SECONDS), "auth-retry none ends the denied client");

            admitted = client("admitted-" + port, clientNs, server, port);
            List<String> second = m.clientEvent("CONNECT", 30);
            steps.add(head(second));
            ids = ids(second.get(0));
            steps.add(m.commandWithBlock("client-auth " + ids[0] + " " + ids[1], List.of("push \"route 10.66.0.0 255.255.0.0\"")));
            admitted.awaitLine("its tunnel", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            steps.add(head(m.clientEvent("ESTABLISHED", 20)));
            assertTrue(lab.net().exec(clientNs, "ip", "route", "show").contains("10.66.0.0/16"), "client-auth's pushed route is installed");
            lab.ping(clientNs, serverTunnel, 2);
            InteropSupport.stop(admitted);
            admitted = null;
            steps.add(head(m.clientEvent("DISCONNECT", 30)));
        } finally {
            InteropSupport.stop(admitted);
            InteropSupport.stop(denied);
        }
        return new Transcript(steps, variables);
    }

    /** {@code >CLIENT:CONNECT,5,0} as {@code >CLIENT:CONNECT}: the ids differ between servers. */
    private static String head(List<String> block) {
        String first = block.get(0);
        int comma = first.indexOf(',');
        return comma < 0 ? first : first.substring(0, comma);
    }

    private static String[] ids(String head) {
        String[] parts = head.split(",");
        return new String[] {parts[1], parts[2]};
    }

    private static NodeProcess client(String label, String ns, String server, int port) throws IOException {
        Path credentials = lab.work().resolve(label + ".up");
        Files.writeString(credentials, "alice\nwonderland\n");
        Path conf = lab.config("stock-" + label, List.of("client", "proto udp", "remote " + server + " " + port, "nobind",
                "cert " + lab.pki().file("client.crt"), "key " + lab.pki().file("client.key"), "remote-cert-tls server",
                "auth-user-pass " + credentials, "auth-retry none", "explicit-exit-notify 1"));
        return lab.net().startProgram(ns, "openvpn-mcauth-" + label, Map.of(), "openvpn", "--config", conf.toString());
    }
}
