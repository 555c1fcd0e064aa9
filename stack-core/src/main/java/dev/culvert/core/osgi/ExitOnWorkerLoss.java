package dev.culvert.core.osgi;

import dev.culvert.core.worker.Worker;
import dev.culvert.core.worker.WorkerLoss;
import java.util.function.IntConsumer;

/**
 * The kernel's answer to a lost data-plane worker: a node with a dead worker drops that worker's
 * share of the traffic while looking alive, so it stops the node and ends the process with
 * {@link #EXIT_STATUS}, after a log line that names the worker and the cause. A service manager
 * then sees a failure and can restart the node.
 */
final class ExitOnWorkerLoss implements WorkerLoss {
    /** The process's exit status after a lost worker (bin/culvert documents it). */
    static final int EXIT_STATUS = 4;

    private final StopAndExit stopAndExit;

    /** Stops the node with {@code stopNode}, then calls {@code exit} with {@link #EXIT_STATUS}. */
    ExitOnWorkerLoss(Runnable stopNode, IntConsumer exit) {
        this.stopAndExit = new StopAndExit(stopNode, exit);
    }

    @Override
    public void lost(Worker worker, Throwable cause) {
        // Not on the worker's thread: stopping the node joins its workers, this one included.
        stopAndExit.exit("data-plane worker " + worker.name() + " failed for good (" + cause + ")", EXIT_STATUS);
    }
}
