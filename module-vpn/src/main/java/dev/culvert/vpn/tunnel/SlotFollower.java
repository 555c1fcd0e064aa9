package dev.culvert.vpn.tunnel;

import dev.culvert.core.slot.Slot;

/**
 * The active implementation of one slot, kept in a volatile field that the slot's change
 * listener updates, so the data path reads it with one volatile read and no allocation. Close
 * it when the runtime stops, or the slot keeps it (and what it references) alive.
 *
 * @param <T> the slot's SPI type
 */
final class SlotFollower<T> implements AutoCloseable {
    private final Runnable unsubscribe;
    private volatile T current;

    SlotFollower(Slot<T> slot) {
        unsubscribe = slot.onChange(this::follow);
        follow(slot);
    }

    // Synchronized so that two listeners racing cannot leave the older answer in place: each
    // reads the slot and writes under the lock, so the last to write read the newest.
    private synchronized void follow(Slot<T> slot) {
        current = slot.active().orElse(null);
    }

    /** The slot's active implementation as last seen, or {@code null} while it is empty. */
    T current() {
        return current;
    }

    @Override
    public void close() {
        unsubscribe.run();
    }
}
