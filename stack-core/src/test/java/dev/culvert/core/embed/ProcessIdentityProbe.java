package dev.culvert.core.embed;

import dev.culvert.core.io.nativeio.ThreadScheduling;
import dev.culvert.core.worker.Workers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Run by {@link ProcessIdentityTest} in a JVM of its own, never in the test JVM: calls
 * {@link ProcessIdentity#dropTo} with its two arguments ({@code -} for null) and prints the
 * Uid, Gid and Groups lines of /proc/self/status and whether a thread may still take the realtime
 * class, or {@code ERROR message} and exits 3.
 *
 * <p>Everything it needs after the drop is loaded before it: once the process is {@code nobody}
 * it may no longer read the class path's jars (under /root, say).
 */
public final class ProcessIdentityProbe {
    private ProcessIdentityProbe() {
    }

    public static void main(String[] args) throws IOException {
        String user = args[0].equals("-") ? null : args[0];
        String group = args[1].equals("-") ? null : args[1];
        identityLines();
        try {
            ProcessIdentity.dropTo(user, group);
        } catch (IOException e) {
            System.out.println("ERROR " + e.getMessage());
            System.out.flush();
            System.exit(3);
        }
        for (String line : identityLines()) {
            System.out.println(line);
        }
        // What a worker that stepped down for a busy spell does to return to the realtime class.
        String refusal = ThreadScheduling.toRoundRobin(Workers.REALTIME_PRIORITY);
        ThreadScheduling.toNormal();
        System.out.println("Realtime after the drop: " + (refusal == null ? "yes" : refusal));
        System.out.flush();
        System.exit(0);
    }

    private static List<String> identityLines() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Uid:") || l.startsWith("Gid:") || l.startsWith("Groups:"))
                .map(l -> l.replaceAll("\\s+", " ").strip())
                .toList();
    }
}
