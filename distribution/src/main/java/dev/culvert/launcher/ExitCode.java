package dev.culvert.launcher;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What {@code bin/culvert}'s exit status means; a service manager treats only {@link #OK} as success. */
enum ExitCode {
    /**
     * Done, or stopped by SIGTERM/SIGINT or the shell's {@code stop 0}, or a client's {@code ping-exit}
     * or {@code inactive} ran out ({@code spi.node.NodeExit#STOPPED}).
     */
    OK(0, "ok (also after SIGTERM or SIGINT, or when a client's ping-exit or inactive ran out)"),
    /** The demo lost or damaged packets. */
    DEMO_FAILED(1, "the demo lost packets"),
    /** The command line or the configuration cannot be used; the message names the file, line and fix. */
    BAD_USAGE_OR_CONFIG(2, "bad command line or configuration"),
    /** The framework, the JVM or the system refused something the node needs: a port in use, a TUN device, a JDK. */
    START_FAILED(3, "the node could not start or restart (a port in use, no TUN device, no JDK 21+)"),
    /**
     * A data-plane worker's loop kept failing and the kernel stopped the node (stack-core's
     * {@code core.osgi.ExitOnWorkerLoss} exits with it); the log names the worker and the cause.
     */
    WORKER_LOST(4, "a data-plane worker failed for good while the node ran"),
    /**
     * The server refused the client (AUTH_FAILED: its username and password, or its ciphers) and {@code auth-retry}
     * is {@code none}, its default; the client ({@code spi.node.NodeExit#AUTH_FAILED}) exits with it.
     */
    AUTH_FAILED(5, "the server refused the client (AUTH_FAILED: its username and password, or its ciphers) and auth-retry is none"),
    /**
     * A client gave up: every server of its list failed {@code connect-retry-max} times
     * ({@code spi.node.NodeExit#NO_SERVER}).
     */
    NO_SERVER(6, "a client gave up: every server of its list failed connect-retry-max times");

    final int status;
    private final String meaning;

    ExitCode(int status, String meaning) {
        this.status = status;
        this.meaning = meaning;
    }

    static String describeAll() {
        return Arrays.stream(values()).map(c -> c.status + " " + c.meaning).collect(Collectors.joining(", "));
    }
}
