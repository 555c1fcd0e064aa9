package dev.culvert.core.slot;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One implementation bound into a slot, with its name and ranking, and the number of batches
 * currently using it.
 *
 * @param <T> the slot's SPI type
 */
public final class Binding<T> {
    private final T implementation;
    private final String name;
    private final int ranking;
    private final long sequence;
    final AtomicInteger users = new AtomicInteger();

    Binding(T implementation, String name, int ranking, long sequence) {
        this.implementation = implementation;
        this.name = name;
        this.ranking = ranking;
        this.sequence = sequence;
    }

    public T implementation() {
        return implementation;
    }

    /** The implementation's short name, as operators type it ({@code lz4}, {@code snappy}). */
    public String name() {
        return name;
    }

    /** Higher wins; on a tie the one bound first wins, as in OSGi. */
    public int ranking() {
        return ranking;
    }

    long sequence() {
        return sequence;
    }

    /** Batches using this implementation right now. */
    public int users() {
        return users.get();
    }

    @Override
    public String toString() {
        return name + "(ranking " + ranking + ")";
    }
}
