package dev.culvert.core.packet;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A bounded multi-producer multi-consumer queue of slot indexes, after Dmitry Vyukov's design:
 * each cell carries a sequence number that tells producers and consumers whose turn it is.
 * Offer and poll never allocate, which is why the pool uses it instead of a JDK queue (those
 * allocate a node per offer or take a lock).
 *
 * <p>In this design a thread descheduled between claiming a cell and publishing it holds up the
 * others: a poll reaching a cell whose offer is unfinished, or an offer reaching a cell whose
 * poll is unfinished, would see "empty" or "full" although the queue is neither. Reporting that
 * lost free slots for good (a failed offer drops the index) and made acquire fail with most
 * packets free, so both wait, spinning then yielding, for the other thread to finish its step;
 * they report empty or full only when the queue is.
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
        int waits = 0;
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
                if (pos - head.get() >= mask + 1) {
                    return false;
                }
                // Not full: the poll that took this cell's previous index has not published yet.
                pause(++waits);
                pos = tail.get();
            } else {
                pos = tail.get();
            }
        }
    }

    /** Returns the next index, or -1 when the queue is empty. */
    int poll() {
        long pos = head.get();
        int waits = 0;
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
                if (tail.get() <= pos) {
                    return -1;
                }
                // Not empty: the offer that claimed this cell has not published its index yet.
                pause(++waits);
                pos = head.get();
            } else {
                pos = head.get();
            }
        }
    }

    /** Waits for another thread to finish its step: briefly on the CPU, then giving way to it. */
    private static void pause(int waits) {
        if (waits % 64 == 0) {
            Thread.yield();
        } else {
            Thread.onSpinWait();
        }
    }

    int size() {
        long size = tail.get() - head.get();
        return (int) Math.max(0, Math.min(size, mask + 1L));
    }
}
