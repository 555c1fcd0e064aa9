package dev.culvert.testing.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's log as a test reads it while the node is still writing: every line but the last is
 * whole, and the last is at most cut short, never broken into two lines.
 */
class NodeProcessLogTest {
    private static final String ROW = "0     client                   192.0.2.2:45869              10.8.0.2         AES-256-GCM        3";
    private static final int ROWS = 5_000;
    private static final long HALF_LINE_PAUSE_NANOS = 20_000;

    @Test
    void aLineBeingWrittenWhileTheLogIsReadIsNeverSplitInTwo(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("node.log");
        NodeProcess node = new NodeProcess("node", null, log);
        byte[] firstHalf = ROW.substring(0, ROW.length() / 2).getBytes(StandardCharsets.UTF_8);
        byte[] secondHalf = (ROW.substring(ROW.length() / 2) + "\n").getBytes(StandardCharsets.UTF_8);
        Thread writer = new Thread(() -> {
            // Two writes per line, as a node's output stream may make them.
            try (OutputStream out = new FileOutputStream(log.toFile())) {
                for (int row = 0; row < ROWS; row++) {
                    out.write(firstHalf);
                    LockSupport.parkNanos(HALF_LINE_PAUSE_NANOS);
                    out.write(secondHalf);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        int reads = 0;
        try {
            while (writer.isAlive()) {
                List<String> lines = node.lines();
                for (int i = 0; i < lines.size() - 1; i++) {
                    assertEquals(ROW, lines.get(i), "line " + i + " of read " + reads);
                }
                reads++;
            }
        } finally {
            writer.join(10_000);
        }
        assertEquals(ROWS, node.lines().size(), "every row, once the writer is done (after " + reads + " reads during the writing)");
    }

    @Test
    void aCarriageReturnEndsALineAsTheShellsLogRedrawExpects(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("node.log");
        java.nio.file.Files.writeString(log, "g! \r\033[2Klog line\ng! ");
        assertEquals(List.of("g! ", "\033[2Klog line", "g! "), new NodeProcess("node", null, log).lines());
    }
}
