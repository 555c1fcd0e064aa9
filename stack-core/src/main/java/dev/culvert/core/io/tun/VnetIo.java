package dev.culvert.core.io.tun;

import dev.culvert.core.io.nativeio.Errno;
import dev.culvert.core.io.nativeio.LibC;
import dev.culvert.core.io.nativeio.Native;
import dev.culvert.core.io.nativeio.NativeIoException;
import dev.culvert.core.offload.OffloadDrops;
import dev.culvert.core.offload.SuperPacketSplitter;
import dev.culvert.core.offload.TcpCoalescer;
import dev.culvert.core.offload.VirtioNetHeader;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reading and writing a TUN queue opened with {@code IFF_VNET_HDR}: every packet crosses with a
 * {@link VirtioNetHeader} in front. A read lands in a 64 KiB buffer of the queue's own, since a
 * super-packet does not fit a pooled one, and {@link SuperPacketSplitter} cuts it into pooled
 * packets. Writes join consecutive segments of a TCP stream into one super-packet
 * ({@link TcpCoalescer}) where the device took TSO, written at the end of the run of writes; any
 * other packet goes out after a plain header in one {@code writev}, so it is not copied and its
 * window is not touched.
 */
final class VnetIo {
    /**
     * Room for the largest super-packet a TUN device hands over: 64 KiB of IP packet
     * (GSO_LEGACY_MAX_SIZE), with slack. A read never truncates: a packet that did not fit would fail it.
     */
    private static final int LARGEST = 65536 + 256;

    private final int fd;
    /** "TUN tun0 queue 0", for a read's error, made once rather than per read. */
    private final String what;
    private final LibC libc = Native.libc();
    private final ByteBuffer in = ByteBuffer.allocateDirect(VirtioNetHeader.SIZE + LARGEST);
    private final long inAddress = Native.address(in);
    private final ByteBuffer plainHeader = Native.struct(VirtioNetHeader.SIZE);
    private final ByteBuffer vector = Native.struct(32); // struct iovec[2]
    private final long vectorAddress = Native.address(vector);
    private final OffloadDrops drops = new OffloadDrops();
    private final SuperPacketSplitter splitter = new SuperPacketSplitter(drops);

    /** Null where the kernel did not take TSO: joined segments are then not offered to it. */
    private final TcpCoalescer coalescer;
    private final long coalescerAddress;
    private final LongAdder joined = new LongAdder();
    private final LongAdder superPacketsWritten = new LongAdder();

    VnetIo(int fd, boolean join, String what) {
        this.fd = fd;
        this.what = what;
        this.coalescer = join ? new TcpCoalescer() : null;
        this.coalescerAddress = join ? Native.address(coalescer.buffer()) : 0;
        vector.putLong(0, Native.address(plainHeader));
        vector.putLong(8, VirtioNetHeader.SIZE);
    }

    /**
     * Fills {@code into} with what the device holds: first what is left of a super-packet the last
     * call could not fit, then new reads, until the batch is full or the device has nothing.
     * Leaves the device's packets where they are while the pool has no buffer.
     */
    int read(PacketBatch into, PacketPool pool) throws NativeIoException {
        int count = 0;
        if (splitter.pending()) {
            count += splitter.emit(into, pool);
        }
        while (!into.isFull() && pool.available() > 0) {
            long n = libc.read(fd, inAddress, in.capacity());
            if (n <= 0) {
                if (n == 0) {
                    break;
                }
                int errno = Native.errno();
                if (Errno.wouldBlock(errno)) {
                    break;
                }
                throw new NativeIoException("read " + what + ": " + Native.describe(errno), errno);
            }
            if (n < VirtioNetHeader.SIZE) {
                drops.count(OffloadDrops.MALFORMED, 1);
                continue;
            }
            if (splitter.load(in, 0, VirtioNetHeader.SIZE, (int) n - VirtioNetHeader.SIZE)) {
                count += splitter.emit(into, pool);
            }
        }
        return count;
    }

    /**
     * Writes one packet, or joins it to the TCP super-packet being built (copied in, so it is
     * written as far as the caller is concerned); a packet that joins nothing goes out after a
     * plain header. The system call's result, as {@code write}'s; 1 for a packet joined. A
     * super-packet that follows a packet it could not take is written first, to keep the order.
     */
    long write(Packet packet) {
        if (coalescer != null) {
            if (coalescer.holding()) {
                if (coalescer.append(packet)) {
                    return 1;
                }
                flush(); // a refusal is counted there: this packet is another's
            }
            if (coalescer.start(packet)) {
                return 1;
            }
        }
        vector.putLong(16, Native.address(packet.buffer()) + packet.offset());
        vector.putLong(24, packet.length());
        return libc.writev(fd, vectorAddress, 2);
    }

    /** Writes the super-packet being built, if any; false, its segments counted as dropped, if the device refused it. */
    boolean flush() {
        if (coalescer == null || !coalescer.holding()) {
            return true;
        }
        int segments = coalescer.count();
        int n = coalescer.finish();
        if (libc.write(fd, coalescerAddress, n) < 0) {
            drops.count(OffloadDrops.JOINED_WRITE_REFUSED, segments);
            return false;
        }
        if (segments > 1) {
            joined.add(segments);
            superPacketsWritten.increment();
        }
        return true;
    }

    OffloadDrops drops() {
        return drops;
    }

    SuperPacketSplitter splitter() {
        return splitter;
    }

    /** Super-packets written, joined from more than one segment. */
    long superPacketsWritten() {
        return superPacketsWritten.sum();
    }

    /** Segments joined into those super-packets. */
    long segmentsJoined() {
        return joined.sum();
    }
}
