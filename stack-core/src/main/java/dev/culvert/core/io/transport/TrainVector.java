package dev.culvert.core.io.transport;

import dev.culvert.core.io.nativeio.Linux;
import dev.culvert.core.io.nativeio.Native;
import dev.culvert.core.io.nativeio.SocketAddresses;
import java.nio.ByteBuffer;

/**
 * The sending side's struct mmsghdr array for {@code sendmmsg}, where one message may carry a
 * train: consecutive datagrams to one address, all of one length but the last, which may be
 * shorter, handed to the kernel as one send with a {@code UDP_SEGMENT} control message (UDP
 * GSO). The kernel cuts the train into the same datagrams the peer would otherwise have got one
 * by one, so a stock peer sees no difference, while the train crosses the sender's stack as one
 * buffer. Packets are set by index ({@link #set}); {@link #plan} then lays out the messages.
 *
 * <p>Laid out as {@link Mmsghdr} says; each message's control room holds one cmsghdr and the u16
 * segment size, 24 bytes with its padding.
 */
final class TrainVector {
    /** The most datagrams in one train: the kernel's UDP_MAX_SEGMENTS on every kernel with UDP GSO. */
    static final int MAX_SEGMENTS = 64;
    /** The most payload bytes in one train: one UDP datagram's 16-bit length, less its headers and some slack. */
    static final int MAX_TRAIN_BYTES = 65_000;

    private static final int HEADER = Mmsghdr.SIZE;
    private static final int IOVEC = Mmsghdr.IOVEC;
    private static final int CMSG_SPACE = Mmsghdr.CMSG_SPACE_SMALL;
    /** CMSG_LEN of the u16 segment size. */
    private static final int CMSG_LEN = Mmsghdr.CMSG_HEADER + 2;

    final int capacity;
    private final ByteBuffer memory;
    private final long address;
    private final int iovecs;
    private final int names;
    private final int controls;
    private final int[] lengths;
    private final int[] nameLengths;
    /** Per message: its first packet and how many packets it carries. */
    private final int[] firstPacket;
    private final int[] packetCount;

    TrainVector(int capacity) {
        this.capacity = capacity;
        this.iovecs = capacity * HEADER;
        this.names = iovecs + capacity * IOVEC;
        this.controls = names + capacity * SocketAddresses.MAX_LENGTH;
        this.memory = Native.struct(controls + capacity * CMSG_SPACE);
        this.address = Native.address(memory);
        this.lengths = new int[capacity];
        this.nameLengths = new int[capacity];
        this.firstPacket = new int[capacity];
        this.packetCount = new int[capacity];
        for (int m = 0; m < capacity; m++) {
            int c = controls + m * CMSG_SPACE;
            memory.putLong(c, CMSG_LEN);
            memory.putInt(c + Mmsghdr.CMSG_LEVEL, Linux.IPPROTO_UDP);
            memory.putInt(c + Mmsghdr.CMSG_TYPE, Linux.UDP_SEGMENT);
        }
    }

    /** Where packet {@code i}'s destination sockaddr goes, in {@link #names()}. */
    int nameOffset(int i) {
        return names + i * SocketAddresses.MAX_LENGTH;
    }

    /** The buffer the sockaddrs are written into. */
    ByteBuffer names() {
        return memory;
    }

    /** Packet {@code i} is {@code length} bytes at native address {@code data}, to the sockaddr of {@code nameLength} bytes at {@link #nameOffset}. */
    void set(int i, long data, int length, int nameLength) {
        int v = iovecs + i * IOVEC;
        memory.putLong(v, data);
        memory.putLong(v + 8, length);
        lengths[i] = length;
        nameLengths[i] = nameLength;
    }

    /**
     * Lays out packets {@code [from, to)} as messages from message 0, in order: trains where
     * {@code largestSegment} allows one (0: none, every packet its own message), each of at most
     * {@link #MAX_SEGMENTS} datagrams and {@link #MAX_TRAIN_BYTES} bytes. Returns the messages.
     */
    int plan(int from, int to, int largestSegment) {
        int messages = 0;
        int i = from;
        while (i < to) {
            int segment = lengths[i];
            int end = i + 1;
            int bytes = segment;
            if (segment <= largestSegment) {
                while (end < to && end - i < MAX_SEGMENTS && lengths[end] <= segment && bytes + lengths[end] <= MAX_TRAIN_BYTES
                        && sameName(i, end)) {
                    bytes += lengths[end];
                    end++;
                    if (lengths[end - 1] < segment) {
                        break; // a shorter datagram can only end a train
                    }
                }
            }
            lay(messages, i, end - i);
            messages++;
            i = end;
        }
        return messages;
    }

    private void lay(int m, int first, int count) {
        int h = m * HEADER;
        memory.putLong(h + Mmsghdr.NAME, address + nameOffset(first));
        memory.putInt(h + Mmsghdr.NAME_LENGTH, nameLengths[first]);
        memory.putLong(h + Mmsghdr.IOV, address + iovecs + (long) first * IOVEC);
        memory.putLong(h + Mmsghdr.IOV_LENGTH, count);
        if (count > 1) {
            int c = controls + m * CMSG_SPACE;
            memory.putShort(c + Mmsghdr.CMSG_HEADER, (short) lengths[first]);
            memory.putLong(h + Mmsghdr.CONTROL, address + c);
            memory.putLong(h + Mmsghdr.CONTROL_LENGTH, CMSG_SPACE);
        } else {
            memory.putLong(h + Mmsghdr.CONTROL, 0);
            memory.putLong(h + Mmsghdr.CONTROL_LENGTH, 0);
        }
        memory.putInt(h + Mmsghdr.FLAGS, 0);
        firstPacket[m] = first;
        packetCount[m] = count;
    }

    private boolean sameName(int a, int b) {
        int length = nameLengths[a];
        if (nameLengths[b] != length) {
            return false;
        }
        int x = nameOffset(a);
        int y = nameOffset(b);
        for (int k = 0; k < length; k++) {
            if (memory.get(x + k) != memory.get(y + k)) {
                return false;
            }
        }
        return true;
    }

    /** The address of message {@code m}'s header, for a call that starts there. */
    long headerAddress(int m) {
        return address + (long) m * HEADER;
    }

    /** The first packet message {@code m} carries. */
    int firstPacket(int m) {
        return firstPacket[m];
    }

    /** How many packets message {@code m} carries: more than one for a train. */
    int packetCount(int m) {
        return packetCount[m];
    }

    /** The length of message {@code m}'s datagrams (its first packet's). */
    int segmentLength(int m) {
        return lengths[firstPacket[m]];
    }
}
