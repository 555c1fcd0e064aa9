package dev.culvert.core.io.owner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.io.nativeio.Errno;
import dev.culvert.core.io.nativeio.NativeIoException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The lock that lets one process at a time claim a port: exclusive, named in refusals, and gone with its process. */
class NamedLockTest {
    private final String name = "culvert-test/" + ProcessHandle.current().pid() + "/" + System.nanoTime();

    @Test
    void oneHolderAtATimeAndClosingReleasesIt() throws Exception {
        try (NamedLock first = NamedLock.acquire(name, 0)) {
            NativeIoException busy = assertThrows(NativeIoException.class, () -> NamedLock.acquire(name, 20));
            assertEquals(Errno.EADDRINUSE, busy.errno());
            assertTrue(busy.getMessage().startsWith("the lock " + name + " stayed held by pid " + ProcessHandle.current().pid()),
                    busy.getMessage());
        }
        try (NamedLock again = NamedLock.acquire(name, 0)) {
            assertEquals(name, again.name());
        }
    }

    @Test
    void aHolderThatDiesLeavesTheLockFree() throws Exception {
        List<String> command = List.of(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()), "-Xmx32m", "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), LockHolderMain.class.getName(), name);
        Process holder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            String said = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            }).get(60, TimeUnit.SECONDS);
            assertEquals("LOCKED " + name, said);
            NativeIoException busy = assertThrows(NativeIoException.class, () -> NamedLock.acquire(name, 0));
            assertTrue(busy.getMessage().contains("pid " + holder.pid() + " (java)"), busy.getMessage());
            holder.destroyForcibly(); // SIGKILL: no clean-up of its own
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
            try (NamedLock after = NamedLock.acquire(name, 0)) {
                assertEquals(name, after.name());
            }
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void namesMustFitAnAbstractAddress() {
        assertThrows(IllegalArgumentException.class, () -> NamedLock.acquire("", 0));
        assertThrows(IllegalArgumentException.class, () -> NamedLock.acquire("x".repeat(108), 0));
    }
}
