package dev.culvert.core.worker;

import dev.culvert.core.graph.Graph;
import dev.culvert.core.packet.PacketPool;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The data plane: {@code n} workers running one graph, each with its own packet pool (so
 * acquiring and releasing rarely contend) and its own inbox. Add each worker's sources through
 * {@link #worker(int)}, then {@link #start()}; {@link #close()} stops and releases them all.
 */
public final class WorkerGroup implements AutoCloseable {
    private final List<Worker> workers;

    /**
     * {@code count} workers named {@code name-0..}, each with a pool of {@code packetsPerWorker}
     * packets and an inbox of {@code inboxCapacity}.
     */
    public WorkerGroup(String name, int count, Graph graph, int packetsPerWorker, int inboxCapacity) throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("workers " + count);
        }
        List<Worker> created = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                created.add(new Worker(i, name + "-" + i, graph, new PacketPool(name + "-" + i, packetsPerWorker), inboxCapacity));
            }
        } catch (IOException | RuntimeException e) {
            created.forEach(Worker::close);
            throw e;
        }
        this.workers = List.copyOf(created);
    }

    public int size() {
        return workers.size();
    }

    public Worker worker(int i) {
        return workers.get(i);
    }

    public List<Worker> workers() {
        return workers;
    }

    /** Sets where packets handed over between workers enter the graph, on every worker. */
    public void setInboxEntry(String entry) {
        workers.forEach(w -> w.setInboxEntry(entry));
    }

    public void start() {
        workers.forEach(Worker::start);
    }

    /** Stops every worker, waits up to 5 s each, and releases their epoll sets and inboxes. */
    @Override
    public void close() {
        workers.forEach(Worker::stop);
        for (Worker w : workers) {
            try {
                w.stopAndJoin(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            w.close();
        }
    }
}
