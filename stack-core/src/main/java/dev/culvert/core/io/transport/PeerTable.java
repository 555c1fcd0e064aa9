package dev.culvert.core.io.transport;

import dev.culvert.core.io.nativeio.Linux;
import dev.culvert.core.io.nativeio.Native;
import dev.culvert.core.io.nativeio.SocketAddresses;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Maps remote socket addresses to small integer handles and back, shared by the sockets of one
 * endpoint. Lookups read an immutable open-addressing index published through a volatile field:
 * they take no lock and allocate nothing, so the receive path can call them per packet. Adding or
 * forgetting a peer copies the index under a lock; that happens once per peer, and only for a
 * peer a tunnel module learned after authenticating it: receiving only looks addresses up.
 *
 * <p>The table is bounded: when {@link #capacity()} peers are known, learning a new address
 * fails ({@link #handleOf} returns -1) and the caller refuses that peer, counted.
 */
public final class PeerTable {
    private final int capacity;
    private final InetSocketAddress[] addresses;
    private final ByteBuffer sockaddrs;
    private final int[] sockaddrLengths;
    private final ArrayDeque<Integer> freed = new ArrayDeque<>();
    private final ByteBuffer scratch = Native.struct(SocketAddresses.MAX_LENGTH);
    private int nextHandle;
    private int size;
    private volatile Index index;

    /** The most addresses one table holds. */
    public static final int MAX_CAPACITY = 1 << 22;

    public PeerTable(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("peer table capacity " + capacity);
        }
        this.capacity = capacity;
        this.addresses = new InetSocketAddress[capacity];
        this.sockaddrs = Native.struct(capacity * SocketAddresses.MAX_LENGTH);
        this.sockaddrLengths = new int[capacity];
        this.index = new Index(16);
    }

    public int capacity() {
        return capacity;
    }

    public synchronized int size() {
        return size;
    }

    /** The handle of the sockaddr at {@code at} in {@code buf}, or -1 if unknown. No lock, no allocation. */
    public int lookup(ByteBuffer buf, int at) {
        return index.find(buf, at);
    }

    /** The handle of the sockaddr at {@code at}, adding it if new; -1 if the table is full. */
    private int lookupOrAdd(ByteBuffer buf, int at) {
        int handle = index.find(buf, at);
        return handle >= 0 ? handle : add(buf, at);
    }

    /** The handle of {@code remote}, adding it if new; -1 if the table is full. */
    public synchronized int handleOf(InetSocketAddress remote) {
        SocketAddresses.write(scratch, 0, remote);
        return lookupOrAdd(scratch, 0);
    }

    /** The handle of the address a packet carried, as its sockaddr was received, adding it if new; -1 if full or none. */
    public synchronized int handleOf(dev.culvert.core.packet.RemoteAddress remote) {
        return RemoteSockaddr.write(remote, scratch, 0) == 0 ? -1 : lookupOrAdd(scratch, 0);
    }

    private synchronized int add(ByteBuffer buf, int at) {
        int existing = index.find(buf, at);
        if (existing >= 0) {
            return existing;
        }
        int handle;
        if (!freed.isEmpty()) {
            handle = freed.poll();
        } else if (nextHandle < capacity) {
            handle = nextHandle++;
        } else {
            return -1;
        }
        int family = SocketAddresses.family(buf, at);
        int length = family == Linux.AF_INET ? SocketAddresses.IPV4_LENGTH : SocketAddresses.IPV6_LENGTH;
        int base = handle * SocketAddresses.MAX_LENGTH;
        for (int i = 0; i < SocketAddresses.MAX_LENGTH; i++) {
            sockaddrs.put(base + i, i < length ? buf.get(at + i) : 0);
        }
        sockaddrLengths[handle] = length;
        addresses[handle] = SocketAddresses.read(buf, at);
        size++;
        index = index.with(buf, at, handle, size);
        return handle;
    }

    /** Forgets a peer; its handle may be given to a new address later. */
    public synchronized void forget(int handle) {
        if (handle < 0 || handle >= capacity || addresses[handle] == null) {
            return;
        }
        addresses[handle] = null;
        sockaddrLengths[handle] = 0;
        size--;
        Index rebuilt = new Index(Index.sizeFor(size));
        for (int h = 0; h < nextHandle; h++) {
            if (addresses[h] != null) {
                rebuilt.insert(sockaddrs, h * SocketAddresses.MAX_LENGTH, h);
            }
        }
        index = rebuilt;
        freed.add(handle);
    }

    /** The address behind a handle, or null if none. */
    public InetSocketAddress addressOf(int handle) {
        Index published = index; // reads after this see what the adding thread wrote before publishing
        return handle >= 0 && handle < capacity && published != null ? addresses[handle] : null;
    }

    /** Copies the handle's sockaddr to {@code dst} at {@code at}; returns its length, 0 if the handle is unknown. */
    public int copySockaddr(int handle, ByteBuffer dst, int at) {
        if (handle < 0 || handle >= capacity || index == null) {
            return 0;
        }
        int length = sockaddrLengths[handle];
        if (length > 0) {
            dst.put(at, sockaddrs, handle * SocketAddresses.MAX_LENGTH, length);
        }
        return length;
    }

    /**
     * An immutable open-addressing index from a sockaddr's family, port and address to a handle.
     * IPv4 keys are stored as IPv4-mapped IPv6 addresses so one key shape covers both.
     */
    private static final class Index {
        private final int mask;
        private final long[] high;
        private final long[] low;
        private final int[] meta;
        private final int[] handles;

        Index(int slots) {
            this.mask = slots - 1;
            this.high = new long[slots];
            this.low = new long[slots];
            this.meta = new int[slots];
            this.handles = new int[slots];
            java.util.Arrays.fill(handles, -1);
        }

        static int sizeFor(int entries) {
            return Math.max(16, Integer.highestOneBit(Math.max(1, entries) * 4 - 1) << 1);
        }

        Index with(ByteBuffer buf, int at, int handle, int entries) {
            int slots = handles.length;
            if (entries * 2 <= slots) {
                Index copy = new Index(slots);
                System.arraycopy(high, 0, copy.high, 0, slots);
                System.arraycopy(low, 0, copy.low, 0, slots);
                System.arraycopy(meta, 0, copy.meta, 0, slots);
                System.arraycopy(handles, 0, copy.handles, 0, slots);
                copy.insert(buf, at, handle);
                return copy;
            }
            Index grown = new Index(sizeFor(entries));
            for (int i = 0; i < slots; i++) {
                if (handles[i] >= 0) {
                    grown.place(high[i], low[i], meta[i], handles[i]);
                }
            }
            grown.insert(buf, at, handle);
            return grown;
        }

        void insert(ByteBuffer buf, int at, int handle) {
            place(highOf(buf, at), lowOf(buf, at), metaOf(buf, at), handle);
        }

        private void place(long h, long l, int m, int handle) {
            int i = hash(h, l, m) & mask;
            while (handles[i] >= 0) {
                i = (i + 1) & mask;
            }
            high[i] = h;
            low[i] = l;
            meta[i] = m;
            handles[i] = handle;
        }

        int find(ByteBuffer buf, int at) {
            int family = SocketAddresses.family(buf, at);
            if (family != Linux.AF_INET && family != Linux.AF_INET6) {
                return -1;
            }
            long h = highOf(buf, at);
            long l = lowOf(buf, at);
            int m = metaOf(buf, at);
            int i = hash(h, l, m) & mask;
            while (true) {
                int handle = handles[i];
                if (handle < 0) {
                    return -1;
                }
                if (high[i] == h && low[i] == l && meta[i] == m) {
                    return handle;
                }
                i = (i + 1) & mask;
            }
        }

        private static int hash(long h, long l, int m) {
            long x = h * 0x9E3779B97F4A7C15L ^ l * 0xC2B2AE3D27D4EB4FL ^ m;
            x ^= x >>> 31;
            x *= 0x165667B19E3779F9L;
            return (int) (x ^ (x >>> 32));
        }

        private static int metaOf(ByteBuffer buf, int at) {
            return (SocketAddresses.family(buf, at) << 16) | SocketAddresses.port(buf, at);
        }

        private static long highOf(ByteBuffer buf, int at) {
            return SocketAddresses.family(buf, at) == Linux.AF_INET ? 0 : bigEndianLong(buf, at + 8);
        }

        private static long lowOf(ByteBuffer buf, int at) {
            if (SocketAddresses.family(buf, at) == Linux.AF_INET) {
                return 0xFFFF_0000_0000L | (bigEndianInt(buf, at + 4) & 0xFFFF_FFFFL);
            }
            return bigEndianLong(buf, at + 16);
        }

        private static long bigEndianLong(ByteBuffer buf, int at) {
            return ((long) bigEndianInt(buf, at) << 32) | (bigEndianInt(buf, at + 4) & 0xFFFF_FFFFL);
        }

        private static int bigEndianInt(ByteBuffer buf, int at) {
            return ((buf.get(at) & 0xff) << 24) | ((buf.get(at + 1) & 0xff) << 16) | ((buf.get(at + 2) & 0xff) << 8)
                    | (buf.get(at + 3) & 0xff);
        }
    }
}
