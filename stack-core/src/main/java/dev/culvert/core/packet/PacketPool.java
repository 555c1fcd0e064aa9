package dev.culvert.core.packet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded set of packets carved out of direct buffers. Acquiring and releasing never
 * allocates, takes no lock and is safe from any thread (it may wait for another thread's
 * unfinished step in the free list; see FreeSlotQueue).
 *
 * <p>The packets are made a chunk at a time, when the free list runs dry, up to the capacity: an
 * idle node keeps one chunk resident instead of the whole pool (a direct buffer is zeroed, so
 * touched, when it is allocated; two workers' pools of 4,096 packets are 16 MiB). Growing is the
 * only locked step, and it happens at most capacity / {@value #CHUNK} times in a pool's life.
 *
 * <p>The pool accounts for every packet: {@link #outstanding()} is the number handed out and not
 * yet returned, and a release of a packet that is not out (a double release) is refused and
 * counted rather than corrupting the free list. When the pool runs dry {@link #acquire()}
 * returns {@code null} and counts an exhaustion; callers turn that into a drop with a reason.
 */
public final class PacketPool {
    /** Headroom left free at the front of a fresh packet: room for every header the stack prepends. */
    public static final int DEFAULT_HEADROOM = 128;
    /** Room for a 1500-byte link MTU plus the largest tunnel overhead, headroom and tailroom. */
    public static final int DEFAULT_BUFFER_SIZE = 2048;

    /** Packets made at a time: 512 KiB of 2 KiB buffers, a few batches' worth. */
    static final int CHUNK = 256;

    private final String name;
    private final Packet[] packets;
    /** Packets made so far; written under the pool's lock, read by {@link #available()}. */
    private volatile int made;
    private final FreeSlotQueue free;
    private final int bufferSize;
    private final int headroom;
    private final LongAdder acquired = new LongAdder();
    private final LongAdder released = new LongAdder();
    private final LongAdder exhausted = new LongAdder();
    private final LongAdder badReleases = new LongAdder();

    public PacketPool(String name, int count, int bufferSize, int headroom) {
        if (count < 1 || bufferSize < 64 || headroom < 0 || headroom >= bufferSize) {
            throw new IllegalArgumentException("pool " + name + ": count " + count + ", buffer " + bufferSize + ", headroom " + headroom);
        }
        this.name = name;
        this.bufferSize = bufferSize;
        this.headroom = headroom;
        this.packets = new Packet[count];
        this.free = new FreeSlotQueue(count);
        free.offer(grow());
    }

    /**
     * Makes the next chunk of packets and returns one of them, offering the rest to the free list.
     * When another thread made the last chunk while this one waited for the lock, takes one of
     * those instead (-1 if none is left). A packet is stored before its slot is offered, so a
     * thread that polls the slot finds it; {@code made} grows only after the offers.
     */
    private synchronized int grow() {
        int first = made;
        int count = Math.min(CHUNK, packets.length - first);
        if (count == 0) {
            return free.poll();
        }
        ByteBuffer backing = ByteBuffer.allocateDirect(Math.multiplyExact(count, bufferSize)).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < count; i++) {
            packets[first + i] = new Packet(this, first + i, backing.slice(i * bufferSize, bufferSize).order(ByteOrder.BIG_ENDIAN));
        }
        for (int i = 1; i < count; i++) {
            free.offer(first + i);
        }
        made = first + count;
        return first;
    }

    public PacketPool(String name, int count) {
        this(name, count, DEFAULT_BUFFER_SIZE, DEFAULT_HEADROOM);
    }

    public String name() {
        return name;
    }

    /** Takes a packet with an empty window after the default headroom, or {@code null} when none is free. */
    public Packet acquire() {
        int slot = free.poll();
        if (slot < 0) {
            // A full pool may look empty for a moment while the thread that made the last chunk
            // offers it: `made` is published after those offers, so a second poll sees them.
            slot = made < packets.length ? grow() : free.poll();
        }
        if (slot < 0) {
            exhausted.increment();
            return null;
        }
        Packet packet = packets[slot];
        packet.inUse = true;
        packet.reset(headroom);
        acquired.increment();
        return packet;
    }

    void release(Packet packet) {
        if (packet.pool() != this || !packet.inUse) {
            badReleases.increment();
            return;
        }
        packet.inUse = false;
        released.increment();
        while (!free.offer(packet.slot())) {
            // Cannot happen with the ring sized at twice the pool; spinning is safer than losing a buffer.
            Thread.onSpinWait();
        }
    }

    public int capacity() {
        return packets.length;
    }

    public int bufferSize() {
        return bufferSize;
    }

    public int headroom() {
        return headroom;
    }

    /** Packets free now, counting those not yet made. */
    public int available() {
        return free.size() + packets.length - made;
    }

    /** Packets made so far (their buffers are resident); grows in chunks up to {@link #capacity()}. */
    public int made() {
        return made;
    }

    /** Packets handed out and not yet released. Zero when the pool balances. */
    public long outstanding() {
        return acquired.sum() - released.sum();
    }

    public long acquiredTotal() {
        return acquired.sum();
    }

    public long releasedTotal() {
        return released.sum();
    }

    /** How often {@link #acquire()} found the pool empty. */
    public long exhaustions() {
        return exhausted.sum();
    }

    /** Releases refused because the packet was not out (double release) or came from another pool. */
    public long badReleases() {
        return badReleases.sum();
    }

    @Override
    public String toString() {
        return "PacketPool[" + name + ": " + available() + "/" + capacity() + " free, " + outstanding() + " out]";
    }
}
