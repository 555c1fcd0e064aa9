package dev.culvert.core.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Acquire fails only when the pool is empty, and releases never lose a packet, however the
 * threads interleave. More threads than cores make it likely that one is descheduled halfway
 * through a step of the free list, which once made acquire report an empty pool with most
 * packets free and made release drop free slots for good.
 */
class PacketPoolConcurrencyTest {
    @Test
    void threadsHoldingHalfThePoolNeverFindItEmptyAndEveryPacketComesBack() throws InterruptedException {
        int threads = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
        int hold = 16;
        PacketPool pool = new PacketPool("concurrency", 2 * threads * hold, 128, 0);
        AtomicLong emptyAcquires = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(new Thread(() -> {
                Packet[] held = new Packet[hold];
                for (int round = 0; round < 20_000; round++) {
                    for (int i = 0; i < hold; i++) {
                        held[i] = pool.acquire();
                        if (held[i] == null) {
                            emptyAcquires.incrementAndGet();
                        }
                    }
                    for (int i = 0; i < hold; i++) {
                        if (held[i] != null) {
                            held[i].release();
                        }
                    }
                }
            }));
        }
        workers.forEach(Thread::start);
        for (Thread w : workers) {
            w.join();
        }
        assertEquals(0, emptyAcquires.get(), "acquire found the pool empty while half of it was free");
        assertEquals(0, pool.outstanding());
        assertEquals(pool.capacity(), pool.available(), "every released packet is back in the free list");
        assertEquals(0, pool.badReleases());
    }

    @Test
    void aReallyEmptyPoolStillSaysSo() {
        PacketPool pool = new PacketPool("tiny", 2, 128, 0);
        Packet a = pool.acquire();
        Packet b = pool.acquire();
        assertEquals(null, pool.acquire());
        assertEquals(1, pool.exhaustions());
        a.release();
        b.release();
        assertEquals(2, pool.available());
    }

    @Test
    void threadsGrowingThePoolTogetherGetEveryPacketOnceAndNeverFindItEmptyBelowItsCapacity() throws Exception {
        // The window between one thread making the last chunk and another finding the free list
        // empty is short: many fresh pools give it many chances.
        for (int pool = 0; pool < 50; pool++) {
            growTogether();
        }
    }

    private static void growTogether() throws Exception {
        int threads = 8;
        int hold = PacketPool.CHUNK / 2 + 7;
        PacketPool pool = new PacketPool("growing", threads * hold, 128, 0);
        java.util.concurrent.CyclicBarrier allHolding = new java.util.concurrent.CyclicBarrier(threads);
        java.util.Set<Packet> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicLong emptyAcquires = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(new Thread(() -> {
                List<Packet> held = new ArrayList<>();
                for (int i = 0; i < hold; i++) {
                    Packet p = pool.acquire();
                    if (p == null) {
                        emptyAcquires.incrementAndGet();
                    } else if (!seen.add(p)) {
                        throw new AssertionError("a packet handed out twice");
                    }
                    held.add(p);
                }
                try {
                    allHolding.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                held.stream().filter(java.util.Objects::nonNull).forEach(Packet::release);
            }));
        }
        workers.forEach(Thread::start);
        for (Thread w : workers) {
            w.join();
        }
        assertEquals(0, emptyAcquires.get(), "acquire found the pool empty below its capacity");
        assertEquals(threads * hold, seen.size());
        assertEquals(pool.capacity(), pool.made());
        assertEquals(0, pool.outstanding());
        assertEquals(pool.capacity(), pool.available());
    }
}
