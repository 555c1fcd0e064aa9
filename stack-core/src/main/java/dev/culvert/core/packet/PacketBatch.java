package dev.culvert.core.packet;

/**
 * An ordered, reusable group of packets processed together. Batches amortise dispatch and the
 * cost of a system call; their order is the order packets are sent in, which is what keeps a
 * peer's packets in sequence.
 */
public final class PacketBatch {
    /** The batch size the data plane works in: large enough to amortise, small enough for latency. */
    public static final int DEFAULT_CAPACITY = 64;

    private final Packet[] packets;
    private int size;

    public PacketBatch(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.packets = new Packet[capacity];
    }

    public PacketBatch() {
        this(DEFAULT_CAPACITY);
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return packets.length;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public boolean isFull() {
        return size == packets.length;
    }

    public Packet get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index + " of " + size);
        }
        return packets[index];
    }

    /** Adds a packet at the end; the caller checks {@link #isFull()} first. */
    public void add(Packet packet) {
        if (size == packets.length) {
            throw new IllegalStateException("batch full at " + size);
        }
        packets[size++] = packet;
    }

    /** Forgets the packets without releasing them: whoever took them now owns them. */
    public void clear() {
        for (int i = 0; i < size; i++) {
            packets[i] = null;
        }
        size = 0;
    }

    /** Releases every packet back to its pool and empties the batch. */
    public void releaseAll() {
        for (int i = 0; i < size; i++) {
            packets[i].release();
            packets[i] = null;
        }
        size = 0;
    }
}
