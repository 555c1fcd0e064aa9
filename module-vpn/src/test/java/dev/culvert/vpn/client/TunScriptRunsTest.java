package dev.culvert.vpn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.vpn.config.PeerToPeerConfig;
import dev.culvert.vpn.config.ServerFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** route-pre-down as 2.6 runs it: when the node stops, with down's arguments, ended before any route is taken back. */
class TunScriptRunsTest {
    @TempDir
    Path dir;

    private PeerToPeerConfig peer(String lines) throws Exception {
        return PeerToPeerConfig.from(Config.of(ServerFiles.inlinePki() + "dev tun\ntls-server\nifconfig 10.4.0.1 10.4.0.2\n"
                + "script-security 2\n" + lines, "p.conf"));
    }

    private Path script(String name, String body) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    @Test
    void routePreDownEndsBeforeTheRoutesAreTakenBackWithDownsArguments() throws Exception {
        Path log = dir.resolve("log");
        Path script = script("pre-down.sh", "sleep 0.2; echo \"$script_type $* local=$ifconfig_local remote=$ifconfig_remote\" >> " + log);
        PeerToPeerConfig config = peer("route-pre-down " + script + "\n");
        TunScriptRuns runs = new TunScriptRuns(config.tunScripts());
        assertNull(runs.connected(config, null, "tun7", null, null).get(30, TimeUnit.SECONDS));
        List<String> seenWhenRoutesWent = new ArrayList<>();
        runs.routesGoing(() -> {
            try {
                seenWhenRoutesWent.addAll(Files.readAllLines(log));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertEquals(1, seenWhenRoutesWent.size(), "the script had ended when the routes were taken back: " + seenWhenRoutesWent);
        assertTrue(seenWhenRoutesWent.get(0).matches("route-pre-down tun7 1500 \\d+ 10\\.4\\.0\\.1 10\\.4\\.0\\.2 init"
                + " local=10\\.4\\.0\\.1 remote=10\\.4\\.0\\.2"), seenWhenRoutesWent.get(0));
    }

    @Test
    void theRoutesGoEvenWhenTheScriptFailsAndNothingRunsBeforeTheTunnelWasUp() throws Exception {
        Path log = dir.resolve("ran");
        Path script = script("pre-down.sh", "echo ran >> " + log + "; exit 3");
        PeerToPeerConfig config = peer("route-pre-down " + script + "\n");
        boolean[] taken = new boolean[1];
        new TunScriptRuns(config.tunScripts()).routesGoing(() -> taken[0] = true);
        assertTrue(taken[0]);
        assertTrue(Files.notExists(log), "never connected: no routes were set, nothing to run it for");

        TunScriptRuns runs = new TunScriptRuns(config.tunScripts());
        runs.connected(config, null, "tun7", null, null).get(30, TimeUnit.SECONDS);
        taken[0] = false;
        runs.routesGoing(() -> taken[0] = true);
        assertTrue(taken[0], "a failed route-pre-down is only warned about, as in 2.6");
        assertEquals(List.of("ran"), Files.readAllLines(log));
    }
}
