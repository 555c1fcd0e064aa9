package dev.culvert.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.netns.Prerequisites;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's systemd unit, {@code systemd/culvert@.service}: systemd accepts it
 * ({@code systemd-analyze verify}, which needs no running systemd), and it grants what the node
 * needs as an unprivileged user and reloads with SIGHUP. {@link ServiceIT} runs the node as it does.
 */
class SystemdUnitIT {
    static final Path DIST = Path.of(System.getProperty("culvert.dist", "target/culvert")).toAbsolutePath();
    static final Path UNIT = DIST.resolve("systemd/culvert@.service");

    @TempDir
    Path dir;

    @Test
    void systemdAnalyzeVerifiesTheUnitWithoutAWarning() throws Exception {
        requireSystemdAnalyze();
        // The unit names /opt/culvert, where the README installs it; here the distribution is elsewhere.
        String text = Files.readString(UNIT).replace("/opt/culvert/", DIST + "/");
        Path unit = Files.writeString(dir.resolve("culvert@.service"), text);
        Process verify = new ProcessBuilder("systemd-analyze", "verify", unit.getParent().resolve("culvert@server.service").toString())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(verify.waitFor(60, TimeUnit.SECONDS), "systemd-analyze ended");
        assertEquals(0, verify.exitValue(), output);
        assertEquals("", output.strip(), "no warning either (an unknown key is only a warning)");
    }

    @Test
    void theUnitRunsAsAnUnprivilegedUserWithTheCapabilitiesTheNodeNeedsAndReloadsWithHup() throws Exception {
        String unit = Files.readString(UNIT);
        for (String line : new String[] {"User=culvert", "AmbientCapabilities=CAP_NET_ADMIN CAP_NET_BIND_SERVICE",
                "CapabilityBoundingSet=CAP_NET_ADMIN CAP_NET_BIND_SERVICE", "ExecReload=/bin/kill -HUP $MAINPID",
                "ExecStart=/opt/culvert/bin/culvert --no-shell --config %i.conf", "Environment=CULVERT_WORK=%S/culvert/%i",
                "StateDirectory=culvert/%i", "DeviceAllow=/dev/net/tun rw", "Type=notify"}) {
            assertTrue(unit.lines().anyMatch(line::equals), "the unit says " + line);
        }
        assertTrue(unit.lines().noneMatch(l -> l.startsWith("MemoryDenyWriteExecute=")), "the JVM's JIT writes code");
    }

    private static void requireSystemdAnalyze() throws Exception {
        try {
            Process p = new ProcessBuilder("systemd-analyze", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return;
            }
        } catch (java.io.IOException e) {
            // not installed
        }
        Prerequisites.missing("systemd-analyze is not installed (apt-get install -y systemd)");
    }
}
