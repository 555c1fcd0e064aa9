package dev.culvert.core.graph;

import dev.culvert.spi.link.Link;
import dev.culvert.spi.transport.Transport;

/**
 * The worker that runs a node, as the node sees it: its number in its group and its links and
 * transports by number. A node reaches it through {@link Emitter#worker()}, so a sink writes to
 * the link of the worker that runs it without asking the thread who it is. A runner that no
 * worker owns (a test, the embedded stack's own loop) hands out {@link #NONE}.
 */
public interface WorkerContext {
    /** No worker: number -1, no links, no transports. Nodes that need a worker drop with a reason. */
    WorkerContext NONE = new WorkerContext() {
        @Override
        public int index() {
            return -1;
        }

        @Override
        public Link linkOrNull(int i) {
            return null;
        }

        @Override
        public Transport transportOrNull(int i) {
            return null;
        }
    };

    /** This worker's number in its group, from 0; -1 for {@link #NONE}. */
    int index();

    /** Whether a worker runs the node (this is not {@link #NONE}). */
    default boolean isWorker() {
        return index() >= 0;
    }

    /** The worker's link number {@code i}, or null if it has none by that number. */
    Link linkOrNull(int i);

    /** The worker's transport number {@code i}, or null if it has none by that number. */
    Transport transportOrNull(int i);
}
