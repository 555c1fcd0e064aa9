package dev.culvert.core.io.transport;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * One TCP transport's connections by handle: a fixed number of slots, and handles that name the
 * transport, the slot and the slot's generation, so the handle of a closed connection never finds
 * the connection that took its slot later. Confined to the worker that drives the transport.
 */
final class ConnectionSlots {
    private final int index;
    private final TcpConnection[] slots;
    private final byte[] generations;

    /** The most connections one transport holds: a handle has 16 bits for the slot. */
    static final int MAX_CAPACITY = 65536;

    ConnectionSlots(int index, int capacity) {
        if (index < 0 || index > 127 || capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("transport index " + index + ", connections " + capacity);
        }
        this.index = index;
        this.slots = new TcpConnection[capacity];
        this.generations = new byte[capacity];
    }

    /** How many connections it holds at most. */
    int capacity() {
        return slots.length;
    }

    static int transportIndexOf(int handle) {
        return handle >>> 24;
    }

    static int slotOf(int handle) {
        return handle & 0xffff;
    }

    /** A handle for the first free slot, its generation advanced; -1 when every slot is taken. */
    int freeHandle() {
        for (int slot = 0; slot < slots.length; slot++) {
            if (slots[slot] == null) {
                int generation = (generations[slot] + 1) & 0xff;
                generations[slot] = (byte) generation;
                return (index << 24) | (generation << 16) | slot;
            }
        }
        return -1;
    }

    void put(TcpConnection c) {
        slots[slotOf(c.handle)] = c;
    }

    void remove(TcpConnection c) {
        slots[slotOf(c.handle)] = null;
    }

    /** The connection in a slot (an epoll token), or null. */
    TcpConnection atSlot(int slot) {
        return slots[slot];
    }

    /** The connection a handle names, or null if it is closed or not this transport's. */
    TcpConnection byHandle(int handle) {
        if (transportIndexOf(handle) != index || slotOf(handle) >= slots.length) {
            return null;
        }
        TcpConnection c = slots[slotOf(handle)];
        return c != null && c.handle == handle ? c : null;
    }

    /** Every slot, empty ones as null; for sweeps and closing. */
    TcpConnection[] all() {
        return slots;
    }

    /** Handles of the open connections; control path (it allocates). */
    List<Integer> openHandles() {
        List<Integer> out = new ArrayList<>();
        for (TcpConnection c : slots) {
            if (c != null && !c.closed) {
                out.add(c.handle);
            }
        }
        return out;
    }

    /** The handle of the open connection from {@code remote}, or -1. */
    int handleOf(InetSocketAddress remote) {
        for (TcpConnection c : slots) {
            if (c != null && !c.closed && c.remote.equals(remote)) {
                return c.handle;
            }
        }
        return -1;
    }
}
