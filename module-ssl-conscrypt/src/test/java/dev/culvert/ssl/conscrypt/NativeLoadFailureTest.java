package dev.culvert.ssl.conscrypt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real failure, in a child JVM (a native library loads once per JVM, so this one cannot
 * unload it): Conscrypt told to unpack BoringSSL into a place it cannot use, as on a noexec or
 * unwritable tmp. The gate must enable nothing, say why and name the fix; the providers must refuse
 * to be built rather than half-work.
 */
class NativeLoadFailureTest {
    @Test
    void anUnusableWorkdirLeavesBothProvidersUnregisteredAndTheReasonNamesTheFix(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("workdir-is-a-file"), "");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (Runtime.version().feature() >= 24) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(List.of("-Dorg.conscrypt.native.workdir=" + notADirectory, "-cp", System.getProperty("java.class.path"),
                PrintNativeReason.class.getName()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try {
            output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM finished");
        } catch (IOException e) {
            child.destroyForcibly();
            throw e;
        }
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("reason: Conscrypt's native library (BoringSSL) did not load on "), output);
        assertTrue(output.contains("Not a directory"), "the cause is named: " + output);
        assertTrue(output.contains("-Djava.io.tmpdir=DIR -Dorg.conscrypt.native.workdir=DIR"), "the fix is named: " + output);
        assertTrue(output.contains("opened: false enabled: []"), "nothing is registered: " + output);
        assertTrue(output.contains("constructed: no, true"), "the providers refuse to be built, with the same sentence: " + output);
    }
}
