package dev.culvert.core.worker;

import dev.culvert.core.packet.Packet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded many-producer, one-consumer queue of packets handed to a worker by other workers
 * (Vyukov's sequence-numbered ring). It never allocates and never blocks; a full inbox refuses
 * the packet and the sender counts the drop. Packets leave in the order they entered, per producer.
 */
public final class PacketInbox {
    private final int mask;
    private final AtomicLongArray sequences;
    private final AtomicReferenceArray<Packet> cells;
    private final AtomicLong tail = new AtomicLong();
    private long head;

    public PacketInbox(int capacity) {
        int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        this.mask = size - 1;
        this.sequences = new AtomicLongArray(size);
        this.cells = new AtomicReferenceArray<>(size);
        for (int i = 0; i < size; i++) {
            sequences.set(i, i);
        }
    }

    public int capacity() {
        return mask + 1;
    }

    /** Adds a packet; false if full. Safe from any thread. */
    public boolean offer(Packet packet) {
        long pos = tail.get();
        while (true) {
            int cell = (int) (pos & mask);
            long diff = sequences.get(cell) - pos;
            if (diff == 0) {
                if (tail.compareAndSet(pos, pos + 1)) {
                    cells.lazySet(cell, packet);
                    sequences.set(cell, pos + 1);
                    return true;
                }
                pos = tail.get();
            } else if (diff < 0) {
                return false;
            } else {
                pos = tail.get();
            }
        }
    }

    /** Whether nothing is waiting; the owning worker only. */
    public boolean isEmpty() {
        return sequences.get((int) (head & mask)) != head + 1;
    }

    /** The next packet, or null; the owning worker only. */
    public Packet poll() {
        int cell = (int) (head & mask);
        if (sequences.get(cell) != head + 1) {
            return null;
        }
        Packet packet = cells.get(cell);
        cells.lazySet(cell, null);
        sequences.set(cell, head + mask + 1);
        head++;
        return packet;
    }
}
