package dev.culvert.core.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PacketPoolTest {

    @Test
    void aFreshPacketIsEmptyWithTheDefaultHeadroom() {
        PacketPool pool = new PacketPool("t", 4);
        Packet p = pool.acquire();
        assertEquals(0, p.length());
        assertEquals(PacketPool.DEFAULT_HEADROOM, p.headroom());
        assertEquals(PacketPool.DEFAULT_BUFFER_SIZE - PacketPool.DEFAULT_HEADROOM, p.tailroom());
        p.release();
        assertEquals(0, pool.outstanding());
    }

    @Test
    void everyPacketIsAccountedForAndAnEmptyPoolSaysSoInsteadOfAllocating() {
        PacketPool pool = new PacketPool("t", 3);
        Packet a = pool.acquire();
        Packet b = pool.acquire();
        Packet c = pool.acquire();
        assertNull(pool.acquire());
        assertEquals(1, pool.exhaustions());
        assertEquals(3, pool.outstanding());
        Set<Packet> distinct = new HashSet<>(Set.of(a, b, c));
        assertEquals(3, distinct.size());
        a.release();
        b.release();
        c.release();
        assertEquals(0, pool.outstanding());
        assertEquals(3, pool.available());
    }

    @Test
    void aLargePoolMakesItsPacketsAChunkAtATimeAsTheyAreNeededAndNoMoreThanItsCapacity() {
        int capacity = PacketPool.CHUNK * 2 + 10;
        PacketPool pool = new PacketPool("t", capacity);
        assertEquals(PacketPool.CHUNK, pool.made(), "an idle pool holds one chunk");
        assertEquals(capacity, pool.available(), "packets not made yet count as free");

        java.util.List<Packet> out = new java.util.ArrayList<>();
        for (int i = 0; i < PacketPool.CHUNK; i++) {
            out.add(pool.acquire());
        }
        assertEquals(PacketPool.CHUNK, pool.made(), "a chunk is made only when the free list runs dry");
        out.add(pool.acquire());
        assertEquals(PacketPool.CHUNK * 2, pool.made());
        while (out.size() < capacity) {
            out.add(pool.acquire());
        }
        assertEquals(capacity, pool.made(), "the last chunk is cut to the capacity");
        assertEquals(capacity, new HashSet<>(out).size(), "every packet handed out once");
        assertNull(pool.acquire());
        assertEquals(1, pool.exhaustions());

        out.forEach(Packet::release);
        assertEquals(0, pool.outstanding());
        assertEquals(capacity, pool.available());
        assertEquals(capacity, pool.made(), "a pool does not shrink");
    }

    @Test
    void aDoubleReleaseIsRefusedAndCountedWithoutCorruptingTheFreeList() {
        PacketPool pool = new PacketPool("t", 2);
        Packet a = pool.acquire();
        a.release();
        a.release();
        assertEquals(1, pool.badReleases());
        assertEquals(0, pool.outstanding());
        Packet x = pool.acquire();
        Packet y = pool.acquire();
        assertNotSame(x, y);
        assertNull(pool.acquire());
    }

    @Test
    void aPacketFromAnotherPoolIsRefused() {
        PacketPool one = new PacketPool("one", 1);
        PacketPool two = new PacketPool("two", 1);
        Packet p = one.acquire();
        two.release(p);
        assertEquals(1, two.badReleases());
        assertEquals(1, one.outstanding());
        p.release();
    }

    @Test
    void headersArePrependedAndTagsAppendedInPlace() {
        PacketPool pool = new PacketPool("t", 1);
        Packet p = pool.acquire();
        p.setContents(new byte[] {1, 2, 3}, 0, 3);
        int before = p.offset();
        p.prepend(4);
        p.putInt(0, 0xCAFEBABE);
        p.append(2);
        p.putShort(7, 0xBEEF);
        assertEquals(before - 4, p.offset());
        assertEquals(9, p.length());
        assertEquals(0xCAFEBABE, p.getInt(0));
        assertEquals(1, p.getUnsignedByte(4));
        assertEquals(0xBEEF, p.getUnsignedShort(7));
        p.trimFront(4);
        p.trimBack(2);
        assertEquals(3, p.getUnsignedByte(2));
        p.release();
    }

    @Test
    void accessOutsideTheWindowIsRefusedNeverReadFromANeighbour() {
        PacketPool pool = new PacketPool("t", 2);
        Packet p = pool.acquire();
        p.setContents(new byte[8], 0, 8);
        assertThrows(IndexOutOfBoundsException.class, () -> p.getInt(5));
        assertThrows(IndexOutOfBoundsException.class, () -> p.getUnsignedByte(-1));
        assertThrows(IllegalStateException.class, () -> p.prepend(p.headroom() + 1));
        assertThrows(IllegalStateException.class, () -> p.append(p.tailroom() + 1));
        p.release();
    }

    @Test
    void threadsSharingThePoolNeverReceiveTheSamePacketAndItBalances() throws Exception {
        PacketPool pool = new PacketPool("t", 64);
        int threads = 4;
        int rounds = 50_000;
        AtomicInteger collisions = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < rounds; i++) {
                    Packet p = pool.acquire();
                    if (p == null) {
                        continue;
                    }
                    p.setDestinationPeer(id);
                    Thread.onSpinWait();
                    if (p.destinationPeer() != id) {
                        collisions.incrementAndGet();
                    }
                    p.release();
                }
                done.countDown();
            });
            thread.start();
        }
        done.await();
        assertEquals(0, collisions.get());
        assertEquals(0, pool.outstanding());
        assertEquals(64, pool.available());
        assertEquals(0, pool.badReleases());
        assertTrue(pool.acquiredTotal() > 0);
        assertNotNull(pool.acquire());
    }
}
