package dev.culvert.core.worker;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What happens when a worker's loop has failed {@link Worker#MAX_RESTARTS_IN_ROW} times in a row
 * and is not restarted again: the node can no longer carry its traffic, so it must stop, loudly,
 * rather than go on with a dead thread that nothing notices.
 *
 * <p>A worker calls its own handler if one was set ({@link Worker#onLoss}), else the process's:
 * the kernel installs one that stops the node and exits with a non-zero status; until then (an
 * embedded stack, a test) the worker's log line is all that happens.
 */
@FunctionalInterface
public interface WorkerLoss {
    /** Called once, on the worker's own thread, after its loop ended for good because of {@code cause}. */
    void lost(Worker worker, Throwable cause);

    /** Tells {@code own}, or the process's handler if it is null, that {@code worker} was lost. */
    static void tell(WorkerLoss own, Worker worker, Throwable cause) {
        try {
            (own != null ? own : processWide()).lost(worker, cause);
        } catch (RuntimeException e) {
            System.getLogger(WorkerLoss.class.getName()).log(System.Logger.Level.ERROR,
                    worker.name() + ": stopping the node after the worker's loss failed", e);
        }
    }

    /** The process's handler; the worker has already logged the cause. */
    static WorkerLoss processWide() {
        return Installed.HANDLER.get();
    }

    /** Makes {@code handler} the process's handler (the kernel does, at start). */
    static void installProcessWide(WorkerLoss handler) {
        Installed.HANDLER.set(Objects.requireNonNull(handler, "handler"));
    }

    /** Holds the process's handler; a nested class, as an interface cannot hold mutable state itself. */
    final class Installed {
        private static final AtomicReference<WorkerLoss> HANDLER = new AtomicReference<>((worker, cause) -> {
        });

        private Installed() {
        }
    }
}
