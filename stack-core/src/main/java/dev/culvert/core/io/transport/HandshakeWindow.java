package dev.culvert.core.io.transport;

import dev.culvert.core.io.nativeio.Epoll;
import dev.culvert.core.io.nativeio.Linux;
import dev.culvert.core.io.nativeio.NativeIoException;
import dev.culvert.core.io.nativeio.TimerFd;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A TCP listener's deadline for the tunnel's handshake ({@code hand-window}): each connection is
 * stamped when accepted, and a sweep, woken by a timer descriptor in the listener's epoll set (so
 * an idle listener still runs it), closes those the tunnel has not called established in time.
 * Expiry is seen at most one period late: a second, or the window if shorter. Confined to the
 * worker that drives the transport.
 */
final class HandshakeWindow implements AutoCloseable {
    private static final long SECOND = 1_000_000_000L;

    private LongSupplier clock = System::nanoTime;
    private long windowNanos;
    private TimerFd timer;

    /** Starts timing with {@code windowNanos} (0: never close); the timer joins {@code epoll} under {@code token}. */
    void arm(long windowNanos, Epoll epoll, long token) throws NativeIoException {
        if (windowNanos < 0) {
            throw new IllegalArgumentException("handshake window " + windowNanos + " ns");
        }
        if (windowNanos > 0 && timer == null) {
            timer = new TimerFd(Math.min(SECOND, windowNanos));
            epoll.add(timer.fd(), Linux.EPOLLIN, token);
        }
        this.windowNanos = windowNanos;
    }

    void stamp(TcpConnection c) {
        c.openedNanos = clock.getAsLong();
    }

    /** The timer fired: closes, through {@code close}, every open connection not established in time. */
    void sweep(TcpConnection[] connections, Consumer<TcpConnection> close) {
        timer.drain();
        if (windowNanos == 0) {
            return;
        }
        long now = clock.getAsLong();
        for (TcpConnection c : connections) {
            if (c != null && !c.closed && !c.established && now - c.openedNanos >= windowNanos) {
                close.accept(c);
            }
        }
    }

    /** The clock the window is measured on; tests replace it. */
    void useClock(LongSupplier nanos) {
        this.clock = nanos;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.close();
        }
    }
}
