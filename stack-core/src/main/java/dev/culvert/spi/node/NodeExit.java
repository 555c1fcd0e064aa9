package dev.culvert.spi.node;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How a running node ends its process when going on would be wrong: a client whose server
 * refused its username and password (AUTH_FAILED with {@code auth-retry none}) stops, as 2.6
 * does, instead of idling with no tunnel. The kernel installs a handler that stops the node and
 * exits with the status; until then (an embedded stack, a test) the request is only logged.
 */
@FunctionalInterface
public interface NodeExit {
    /**
     * {@code bin/culvert}'s status when the node ended as a SIGTERM ends it, for a reason the
     * configuration gave: a client's {@code ping-exit} or {@code inactive} ran out (2.6 exits 0 then).
     */
    int STOPPED = 0;
    /** {@code bin/culvert}'s status after the server refused the client's credentials (documented by the launcher). */
    int AUTH_FAILED = 5;
    /** {@code bin/culvert}'s status for a configuration that cannot be used (a credentials file gone unreadable while running). */
    int BAD_CONFIG = 2;
    /** {@code bin/culvert}'s status when a client gave up: every server of its list failed {@code connect-retry-max} times. */
    int NO_SERVER = 6;

    /** Stops the node for {@code reason} and ends the process with {@code status}; returns at once. */
    void exit(String reason, int status);

    /** Asks the process's handler to stop the node and exit with {@code status}. */
    static void request(String reason, int status) {
        Installed.HANDLER.get().exit(reason, status);
    }

    /** Makes {@code handler} the process's handler (the kernel does, at start). */
    static void installProcessWide(NodeExit handler) {
        Installed.HANDLER.set(Objects.requireNonNull(handler, "handler"));
    }

    /** Holds the process's handler; a nested class, as an interface cannot hold mutable state itself. */
    final class Installed {
        private static final AtomicReference<NodeExit> HANDLER = new AtomicReference<>((reason, status) ->
                System.getLogger(NodeExit.class.getName()).log(System.Logger.Level.ERROR,
                        reason + " (no process to end: the node stays stopped; status " + status + ")"));

        private Installed() {
        }
    }
}
