package dev.culvert.core.packet;

import java.nio.ByteBuffer;

/**
 * One packet: a window {@code [offset, offset + length)} onto a fixed slice of a pooled direct
 * buffer. The bytes before the window are headroom, the bytes after it tailroom; a protocol
 * prepends its header by moving the window's start back and appends a tag by moving its end on,
 * without copying the payload.
 *
 * <p>Indexes taken by the accessors are relative to the window's start. Accessors check bounds
 * against the window: reading past the packet is a bug in the caller, never a way to read a
 * neighbour's bytes. Parsers of network input check lengths themselves before they read and
 * turn a short packet into a drop reason; they never rely on these exceptions.
 *
 * <p>A packet is owned by exactly one holder at a time. Whoever holds it last either hands it on
 * or gives it back with {@link #release()}; the pool counts both so tests can prove it balances.
 */
public final class Packet {
    private final PacketPool pool;
    private final int slot;
    private final ByteBuffer slice;
    private final int capacity;
    private int offset;
    private int length;
    boolean inUse;
    /** The stamp of the graph visit that holds this packet and has not yet given it a next step. */
    private long pendingVisit;

    private int ingress;
    private int remote;
    private int egress;
    private long sourcePeer;
    private long destinationPeer;
    private final InsideHeader inside = new InsideHeader();
    private final RemoteAddress remoteAddress = new RemoteAddress();

    Packet(PacketPool pool, int slot, ByteBuffer slice) {
        this.pool = pool;
        this.slot = slot;
        this.slice = slice;
        this.capacity = slice.capacity();
    }

    /** Resets the window to empty with the pool's default headroom; called on acquire. */
    void reset(int headroom) {
        offset = headroom;
        length = 0;
        ingress = 0;
        remote = 0;
        egress = 0;
        sourcePeer = 0;
        destinationPeer = 0;
        inside.clear();
        remoteAddress.clear();
        pendingVisit = 0;
    }

    /**
     * Gives this packet {@code other}'s numeric tags (ingress, remote, egress, source and
     * destination peer), for a packet made from another, such as one part of a split payload.
     */
    public void copyTagsFrom(Packet other) {
        ingress = other.ingress;
        remote = other.remote;
        egress = other.egress;
        sourcePeer = other.sourcePeer;
        destinationPeer = other.destinationPeer;
    }

    /** Marks the packet as held by graph visit {@code visit}; for the graph runner's accounting. */
    public void markPending(long visit) {
        pendingVisit = visit;
    }

    /** Marks the packet as handed on; for the graph runner's accounting. */
    public void clearPending() {
        pendingVisit = 0;
    }

    /** Whether visit {@code visit} still holds the packet, i.e. it is out of the pool and unrouted. */
    public boolean isPendingAt(long visit) {
        return inUse && pendingVisit == visit;
    }

    int slot() {
        return slot;
    }

    /** The pool this packet returns to. */
    public PacketPool pool() {
        return pool;
    }

    /**
     * The whole backing slice, for bulk I/O (a channel read or write) with absolute indexes.
     * Callers use {@link #offset()} and {@link #length()} to address the window and must not
     * keep the buffer after releasing the packet.
     */
    public ByteBuffer buffer() {
        return slice;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    public int capacity() {
        return capacity;
    }

    public int headroom() {
        return offset;
    }

    public int tailroom() {
        return capacity - offset - length;
    }

    /** Sets the window's start and length in one step, after a bulk read into {@link #buffer()}. */
    public void setWindow(int newOffset, int newLength) {
        if (newOffset < 0 || newLength < 0 || newOffset + newLength > capacity) {
            throw new IndexOutOfBoundsException("window " + newOffset + "+" + newLength + " outside capacity " + capacity);
        }
        offset = newOffset;
        length = newLength;
    }

    /** Grows the window at the front by {@code n} bytes of headroom, for a header. */
    public void prepend(int n) {
        if (n < 0 || n > offset) {
            throw new IllegalStateException("prepend " + n + " with headroom " + offset);
        }
        offset -= n;
        length += n;
    }

    /** Grows the window at the back by {@code n} bytes of tailroom, for a trailer or tag. */
    public void append(int n) {
        if (n < 0 || n > tailroom()) {
            throw new IllegalStateException("append " + n + " with tailroom " + tailroom());
        }
        length += n;
    }

    /** Drops {@code n} bytes from the front of the window, after a header has been consumed. */
    public void trimFront(int n) {
        if (n < 0 || n > length) {
            throw new IllegalStateException("trimFront " + n + " of length " + length);
        }
        offset += n;
        length -= n;
    }

    /** Drops {@code n} bytes from the back of the window. */
    public void trimBack(int n) {
        if (n < 0 || n > length) {
            throw new IllegalStateException("trimBack " + n + " of length " + length);
        }
        length -= n;
    }

    /** Sets the window's length, keeping its start; the bytes must fit the tailroom. */
    public void setLength(int newLength) {
        if (newLength < 0 || offset + newLength > capacity) {
            throw new IllegalStateException("length " + newLength + " at offset " + offset + " exceeds capacity " + capacity);
        }
        length = newLength;
    }

    private int at(int index, int width) {
        if (index < 0 || index + width > length) {
            throw new IndexOutOfBoundsException("index " + index + " width " + width + " in packet of " + length);
        }
        return offset + index;
    }

    public int getUnsignedByte(int index) {
        return slice.get(at(index, 1)) & 0xff;
    }

    public void putByte(int index, int value) {
        slice.put(at(index, 1), (byte) value);
    }

    public int getUnsignedShort(int index) {
        return slice.getShort(at(index, 2)) & 0xffff;
    }

    public void putShort(int index, int value) {
        slice.putShort(at(index, 2), (short) value);
    }

    public int getInt(int index) {
        return slice.getInt(at(index, 4));
    }

    public void putInt(int index, int value) {
        slice.putInt(at(index, 4), value);
    }

    public long getUnsignedInt(int index) {
        return getInt(index) & 0xffffffffL;
    }

    /** Copies {@code len} bytes of the window from {@code index} into {@code dst}. */
    public void getBytes(int index, byte[] dst, int dstOffset, int len) {
        slice.get(at(index, len), dst, dstOffset, len);
    }

    /** Copies {@code len} bytes from {@code src} into the window at {@code index}. */
    public void putBytes(int index, byte[] src, int srcOffset, int len) {
        slice.put(at(index, len), src, srcOffset, len);
    }

    /** Replaces the window's contents with {@code src}, keeping its start. */
    public void setContents(byte[] src, int srcOffset, int len) {
        setLength(len);
        putBytes(0, src, srcOffset, len);
    }

    /** Copies the window out into a new array; for tests and the control path, not the data path. */
    public byte[] toByteArray() {
        byte[] out = new byte[length];
        getBytes(0, out, 0, length);
        return out;
    }

    /** Copies {@code len} bytes of the window from {@code index} into {@code target}'s window at {@code targetIndex}. */
    public void copyRange(int index, Packet target, int targetIndex, int len) {
        target.slice.put(target.at(targetIndex, len), slice, at(index, len), len);
    }

    /** Copies this packet's window into {@code target}'s window, replacing its contents. */
    public void copyTo(Packet target) {
        target.setLength(length);
        target.slice.put(target.offset, slice, offset, length);
    }

    // What the nodes learn about a packet on its way, one field per meaning. They are plain
    // numbers, not objects, so tagging a packet allocates nothing.

    /**
     * The worker source this packet was read from: its number among the worker's links and
     * transports, counted together in the order they were added. Set by the worker.
     */
    public int ingress() {
        return ingress;
    }

    public void setIngress(int ingress) {
        this.ingress = ingress;
    }

    /**
     * The far end of the outside conversation, as its transport's handle ({@code
     * Transport.handleOf}): the sender of a packet a transport received, the addressee of one a
     * sink sends. Like the socket address of recvfrom and sendto: one meaning, both directions.
     * A datagram from a sender that is not yet a peer has {@code Transport.UNKNOWN_PEER} here and
     * its address in {@link #remoteAddress()}.
     */
    public int remote() {
        return remote;
    }

    public void setRemote(int handle) {
        this.remote = handle;
    }

    /**
     * The worker's transport number a sending sink puts this packet on, for a node that serves
     * several listeners; a sink bound to one transport ignores it.
     */
    public int egress() {
        return egress;
    }

    public void setEgress(int transport) {
        this.egress = transport;
    }

    /**
     * The tunnel peer this packet came out of (a session, numbered as the router's peer handles),
     * set by the node that opened it; read by the source check and by routing.
     */
    public long sourcePeer() {
        return sourcePeer;
    }

    public void setSourcePeer(long peer) {
        this.sourcePeer = peer;
    }

    /**
     * The tunnel peer this packet is for: the routing decision, read by the hand-off to the
     * peer's owner worker and by sealing.
     */
    public long destinationPeer() {
        return destinationPeer;
    }

    public void setDestinationPeer(long peer) {
        this.destinationPeer = peer;
    }

    /**
     * The socket address a datagram transport received this packet from, kept in the packet so a
     * sender without a handle can be answered or learned; not set for stream transports.
     */
    public RemoteAddress remoteAddress() {
        return remoteAddress;
    }

    /** What the L3 check learned about this packet's IP header, for the nodes after it. */
    public InsideHeader inside() {
        return inside;
    }

    /** Gives the packet back to its pool. The caller must not touch it afterwards. */
    public void release() {
        pool.release(this);
    }

    @Override
    public String toString() {
        return "Packet[slot " + slot + ", offset " + offset + ", length " + length + "]";
    }
}
