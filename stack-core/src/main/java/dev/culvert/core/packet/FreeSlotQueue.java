package dev.culvert.core.packet;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A bounded multi-producer multi-consumer queue of slot indexes, after Dmitry Vyukov's design:
 * each cell carries a sequence number that tells producers and consumers whose turn it is.
 * Offer and poll never allocate and never block, which is why the pool uses it instead of a JDK
 * queue (those allocate a node per offer or take a lock).
 */
final class FreeSlotQueue {
    private final int mask;
    private final AtomicLongArray sequences;
    private final int[] values;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();

    /**
     * Room for {@code capacity} values. The ring is twice the next power of two: a producer can
     * find a cell whose consumer has claimed it but not yet handed it back, and the spare half
     * keeps that transient state from ever looking like a full queue.
     */
    FreeSlotQueue(int capacity) {
        int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 2;
        this.mask = size - 1;
        this.sequences = new AtomicLongArray(size);
        this.values = new int[size];
        for (int i = 0; i < size; i++) {
            sequences.set(i, i);
        }
    }

    boolean offer(int value) {
        long pos = tail.get();
        while (true) {
            int cell = (int) (pos & mask);
            long seq = sequences.get(cell);
            long diff = seq - pos;
            if (diff == 0) {
                if (tail.compareAndSet(pos, pos + 1)) {
                    values[cell] = value;
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

    /** Returns the next index, or -1 when the queue is empty. */
    int poll() {
        long pos = head.get();
        while (true) {
            int cell = (int) (pos & mask);
            long seq = sequences.get(cell);
            long diff = seq - (pos + 1);
            if (diff == 0) {
                if (head.compareAndSet(pos, pos + 1)) {
                    int value = values[cell];
                    sequences.set(cell, pos + mask + 1);
                    return value;
                }
                pos = head.get();
            } else if (diff < 0) {
                return -1;
            } else {
                pos = head.get();
            }
        }
    }

    int size() {
        long size = tail.get() - head.get();
        return (int) Math.max(0, Math.min(size, mask + 1L));
    }
}
