package dev.culvert.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * client-connect, client-disconnect and learn-address scripts on a Culvert server, with stock
 * OpenVPN 2.6 clients: the connect script's file pushes a route the client installs, and sees
 * 2.6's variables; learn-address is told add, then update when a new session with the same
 * certificate takes the address over, then delete after the client said goodbye; the disconnect
 * script is told the replaced session's byte counts. The PUSH_REPLY waits for learn-address's
 * answer, so the first ping after the client's tunnel came up is answered.
 */
class ClientHooksIT {
    static InteropLab lab;
    static String secondNs;

    @BeforeAll
    static void network() throws Exception {
        lab = InteropLab.open("hooks");
        secondNs = lab.secondStockNs("ovpn-hooksb");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void connectPushesARouteAndLearnAddressSeesAddUpdateAndDelete() throws Exception {
        Path learned = lab.work().resolve("learned.log");
        Path connectEnv = lab.work().resolve("connect.env");
        Path disconnected = lab.work().resolve("disconnect.log");
        Path connect = script("connect.sh", "env > " + connectEnv + "\necho 'push \"route 10.77.0.0 255.255.0.0\"' > \"$1\"");
        Path disconnect = script("disconnect.sh", "echo \"$script_type $common_name $bytes_received $bytes_sent\" >> " + disconnected);
        // A slow learn-address: the PUSH_REPLY waits for its answer, as 2.6's does, so the client's first ping has a way back.
        Path learn = script("learn.sh", "case $1 in add|update) sleep 0.5 ;; esac\necho \"$*\" >> " + learned);
        NodeProcess server = InteropSupport.culvertUp(lab.net(), lab.culvertNs(), "hooks", lab.config("culvert-hooks", List.of("proto udp",
                "port 1441", "server 10.8.13.0 255.255.255.0", "topology subnet", "dh none", "cert " + lab.pki().file("server.crt"),
                "key " + lab.pki().file("server.key"), "script-security 2", "tmp-dir " + lab.work(), "client-connect " + connect,
                "client-disconnect " + disconnect, "learn-address " + learn)), lab.work());
        NodeProcess first = null;
        NodeProcess second = null;
        try {
            first = client("first", lab.stockNs(), "192.0.2.2");
            first.awaitLine("the first tunnel", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            assertTrue(lab.net().exec(lab.stockNs(), "ip", "route", "show").contains("10.77.0.0/16"), "the pushed route is installed");
            List<String> env = Files.readAllLines(connectEnv);
            assertTrue(env.containsAll(List.of("script_type=client-connect", "common_name=client", "ifconfig_pool_remote_ip=10.8.13.2",
                    "ifconfig_pool_netmask=255.255.255.0", "trusted_ip=" + InteropLab.STOCK_ADDRESS)), env.toString());
            assertTrue(env.stream().anyMatch(l -> l.startsWith("IV_VER=2.6")), env.toString());
            lab.ping(lab.stockNs(), "10.8.13.1", 3);

            // The same certificate from elsewhere: the new session takes the name and the address over (duplicate-cn is off).
            second = client("second", secondNs, InteropLab.SECOND_CULVERT_ADDRESS);
            second.awaitLine("the second tunnel", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            InteropSupport.stop(first);
            first = null;
            lab.ping(secondNs, "10.8.13.1", 3);
            awaitLines(disconnected, 1);
            assertTrue(Files.readAllLines(disconnected).get(0).matches("client-disconnect client [1-9][0-9]* [1-9][0-9]*"),
                    "the replaced session's bytes: " + Files.readAllLines(disconnected));

            InteropSupport.stop(second);
            second = null;
            awaitLines(learned, 3);
            assertEquals(List.of("add 10.8.13.2 client", "update 10.8.13.2 client", "delete 10.8.13.2"), Files.readAllLines(learned));
            server.awaitLine("the goodbye", l -> l.contains("disconnected: exit-notify"), 10, TimeUnit.SECONDS);
        } finally {
            InteropSupport.stop(second);
            InteropSupport.stop(first);
            InteropSupport.stop(server);
        }
    }

    private static Path script(String name, String body) throws IOException {
        Path file = lab.work().resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private static NodeProcess client(String label, String ns, String remote) throws IOException {
        Path conf = lab.config("stock-" + label, List.of("client", "proto udp", "remote " + remote + " 1441", "nobind",
                "cert " + lab.pki().file("client.crt"), "key " + lab.pki().file("client.key"), "remote-cert-tls server",
                "explicit-exit-notify 1"));
        return lab.net().startProgram(ns, "openvpn-hooks-" + label, Map.of(), "openvpn", "--config", conf.toString());
    }

    /** Waits (20 s at most) until a script's log {@code file} has {@code count} lines. */
    static void awaitLines(Path file, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readAllLines(file).size() >= count) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(file + ": not " + count + " lines within 20 s: " + (Files.exists(file) ? Files.readAllLines(file) : "no file"));
    }
}
