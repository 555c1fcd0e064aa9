package dev.culvert.core.embed;

import dev.culvert.core.graph.Graph;
import dev.culvert.core.graph.GraphRunner;
import dev.culvert.core.graph.NodeCounters;
import dev.culvert.core.link.VirtualLink;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.slot.Slot;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.link.Link;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A running stack: its slots, its pool, its graph, and the thread that moves packets from its
 * links into the graph. Made by {@link Culvert#builder()}; {@link #close()} stops the thread,
 * closes the links and returns every buffer.
 */
public final class Stack implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Stack.class.getName());

    private final String name;
    private final SlotRegistry registry;
    private final PacketPool pool;
    private final Graph graph;
    private final List<Ingress> ingresses;
    private final int batchSize;
    private volatile boolean running;
    private Thread loop;

    /** A link whose packets enter the graph at a node. */
    record Ingress(Link link, int entry) {
    }

    Stack(String name, SlotRegistry registry, PacketPool pool, Graph graph, List<Ingress> ingresses, int batchSize) {
        this.name = name;
        this.registry = registry;
        this.pool = pool;
        this.graph = graph;
        this.ingresses = ingresses;
        this.batchSize = batchSize;
    }

    public String name() {
        return name;
    }

    public SlotRegistry registry() {
        return registry;
    }

    public PacketPool pool() {
        return pool;
    }

    public Graph graph() {
        return graph;
    }

    /** Starts the stack's packet loop. */
    public synchronized Stack start() {
        if (running) {
            return this;
        }
        running = true;
        loop = new Thread(this::run, "culvert-" + name);
        loop.setDaemon(true);
        for (Ingress in : ingresses) {
            if (in.link() instanceof VirtualLink v) {
                Thread target = loop;
                v.onReadable(() -> LockSupport.unpark(target));
            }
        }
        loop.start();
        return this;
    }

    private void run() {
        GraphRunner runner = new GraphRunner(graph, batchSize);
        PacketBatch batch = new PacketBatch(batchSize);
        while (running) {
            int moved = 0;
            for (Ingress in : ingresses) {
                try {
                    int n = in.link().read(batch, pool);
                    moved += n;
                    runner.run(in.entry(), batch);
                } catch (IOException e) {
                    batch.releaseAll();
                    LOG.log(System.Logger.Level.ERROR, "stack " + name + ": reading " + in.link().name() + " failed", e);
                } catch (RuntimeException e) {
                    batch.releaseAll();
                    LOG.log(System.Logger.Level.ERROR, "stack " + name + ": packet loop failed on " + in.link().name(), e);
                }
            }
            if (moved == 0) {
                // Virtual links unpark us when a packet arrives; other links are polled every millisecond.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }

    /** Makes {@code implName} the active implementation of {@code slotName}, between two batches. */
    public void swap(String slotName, String implName) {
        registry.swap(slotName, implName);
    }

    /** Slots, pool and per-node counters, one item a line, as {@code culvert:status} prints them. */
    public String status() {
        StringBuilder out = new StringBuilder();
        out.append("stack ").append(name).append(running ? " (running)" : " (stopped)").append('\n');
        out.append("slots:\n");
        for (Slot<?> slot : registry.slots()) {
            out.append("  ").append(slot.describe()).append('\n');
        }
        out.append(countersReport());
        return out.toString();
    }

    /** The pool and every node's counters, one a line. */
    public String countersReport() {
        StringBuilder out = new StringBuilder();
        out.append("pool ").append(pool).append(", exhausted ").append(pool.exhaustions()).append('\n');
        for (NodeCounters c : graph.counters()) {
            out.append("node ").append(c.describe()).append('\n');
        }
        return out.toString();
    }

    /** Stops the loop (waiting for the batch in progress), closes the links and releases what they held. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = loop;
        }
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        graph.close();
        for (Ingress in : ingresses) {
            try {
                in.link().close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "stack " + name + ": closing " + in.link().name() + " failed", e);
            }
        }
    }
}
