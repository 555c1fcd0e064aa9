package dev.culvert.vpn.hook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Waits for the verdict a deferred {@code auth-user-pass-verify} script writes into
 * {@code auth_control_file}: its first byte {@code 1} accepts, {@code 0} refuses, as 2.6 reads
 * it; anything else (nothing yet) keeps the client waiting until the deadline, which refuses. The
 * file is looked at every {@link #EVERY} on the control timer; reading it costs one byte, however
 * large a script made it.
 */
final class AuthControlFile {
    /** How the wait ended. */
    enum Result {
        ACCEPTED, REFUSED, NO_VERDICT_IN_TIME
    }

    /** How often the file is read: well below a second, as a client waits for it. */
    static final Duration EVERY = Duration.ofMillis(100);

    private final Path file;
    private final ControlTimer timer;
    private final long deadlineNanos;
    private final CompletableFuture<Result> result = new CompletableFuture<>();

    private AuthControlFile(Path file, ControlTimer timer, long deadlineNanos) {
        this.file = file;
        this.timer = timer;
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * Starts waiting for {@code file}'s verdict until {@code deadlineNanos} ({@link System#nanoTime()});
     * the future may be completed by the caller (the client left) to stop looking.
     */
    static CompletableFuture<Result> watch(Path file, ControlTimer timer, long deadlineNanos) {
        AuthControlFile watch = new AuthControlFile(file, timer, deadlineNanos);
        watch.look();
        return watch.result;
    }

    private void look() {
        if (result.isDone()) {
            return;
        }
        int first = firstByte(file);
        if (first == '1') {
            result.complete(Result.ACCEPTED);
        } else if (first == '0') {
            result.complete(Result.REFUSED);
        } else if (System.nanoTime() - deadlineNanos >= 0) {
            result.complete(Result.NO_VERDICT_IN_TIME);
        } else {
            long left = deadlineNanos - System.nanoTime();
            timer.after(Duration.ofNanos(Math.max(0, Math.min(left, EVERY.toNanos()))), this::look);
        }
    }

    /** The file's first byte, or -1 when it is empty, gone or unreadable. */
    static int firstByte(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read();
        } catch (IOException e) {
            return -1;
        }
    }
}
