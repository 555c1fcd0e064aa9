package dev.culvert.core.io.nativeio;

import java.nio.ByteBuffer;

/**
 * A non-blocking eventfd: any thread {@link #signal()}s, the owner wakes from epoll and
 * {@link #drain()}s. This is how the control executor wakes a data-plane worker without the
 * worker ever blocking on it.
 */
public final class EventFd implements AutoCloseable {
    private final int fd;
    private final ByteBuffer signalValue = Native.struct(8);
    private final long signalAddress = Native.address(signalValue);
    private final ByteBuffer drainValue = Native.struct(8);
    private final long drainAddress = Native.address(drainValue);

    public EventFd() throws NativeIoException {
        fd = Native.libc().eventfd(0, Linux.EFD_NONBLOCK | Linux.EFD_CLOEXEC);
        if (fd < 0) {
            throw NativeIoException.last("eventfd");
        }
        signalValue.putLong(0, 1);
    }

    public int fd() {
        return fd;
    }

    /** Wakes the owner; safe from any thread. A full counter (never in practice) still wakes it. */
    public void signal() {
        synchronized (signalValue) {
            Native.libc().write(fd, signalAddress, 8);
        }
    }

    /** Resets the counter; the owner calls it when woken. */
    public void drain() {
        Native.libc().read(fd, drainAddress, 8);
    }

    @Override
    public void close() {
        Native.closeQuietly(fd);
    }
}
