package dev.culvert.core.io.transport;

import dev.culvert.core.io.nativeio.Native;
import dev.culvert.core.io.nativeio.SocketAddresses;
import java.nio.ByteBuffer;

/**
 * A reusable array of struct mmsghdr for recvmmsg, each with one iovec, room for a sockaddr and,
 * if asked for, room for control messages, laid out once in a direct buffer ({@link Mmsghdr}). Sending uses
 * {@link TrainVector}, whose messages may carry several datagrams.
 */
final class MessageVector {
    private static final int HEADER = Mmsghdr.SIZE;
    /** Room for one control message carrying an int: CMSG_SPACE(sizeof(int)). */
    static final int CONTROL_FOR_AN_INT = Mmsghdr.CMSG_SPACE_SMALL;

    final int capacity;
    final ByteBuffer memory;
    final long address;
    private final int iovecs;
    private final int names;
    private final int controls;
    private final int controlSpace;

    MessageVector(int capacity) {
        this(capacity, 0);
    }

    /** @param controlSpace bytes of control messages each message may receive (0: none asked for) */
    MessageVector(int capacity, int controlSpace) {
        this.capacity = capacity;
        this.controlSpace = controlSpace;
        this.iovecs = capacity * HEADER;
        this.names = iovecs + capacity * Mmsghdr.IOVEC;
        this.controls = names + capacity * SocketAddresses.MAX_LENGTH;
        this.memory = Native.struct(controls + capacity * controlSpace);
        this.address = Native.address(memory);
        for (int i = 0; i < capacity; i++) {
            int h = i * HEADER;
            memory.putLong(h + Mmsghdr.NAME, address + nameOffset(i));
            memory.putLong(h + Mmsghdr.IOV, address + iovecs + (long) i * Mmsghdr.IOVEC);
            memory.putLong(h + Mmsghdr.IOV_LENGTH, 1);
            if (controlSpace > 0) {
                memory.putLong(h + Mmsghdr.CONTROL, address + controls + (long) i * controlSpace);
            }
        }
    }

    /** The address of message {@code i}'s header, for a call that starts there. */
    long headerAddress(int i) {
        return address + (long) i * HEADER;
    }

    int nameOffset(int i) {
        return names + i * SocketAddresses.MAX_LENGTH;
    }

    /** Points message {@code i} at {@code length} bytes at native address {@code data}. */
    void set(int i, long data, int length, int nameLength) {
        int v = iovecs + i * Mmsghdr.IOVEC;
        memory.putLong(v, data);
        memory.putLong(v + 8, length);
        memory.putInt(i * HEADER + Mmsghdr.NAME_LENGTH, nameLength);
        memory.putInt(i * HEADER + Mmsghdr.FLAGS, 0);
        // The kernel writes back how much control data it left: offer the whole room again.
        memory.putLong(i * HEADER + Mmsghdr.CONTROL_LENGTH, controlSpace);
    }

    /**
     * The int carried by message {@code i}'s control message of {@code level} and {@code type}, or
     * -1 if the kernel attached none. Only the first control message is read: the one socket
     * option that asks for any (UDP_GRO) makes one at most.
     */
    int controlInt(int i, int level, int type) {
        long length = memory.getLong(i * HEADER + Mmsghdr.CONTROL_LENGTH);
        if (controlSpace == 0 || length < Mmsghdr.CMSG_HEADER + 4) {
            return -1;
        }
        int c = controls + i * controlSpace;
        long cmsgLength = memory.getLong(c);
        if (cmsgLength < Mmsghdr.CMSG_HEADER + 4 || cmsgLength > length
                || memory.getInt(c + Mmsghdr.CMSG_LEVEL) != level || memory.getInt(c + Mmsghdr.CMSG_TYPE) != type) {
            return -1;
        }
        return memory.getInt(c + Mmsghdr.CMSG_HEADER);
    }

    /** Bytes received into message {@code i} (msg_len). */
    int received(int i) {
        return memory.getInt(i * HEADER + Mmsghdr.MESSAGE_LENGTH);
    }

    /** The flags the kernel set on message {@code i} (MSG_TRUNC for a datagram larger than its buffer). */
    int flags(int i) {
        return memory.getInt(i * HEADER + Mmsghdr.FLAGS);
    }
}
