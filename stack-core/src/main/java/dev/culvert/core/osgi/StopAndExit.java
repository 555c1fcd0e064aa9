package dev.culvert.core.osgi;

import dev.culvert.spi.node.NodeExit;
import java.util.function.IntConsumer;

/**
 * Stops the node, then ends the process with a status, on a thread of its own: the caller may be
 * a thread that stopping the node joins (a worker, a control strand), so it must not wait.
 */
final class StopAndExit implements NodeExit {
    private static final System.Logger LOG = System.getLogger(StopAndExit.class.getName());

    private final Runnable stopNode;
    private final IntConsumer exit;

    /** Stops the node with {@code stopNode}, then calls {@code exit} with the status. */
    StopAndExit(Runnable stopNode, IntConsumer exit) {
        this.stopNode = stopNode;
        this.exit = exit;
    }

    @Override
    public void exit(String reason, int status) {
        LOG.log(status == NodeExit.STOPPED ? System.Logger.Level.INFO : System.Logger.Level.ERROR,
                reason + "; the node stops and the process exits with status " + status);
        Thread stopper = new Thread(() -> {
            try {
                stopNode.run();
            } finally {
                exit.accept(status);
            }
        }, "culvert-node-exit");
        stopper.start();
    }
}
