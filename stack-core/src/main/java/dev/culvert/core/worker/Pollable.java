package dev.culvert.core.worker;

/**
 * A source whose readiness a worker can wait for in its epoll set: a TUN queue, a socket, or a
 * transport's own nested epoll set. The worker registers {@link #pollFd()} for input and calls
 * the source's non-blocking read when it is ready.
 */
public interface Pollable {
    /** The descriptor to wait on for input; it stays valid until the source is closed. */
    int pollFd();
}
