package dev.culvert.core.io.transport;

import dev.culvert.core.io.nativeio.Native;
import dev.culvert.core.io.nativeio.SocketAddresses;
import java.nio.ByteBuffer;

/**
 * A reusable array of struct mmsghdr for recvmmsg, each with one iovec and room for a sockaddr,
 * laid out once in a direct buffer (LP64: mmsghdr is 64 bytes, iovec 16). Sending uses
 * {@link TrainVector}, whose messages may carry several datagrams.
 */
final class MessageVector {
    private static final int HEADER = 64;
    private static final int NAME = 0;
    private static final int NAME_LENGTH = 8;
    private static final int IOV = 16;
    private static final int IOV_LENGTH = 24;
    private static final int FLAGS = 48;
    private static final int MESSAGE_LENGTH = 56;
    private static final int IOVEC = 16;

    final int capacity;
    final ByteBuffer memory;
    final long address;
    private final int iovecs;
    private final int names;

    MessageVector(int capacity) {
        this.capacity = capacity;
        this.iovecs = capacity * HEADER;
        this.names = iovecs + capacity * IOVEC;
        this.memory = Native.struct(names + capacity * SocketAddresses.MAX_LENGTH);
        this.address = Native.address(memory);
        for (int i = 0; i < capacity; i++) {
            int h = i * HEADER;
            memory.putLong(h + NAME, address + nameOffset(i));
            memory.putLong(h + IOV, address + iovecs + (long) i * IOVEC);
            memory.putLong(h + IOV_LENGTH, 1);
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
        int v = iovecs + i * IOVEC;
        memory.putLong(v, data);
        memory.putLong(v + 8, length);
        memory.putInt(i * HEADER + NAME_LENGTH, nameLength);
        memory.putInt(i * HEADER + FLAGS, 0);
    }

    /** Bytes received into message {@code i} (msg_len). */
    int received(int i) {
        return memory.getInt(i * HEADER + MESSAGE_LENGTH);
    }

    /** The flags the kernel set on message {@code i} (MSG_TRUNC for a datagram larger than its buffer). */
    int flags(int i) {
        return memory.getInt(i * HEADER + FLAGS);
    }
}
