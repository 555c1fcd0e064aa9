package dev.culvert.core.worker;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.spi.transport.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory transport that fails when told to: its next receives throw, or its flushes throw
 * an unchecked exception (a bug below the worker), or it always has one more datagram.
 */
final class ScriptedTransport implements Transport, Signalled {
    /** For {@link #failFlushes}: every flush fails. */
    static final int FOREVER = Integer.MAX_VALUE;

    private final ConcurrentLinkedQueue<byte[]> incoming = new ConcurrentLinkedQueue<>();
    private final AtomicInteger receiveFailures = new AtomicInteger();
    private final AtomicInteger flushFailures = new AtomicInteger();
    private volatile boolean endless;
    private volatile Error flushError;
    private volatile Runnable listener = () -> {
    };

    /** The next {@code n} receives throw an {@link IOException}. */
    void failReceives(int n) {
        receiveFailures.set(n);
    }

    /** The next {@code n} flushes (or all, {@link #FOREVER}) throw an {@link IllegalStateException}. */
    void failFlushes(int n) {
        flushFailures.set(n);
    }

    /** From now on every receive returns one more datagram, and says there is more. */
    void endless() {
        endless = true;
        listener.run();
    }

    /** A datagram arrives; its first byte is {@code id}. */
    void arrive(int id) {
        incoming.add(new byte[] {(byte) id, 0, 0, 0});
        listener.run();
    }

    @Override
    public void onReadable(Runnable listener) {
        this.listener = listener;
    }

    @Override
    public int receive(PacketBatch into, PacketPool pool) throws IOException {
        if (receiveFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IOException("scripted receive failure");
        }
        if (endless) {
            add(into, pool, new byte[] {(byte) 0xEE, 0, 0, 0});
            listener.run();
            return 1;
        }
        int n = 0;
        byte[] datagram;
        while (!into.isFull() && (datagram = incoming.poll()) != null) {
            add(into, pool, datagram);
            n++;
        }
        return n;
    }

    private static void add(PacketBatch into, PacketPool pool, byte[] datagram) {
        Packet p = pool.acquire();
        p.setContents(datagram, 0, datagram.length);
        into.add(p);
    }

    /** The next flush throws {@code error} (a failure no restart mends). */
    void failFlushWith(Error error) {
        flushError = error;
    }

    @Override
    public void flush() {
        Error error = flushError;
        if (error != null) {
            flushError = null;
            throw error;
        }
        if (flushFailures.getAndUpdate(n -> n == FOREVER ? n : Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("scripted flush failure");
        }
    }

    @Override
    public boolean send(Packet packet, int peerHandle) {
        packet.release();
        return true;
    }

    @Override
    public int handleOf(InetSocketAddress remote) {
        return 0;
    }

    @Override
    public InetSocketAddress addressOf(int peerHandle) {
        return null;
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "scripted";
    }
}
