package dev.culvert.core.io.tun;

import dev.culvert.core.io.nativeio.Errno;
import dev.culvert.core.io.nativeio.LibC;
import dev.culvert.core.io.nativeio.Native;
import dev.culvert.core.io.nativeio.NativeIoException;
import dev.culvert.core.worker.Pollable;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.spi.link.Link;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * One queue of a TUN device: a non-blocking descriptor that one worker reads and writes. Without
 * offloads each read or write moves one IP packet (no packet-information header:
 * {@code IFF_NO_PI}) directly between the kernel and a pooled packet's buffer; with them
 * ({@link TunOffloads}) each crosses with a virtio header, and a read may bring a super-packet
 * that {@link VnetIo} cuts into many.
 */
public final class TunQueue implements Link, Pollable {
    private static final System.Logger LOG = System.getLogger(TunQueue.class.getName());

    private final String name;
    private final int queue;
    private final int mtu;
    private final int fd;
    private final TunDevice device;
    /** Null without {@code IFF_VNET_HDR}. */
    private final VnetIo vnet;
    private final LibC libc = Native.libc();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final LongAdder readPackets = new LongAdder();
    private final LongAdder writtenPackets = new LongAdder();
    private final LongAdder writeFailures = new LongAdder();
    private volatile boolean writeFailureLogged;

    TunQueue(String name, int queue, int mtu, int fd, TunDevice device) {
        this.name = name;
        this.queue = queue;
        this.mtu = mtu;
        this.fd = fd;
        this.device = device;
        this.vnet = device.offloads() >= 0 ? new VnetIo(fd, TunOffloads.tookTso(device.offloads()), "TUN " + name + " queue " + queue) : null;
    }

    @Override
    public String name() {
        return name;
    }

    /** This queue's index among the device's queues. */
    public int queue() {
        return queue;
    }

    @Override
    public int mtu() {
        return mtu;
    }

    @Override
    public int pollFd() {
        return fd;
    }

    @Override
    public int read(PacketBatch into, PacketPool pool) throws IOException {
        if (vnet != null) {
            int count = vnet.read(into, pool);
            readPackets.add(count);
            return count;
        }
        int count = 0;
        while (!into.isFull()) {
            Packet packet = pool.acquire();
            if (packet == null) {
                // The kernel keeps the packet queued (and drops it itself when its queue is full).
                break;
            }
            long n = libc.read(fd, Native.address(packet.buffer()) + packet.offset(), packet.tailroom());
            if (n <= 0) {
                packet.release();
                if (n == 0) {
                    break;
                }
                int errno = Native.errno();
                if (Errno.wouldBlock(errno)) {
                    break;
                }
                throw new NativeIoException("read TUN " + name + " queue " + queue + ": " + Native.describe(errno), errno);
            }
            packet.setLength((int) n);
            into.add(packet);
            count++;
        }
        readPackets.add(count);
        return count;
    }

    @Override
    public boolean write(Packet packet) throws IOException {
        long n = vnet != null ? vnet.write(packet) : libc.write(fd, Native.address(packet.buffer()) + packet.offset(), packet.length());
        if (n < 0) {
            int errno = Native.errno();
            if (errno == Errno.EBADF) {
                throw new NativeIoException("write TUN " + name + ": closed", errno);
            }
            writeFailures.increment();
            logWriteFailure(errno);
            return false;
        }
        writtenPackets.increment();
        packet.release();
        return true;
    }

    /** Writes the TCP super-packet held back, if any; a refused one is counted in {@link #dropCounts}, a drop per segment. */
    @Override
    public void flush() {
        if (vnet != null && !vnet.flush()) {
            logWriteFailure(Native.errno());
        }
    }

    /** Super-packets written, each joined from consecutive segments of one TCP stream. */
    public long superPacketsWritten() {
        return vnet == null ? 0 : vnet.superPacketsWritten();
    }

    /** Segments joined into the super-packets written. */
    public long segmentsJoined() {
        return vnet == null ? 0 : vnet.segmentsJoined();
    }

    public long readPackets() {
        return readPackets.sum();
    }

    public long writtenPackets() {
        return writtenPackets.sum();
    }

    /** Writes the kernel refused (a packet that is not IP, the device down); the caller dropped each. */
    public long writeFailures() {
        return writeFailures.sum();
    }

    /** The offloads the device took, as {@link TunOffloads#describe} names them ("off": opened without virtio headers). */
    public String offloads() {
        return vnet == null ? "off" : TunOffloads.describe(device.offloads());
    }

    /**
     * "tun tun0 queue 0: offloads csum tso4 tso6 uso4 uso6; super-packets read 12 (cut into 345),
     * written 6 (joined from 78); drops {}", or "...: offloads off".
     */
    @Override
    public String status() {
        String head = "tun " + name + " queue " + queue + ": offloads " + offloads();
        if (vnet == null) {
            return head;
        }
        return head + "; super-packets read " + superPackets() + " (cut into " + segments() + "), written " + superPacketsWritten()
                + " (joined from " + segmentsJoined() + "); checksums completed " + checksumsCompleted() + "; drops " + dropCounts();
    }

    /** Super-packets read and cut into more than one packet. */
    public long superPackets() {
        return vnet == null ? 0 : vnet.splitter().superPackets();
    }

    /** Packets cut from super-packets. */
    public long segments() {
        return vnet == null ? 0 : vnet.splitter().segments();
    }

    /** Packets read whole whose transport checksum was completed here. */
    public long checksumsCompleted() {
        return vnet == null ? 0 : vnet.splitter().checksumsCompleted();
    }

    /**
     * Drops by reason: offloaded reads the stack could not cut or complete, and joined segments
     * the device refused (a packet refused alone is the caller's to count, as it was not taken).
     */
    @Override
    public Map<String, Long> dropCounts() {
        return vnet == null ? Map.of() : vnet.drops().snapshot();
    }

    private void logWriteFailure(int errno) {
        if (!writeFailureLogged) {
            writeFailureLogged = true;
            LOG.log(System.Logger.Level.WARNING, "write to TUN " + name + " failed: " + Native.describe(errno)
                    + " (logged once, counted always)");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            device.queueClosed(fd); // closes it, or keeps it open across a restart
        }
    }

    @Override
    public String toString() {
        return "TunQueue[" + name + "#" + queue + ", fd " + fd + "]";
    }
}
