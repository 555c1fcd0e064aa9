package dev.culvert.core.slot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The slots of one stack, by name. Slots are declared by the kernel (see
 * {@link dev.culvert.core.slot.SlotNames}) and may be added by a module that defines a new one.
 */
public final class SlotRegistry {
    private final Map<String, Slot<?>> slots = new ConcurrentHashMap<>();

    /** The slot with this name and type, created on first use. */
    @SuppressWarnings("unchecked")
    public <T> Slot<T> slot(String name, Class<T> type) {
        Slot<?> slot = slots.computeIfAbsent(name, n -> new Slot<>(n, type));
        if (slot.type() != type) {
            throw new IllegalArgumentException("slot " + name + " holds " + slot.type().getName() + ", not " + type.getName());
        }
        return (Slot<T>) slot;
    }

    public Optional<Slot<?>> find(String name) {
        return Optional.ofNullable(slots.get(name));
    }

    /** Every slot, in name order. */
    public List<Slot<?>> slots() {
        List<Slot<?>> list = new ArrayList<>(slots.values());
        list.sort((a, b) -> a.name().compareTo(b.name()));
        return list;
    }

    /**
     * Makes {@code implName} the active implementation of {@code slotName}, as the shell's
     * {@code culvert:swap} does. Fails with a message an operator can act on.
     */
    public void swap(String slotName, String implName) {
        Slot<?> slot = slots.get(slotName);
        if (slot == null) {
            throw new IllegalArgumentException("no slot named '" + slotName + "'; slots are " + slots().stream().map(Slot::name).toList());
        }
        if (!slot.select(implName)) {
            throw new IllegalArgumentException("slot " + slotName + " has no implementation named '" + implName + "'; installed: "
                    + slot.all().stream().map(Binding::name).toList());
        }
    }
}
