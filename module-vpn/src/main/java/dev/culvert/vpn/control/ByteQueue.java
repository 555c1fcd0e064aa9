package dev.culvert.vpn.control;

/**
 * A bounded FIFO of bytes: the TLS stream on its way out (before it is cut into control packets)
 * and on its way in (reassembled from in-order payloads, until the TLS engine reads it).
 */
public final class ByteQueue {
    private final byte[] ring;
    private int head;
    private int size;

    public ByteQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        ring = new byte[capacity];
    }

    public int size() {
        return size;
    }

    public int free() {
        return ring.length - size;
    }

    /** Appends as much of {@code src[off, off+len)} as fits; returns how much that was. */
    public int write(byte[] src, int off, int len) {
        int n = Math.min(len, free());
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
        int first = Math.min(n, ring.length - head);
        System.arraycopy(ring, head, dst, off, first);
        System.arraycopy(ring, 0, dst, off + first, n - first);
        head = (head + n) % ring.length;
        size -= n;
        return n;
    }
}
