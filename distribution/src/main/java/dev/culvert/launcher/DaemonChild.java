package dev.culvert.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The detached side of {@code daemon} ({@link DaemonParent}): tells the waiting launcher, through
 * a file it names, either that the node runs or why it could not start. Until then it keeps a
 * copy of what the launcher prints on its error stream (which is /dev/null once detached), so
 * the operator who started it sees the same messages as without {@code daemon}.
 */
final class DaemonChild {
    /** Names the verdict file for a child started by {@link DaemonParent}. */
    static final String VERDICT_ENV = "CULVERT_DAEMON_VERDICT";
    static final String VERDICT_FILE = "verdict";
    /** The verdict's first word when the node runs. */
    static final String RUNNING = "running";

    private final Path verdict;
    private final ByteArrayOutputStream messages = new ByteArrayOutputStream();
    private volatile boolean reported;

    private DaemonChild(Path verdict) {
        this.verdict = verdict;
    }

    /** The child's reporter when this launcher was started by {@link DaemonParent}, else null. */
    static DaemonChild fromEnvironment() {
        String file = System.getenv(VERDICT_ENV);
        return file == null || file.isEmpty() ? null : new DaemonChild(Path.of(file));
    }

    /** {@code err}, also copied for the parent until a verdict is given. */
    PrintStream tee(PrintStream err) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                err.write(b);
                if (!reported) {
                    synchronized (messages) {
                        messages.write(b);
                    }
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                err.write(b, off, len);
                if (!reported) {
                    synchronized (messages) {
                        messages.write(b, off, len);
                    }
                }
            }
        }, true, StandardCharsets.UTF_8);
    }

    /** The node runs: the parent may exit 0. */
    void running() throws IOException {
        report(RUNNING + " " + ProcessHandle.current().pid() + "\n");
    }

    /** The node could not start; the parent prints what the launcher printed and exits with the child's code. */
    void failed(int status) throws IOException {
        String text;
        synchronized (messages) {
            text = messages.toString(StandardCharsets.UTF_8);
        }
        report(text.isEmpty() ? "culvert: the node exited with " + status + " before it ran\n" : text);
    }

    private void report(String text) throws IOException {
        if (reported) {
            return;
        }
        reported = true;
        // Written whole, then renamed: the parent never reads half a verdict.
        Path temp = verdict.resolveSibling(verdict.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, verdict, StandardCopyOption.ATOMIC_MOVE);
    }
}
