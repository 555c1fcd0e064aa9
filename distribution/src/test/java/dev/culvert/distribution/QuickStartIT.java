package dev.culvert.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.netns.Prerequisites;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * README's quick start, run as written by {@code dev/test-quickstart}: the script takes the
 * section's shell blocks out of README.md and runs them in network namespaces (a PKI, the Culvert
 * server from conf/server.conf.example, forwarding and NAT, a stock OpenVPN 2.6 client, pings to
 * the server and past it). The script removes what it created, also when it fails or is stopped.
 */
class QuickStartIT {
    /** What the script exits with when a prerequisite (root, openvpn, nft, ...) is missing. */
    static final int PREREQUISITE_MISSING = 77;
    static final long BOUND_SECONDS = 240;

    @Test
    void readmesQuickStartRunsAsWrittenAndAStockClientPingsThroughTheCulvertServer() throws Exception {
        Path script = ProjectRoot.path().resolve("dev/test-quickstart");
        Path dist = Path.of(System.getProperty("culvert.dist", "target/culvert")).toAbsolutePath();
        Path log = Files.createDirectories(Path.of("target/netns-logs")).resolve("quickstart.log");
        Process run = new ProcessBuilder(script.toString(), dist.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!run.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)) {
            run.destroy(); // SIGTERM: the script's trap stops what it started and deletes its namespaces
            if (!run.waitFor(30, TimeUnit.SECONDS)) {
                run.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            Assertions.fail("the quick start did not finish within " + BOUND_SECONDS + " s:\n" + read(log));
        }
        String output = read(log);
        if (run.exitValue() == PREREQUISITE_MISSING) {
            Prerequisites.missing(output.strip());
        }
        assertEquals(0, run.exitValue(), output);
        assertTrue(output.contains("Quick start passed"), output);
    }

    private static String read(Path log) throws java.io.IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
