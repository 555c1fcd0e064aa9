package dev.culvert.core.worker;

import dev.culvert.core.io.nativeio.Epoll;
import dev.culvert.core.io.nativeio.Linux;
import dev.culvert.core.io.nativeio.NativeIoException;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * One thing a worker reads (a link or a transport) with the node its packets enter, and whether it
 * rests after failed reads. A resting source is out of its worker's epoll set, so a descriptor in
 * error does not wake the loop again at once; it is polled again when its {@link Backoff} pause
 * ends. {@code pollable} is null for a {@link Signalled} source.
 */
final class Source {
    private static final System.Logger LOG = System.getLogger(Worker.class.getName());

    @FunctionalInterface
    interface Reader {
        int read(PacketBatch into, PacketPool pool) throws IOException;
    }

    final String label;
    final Pollable pollable;
    final Reader reader;
    final int entry;
    private final int token;
    private final Backoff rest = new Backoff();

    Source(String label, Pollable pollable, Reader reader, int entry, int token) {
        this.label = label;
        this.pollable = pollable;
        this.reader = reader;
        this.entry = entry;
        this.token = token;
    }

    boolean resting() {
        return rest.failuresInRow() > 0;
    }

    /** Whether a resting source's pause is over at {@code nowNanos}. */
    boolean due(long nowNanos) {
        return rest.due(nowNanos);
    }

    long remainingNanos(long nowNanos) {
        return rest.remainingNanos(nowNanos);
    }

    /** A read failed: rest, out of {@code epoll}. True if it was not resting before (one more resting source). */
    boolean rest(Epoll epoll, String worker, Exception cause) {
        boolean first = !resting();
        long pause = rest.failed(System.nanoTime());
        if (first) {
            LOG.log(System.Logger.Level.ERROR, worker + ": reading " + label + " failed; it is polled again in "
                    + TimeUnit.NANOSECONDS.toMillis(pause) + " ms, then after longer pauses while it keeps failing", cause);
        }
        if (pollable != null) {
            epoll.remove(pollable.pollFd());
        }
        return first;
    }

    /** The pause is over: back in {@code epoll}, to be read at once. */
    void wake(Epoll epoll) throws NativeIoException {
        if (pollable != null) {
            epoll.add(pollable.pollFd(), Linux.EPOLLIN, token);
        }
    }

    /** A read worked again after failed ones: the source rests no longer. */
    void recovered(String worker) {
        LOG.log(System.Logger.Level.INFO, worker + ": " + label + " is read again after " + rest.failuresInRow() + " failed reads");
        rest.succeeded();
    }
}
