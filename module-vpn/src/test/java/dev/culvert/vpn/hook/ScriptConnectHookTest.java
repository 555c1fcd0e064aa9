package dev.culvert.vpn.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.hook.ClientInfo;
import dev.culvert.spi.hook.ConnectVerdict;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** client-connect, client-disconnect and learn-address scripts as 2.6 runs them. */
class ScriptConnectHookTest {
    private static final ClientInfo ALICE = new ClientInfo(1, "alice", "alice-user", new InetSocketAddress("192.0.2.7", 40001),
            "10.8.0.2", "255.255.255.0", "fd00::1000", Map.of("IV_VER", "2.6.14"));

    @TempDir
    Path dir;

    private ScriptCommand script(String name, String body) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return ScriptCommand.parse(file.toString());
    }

    private Scripts scripts() throws Exception {
        return Scripts.of(Map.of("dev", "tun0"), Files.createDirectories(dir.resolve("tmp")), Duration.ofSeconds(10));
    }

    @Test
    void whatTheConnectScriptWritesIsTheClientsConfigurationAndItSeesTheClientsVariables() throws Exception {
        Path env = dir.resolve("env");
        ScriptConnectHook hook = new ScriptConnectHook(Optional.of(script("connect.sh",
                "env > " + env + "; echo 'push \"route 10.9.0.0 255.255.0.0\"' > \"$1\"; echo 'iroute 192.168.5.0 255.255.255.0' >> \"$1\"")),
                Optional.empty(), scripts());
        ConnectVerdict v = hook.connecting(ALICE).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue(v.accepted(), v.reason());
        assertEquals(List.of("push \"route 10.9.0.0 255.255.0.0\"", "iroute 192.168.5.0 255.255.255.0"), v.configLines());
        List<String> vars = Files.readAllLines(env);
        assertTrue(vars.containsAll(List.of("script_type=client-connect", "common_name=alice", "username=alice-user", "trusted_ip=192.0.2.7",
                "trusted_port=40001", "ifconfig_pool_remote_ip=10.8.0.2", "ifconfig_pool_netmask=255.255.255.0",
                "ifconfig_pool_remote_ip6=fd00::1000", "IV_VER=2.6.14", "dev=tun0")), vars.toString());
        try (Stream<Path> left = Files.list(dir.resolve("tmp"))) {
            assertEquals(List.of(), left.toList(), "the dynamic file is removed");
        }
    }

    @Test
    void aConnectScriptThatFailsRefusesTheClient() throws Exception {
        ScriptConnectHook hook = new ScriptConnectHook(Optional.of(script("connect.sh", "echo 'push \"route 1.2.3.0 255.255.255.0\"' > \"$1\"; exit 3")),
                Optional.empty(), scripts());
        ConnectVerdict v = hook.connecting(ALICE).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertFalse(v.accepted());
        assertTrue(v.reason().contains("exited 3"), v.reason());
        assertEquals(List.of(), v.configLines(), "a refused client's file is not read");
    }

    @Test
    void anOversizedFileRefusesRatherThanBeingCut() throws Exception {
        ScriptConnectHook hook = new ScriptConnectHook(Optional.of(script("connect.sh", "head -c 70000 /dev/zero | tr '\\\\0' 'x' > \"$1\"")),
                Optional.empty(), scripts());
        ConnectVerdict v = hook.connecting(ALICE).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertFalse(v.accepted(), v.reason());
    }

    @Test
    void withOnlyADisconnectScriptConnectsAreAcceptedAndTheDisconnectIsTold() throws Exception {
        Path env = dir.resolve("env");
        ScriptConnectHook hook = new ScriptConnectHook(Optional.empty(), Optional.of(script("disconnect.sh", "env > " + env + ".tmp; mv " + env
                + ".tmp " + env)), scripts());
        assertTrue(hook.connecting(ALICE).toCompletableFuture().get(10, TimeUnit.SECONDS).accepted());
        hook.disconnected(ALICE, 1234, 5678, 42);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(env) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<String> vars = Files.readAllLines(env);
        assertTrue(vars.containsAll(List.of("script_type=client-disconnect", "common_name=alice", "bytes_received=1234", "bytes_sent=5678",
                "time_duration=42")), vars.toString());
    }

    @Test
    void learnAddressGetsTheOperationTheAddressAndTheNameAsArguments() throws Exception {
        Path log = dir.resolve("learned");
        ScriptLearnAddress learn = new ScriptLearnAddress(script("learn.sh", "echo \"$script_type $*\" >> " + log + "; [ \"$2\" != 10.8.0.66 ]"),
                scripts());
        assertTrue(learn.learn("add", "10.8.0.2", "alice").toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertTrue(learn.learn("delete", "10.8.0.2", "").toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertFalse(learn.learn("add", "10.8.0.66", "mallory").toCompletableFuture().get(10, TimeUnit.SECONDS), "exit 1 is a refusal");
        assertEquals(List.of("learn-address add 10.8.0.2 alice", "learn-address delete 10.8.0.2", "learn-address add 10.8.0.66 mallory"),
                Files.readAllLines(log));
    }
}
