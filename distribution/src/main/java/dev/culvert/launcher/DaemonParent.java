package dev.culvert.launcher;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * OpenVPN's {@code daemon}, for a JVM, which cannot fork: the launcher starts itself again as a
 * detached child ({@code setsid}, standard input and output on /dev/null) and waits until the
 * child says its node runs ({@link DaemonChild}); then it exits 0 and the child goes on alone. If
 * the child fails to start, the launcher prints the child's messages and exits with its code; if
 * the child neither runs nor fails in time, it is stopped, so no orphan is left either way.
 */
final class DaemonParent {
    /** Long enough for a slow first start (class loading, TLS providers) on a loaded machine. */
    static final long START_TIMEOUT_SECONDS = 300;
    private static final long POLL_MILLIS = 50;

    private DaemonParent() {
    }

    /** Starts {@code bin/culvert args} detached and waits for its verdict; returns the launcher's exit code. */
    static int detach(Path home, String[] args, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        Path script = home.resolve("bin/culvert");
        Path dir = Files.createTempDirectory("culvert-daemon");
        Path verdict = dir.resolve(DaemonChild.VERDICT_FILE);
        try {
            List<String> command = new ArrayList<>(List.of("setsid", script.toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(new File("/dev/null"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put(DaemonChild.VERDICT_ENV, verdict.toString());
            Process child;
            try {
                child = builder.start();
            } catch (IOException e) {
                err.println("culvert: daemon: cannot start " + script + " detached (" + e.getMessage()
                        + "); fix: install setsid (util-linux), or run without 'daemon' under a service manager");
                return ExitCode.START_FAILED.status;
            }
            return await(child, verdict, out, err);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static int await(Process child, Path verdict, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (Files.exists(verdict)) {
                String text = Files.readString(verdict, StandardCharsets.UTF_8);
                if (text.startsWith(DaemonChild.RUNNING + " ")) {
                    // The pid the node reports: its own, whatever setsid did on the way.
                    out.println("culvert: running in the background as pid " + text.substring(DaemonChild.RUNNING.length()).strip());
                    return ExitCode.OK.status;
                }
                // A failure: the child exits with its code after writing its messages.
                err.print(text);
                return child.waitFor(60, TimeUnit.SECONDS) ? child.exitValue() : stop(child, err);
            }
            if (child.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (Files.exists(verdict)) {
                    continue;
                }
                err.println("culvert: daemon: the node exited with " + child.exitValue() + " before it ran (a JVM failure"
                        + " before the launcher could report one; run without 'daemon' to see it)");
                return child.exitValue() == 0 ? ExitCode.START_FAILED.status : child.exitValue();
            }
        }
        err.println("culvert: daemon: the node did not report running within " + START_TIMEOUT_SECONDS + " s");
        return stop(child, err);
    }

    private static int stop(Process child, PrintStream err) throws InterruptedException {
        child.destroy();
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            child.destroyForcibly();
        }
        err.println("culvert: daemon: stopped pid " + child.pid() + " so that none is left behind");
        return ExitCode.START_FAILED.status;
    }
}
