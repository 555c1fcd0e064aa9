package dev.culvert.core.io.transport;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.io.nativeio.Epoll;
import dev.culvert.core.io.nativeio.Errno;
import dev.culvert.core.io.nativeio.LibC;
import dev.culvert.core.io.nativeio.Linux;
import dev.culvert.core.io.nativeio.Native;
import dev.culvert.core.io.nativeio.NativeIoException;
import dev.culvert.core.io.nativeio.SocketAddresses;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.worker.Pollable;
import dev.culvert.spi.transport.Transport;
import dev.culvert.spi.transport.TransportOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * One worker's TCP endpoint: a listening socket (SO_REUSEPORT, so the kernel spreads new
 * connections over the workers) and the connections it accepted, or one outgoing connection.
 * Each packet travels as OpenVPN frames it on a stream: a 2-byte big-endian length, then it.
 *
 * <p>All of it sits in a nested epoll set whose descriptor the worker waits on, so a worker with
 * a thousand connections still waits on one descriptor for them. Reads are cut into frames
 * incrementally, whatever the segment boundaries; a length of 0 or above the maximum closes that
 * connection only, counted. Writes that the socket cannot take wait in a per-connection queue of
 * bounded length; a full queue refuses further packets (counted), so a peer that stops reading
 * holds at most that queue, its receive buffer and one partial frame.
 *
 * <p>A listener given a {@link #handshakeWindow} closes each accepted connection that the tunnel
 * has not called {@link #established} in time (idle, half-framed, or talking nonsense). Refused
 * and closed connections are counted and logged per source ({@link TcpRefusals}).
 *
 * <p>Handles carry the transport's index (its worker), so a tunnel module can route a peer's
 * packets to the worker that owns its connection: {@link #ownerIndexOf(int)}.
 */
public final class TcpTransport implements Transport, Pollable {
    private static final System.Logger LOG = System.getLogger(TcpTransport.class.getName());
    private static final long LISTENER = -1;
    private static final long SWEEP_TIMER = -2;
    private static final int RECEIVE_BUFFER = 16 * 1024;
    private static final int EVENTS = 64;

    private final int index;
    private final int listenFd;
    private final InetSocketAddress local;
    private final Epoll epoll;
    private final int maxFrame;
    private final int queueCapacity;
    private final TransportOptions buffers;
    private final ConnectionSlots connections;
    private final List<TcpConnection> dirty = new ArrayList<>();
    private final List<TcpConnection> buffered = new ArrayList<>();
    private final TransportDrops drops;
    private final TcpRefusals refusals;
    private final LibC libc = Native.libc();
    private final ByteBuffer acceptAddress = Native.struct(SocketAddresses.MAX_LENGTH);
    private final ByteBuffer acceptLength = Native.struct(4);
    private final LongAdder received = new LongAdder();
    private final LongAdder receivedBytes = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder rejectedConnections = new LongAdder();
    private final LongAdder closedConnections = new LongAdder();
    private final LongAdder poolDrops = new LongAdder();
    private final LongAdder partialWrites = new LongAdder();
    private final HandshakeWindow handshake = new HandshakeWindow();

    TcpTransport(int index, int listenFd, InetSocketAddress local, TransportDrops drops, int maxConnections, int maxFrame,
            int queueCapacity, TransportOptions buffers) throws NativeIoException {
        this.connections = new ConnectionSlots(index, maxConnections);
        this.index = index;
        this.listenFd = listenFd;
        this.local = local;
        this.drops = drops;
        this.refusals = new TcpRefusals(drops, line -> LOG.log(System.Logger.Level.INFO, line));
        this.maxFrame = maxFrame;
        this.queueCapacity = queueCapacity;
        this.buffers = buffers;
        this.epoll = new Epoll(EVENTS);
        if (listenFd >= 0) {
            epoll.add(listenFd, Linux.EPOLLIN, LISTENER);
        }
    }

    /** Which transport (worker) of its endpoint a handle belongs to. */
    public static int transportIndexOf(int handle) {
        return ConnectionSlots.transportIndexOf(handle);
    }

    @Override
    public int pollFd() {
        return epoll.fd();
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    public TransportDrops drops() {
        return drops;
    }

    @Override
    public Map<String, Long> dropCounts() {
        return drops.snapshot();
    }

    /** Starts a non-blocking connection to {@code remote}; returns its handle. */
    int connect(InetSocketAddress remote) throws NativeIoException {
        int fd = Sockets.openStream(remote, buffers);
        ByteBuffer addr = Native.struct(SocketAddresses.MAX_LENGTH);
        int length = SocketAddresses.write(addr, 0, remote);
        boolean pending = false;
        if (libc.connect(fd, Native.address(addr), length) != 0) {
            int errno = Native.errno();
            if (errno != Errno.EINPROGRESS) {
                Native.closeQuietly(fd);
                throw new NativeIoException("connect " + remote + ": " + Native.describe(errno), errno);
            }
            pending = true;
        }
        TcpConnection c = register(fd, remote);
        if (c == null) {
            throw new IllegalStateException("no connection slot free");
        }
        c.connecting = pending;
        c.established = true; // our own connection: the handshake window is a listener's guard
        if (pending) {
            // Writable means connected (or failed); until then nothing is read or written.
            epoll.modify(fd, Linux.EPOLLOUT, ConnectionSlots.slotOf(c.handle));
        }
        return c.handle;
    }

    private TcpConnection register(int fd, InetSocketAddress remote) throws NativeIoException {
        int handle = connections.freeHandle();
        if (handle < 0) {
            return null;
        }
        TcpConnection c = new TcpConnection(fd, handle, remote, RECEIVE_BUFFER, queueCapacity, new FrameReader(maxFrame, poolDrops));
        handshake.stamp(c);
        Sockets.setInt(fd, Linux.IPPROTO_TCP, Linux.TCP_NODELAY, 1, "TCP_NODELAY");
        epoll.add(fd, Linux.EPOLLIN, ConnectionSlots.slotOf(handle));
        connections.put(c);
        return c;
    }

    @Override
    public int receive(PacketBatch into, PacketPool pool) throws IOException {
        int before = into.size();
        for (int i = buffered.size() - 1; i >= 0 && !into.isFull(); i--) {
            TcpConnection c = buffered.remove(i);
            parse(c, into, pool);
        }
        int ready = epoll.await(0);
        for (int e = 0; e < ready; e++) {
            long token = epoll.token(e);
            if (token == LISTENER) {
                acceptAll();
                continue;
            }
            if (token == SWEEP_TIMER) {
                handshake.sweep(connections.all(), c -> close(c, TransportDrops.HAND_WINDOW));
                continue;
            }
            TcpConnection c = connections.atSlot((int) token);
            if (c == null) {
                continue;
            }
            int events = epoll.events(e);
            if (c.connecting) {
                finishConnect(c);
                continue;
            }
            if ((events & Linux.EPOLLOUT) != 0) {
                writeSome(c);
            }
            if (!c.closed && (events & (Linux.EPOLLIN | Linux.EPOLLHUP | Linux.EPOLLERR)) != 0 && !into.isFull()) {
                readSome(c, into, pool);
            }
        }
        int taken = into.size() - before;
        received.add(taken);
        return taken;
    }

    private void acceptAll() {
        for (int i = 0; i < EVENTS; i++) {
            acceptLength.putInt(0, SocketAddresses.MAX_LENGTH);
            int fd = libc.accept4(listenFd, Native.address(acceptAddress), Native.address(acceptLength),
                    Linux.SOCK_NONBLOCK | Linux.SOCK_CLOEXEC);
            if (fd < 0) {
                return;
            }
            try {
                InetSocketAddress remote = SocketAddresses.read(acceptAddress, 0);
                if (register(fd, remote) == null) {
                    rejectedConnections.increment();
                    refusals.refused(TransportDrops.NO_SLOT, remote);
                    Native.closeQuietly(fd);
                }
            } catch (NativeIoException | RuntimeException e) {
                rejectedConnections.increment();
                Native.closeQuietly(fd);
            }
        }
    }

    /** A listener closes connections not {@link #established} within {@code windowNanos} of their accept; see {@link HandshakeWindow}. */
    @Override
    public void handshakeWindow(long windowNanos) throws IOException {
        if (listenFd >= 0) {
            handshake.arm(windowNanos, epoll, SWEEP_TIMER);
        }
    }

    @Override
    public void established(int peerHandle) {
        TcpConnection c = connections.byHandle(peerHandle);
        if (c != null) {
            c.established = true;
        }
    }

    HandshakeWindow handshake() {
        return handshake;
    }

    private void finishConnect(TcpConnection c) {
        ByteBuffer value = Native.struct(4);
        ByteBuffer length = Native.struct(4);
        length.putInt(0, 4);
        int error = libc.getsockopt(c.fd, Linux.SOL_SOCKET, Linux.SO_ERROR, Native.address(value), Native.address(length)) == 0
                ? value.getInt(0) : Native.errno();
        if (error != 0) {
            LOG.log(System.Logger.Level.WARNING, "TCP connect to " + c.remote + " failed: " + Native.describe(error));
            close(c, TransportDrops.CONNECTION_CLOSED);
            return;
        }
        c.connecting = false;
        c.wantsWrite = c.queued() > 0;
        try {
            epoll.modify(c.fd, Linux.EPOLLIN | (c.wantsWrite ? Linux.EPOLLOUT : 0), ConnectionSlots.slotOf(c.handle));
        } catch (NativeIoException e) {
            close(c, TransportDrops.CONNECTION_CLOSED);
            return;
        }
        writeSome(c);
    }

    private void readSome(TcpConnection c, PacketBatch into, PacketPool pool) {
        if (c.inStart == c.inEnd) {
            c.inStart = 0;
            c.inEnd = 0;
        } else if (c.inStart > 0) {
            c.in.put(0, c.in, c.inStart, c.inEnd - c.inStart);
            c.inEnd -= c.inStart;
            c.inStart = 0;
        }
        if (c.inEnd == c.in.capacity()) {
            return; // unparsed input fills the buffer: it is parsed before more is read
        }
        long n = libc.read(c.fd, c.inAddress + c.inEnd, c.in.capacity() - c.inEnd);
        if (n == 0) {
            close(c, TransportDrops.CONNECTION_CLOSED);
            return;
        }
        if (n < 0) {
            int errno = Native.errno();
            if (!Errno.wouldBlock(errno)) {
                close(c, TransportDrops.CONNECTION_CLOSED);
            }
            return;
        }
        c.inEnd += (int) n;
        receivedBytes.add(n);
        parse(c, into, pool);
    }

    /** Cuts frames out of the connection's receive buffer until it or the batch runs out. */
    private void parse(TcpConnection c, PacketBatch into, PacketPool pool) {
        int next = c.frames.read(c.in, c.inStart, c.inEnd, into, pool, c.handle);
        if (next == FrameReader.BAD_LENGTH) {
            close(c, TransportDrops.BAD_FRAME_LENGTH);
            return;
        }
        c.inStart = next;
        if (c.inStart < c.inEnd && !buffered.contains(c)) {
            buffered.add(c); // the batch filled first: parse the rest on the next receive
        }
    }

    /** Frames skipped because no packet buffer was free ({@link DropReason#POOL_EXHAUSTED}). */
    public long poolExhaustedDrops() {
        return poolDrops.sum();
    }

    @Override
    public boolean send(Packet packet, int peerHandle) {
        TcpConnection c = connections.byHandle(peerHandle);
        if (c == null || c.closed) {
            drops.count(TransportDrops.UNKNOWN_PEER, 1);
            return false;
        }
        int length = packet.length();
        if (length == 0 || length > maxFrame || packet.headroom() < 2) {
            drops.count(TransportDrops.TOO_LARGE, 1);
            return false;
        }
        packet.prepend(2);
        packet.putShort(0, length);
        if (!c.offer(packet)) {
            packet.trimFront(2);
            drops.count(TransportDrops.QUEUE_FULL, 1);
            return false;
        }
        if (!c.listedDirty) {
            c.listedDirty = true;
            dirty.add(c);
        }
        return true;
    }

    @Override
    public void flush() {
        for (int i = 0; i < dirty.size(); i++) {
            TcpConnection c = dirty.get(i);
            c.listedDirty = false;
            if (!c.closed && !c.connecting) {
                writeSome(c);
            }
        }
        dirty.clear();
    }

    /** Writes queued frames until the queue is empty or the socket is full; then waits for EPOLLOUT. */
    private void writeSome(TcpConnection c) {
        Packet p;
        while ((p = c.head()) != null) {
            long n = libc.sendto(c.fd, Native.address(p.buffer()) + p.offset() + c.written, p.length() - c.written,
                    Linux.MSG_DONTWAIT | Linux.MSG_NOSIGNAL, 0, 0);
            if (n < 0) {
                int errno = Native.errno();
                if (Errno.wouldBlock(errno)) {
                    updateInterest(c, true);
                    return;
                }
                close(c, TransportDrops.CONNECTION_CLOSED);
                return;
            }
            c.written += (int) n;
            if (c.written < p.length()) {
                partialWrites.increment();
            }
            if (c.written == p.length()) {
                c.removeHead();
                p.release();
                sent.increment();
            }
        }
        updateInterest(c, false);
    }

    private void updateInterest(TcpConnection c, boolean wantsWrite) {
        if (c.wantsWrite == wantsWrite || c.closed) {
            return;
        }
        c.wantsWrite = wantsWrite;
        try {
            epoll.modify(c.fd, Linux.EPOLLIN | (wantsWrite ? Linux.EPOLLOUT : 0), ConnectionSlots.slotOf(c.handle));
        } catch (NativeIoException e) {
            close(c, TransportDrops.CONNECTION_CLOSED);
        }
    }

    private void close(TcpConnection c, DropReason reason) {
        if (c.closed) {
            return;
        }
        c.closed = true;
        if (reason == TransportDrops.BAD_FRAME_LENGTH || reason == TransportDrops.HAND_WINDOW) {
            refusals.refused(reason, c.remote);
        }
        int dropped = c.releaseAll();
        if (dropped > 0) {
            drops.count(TransportDrops.CONNECTION_CLOSED, dropped);
        }
        epoll.remove(c.fd);
        Native.closeQuietly(c.fd);
        connections.remove(c);
        buffered.remove(c);
        closedConnections.increment();
    }

    @Override
    public boolean isStream() {
        return true;
    }

    /** Closes one connection, dropping (and counting) what it still had queued. */
    @Override
    public void forget(int handle) {
        TcpConnection c = connections.byHandle(handle);
        if (c != null) {
            close(c, TransportDrops.CONNECTION_CLOSED);
        }
    }

    @Override
    public int ownerIndexOf(int peerHandle) {
        return transportIndexOf(peerHandle);
    }

    @Override
    public int peerCount() {
        return connectionHandles().size();
    }

    /** Handles of the connections open now; control path (it allocates). */
    public List<Integer> connectionHandles() {
        return connections.openHandles();
    }

    /** The handle of the open connection with that remote address, or -1: TCP peers are connections. */
    @Override
    public int handleOf(InetSocketAddress remote) {
        return connections.handleOf(remote);
    }

    @Override
    public InetSocketAddress addressOf(int peerHandle) {
        TcpConnection c = connections.byHandle(peerHandle);
        return c == null ? null : c.remote;
    }

    /** Packets queued on a connection and not yet written; for tests and reports. */
    public int queuedFor(int handle) {
        TcpConnection c = connections.byHandle(handle);
        return c == null ? 0 : c.queued();
    }

    /** Bytes read from every connection, framing included; for tests and reports. */
    public long receivedBytes() {
        return receivedBytes.sum();
    }

    /** How many connections this socket holds at most; one more is closed at once (tcp.no-slot). */
    public int connectionCapacity() {
        return connections.capacity();
    }

    public long receivedPackets() {
        return received.sum();
    }

    public long sentPackets() {
        return sent.sum();
    }

    /** Connections refused because every slot was taken. */
    public long rejectedConnections() {
        return rejectedConnections.sum();
    }

    /** Writes the socket took only part of; the rest followed on a later EPOLLOUT. */
    public long partialWrites() {
        return partialWrites.sum();
    }

    @Override
    public long closedConnections() {
        return closedConnections.sum();
    }

    @Override
    public void close() {
        for (TcpConnection c : connections.all()) {
            if (c != null) {
                close(c, TransportDrops.CONNECTION_CLOSED);
            }
        }
        if (listenFd >= 0) {
            Native.closeQuietly(listenFd);
        }
        handshake.close();
        epoll.close();
    }

    @Override
    public String toString() {
        return "TcpTransport[" + (listenFd >= 0 ? "listening on " + local : "client") + ", #" + index + "]";
    }
}
