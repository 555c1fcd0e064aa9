package dev.culvert.core.graph;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Executes a {@link Graph} on the calling thread. A runner is confined to one thread (a worker
 * owns one); several runners may execute the same graph at once.
 *
 * <p>A run processes the entry node's batch, then each non-empty output batch depth-first, so a
 * batch leaves the graph in the order it entered. A port whose batch fills while its node is
 * still working is flushed at once, so nodes may emit more packets than they received.
 *
 * <p>Nothing is lost silently: after a node returns, any packet it was given and neither
 * forwarded, consumed nor dropped is dropped with {@link DropReason#UNHANDLED}. A node that throws
 * loses only the packet it was handling ({@link DropReason#NODE_FAILED}); the runner runs it again
 * over the rest of its batch.
 */
public final class GraphRunner {
    private static final System.Logger LOG = System.getLogger(GraphRunner.class.getName());

    private static final AtomicLong RUNNERS = new AtomicLong();

    private final Graph graph;
    private final WorkerContext worker;
    private final NodeEmitter[] emitters;
    /**
     * The high half of this runner's visit stamps. Stamps must differ between runners: a sink
     * releases packets, another worker may take one and stamp it at once, and this runner must
     * not then mistake it for one of its own unrouted packets.
     */
    private final long stampBase = RUNNERS.incrementAndGet() << 32;
    private long visits;
    /** Made on the first refusal: most runners (the TUN side, in-memory stacks) never refuse a sender. */
    private RefusalNotes refusals;

    /** A runner for {@code worker}, which its nodes reach through {@link Emitter#worker()}. */
    public GraphRunner(Graph graph, int batchCapacity, WorkerContext worker) {
        this.graph = graph;
        this.worker = Objects.requireNonNull(worker, "worker");
        this.emitters = new NodeEmitter[graph.nodes.length];
        for (int i = 0; i < emitters.length; i++) {
            emitters[i] = new NodeEmitter(i, graph.targets[i].length, batchCapacity);
        }
    }

    /** A runner no worker owns: its nodes see {@link WorkerContext#NONE}. */
    public GraphRunner(Graph graph, int batchCapacity) {
        this(graph, batchCapacity, WorkerContext.NONE);
    }

    public GraphRunner(Graph graph) {
        this(graph, PacketBatch.DEFAULT_CAPACITY);
    }

    public Graph graph() {
        return graph;
    }

    private RefusalNotes refusals() {
        if (refusals == null) {
            refusals = new RefusalNotes(RefusalNotes.DEFAULT_CAPACITY, RefusalNotes.DEFAULT_INTERVAL_NANOS, System::nanoTime,
                    line -> LOG.log(System.Logger.Level.INFO, line));
        }
        return refusals;
    }

    /** Runs {@code batch} through the graph from the named node. The batch is empty afterwards. */
    public void run(String entry, PacketBatch batch) {
        run(graph.indexOf(entry), batch);
    }

    /** Runs {@code batch} through the graph from node {@code entry}. The batch is empty afterwards. */
    public void run(int entry, PacketBatch batch) {
        if (batch.isEmpty()) {
            return;
        }
        NodeEmitter emitter = emitters[entry];
        long visit = stampBase | (++visits & 0xFFFF_FFFFL);
        long bytes = 0;
        for (int i = 0; i < batch.size(); i++) {
            Packet packet = batch.get(i);
            packet.markPending(visit);
            bytes += packet.length();
        }
        graph.counters[entry].countIn(batch.size(), bytes);
        processIsolated(entry, batch, emitter, visit);
        for (int i = 0; i < batch.size(); i++) {
            Packet packet = batch.get(i);
            if (packet.isPendingAt(visit)) {
                emitter.drop(packet, DropReason.UNHANDLED);
            }
        }
        batch.clear();
        emitter.flushAll();
    }

    /**
     * Runs the node over {@code batch}; if it throws, drops only the packet it was working on and
     * runs it again over the packets it had not reached. A node handles its batch in order
     * ({@link Node}), so the first packet it still holds is the one it threw on, and the ones after
     * it are untouched: one bad packet costs itself, not the other clients' packets beside it.
     * Each throw is counted; the first one per node is logged.
     */
    private void processIsolated(int entry, PacketBatch batch, NodeEmitter emitter, long visit) {
        PacketBatch current = batch;
        while (true) {
            try {
                graph.nodes[entry].process(current, emitter);
                return;
            } catch (RuntimeException | AssertionError e) {
                if (graph.counters[entry].countFailure() == 1) {
                    LOG.log(System.Logger.Level.ERROR, "node " + graph.names[entry] + " threw; the packet it was handling is"
                            + " dropped as " + DropReason.NODE_FAILED + " (logged once per node, counted always)", e);
                }
            }
            int culprit = firstPending(current, visit);
            if (culprit < 0) {
                return;
            }
            emitter.drop(current.get(culprit), DropReason.NODE_FAILED);
            current = pendingAfter(current, culprit, visit);
            if (current.isEmpty()) {
                return;
            }
        }
    }

    /** The packets after {@code index} still pending in this visit; a new batch, as this is the failure path. */
    private static PacketBatch pendingAfter(PacketBatch batch, int index, long visit) {
        PacketBatch rest = new PacketBatch(Math.max(1, batch.size() - index - 1));
        for (int i = index + 1; i < batch.size(); i++) {
            if (batch.get(i).isPendingAt(visit)) {
                rest.add(batch.get(i));
            }
        }
        return rest;
    }

    private static int firstPending(PacketBatch batch, long visit) {
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).isPendingAt(visit)) {
                return i;
            }
        }
        return -1;
    }

    /** The per-node emitter: collects forwarded packets per port and flushes them downstream. */
    private final class NodeEmitter implements Emitter {
        private final int node;
        private final PacketBatch[] portBatches;

        NodeEmitter(int node, int ports, int capacity) {
            this.node = node;
            this.portBatches = new PacketBatch[ports];
            for (int p = 0; p < ports; p++) {
                portBatches[p] = new PacketBatch(capacity);
            }
        }

        @Override
        public WorkerContext worker() {
            return worker;
        }

        @Override
        public void forward(Packet packet, int port) {
            if (port < 0 || port >= portBatches.length) {
                drop(packet, DropReason.UNWIRED_PORT);
                return;
            }
            packet.clearPending();
            graph.counters[node].countOut(port);
            PacketBatch out = portBatches[port];
            out.add(packet);
            if (out.isFull()) {
                run(graph.targets[node][port], out);
            }
        }

        @Override
        public void consume(Packet packet) {
            packet.clearPending();
            graph.counters[node].countDelivered();
        }

        @Override
        public void refused(Packet packet, DropReason reason) {
            graph.counters[node].uncountDelivered();
            drop(packet, reason);
        }

        @Override
        public void drop(Packet packet, DropReason reason) {
            packet.clearPending();
            graph.counters[node].countDrop(reason);
            if (reason.refusal() != null) {
                refusals().refused(reason, packet.remoteAddress());
            }
            packet.release();
        }

        void flushAll() {
            for (int p = 0; p < portBatches.length; p++) {
                if (!portBatches[p].isEmpty()) {
                    run(graph.targets[node][p], portBatches[p]);
                }
            }
        }
    }
}
