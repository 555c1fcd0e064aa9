package dev.culvert.core.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A runner's check for packets its node left unrouted must not claim a packet that another
 * worker's runner holds. A sink releases what it consumed; another worker may take the same
 * packet from the pool at once and start its own visit, before the first runner checks its batch.
 */
class RunnerVisitStampTest {
    @Test
    void aPacketReleasedByOneWorkerAndTakenByAnotherIsNotDroppedByTheFirst() throws Exception {
        PacketPool pool = new PacketPool("stamps", 1, 128, 0);
        CountDownLatch released = new CountDownLatch(1);
        CountDownLatch takenByOther = new CountDownLatch(1);
        CountDownLatch firstChecked = new CountDownLatch(1);

        Node releasingSink = new Node() {
            @Override
            public List<String> ports() {
                return List.of();
            }

            @Override
            public void process(PacketBatch batch, Emitter out) {
                Packet p = batch.get(0);
                out.consume(p);
                p.release();
                released.countDown();
                await(takenByOther);
            }
        };
        Node holdingNode = new Node() {
            @Override
            public List<String> ports() {
                return List.of();
            }

            @Override
            public void process(PacketBatch batch, Emitter out) {
                takenByOther.countDown();
                await(firstChecked);
                Packet p = batch.get(0);
                out.consume(p);
                p.release();
            }
        };
        Graph first = Graph.builder().node("sink", releasingSink).build();
        Graph second = Graph.builder().node("hold", holdingNode).build();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                await(released);
                PacketBatch batch = new PacketBatch(1);
                batch.add(pool.acquire());
                new GraphRunner(second).run("hold", batch);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        other.start();
        PacketBatch batch = new PacketBatch(1);
        batch.add(pool.acquire());
        new GraphRunner(first).run("sink", batch);
        firstChecked.countDown();
        other.join(10_000);

        assertEquals(null, failure.get());
        assertEquals(0, first.counters("sink").dropsTotal(), "the first runner dropped the other worker's packet");
        assertEquals(0, second.counters("hold").dropsTotal());
        assertEquals(0, pool.badReleases(), "a packet was released twice");
        assertEquals(0, pool.outstanding());
        assertTrue(!other.isAlive());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other thread never arrived");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
