package dev.culvert.core.link;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.worker.Signalled;
import dev.culvert.spi.link.Link;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One end of an in-memory cable made by {@link #pair}. A packet written into one end is copied
 * into a buffer of the reading side's pool when it is read at the other end, so each side only
 * ever holds buffers of its own pool, as with a real device.
 *
 * <p>The cable holds at most {@code capacity} packets in each direction; a write to a full
 * direction is refused, and the caller counts the drop, exactly as a TUN queue overflows.
 */
public final class VirtualLink implements Link, Signalled {
    private final String name;
    private final int mtu;
    private final ArrayBlockingQueue<Packet> inbound;
    private VirtualLink peer;
    private volatile Runnable readableListener = () -> { };
    private volatile boolean closed;
    private final LongAdder refusedOversize = new LongAdder();

    private VirtualLink(String name, int mtu, int capacity) {
        this.name = name;
        this.mtu = mtu;
        this.inbound = new ArrayBlockingQueue<>(capacity);
    }

    /** Two connected ends named {@code name + ".a"} and {@code name + ".b"}. */
    public static VirtualLink[] pair(String name, int mtu, int capacity) {
        if (mtu < 68 || mtu > 65_535 || capacity < 1) {
            throw new IllegalArgumentException("virtual link " + name + ": mtu " + mtu + ", capacity " + capacity);
        }
        VirtualLink a = new VirtualLink(name + ".a", mtu, capacity);
        VirtualLink b = new VirtualLink(name + ".b", mtu, capacity);
        a.peer = b;
        b.peer = a;
        return new VirtualLink[] {a, b};
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int mtu() {
        return mtu;
    }

    /** Called, from the writer's thread, whenever a packet becomes readable at this end. */
    @Override
    public void onReadable(Runnable listener) {
        this.readableListener = listener;
    }

    /** Packets waiting to be read at this end. */
    public int pending() {
        return inbound.size();
    }

    /** Packets this end refused to send because they exceeded the MTU. */
    public long refusedOversize() {
        return refusedOversize.sum();
    }

    @Override
    public int read(PacketBatch into, PacketPool pool) {
        int n = 0;
        while (!into.isFull()) {
            Packet source = inbound.peek();
            if (source == null) {
                break;
            }
            Packet copy = pool.acquire();
            if (copy == null) {
                // Leave it queued (the reader's pool is dry: back-pressure rather than loss) and
                // say it is still readable, so a worker that waits for a signal comes back for it.
                readableListener.run();
                break;
            }
            inbound.poll();
            source.copyTo(copy);
            source.release();
            into.add(copy);
            n++;
        }
        return n;
    }

    /**
     * Reads one packet into {@code dst} for an application holding this end; returns its length,
     * or -1 if none arrives within the timeout.
     */
    public int receive(byte[] dst, long timeout, TimeUnit unit) throws InterruptedException {
        Packet p = inbound.poll(timeout, unit);
        if (p == null) {
            return -1;
        }
        try {
            int len = Math.min(p.length(), dst.length);
            p.getBytes(0, dst, 0, len);
            return len;
        } finally {
            p.release();
        }
    }

    @Override
    public boolean write(Packet packet) {
        if (closed || peer.closed) {
            return false;
        }
        if (packet.length() > mtu) {
            refusedOversize.increment();
            return false;
        }
        if (!peer.inbound.offer(packet)) {
            return false;
        }
        peer.readableListener.run();
        return true;
    }

    /**
     * Sends bytes from an application holding this end, using a buffer from {@code pool}.
     * Returns false if the pool is dry, the packet exceeds the MTU or the other end is full.
     */
    public boolean send(byte[] src, int offset, int length, PacketPool pool) {
        Packet p = pool.acquire();
        if (p == null) {
            return false;
        }
        if (length > p.headroom() + p.tailroom() - pool.headroom()) {
            p.release();
            refusedOversize.increment();
            return false;
        }
        p.setContents(src, offset, length);
        if (!write(p)) {
            p.release();
            return false;
        }
        return true;
    }

    /** Closes this end; packets still queued towards it are released. */
    @Override
    public void close() {
        closed = true;
        Packet p;
        while ((p = inbound.poll()) != null) {
            p.release();
        }
    }
}
