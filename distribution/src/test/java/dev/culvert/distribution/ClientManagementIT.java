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
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client's management interface as a GUI (NetworkManager-openvpn) drives a 2.6 client: a Culvert
 * client with {@code management}, {@code management-query-passwords} and {@code management-hold}
 * connects to a stock OpenVPN 2.6 server whose {@code auth-user-pass-verify} script accepts alice
 * with her password only. The scripted management client releases the hold, answers the password
 * query wrongly (and hears {@code >PASSWORD:Verification Failed: 'Auth'}), then rightly, with a
 * password that needs 2.6's quoting; it sees the states up to CONNECTED, reads byte counts and the
 * statistics, restarts the client with {@code signal SIGUSR1} (RECONNECTING, then CONNECTED again)
 * and stops it with SIGTERM. The same dialogue then runs against a stock 2.6 client, and both
 * transcripts match once times, numbers and addresses are masked.
 */
class ClientManagementIT {
    /** alice's password: a space and a double quote, which the management client must quote and escape. */
    static final String PASSWORD = "won der\"land";
    static InteropLab lab;
    static Path script;

    @BeforeAll
    static void network() throws Exception {
        lab = InteropLab.open("cmgmt");
        script = lab.work().resolve("check-user.sh");
        Files.writeString(script, """
                #!/bin/sh
                # $1: a file with the username and the password on two lines (via-file)
                user=$(sed -n 1p "$1"); pass=$(sed -n 2p "$1")
                [ "$user" = alice ] && [ "$pass" = 'won der"land' ]
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
    void aGuiDialogueWithACulvertClientMatchesTheSameWithAStockClient() throws Exception {
        NodeProcess server = lab.net().startProgram(lab.stockNs(), "openvpn-cmgmt-server", Map.of(), "openvpn", "--config",
                lab.config("stock-server", lab.server(1441, "10.8.21.0", "script-security 2",
                        "auth-user-pass-verify " + script + " via-file", "tmp-dir " + lab.work())).toString());
        NodeProcess culvert = null;
        NodeProcess stock = null;
        try {
            server.awaitLine("listening", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);

            Path culvertSocket = lab.work().resolve("culvert-client.sock");
            culvert = InteropSupport.culvert(lab.net(), lab.culvertNs(), "cmgmt-client", client("culvert-client", culvertSocket), lab.work());
            List<String> fromCulvert = dialogue(culvert, culvertSocket);
            assertTrue(culvert.process().waitFor(20, TimeUnit.SECONDS), "SIGTERM from the management interface ends the client");
            for (String line : culvert.lines()) {
                assertTrue(!line.contains("der\"land") && !line.contains("wrong-pw"), "a password in the log: " + line);
            }

            Path stockSocket = lab.work().resolve("stock-client.sock");
            stock = lab.net().startProgram(lab.culvertNs(), "openvpn-cmgmt-client", Map.of(), "openvpn", "--config",
                    client("stock-client", stockSocket).toString());
            List<String> fromStock = dialogue(stock, stockSocket);

            assertEquals(mask(fromStock), mask(fromCulvert), "the transcripts, stock then Culvert:\n" + String.join("\n", fromStock)
                    + "\n---\n" + String.join("\n", fromCulvert));
        } finally {
            InteropSupport.stop(stock);
            InteropSupport.stop(culvert);
            InteropSupport.stop(server);
        }
    }

    /** The client's configuration: no credentials file, so the username and password come from the management client. */
    private static Path client(String name, Path socket) throws IOException {
        return lab.config(name, List.of("client", "proto udp", "remote " + InteropLab.STOCK_ADDRESS + " 1441", "nobind",
                "cert " + lab.pki().file("client.crt"), "key " + lab.pki().file("client.key"), "remote-cert-tls server",
                "auth-user-pass", "auth-retry interact", "management " + socket + " unix", "management-query-passwords",
                "management-hold"));
    }

    /**
     * The GUI's side, recorded: each command with its answer, and the real-time lines in the order
     * they came. Waits only for what the client must say next.
     */
    private static List<String> dialogue(NodeProcess node, Path socket) throws Exception {
        awaitSocket(node, socket);
        List<String> transcript = new ArrayList<>();
        try (ManagementClient m = ManagementClient.connect(socket, null)) {
            script(new Dialogue(m, transcript));
        } catch (AssertionError e) {
            List<String> output = node.lines();
            throw new AssertionError(e.getMessage() + "\ntranscript so far:\n" + String.join("\n", transcript) + "\nthe node's last lines:\n"
                    + String.join("\n", output.subList(Math.max(0, output.size() - 60), output.size())), e);
        }
        return transcript;
    }

    private static void script(Dialogue d) throws Exception {
        d.await(">HOLD:Waiting for hold release:0"::equals);
        d.say("state on");
        d.say("hold release");
        d.await(">PASSWORD:Need 'Auth' username/password"::equals);
        d.say("username \"Auth\" alice");
        d.say("password \"Auth\" wrong-pw");
        d.await(">PASSWORD:Verification Failed: 'Auth'"::equals);
        d.await(l -> l.startsWith(">HOLD:Waiting for hold release:"));
        d.say("hold release");
        d.await(">PASSWORD:Need 'Auth' username/password"::equals);
        d.say("username \"Auth\" alice");
        d.say("password \"Auth\" \"won der\\\"land\"");
        d.await(l -> l.matches(">STATE:\\d+,CONNECTED,SUCCESS,.*"));
        d.say("state");
        d.say("kill alice");
        d.say("username \"Auth\" bob");
        d.say("bytecount 1");
        d.await(l -> l.startsWith(">BYTECOUNT:"));
        d.say("bytecount 0");
        d.say("status");
        d.say("signal SIGUSR1");
        d.await(l -> l.matches(">STATE:\\d+,RECONNECTING,SIGUSR1,.*"));
        d.await(l -> l.startsWith(">HOLD:Waiting for hold release:"));
        d.say("hold release");
        d.await(l -> l.matches(">STATE:\\d+,CONNECTED,SUCCESS,.*"));
        d.say("signal SIGTERM");
        d.await(l -> l.matches(">STATE:\\d+,EXITING,.*"));
    }

    /** The socket appears once the node listens; a node that died first fails the test with its output. */
    private static void awaitSocket(NodeProcess node, Path socket) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(socket)) {
            if (!node.process().isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no management socket " + socket + ": " + String.join("\n", node.lines()));
            }
            Thread.sleep(100);
        }
    }

    /** Records a dialogue: each command as {@code > command} with its answer lines, and the real-time lines as they come. */
    private record Dialogue(ManagementClient m, List<String> transcript) {
        void say(String command) throws Exception {
            transcript.add("> " + command);
            transcript.addAll(m.command(command));
        }

        /** Real-time lines up to the first {@code wanted} one (30 s at most), each recorded. */
        void await(Predicate<String> wanted) throws InterruptedException {
            while (true) {
                String line = m.notification(30);
                if (wanted.test(line)) {
                    transcript.add(line);
                    return;
                }
                // How many BYTECOUNTs come before 'bytecount 0' is a matter of timing. So is GET_CONFIG: a 2.6 client says
                // it when its one-second timer ticks between its keys and the server's unasked PUSH_REPLY (forward.c).
                if (!line.startsWith(">BYTECOUNT:") && !line.matches(">STATE:\\d+,GET_CONFIG,.*")) {
                    transcript.add(line);
                }
            }
        }
    }

    /** Times, numbers, addresses masked; the statistics' Updated line and >BYTECOUNT values vary by nature. */
    static List<String> mask(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            out.add(l.replaceAll("[0-9a-f]*:[0-9a-f:]+:[0-9a-f]+", "ADDR6").replaceAll("\\d+\\.\\d+\\.\\d+\\.\\d+", "ADDR")
                    .replaceAll("\\d+", "N"));
        }
        return out;
    }
}
