package dev.culvert.core.io.transport;

import dev.culvert.core.io.nativeio.Errno;
import dev.culvert.core.io.nativeio.LibC;
import dev.culvert.core.io.nativeio.Linux;
import dev.culvert.core.io.nativeio.Native;
import dev.culvert.core.io.nativeio.NativeIoException;
import dev.culvert.core.io.nativeio.SocketAddresses;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.spi.transport.Transport;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

/**
 * UDP GRO on a receiving socket: with {@code UDP_GRO} set, the kernel hands over consecutive
 * datagrams of one flow joined in one buffer of up to 64 KiB (a peer's GSO train arrives whole
 * instead of being cut by the kernel first; a device that does GRO joins plain datagrams too),
 * with their length in a control message. Each received buffer is cut here into the datagrams it
 * joined, each copied into a pooled packet, exactly as they left the peer; a buffer without the
 * control message is one datagram.
 *
 * <p>Receiving into buffers the pool does not own costs a copy per datagram, and a joined buffer
 * may carry more datagrams than the batch has room for: what is left is cut on the next call,
 * before the socket is read again (the worker reads again at once after a full batch).
 */
final class JoinedReceive {
    /**
     * Set to {@code off} ({@code CULVERT_JAVA_OPTS=-Dculvert.udp-gro=off}) to receive every
     * datagram on its own, as before UDP GRO: an escape hatch should a kernel mishandle it.
     */
    static final String PROPERTY = "culvert.udp-gro";
    /** A joined buffer's largest: one UDP datagram's 16-bit length. */
    static final int BUFFER_BYTES = 65_536;
    /** Buffers posted at most per call: 1 MiB of address space per socket, touched only as far as data lands. */
    static final int MOST_BUFFERS = 16;

    private final LibC libc = Native.libc();
    private final MessageVector vector;
    private final ByteBuffer space;
    private final long spaceAddress;
    /** Messages the last recvmmsg brought, the one being cut, and how far into it. */
    private int messages;
    private int message;
    private int offset;
    private int segment;
    private int total;
    private int handle;
    private final LongAdder joined = new LongAdder();
    private final LongAdder joinedDatagrams = new LongAdder();

    JoinedReceive(int batch) {
        int buffers = Math.max(1, Math.min(batch, MOST_BUFFERS));
        this.vector = new MessageVector(buffers, MessageVector.CONTROL_FOR_AN_INT);
        this.space = Native.struct(buffers * BUFFER_BYTES);
        this.spaceAddress = Native.address(space);
    }

    /** Turns UDP GRO on for {@code fd}; false where the kernel lacks it (before 5.0) or the operator turned it off. */
    static boolean enable(int fd) {
        if ("off".equalsIgnoreCase(System.getProperty(PROPERTY, "on"))) {
            return false;
        }
        ByteBuffer one = Native.struct(4);
        one.putInt(0, 1);
        return Native.libc().setsockopt(fd, Linux.IPPROTO_UDP, Linux.UDP_GRO, Native.address(one), 4) == 0;
    }

    /**
     * Adds to {@code into} what is left of the last call's buffers, then, if there is room,
     * reads up to {@code post} buffers from the socket and cuts them. Returns the packets added.
     */
    int receive(int fd, PacketBatch into, PacketPool pool, PeerTable peers, TransportDrops drops, int post, Object where)
            throws NativeIoException {
        int room = into.capacity() - into.size();
        int taken = cut(into, pool, peers, drops, room);
        if (taken == room) {
            return taken; // the batch is full; what is left of the last read, if anything, comes next call
        }
        int posted = Math.max(1, Math.min(vector.capacity, post));
        for (int i = 0; i < posted; i++) {
            vector.set(i, spaceAddress + (long) i * BUFFER_BYTES, BUFFER_BYTES, SocketAddresses.MAX_LENGTH);
        }
        int n = libc.recvmmsg(fd, vector.address, posted, Linux.MSG_DONTWAIT, 0);
        if (n < 0) {
            int errno = Native.errno();
            if (Errno.wouldBlock(errno)) {
                return taken;
            }
            throw new NativeIoException("recvmmsg on " + where + ": " + Native.describe(errno), errno);
        }
        messages = n;
        message = 0;
        offset = 0;
        return taken + cut(into, pool, peers, drops, room - taken);
    }

    /** Buffers the last read brought (for sizing the next). */
    int lastMessages() {
        return messages;
    }

    private int cut(PacketBatch into, PacketPool pool, PeerTable peers, TransportDrops drops, int room) {
        int taken = 0;
        while (taken < room && message < messages) {
            if (offset == 0 && !begin(peers, drops)) {
                message++;
                continue;
            }
            int length = Math.min(segment, total - offset);
            Packet packet = pool.acquire();
            if (packet == null) {
                drops.count(TransportDrops.NO_PACKET_BUFFER, Math.max(1, (total - offset + segment - 1) / segment));
                next();
                continue;
            }
            if (length > packet.tailroom()) {
                drops.count(TransportDrops.TRUNCATED, 1);
                packet.release();
            } else {
                packet.buffer().put(packet.offset(), space, message * BUFFER_BYTES + offset, length);
                packet.setLength(length);
                RemoteSockaddr.read(vector.memory, vector.nameOffset(message), packet.remoteAddress());
                packet.setRemote(handle < 0 ? Transport.UNKNOWN_PEER : handle);
                into.add(packet);
                taken++;
            }
            offset += length;
            if (offset >= total) {
                next();
            }
        }
        return taken;
    }

    /** Reads message {@link #message}'s length, datagram size and sender; false if it is to be skipped. */
    private boolean begin(PeerTable peers, TransportDrops drops) {
        if ((vector.flags(message) & UdpTransport.MSG_TRUNC) != 0) {
            drops.count(TransportDrops.TRUNCATED, 1);
            return false;
        }
        total = vector.received(message);
        int size = vector.controlInt(message, Linux.IPPROTO_UDP, Linux.UDP_GRO);
        segment = size > 0 && size < total ? size : Math.max(total, 1);
        if (segment < total) {
            joined.increment();
            joinedDatagrams.add((total + segment - 1) / segment);
        }
        // Looked up, never added: a stranger's datagram carries its address, not a handle.
        handle = peers.lookup(vector.memory, vector.nameOffset(message));
        return true;
    }

    private void next() {
        message++;
        offset = 0;
    }

    /** Buffers that arrived joined (more than one datagram). */
    long joinedReceived() {
        return joined.sum();
    }

    /** Datagrams that arrived in joined buffers. */
    long joinedDatagramsReceived() {
        return joinedDatagrams.sum();
    }
}
