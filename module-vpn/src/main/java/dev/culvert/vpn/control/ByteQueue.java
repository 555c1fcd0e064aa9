package dev.culvert.vpn.control;

/**
 * A bounded FIFO of bytes: the TLS stream on its way out (before it is cut into control packets)
 * and on its way in (reassembled from in-order payloads, until the TLS engine reads it).
 *
 * <p>The bound is what may queue, not what is held: storage grows by doubling from {@link #FIRST}
 * bytes while bytes wait and is let go once they have all been read. Every session keeps two
 * of these per key state, and a connected session's control channel is quiet between
 * renegotiations; a ring of the whole bound (64 KiB) held for each would cost an idle client
 * 128 KiB of heap and a server zeroing as much for every handshake.
 */
public final class ByteQueue {
    /** Storage first made for waiting bytes: a small TLS message or two. */
    static final int FIRST = 2048;
    private static final byte[] NONE = new byte[0];

    private final int capacity;
    private byte[] ring = NONE;
    private int head;
    private int size;

    public ByteQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
    }

    public int size() {
        return size;
    }

    public int free() {
        return capacity - size;
    }

    /** Bytes of storage held now (for tests and heap accounting), at most the capacity. */
    int held() {
        return ring.length;
    }

    /** Appends as much of {@code src[off, off+len)} as fits; returns how much that was. */
    public int write(byte[] src, int off, int len) {
        int n = Math.min(len, free());
        if (n <= 0) {
            return 0;
        }
        ensureHeld(size + n);
        int tail = (head + size) % ring.length;
        int first = Math.min(n, ring.length - tail);
        System.arraycopy(src, off, ring, tail, first);
        System.arraycopy(src, off + first, ring, 0, n - first);
        size += n;
        return n;
    }

    /** Removes up to {@code len} bytes into {@code dst}; returns how many. */
    public int read(byte[] dst, int off, int len) {
        int n = Math.min(len, size);
        if (n <= 0) {
            return 0;
        }
        int first = Math.min(n, ring.length - head);
        System.arraycopy(ring, head, dst, off, first);
        System.arraycopy(ring, 0, dst, off + first, n - first);
        head = (head + n) % ring.length;
        size -= n;
        if (size == 0) {
            head = 0;
            ring = NONE;
        }
        return n;
    }

    /** Grows the storage to hold {@code needed} bytes, keeping the queued ones in order from index 0. */
    private void ensureHeld(int needed) {
        if (needed <= ring.length) {
            return;
        }
        int grown = Math.max(ring.length, Math.min(FIRST, capacity));
        while (grown < needed) {
            grown = (int) Math.min((long) grown * 2, capacity);
        }
        byte[] larger = new byte[grown];
        int first = Math.min(size, ring.length - head);
        System.arraycopy(ring, head, larger, 0, first);
        System.arraycopy(ring, 0, larger, first, size - first);
        ring = larger;
        head = 0;
    }
}
