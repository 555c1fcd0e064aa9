package dev.culvert.core.worker;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A value the control side computes and the data plane reads: new keys, a new routing table. The
 * control executor replaces it in one atomic step; a worker reads it once per batch, so a batch
 * sees either the old value or the new one, never a mix. The value must be immutable, or at
 * least never changed after publication.
 */
public final class Published<T> {
    private final AtomicReference<T> current;
    private final AtomicLong version = new AtomicLong();

    public Published(T initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    /** The current value; cheap (one volatile read), for the data plane. */
    public T get() {
        return current.get();
    }

    /** Replaces the value; from the control side. */
    public void publish(T value) {
        current.set(Objects.requireNonNull(value, "value"));
        version.incrementAndGet();
    }

    /** How many times a value was published; for tests and reports. */
    public long version() {
        return version.get();
    }
}
