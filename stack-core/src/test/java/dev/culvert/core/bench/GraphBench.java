package dev.culvert.core.bench;

import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Graph;
import dev.culvert.core.graph.GraphRunner;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The kernel's own cost per packet: a batch of 64 packets taken from the pool, through a chain
 * of {@code depth} nodes that only forward, into a sink that releases them. What remains is
 * dispatch, accounting (counters, the unhandled-packet check) and the pool.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GraphBench {
    static final int BATCH = 64;

    @Param({"1", "4", "8"})
    int depth;

    PacketPool pool;
    GraphRunner runner;
    PacketBatch batch;

    static final class Forward implements Node {
        @Override
        public void process(PacketBatch in, Emitter out) {
            for (int i = 0; i < in.size(); i++) {
                out.forward(in.get(i));
            }
        }
    }

    static final class Release implements Node {
        @Override
        public List<String> ports() {
            return List.of();
        }

        @Override
        public void process(PacketBatch in, Emitter out) {
            for (int i = 0; i < in.size(); i++) {
                Packet p = in.get(i);
                out.consume(p);
                p.release();
            }
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        pool = new PacketPool("bench", 1024);
        Graph.Builder b = Graph.builder();
        for (int i = 0; i < depth; i++) {
            b.node("n" + i, new Forward());
            b.wire("n" + i, i + 1 < depth ? "n" + (i + 1) : "sink");
        }
        b.node("sink", new Release());
        runner = new GraphRunner(b.build(), BATCH);
        batch = new PacketBatch(BATCH);
    }

    /** Nanoseconds per packet for a full batch through the chain (acquire, run, release included). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void batchThroughEmptyNodes() {
        for (int i = 0; i < BATCH; i++) {
            Packet p = pool.acquire();
            p.setLength(1400);
            batch.add(p);
        }
        runner.run(0, batch);
    }
}
