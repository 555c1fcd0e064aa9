package dev.culvert.core.io.nativeio;

import java.nio.ByteBuffer;

/**
 * A non-blocking periodic timer on the monotonic clock, as a descriptor: it becomes readable each
 * period, so a source waiting in an epoll set is woken to do timed work (closing connections
 * that overstayed a deadline) without a thread of its own. The owner {@link #drain()}s it when
 * woken.
 */
public final class TimerFd implements AutoCloseable {
    private static final int CLOCK_MONOTONIC = 1;
    private static final long SECOND = 1_000_000_000L;

    private final int fd;
    private final ByteBuffer expirations = Native.struct(8);
    private final long expirationsAddress = Native.address(expirations);

    /** A timer that fires every {@code periodNanos} (more than 0), the first time one period from now. */
    public TimerFd(long periodNanos) throws NativeIoException {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("timer period " + periodNanos + " ns");
        }
        LibC libc = Native.libc();
        fd = libc.timerfd_create(CLOCK_MONOTONIC, Linux.TFD_NONBLOCK | Linux.TFD_CLOEXEC);
        if (fd < 0) {
            throw NativeIoException.last("timerfd_create");
        }
        // struct itimerspec { timespec it_interval; timespec it_value; }, each two longs on 64-bit Linux.
        ByteBuffer spec = Native.struct(32);
        spec.putLong(0, periodNanos / SECOND).putLong(8, periodNanos % SECOND);
        spec.putLong(16, periodNanos / SECOND).putLong(24, periodNanos % SECOND);
        if (libc.timerfd_settime(fd, 0, Native.address(spec), 0) != 0) {
            NativeIoException e = NativeIoException.last("timerfd_settime");
            Native.closeQuietly(fd);
            throw e;
        }
    }

    public int fd() {
        return fd;
    }

    /** Resets the timer's readiness; the owner calls it when woken. */
    public void drain() {
        Native.libc().read(fd, expirationsAddress, 8);
    }

    @Override
    public void close() {
        Native.closeQuietly(fd);
    }
}
