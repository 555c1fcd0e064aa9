package dev.culvert.core.offload;

import dev.culvert.core.checksum.InternetChecksum;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Cuts what a TUN device with offloads hands over into the packets a peer expects, as a NIC cuts
 * a TSO super-packet: a TCP super-packet into segments of {@code gso_size} payload bytes (the
 * sequence number advancing, FIN and PSH only on the last, CWR only on the first), a UDP one
 * ({@code UDP_L4}) into datagrams of that size; each segment's IPv4 identification advances, its
 * lengths are its own, and its checksums are computed whole. A packet handed over whole with
 * {@code NEEDS_CSUM} gets its transport checksum completed from the pseudo-header sum the kernel
 * left in the field.
 *
 * <p>One per TUN queue, used by that queue's worker only. A super-packet may yield more segments
 * than a batch has room for: {@link #emit} fills the batch and keeps the rest for the next call
 * ({@link #pending}). If the pool runs dry part-way, the rest of the super-packet is dropped and
 * counted, never held while the worker waits.
 */
public final class SuperPacketSplitter {
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int IPV4_MIN_HEADER = 20;
    private static final int IPV6_HEADER = 40;
    private static final int TCP_MIN_HEADER = 20;
    private static final int TCP_CHECKSUM = 16;
    private static final int UDP_HEADER = 8;
    private static final int UDP_CHECKSUM = 6;
    private static final int TCP_FIN = 0x01;
    private static final int TCP_PSH = 0x08;
    private static final int TCP_CWR = 0x80;

    private final OffloadDrops drops;
    private VirtioNetHeader header;
    private final LongAdder superPackets = new LongAdder();
    private final LongAdder segmentsMade = new LongAdder();
    private final LongAdder checksumsCompleted = new LongAdder();

    // The packet in hand: source[start, start + length).
    private ByteBuffer source;
    private int start;
    private int length;
    /** 0 for a packet passed on whole; TCP or UDP for one to cut. */
    private int protocol;
    private boolean ipv4;
    private int transport;
    /** The IP and transport headers' length: what every segment starts with. */
    private int headers;
    private int segmentSize;
    /** For a whole packet with NEEDS_CSUM: where the checksummed part starts, else -1. */
    private int completeFrom;
    private int completeField;
    private int firstId;
    private int firstSequence;
    private int firstFlags;
    private int segments;
    private int next;

    public SuperPacketSplitter(OffloadDrops drops) {
        this.drops = drops;
    }

    /**
     * Takes the packet at {@code source[start, start + length)}, described by the virtio header at
     * {@code headerAt}. The buffer must be big-endian and stay untouched while {@link #pending}.
     * Returns false, with the drop counted, for a packet that cannot be cut or completed as its
     * header says; true when {@link #emit} has packets to give.
     */
    public boolean load(ByteBuffer source, int headerAt, int start, int length) {
        if (source.order() != ByteOrder.BIG_ENDIAN) {
            throw new IllegalArgumentException("the source buffer must be big-endian");
        }
        this.source = source;
        this.start = start;
        this.length = length;
        this.segments = 0;
        this.next = 0;
        this.protocol = 0;
        this.completeFrom = -1;
        if (header == null || !header.over(source, headerAt)) {
            header = new VirtioNetHeader(source, headerAt); // once per queue: the device's reads land in one buffer
        }
        if (length < 1) {
            return refuse(OffloadDrops.MALFORMED);
        }
        int type = header.gsoType();
        if (type == VirtioNetHeader.GSO_NONE) {
            if (header.needsChecksum()) {
                int from = header.checksumStart();
                int field = from + header.checksumOffset();
                if (from >= length || field + 2 > length) {
                    return refuse(OffloadDrops.MALFORMED);
                }
                completeFrom = from;
                completeField = field;
            }
            segments = 1;
            return true;
        }
        if (type != VirtioNetHeader.GSO_TCPV4 && type != VirtioNetHeader.GSO_TCPV6 && type != VirtioNetHeader.GSO_UDP_L4) {
            return refuse(OffloadDrops.UNSUPPORTED_TYPE);
        }
        if (!header.needsChecksum() || !readHeaders(type, header.checksumStart(), header.checksumOffset())) {
            return refuse(OffloadDrops.MALFORMED);
        }
        segmentSize = header.gsoSize();
        if (segmentSize < 1) {
            return refuse(OffloadDrops.MALFORMED);
        }
        int payload = length - headers;
        segments = payload == 0 ? 1 : (payload + segmentSize - 1) / segmentSize;
        if (segments > 1) {
            superPackets.increment();
        }
        return true;
    }

    /** Checks the IP and transport headers of a super-packet against its virtio header, and notes what each segment changes. */
    private boolean readHeaders(int type, int checksumStart, int checksumOffset) {
        int version = u8(0) >>> 4;
        protocol = type == VirtioNetHeader.GSO_UDP_L4 ? UDP : TCP;
        if (version == 4 && type != VirtioNetHeader.GSO_TCPV6) {
            ipv4 = true;
            int ipHeader = (u8(0) & 0x0f) * 4;
            if (ipHeader < IPV4_MIN_HEADER || ipHeader > length || u16(2) != length || (u16(6) & 0x3fff) != 0
                    || u8(9) != protocol || checksumStart != ipHeader) {
                return false;
            }
            firstId = u16(4);
        } else if (version == 6 && type != VirtioNetHeader.GSO_TCPV4) {
            ipv4 = false;
            // Past 40 bytes, extension headers: the kernel's checksum start says where they end.
            if (length < IPV6_HEADER || u16(4) + IPV6_HEADER != length || checksumStart < IPV6_HEADER
                    || (checksumStart == IPV6_HEADER && u8(6) != protocol)) {
                return false;
            }
        } else {
            return false;
        }
        transport = checksumStart;
        int transportHeader;
        if (protocol == TCP) {
            if (checksumOffset != TCP_CHECKSUM || transport + TCP_MIN_HEADER > length) {
                return false;
            }
            transportHeader = (u8(transport + 12) >>> 4) * 4;
            if (transportHeader < TCP_MIN_HEADER) {
                return false;
            }
            firstSequence = source.getInt(start + transport + 4);
            firstFlags = u8(transport + 13);
        } else {
            if (checksumOffset != UDP_CHECKSUM) {
                return false;
            }
            transportHeader = UDP_HEADER;
        }
        headers = transport + transportHeader;
        return headers <= length;
    }

    private boolean refuse(dev.culvert.core.graph.DropReason reason) {
        drops.count(reason, 1);
        segments = 0;
        source = null;
        return false;
    }

    /** Whether packets of the last {@link #load} are still to be given. */
    public boolean pending() {
        return next < segments;
    }

    /**
     * Moves as many of the loaded packets into {@code into} as it has room for, taking buffers
     * from {@code pool}; returns how many.
     */
    public int emit(PacketBatch into, PacketPool pool) {
        int made = 0;
        while (next < segments && !into.isFull()) {
            Packet packet = pool.acquire();
            if (packet == null) {
                abandon(OffloadDrops.POOL_EXHAUSTED);
                break;
            }
            int size = sizeOf(next);
            if (size > packet.tailroom()) {
                packet.release();
                abandon(OffloadDrops.TOO_LARGE);
                break;
            }
            if (protocol == 0) {
                copyWhole(packet);
            } else {
                cut(packet, next, size);
            }
            into.add(packet);
            next++;
            made++;
        }
        if (protocol != 0) {
            segmentsMade.add(made);
        }
        if (next >= segments) {
            source = null;
        }
        return made;
    }

    private void abandon(dev.culvert.core.graph.DropReason reason) {
        drops.count(reason, segments - next);
        next = segments;
    }

    private int sizeOf(int segment) {
        if (protocol == 0) {
            return length;
        }
        int payload = length - headers;
        return headers + Math.min(segmentSize, payload - segment * segmentSize);
    }

    private void copyWhole(Packet packet) {
        packet.buffer().put(packet.offset(), source, start, length);
        packet.setLength(length);
        if (completeFrom >= 0) {
            // The field holds the pseudo-header's sum: summing over it completes the checksum.
            int checksum = InternetChecksum.finish(InternetChecksum.add(0, packet, completeFrom, length - completeFrom));
            packet.putShort(completeField, checksum == 0 ? 0xffff : checksum);
            checksumsCompleted.increment();
        }
    }

    private void cut(Packet packet, int segment, int size) {
        int payloadFrom = headers + segment * segmentSize;
        ByteBuffer into = packet.buffer();
        into.put(packet.offset(), source, start, headers);
        into.put(packet.offset() + headers, source, start + payloadFrom, size - headers);
        packet.setLength(size);
        if (ipv4) {
            int ipHeader = transport;
            packet.putShort(2, size);
            packet.putShort(4, firstId + segment);
            packet.putShort(10, 0);
            packet.putShort(10, InternetChecksum.compute(packet, 0, ipHeader));
        } else {
            packet.putShort(4, size - IPV6_HEADER);
        }
        int transportLength = size - transport;
        int checksumField;
        if (protocol == TCP) {
            packet.putInt(transport + 4, firstSequence + segment * segmentSize);
            int flags = firstFlags;
            if (segment != segments - 1) {
                flags &= ~(TCP_FIN | TCP_PSH);
            }
            if (segment != 0) {
                flags &= ~TCP_CWR;
            }
            packet.putByte(transport + 13, flags);
            checksumField = transport + TCP_CHECKSUM;
        } else {
            packet.putShort(transport + 4, transportLength);
            checksumField = transport + UDP_CHECKSUM;
        }
        packet.putShort(checksumField, 0);
        long sum = InternetChecksum.pseudoHeader(packet, protocol, transportLength);
        int checksum = InternetChecksum.finish(InternetChecksum.add(sum, packet, transport, transportLength));
        packet.putShort(checksumField, protocol == UDP && checksum == 0 ? 0xffff : checksum);
    }

    private int u8(int at) {
        return source.get(start + at) & 0xff;
    }

    private int u16(int at) {
        return source.getShort(start + at) & 0xffff;
    }

    /** Super-packets cut into more than one segment. */
    public long superPackets() {
        return superPackets.sum();
    }

    /** Segments cut from super-packets (a super-packet's single segment counts too). */
    public long segments() {
        return segmentsMade.sum();
    }

    /** Whole packets whose transport checksum was completed here. */
    public long checksumsCompleted() {
        return checksumsCompleted.sum();
    }
}
