package dev.culvert.core.io.transport;

import dev.culvert.core.io.nativeio.Errno;
import dev.culvert.core.io.nativeio.LibC;
import dev.culvert.core.io.nativeio.Linux;
import dev.culvert.core.io.nativeio.Native;
import dev.culvert.core.io.nativeio.NativeIoException;
import dev.culvert.core.worker.Pollable;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.packet.RemoteAddress;
import dev.culvert.spi.transport.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * One worker's UDP socket. Receives a batch per {@code recvmmsg} and sends what {@link #send}
 * queued with one {@code sendmmsg} per {@link #flush()}, in the order it was queued. The queue is
 * one batch long: a full queue is flushed at once, and what the kernel's send buffer cannot take
 * is dropped and counted, so a slow network never makes memory grow. Receiving looks each sender
 * up in the endpoint's {@link PeerTable} and never adds to it: a stranger's datagram arrives as
 * from {@link Transport#UNKNOWN_PEER}, with its address in the packet.
 */
public final class UdpTransport implements Transport, Pollable {
    static final int MSG_TRUNC = 0x20;

    private final int fd;
    private final InetSocketAddress local;
    private final PeerTable peers;
    private final LibC libc = Native.libc();
    private final MessageVector receiveVector;
    private final TrainVector sendVector;
    /**
     * The longest datagram sent in trains (UDP GSO): 0 when the kernel has no UDP_SEGMENT or a
     * route refused a train with EIO (a device that cannot take them), lowered below the length of
     * a train refused with EINVAL (longer than the path MTU, which the kernel does not cut trains to).
     */
    private int largestTrainSegment;
    private final LongAdder trains = new LongAdder();
    private final LongAdder trainDatagrams = new LongAdder();
    private final LongAdder trainsResent = new LongAdder();
    /** Receives joined datagrams (UDP GRO) where the kernel joins them; null where it does not. */
    private final JoinedReceive joinedReceive;
    private final Packet[] receiving;
    /**
     * Buffers to post with the next recvmmsg: twice what the last call brought, at least
     * {@link #FEWEST_POSTED}. A quiet tunnel's call brings one datagram; posting the whole batch
     * each time took and gave back 63 pooled buffers per packet (13 % of an idle worker's time).
     * A burst doubles it back to the batch within a few calls.
     */
    private int toPost;
    private static final int FEWEST_POSTED = 4;
    private final Packet[] pending;
    private final java.nio.ByteBuffer lookupScratch = Native.struct(dev.culvert.core.io.nativeio.SocketAddresses.MAX_LENGTH);
    private int pendingCount;
    private final TransportDrops drops;
    private final LongAdder received = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final AtomicBoolean closed = new AtomicBoolean();

    UdpTransport(int fd, InetSocketAddress local, PeerTable peers, TransportDrops drops, int batch) {
        this(fd, local, peers, drops, batch, UdpSegmentation.available(fd), JoinedReceive.enable(fd));
    }

    UdpTransport(int fd, InetSocketAddress local, PeerTable peers, TransportDrops drops, int batch, boolean trains, boolean joined) {
        this.fd = fd;
        this.local = local;
        this.peers = peers;
        this.drops = drops;
        this.receiveVector = new MessageVector(batch);
        this.toPost = batch;
        this.sendVector = new TrainVector(batch);
        this.largestTrainSegment = trains ? 0xffff : 0;
        this.joinedReceive = joined ? new JoinedReceive(batch) : null;
        this.receiving = new Packet[batch];
        this.pending = new Packet[batch];
    }

    @Override
    public int pollFd() {
        return fd;
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    public PeerTable peers() {
        return peers;
    }

    /** Drops counted by the sockets of this endpoint. */
    public TransportDrops drops() {
        return drops;
    }

    /** Removes the address from the peer table the endpoint's sockets share. */
    @Override
    public void forget(int peerHandle) {
        peers.forget(peerHandle);
    }

    /** Addresses in the peer table the endpoint's sockets share. */
    @Override
    public int peerCount() {
        return peers.size();
    }

    /** Drops counted by the sockets of this endpoint, together. */
    @Override
    public Map<String, Long> dropCounts() {
        return drops.snapshot();
    }

    @Override
    public int receive(PacketBatch into, PacketPool pool) throws IOException {
        if (joinedReceive != null) {
            int taken = joinedReceive.receive(fd, into, pool, peers, drops, toPost, local);
            received.add(taken);
            toPost = Math.max(FEWEST_POSTED, Math.min(receiveVector.capacity, 2 * joinedReceive.lastMessages()));
            return taken;
        }
        int room = Math.min(Math.min(into.capacity() - into.size(), receiveVector.capacity), toPost);
        int ready = 0;
        while (ready < room) {
            Packet packet = pool.acquire();
            if (packet == null) {
                break;
            }
            receiving[ready] = packet;
            receiveVector.set(ready, Native.address(packet.buffer()) + packet.offset(), packet.tailroom(),
                    dev.culvert.core.io.nativeio.SocketAddresses.MAX_LENGTH);
            ready++;
        }
        if (ready == 0) {
            return 0;
        }
        int n = libc.recvmmsg(fd, receiveVector.address, ready, Linux.MSG_DONTWAIT, 0);
        int errno = n < 0 ? Native.errno() : 0;
        int taken = 0;
        for (int i = 0; i < ready; i++) {
            Packet packet = receiving[i];
            receiving[i] = null;
            if (i >= n) {
                packet.release();
                continue;
            }
            if ((receiveVector.flags(i) & MSG_TRUNC) != 0) {
                drops.count(TransportDrops.TRUNCATED, 1);
                packet.release();
                continue;
            }
            // Looked up, never added: a stranger's datagram carries its address, not a handle.
            int name = receiveVector.nameOffset(i);
            int handle = peers.lookup(receiveVector.memory, name);
            RemoteSockaddr.read(receiveVector.memory, name, packet.remoteAddress());
            packet.setLength(receiveVector.received(i));
            packet.setRemote(handle < 0 ? UNKNOWN_PEER : handle);
            into.add(packet);
            taken++;
        }
        if (n < 0 && !Errno.wouldBlock(errno)) {
            throw new NativeIoException("recvmmsg on " + local + ": " + Native.describe(errno), errno);
        }
        received.add(taken);
        toPost = Math.max(FEWEST_POSTED, Math.min(receiveVector.capacity, 2 * Math.max(n, 0)));
        return taken;
    }

    @Override
    public boolean send(Packet packet, int peerHandle) throws IOException {
        if (pendingCount == pending.length) {
            flush();
        }
        int i = pendingCount;
        return queue(packet, i, peers.copySockaddr(peerHandle, sendVector.names(), sendVector.nameOffset(i)));
    }

    /** Queues the packet for the address it came from, without a peer table entry. */
    @Override
    public boolean sendBack(Packet packet) throws IOException {
        if (pendingCount == pending.length) {
            flush();
        }
        int i = pendingCount;
        return queue(packet, i, RemoteSockaddr.write(packet.remoteAddress(), sendVector.names(), sendVector.nameOffset(i)));
    }

    private boolean queue(Packet packet, int i, int nameLength) {
        if (nameLength == 0) {
            return false;
        }
        sendVector.set(i, Native.address(packet.buffer()) + packet.offset(), packet.length(), nameLength);
        pending[i] = packet;
        pendingCount++;
        return true;
    }

    /**
     * Sends every queued packet, in order, consecutive datagrams to one peer as trains where the
     * kernel takes them; what the kernel refuses is dropped and counted. A train the route refuses
     * is sent again datagram by datagram, and trains are then made no longer (EINVAL, EMSGSIZE) or no more (EIO).
     */
    @Override
    public void flush() {
        int count = pendingCount;
        int packet = 0;
        int interrupted = 0;
        while (packet < count) {
            int messages = sendVector.plan(packet, count, largestTrainSegment);
            int m = 0;
            boolean replan = false;
            while (m < messages) {
                int n = libc.sendmmsg(fd, sendVector.headerAddress(m), messages - m, Linux.MSG_DONTWAIT | Linux.MSG_NOSIGNAL);
                if (n > 0) {
                    for (int k = m; k < m + n; k++) {
                        sent(sendVector.packetCount(k));
                    }
                    m += n;
                    continue;
                }
                int errno = Native.errno();
                if (errno == Errno.EINTR && interrupted++ < 3) {
                    continue;
                }
                if (errno == Errno.EAGAIN || errno == Errno.ENOBUFS) {
                    drops.count(TransportDrops.SEND_BUFFER_FULL, count - sendVector.firstPacket(m));
                    m = messages;
                    packet = count;
                    break;
                }
                if (sendVector.packetCount(m) > 1 && (errno == Errno.EIO || errno == Errno.EINVAL || errno == Errno.EMSGSIZE)) {
                    largestTrainSegment = errno == Errno.EIO ? 0 : Math.min(largestTrainSegment, sendVector.segmentLength(m) - 1);
                    trainsResent.increment();
                    packet = sendVector.firstPacket(m);
                    replan = true;
                    break;
                }
                // This one message is bad (too large, unreachable): drop it and go on with the rest.
                drops.count(errno == Errno.EMSGSIZE ? TransportDrops.TOO_LARGE : TransportDrops.SEND_FAILED, sendVector.packetCount(m));
                m++;
            }
            if (!replan) {
                packet = count;
            }
        }
        for (int i = 0; i < count; i++) {
            pending[i].release();
            pending[i] = null;
        }
        pendingCount = 0;
    }

    private void sent(int datagrams) {
        sent.add(datagrams);
        if (datagrams > 1) {
            trains.increment();
            trainDatagrams.add(datagrams);
        }
    }

    /** Trains sent (UDP GSO, more than one datagram in one send). */
    public long trainsSent() {
        return trains.sum();
    }

    /** Datagrams sent in trains. */
    public long trainDatagramsSent() {
        return trainDatagrams.sum();
    }

    /** Trains a route refused and that were sent again datagram by datagram. */
    public long trainsResent() {
        return trainsResent.sum();
    }

    /** Whether this socket still sends trains: false where the kernel has no UDP GSO or a route refused one with EIO. */
    public boolean sendsTrains() {
        return largestTrainSegment > 0;
    }

    /** Whether this socket receives joined datagrams (UDP GRO). */
    public boolean receivesJoined() {
        return joinedReceive != null;
    }

    /** Buffers received joined (more than one datagram each); 0 where UDP GRO is off. */
    public long joinedReceived() {
        return joinedReceive == null ? 0 : joinedReceive.joinedReceived();
    }

    /** Datagrams received in joined buffers. */
    public long joinedDatagramsReceived() {
        return joinedReceive == null ? 0 : joinedReceive.joinedDatagramsReceived();
    }

    /** Looks the address up in the shared peer table through this socket's own scratch sockaddr. */
    @Override
    public int knownHandleOf(RemoteAddress address) {
        if (RemoteSockaddr.write(address, lookupScratch, 0) == 0) {
            return UNKNOWN_PEER;
        }
        int handle = peers.lookup(lookupScratch, 0);
        return handle < 0 ? UNKNOWN_PEER : handle;
    }

    /** Learns the address in the family it arrived in (a v4-mapped IPv6 address stays one). */
    @Override
    public int handleOf(RemoteAddress remote) {
        return peers.handleOf(remote);
    }

    @Override
    public int handleOf(InetSocketAddress remote) {
        return peers.handleOf(remote);
    }

    @Override
    public InetSocketAddress addressOf(int peerHandle) {
        return peers.addressOf(peerHandle);
    }

    public long receivedPackets() {
        return received.sum();
    }

    public long sentPackets() {
        return sent.sum();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            for (int i = 0; i < pendingCount; i++) {
                pending[i].release();
                pending[i] = null;
            }
            pendingCount = 0;
            Native.closeQuietly(fd);
        }
    }

    /** Whether it sends trains, and what the trains carried. */
    @Override
    public String status() {
        return "udp " + local + ": trains (UDP GSO) " + (sendsTrains() ? "on" : "off") + "; trains sent " + trainsSent() + " carrying "
                + trainDatagramsSent() + " of " + sentPackets() + " datagrams, " + trainsResent() + " refused by the route and sent again one by one"
                + "; joined receives (UDP GRO) " + (receivesJoined() ? "on" : "off") + ", " + joinedReceived() + " carrying "
                + joinedDatagramsReceived() + " of " + receivedPackets() + " datagrams";
    }

    @Override
    public String toString() {
        return "UdpTransport[" + local + ", fd " + fd + "]";
    }
}
