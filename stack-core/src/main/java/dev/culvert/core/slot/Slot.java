package dev.culvert.core.slot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A named place in the stack filled by implementations of one SPI type.
 *
 * <p>All bound implementations stay available through {@link #all()} and {@link #find(String)}
 * (a receiver must still understand an algorithm the sender has just swapped away from); one of
 * them is <em>active</em>: the one an operator {@linkplain #select selected} if it is bound, else
 * the highest ranked.
 *
 * <p>The data path uses {@link #enter()} once per batch and {@link Binding#implementation()} for
 * the whole batch, then {@link #exit(Binding)}. Swaps publish a new active binding with one
 * volatile write, so a batch never sees two implementations; {@link #unbind} waits, bounded, until
 * no batch still uses the implementation being removed, so a module may free its resources after
 * it returns.
 *
 * @param <T> the SPI type
 */
public final class Slot<T> {
    private static final Comparator<Binding<?>> ORDER = Comparator
            .comparingInt((Binding<?> b) -> b.ranking()).reversed()
            .thenComparingLong(Binding::sequence);

    private final String name;
    private final Class<T> type;
    private final AtomicLong sequences = new AtomicLong();
    private final List<Consumer<Slot<T>>> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private List<Binding<T>> bindings = List.of();
    private String selected;
    private volatile Binding<T> active;
    private final AtomicLong swaps = new AtomicLong();

    public Slot(String name, Class<T> type) {
        this.name = name;
        this.type = type;
    }

    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    /** Adds an implementation. Returns its binding; the active one changes if this one outranks it. */
    public Binding<T> bind(T implementation, String implName, int ranking) {
        if (!type.isInstance(implementation)) {
            throw new IllegalArgumentException(implementation + " is not a " + type.getName() + " for slot " + name);
        }
        Binding<T> binding = new Binding<>(implementation, implName, ranking, sequences.incrementAndGet());
        synchronized (lock) {
            List<Binding<T>> next = new ArrayList<>(bindings);
            next.add(binding);
            next.sort(ORDER);
            bindings = List.copyOf(next);
            recomputeActive();
        }
        fire();
        return binding;
    }

    /**
     * Removes an implementation. The active binding moves on first; then this waits up to
     * {@code drainTimeoutMillis} for batches still using the removed one to leave. Returns
     * {@code false} if some were still inside when the wait ended (they finish regardless).
     */
    public boolean unbind(T implementation, long drainTimeoutMillis) {
        Binding<T> removed = null;
        synchronized (lock) {
            List<Binding<T>> next = new ArrayList<>(bindings.size());
            for (Binding<T> b : bindings) {
                if (b.implementation() == implementation && removed == null) {
                    removed = b;
                } else {
                    next.add(b);
                }
            }
            if (removed == null) {
                return true;
            }
            bindings = List.copyOf(next);
            recomputeActive();
        }
        fire();
        return awaitDrained(removed, drainTimeoutMillis);
    }

    public boolean unbind(T implementation) {
        return unbind(implementation, 5_000);
    }

    /**
     * Makes the named implementation the active one while it is bound, whatever its ranking;
     * {@code null} returns to ranking order. If no bound implementation has the name nothing
     * changes and this returns false. If the selected one is unbound later, the slot falls back
     * to ranking order and returns to the selection when an implementation of that name binds.
     */
    public boolean select(String implName) {
        synchronized (lock) {
            if (implName != null && bindings.stream().noneMatch(b -> b.name().equals(implName))) {
                return false;
            }
            selected = implName;
            recomputeActive();
        }
        fire();
        return true;
    }

    public Optional<String> selected() {
        synchronized (lock) {
            return Optional.ofNullable(selected);
        }
    }

    private void recomputeActive() {
        Binding<T> choice = null;
        if (selected != null) {
            for (Binding<T> b : bindings) {
                if (b.name().equals(selected)) {
                    choice = b;
                    break;
                }
            }
        }
        if (choice == null && !bindings.isEmpty()) {
            choice = bindings.get(0);
        }
        if (choice != active) {
            swaps.incrementAndGet();
            active = choice;
        }
    }

    /**
     * Enters the slot for one batch: returns the active binding with its user count raised, or
     * {@code null} if the slot is empty. Pair every non-null result with {@link #exit(Binding)}.
     */
    public Binding<T> enter() {
        while (true) {
            Binding<T> b = active;
            if (b == null) {
                return null;
            }
            b.users.incrementAndGet();
            if (b == active || isBound(b)) {
                return b;
            }
            // Unbound between the read and the increment: step back out and take the new one.
            b.users.decrementAndGet();
        }
    }

    public void exit(Binding<T> binding) {
        binding.users.decrementAndGet();
    }

    private boolean isBound(Binding<T> b) {
        for (Binding<T> x : bindings) {
            if (x == b) {
                return true;
            }
        }
        return false;
    }

    private static boolean awaitDrained(Binding<?> binding, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (binding.users.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        return true;
    }

    /** The active implementation without entering; for the control path and status. */
    public Optional<T> active() {
        Binding<T> b = active;
        return b == null ? Optional.empty() : Optional.of(b.implementation());
    }

    public Optional<Binding<T>> activeBinding() {
        return Optional.ofNullable(active);
    }

    /** Every bound implementation, best first. */
    public List<Binding<T>> all() {
        return bindings;
    }

    /** The bound implementation with this name, active or not. */
    public Optional<T> find(String implName) {
        for (Binding<T> b : bindings) {
            if (b.name().equals(implName)) {
                return Optional.of(b.implementation());
            }
        }
        return Optional.empty();
    }

    /** How many times the active implementation changed. */
    public long swaps() {
        return swaps.get();
    }

    /**
     * Calls {@code listener} after every bind, unbind and selection, so that nodes rebuild derived
     * state (lookup tables). Returns what removes it again: a node that stops (its stack closed)
     * must call it, or the slot would keep the node alive.
     */
    public Runnable onChange(Consumer<Slot<T>> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** How many listeners are registered; for leak checks in tests. */
    public int listenerCount() {
        return listeners.size();
    }

    private void fire() {
        for (Consumer<Slot<T>> l : listeners) {
            l.accept(this);
        }
    }

    /** {@code name: active [all bindings]}, for status displays. */
    public String describe() {
        Binding<T> a = active;
        return name + ": " + (a == null ? "(empty)" : a.name()) + " " + bindings
                + (selected != null ? " selected=" + selected : "");
    }

    @Override
    public String toString() {
        return describe();
    }
}
