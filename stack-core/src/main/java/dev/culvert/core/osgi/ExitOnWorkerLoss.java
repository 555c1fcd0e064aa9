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
    private static final System.Logger LOG = System.getLogger(ExitOnWorkerLoss.class.getName());

    private final Runnable stopNode;
    private final IntConsumer exit;

    /** Stops the node with {@code stopNode}, then calls {@code exit} with {@link #EXIT_STATUS}. */
    ExitOnWorkerLoss(Runnable stopNode, IntConsumer exit) {
        this.stopNode = stopNode;
        this.exit = exit;
    }

    @Override
    public void lost(Worker worker, Throwable cause) {
        LOG.log(System.Logger.Level.ERROR, "data-plane worker " + worker.name() + " failed for good (" + cause
                + "); the node stops and the process exits with status " + EXIT_STATUS);
        // Not on the worker's thread: stopping the node joins its workers, this one included.
        Thread stopper = new Thread(() -> {
            try {
                stopNode.run();
            } finally {
                exit.accept(EXIT_STATUS);
            }
        }, "culvert-worker-lost");
        stopper.start();
    }
}
