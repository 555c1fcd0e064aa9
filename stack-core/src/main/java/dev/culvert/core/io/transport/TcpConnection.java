package dev.culvert.core.io.transport;

import dev.culvert.core.io.nativeio.Native;
import dev.culvert.core.packet.Packet;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * One TCP connection's state: a receive buffer that bytes are read into and frames are cut out
 * of (by its {@link FrameReader}), and a bounded queue of framed packets
 * waiting to be written, with how much of the first one is already out. Confined to the worker
 * that owns the transport.
 */
final class TcpConnection {
    final int fd;
    final int handle;
    final InetSocketAddress remote;
    boolean connecting;
    boolean closed;
    /** When it was accepted (or opened), for the handshake window. */
    long openedNanos;
    /** The tunnel completed its handshake: the handshake window no longer applies. */
    boolean established;

    final ByteBuffer in;
    final long inAddress;
    int inStart;
    int inEnd;

    final FrameReader frames;

    private final Packet[] queue;
    private int queueHead;
    private int queueSize;
    /** Bytes of the head packet already written. */
    int written;
    boolean wantsWrite;
    boolean listedDirty;

    TcpConnection(int fd, int handle, InetSocketAddress remote, int receiveBuffer, int queueCapacity, FrameReader frames) {
        this.frames = frames;
        this.fd = fd;
        this.handle = handle;
        this.remote = remote;
        this.in = Native.struct(receiveBuffer);
        this.inAddress = Native.address(in);
        this.queue = new Packet[queueCapacity];
    }

    boolean offer(Packet framed) {
        if (queueSize == queue.length) {
            return false;
        }
        queue[(queueHead + queueSize) % queue.length] = framed;
        queueSize++;
        return true;
    }

    Packet head() {
        return queueSize == 0 ? null : queue[queueHead];
    }

    void removeHead() {
        queue[queueHead] = null;
        queueHead = (queueHead + 1) % queue.length;
        queueSize--;
        written = 0;
    }

    int queued() {
        return queueSize;
    }

    /** Releases every buffer this connection holds; returns how many queued packets were dropped. */
    int releaseAll() {
        int dropped = queueSize;
        while (queueSize > 0) {
            head().release();
            removeHead();
        }
        frames.release();
        return dropped;
    }
}
