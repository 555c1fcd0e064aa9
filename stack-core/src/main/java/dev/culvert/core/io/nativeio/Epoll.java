package dev.culvert.core.io.nativeio;

import java.nio.ByteBuffer;

/**
 * One epoll instance, level-triggered, with a reusable event array. Each registered descriptor
 * carries a caller-chosen 64-bit token that comes back with its events, so the owner finds the
 * ready source without a map lookup. {@link #await} and the event accessors belong to the owning
 * thread; registration may come from any thread.
 */
public final class Epoll implements AutoCloseable {
    /** x86-64 packs struct epoll_event to 12 bytes; other LP64 ABIs pad it to 16. */
    private static final boolean PACKED = isX86();
    private static final int STRIDE = PACKED ? 12 : 16;
    private static final int DATA_OFFSET = PACKED ? 4 : 8;

    private final int fd;
    private final int capacity;
    private final ByteBuffer events;
    private final long eventsAddress;
    private final ByteBuffer control = Native.struct(16);
    private final long controlAddress = Native.address(control);

    public Epoll(int capacity) throws NativeIoException {
        this.capacity = capacity;
        this.events = Native.struct(capacity * STRIDE);
        this.eventsAddress = Native.address(events);
        this.fd = Native.libc().epoll_create1(Linux.EPOLL_CLOEXEC);
        if (fd < 0) {
            throw NativeIoException.last("epoll_create1");
        }
    }

    private static boolean isX86() {
        String arch = System.getProperty("os.arch", "");
        return arch.equals("amd64") || arch.equals("x86_64");
    }

    /** The epoll descriptor itself; an epoll set is pollable, so sets nest. */
    public int fd() {
        return fd;
    }

    public void add(int target, int interest, long token) throws NativeIoException {
        control(Linux.EPOLL_CTL_ADD, target, interest, token, "epoll_ctl(ADD)");
    }

    public void modify(int target, int interest, long token) throws NativeIoException {
        control(Linux.EPOLL_CTL_MOD, target, interest, token, "epoll_ctl(MOD)");
    }

    /** Removes a descriptor; quietly ignores one that is already gone. */
    public void remove(int target) {
        synchronized (control) {
            Native.libc().epoll_ctl(fd, Linux.EPOLL_CTL_DEL, target, controlAddress);
        }
    }

    private void control(int op, int target, int interest, long token, String what) throws NativeIoException {
        synchronized (control) {
            control.putInt(0, interest);
            control.putLong(DATA_OFFSET, token);
            if (Native.libc().epoll_ctl(fd, op, target, controlAddress) != 0) {
                throw NativeIoException.last(what + " fd " + target);
            }
        }
    }

    /**
     * Waits up to {@code timeoutMillis} (0: do not wait, -1: forever) and returns how many
     * descriptors are ready; 0 on timeout or when a signal interrupted the wait.
     */
    public int await(int timeoutMillis) throws NativeIoException {
        int n = Native.libc().epoll_wait(fd, eventsAddress, capacity, timeoutMillis);
        if (n < 0) {
            int errno = Native.errno();
            if (errno == Errno.EINTR) {
                return 0;
            }
            throw new NativeIoException("epoll_wait: " + Native.describe(errno), errno);
        }
        return n;
    }

    /** The events of ready entry {@code i} of the last {@link #await}. */
    public int events(int i) {
        return events.getInt(i * STRIDE);
    }

    /** The token of ready entry {@code i} of the last {@link #await}. */
    public long token(int i) {
        return events.getLong(i * STRIDE + DATA_OFFSET);
    }

    @Override
    public void close() {
        Native.closeQuietly(fd);
    }
}
