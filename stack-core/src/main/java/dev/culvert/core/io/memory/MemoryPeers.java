package dev.culvert.core.io.memory;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Which of the network's addresses the endpoints of one bound group have learned as peers: the
 * in-memory counterpart of a UDP endpoint's peer table. Receiving asks {@link #knows} (no lock,
 * no allocation); only learning and forgetting write.
 */
final class MemoryPeers {
    private final AtomicIntegerArray known;
    private final AtomicInteger count = new AtomicInteger();

    MemoryPeers(int addresses) {
        this.known = new AtomicIntegerArray(addresses);
    }

    boolean knows(int number) {
        return number >= 0 && number < known.length() && known.get(number) != 0;
    }

    void learn(int number) {
        if (number >= 0 && number < known.length() && known.compareAndSet(number, 0, 1)) {
            count.incrementAndGet();
        }
    }

    void forget(int number) {
        if (number >= 0 && number < known.length() && known.compareAndSet(number, 1, 0)) {
            count.decrementAndGet();
        }
    }

    int count() {
        return count.get();
    }
}
