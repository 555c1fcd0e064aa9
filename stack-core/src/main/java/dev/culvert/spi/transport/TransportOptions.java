package dev.culvert.spi.transport;

/**
 * How a transport's sockets are set up beyond their addresses: the socket buffer sizes a
 * configuration asks for ({@code rcvbuf}, {@code sndbuf}), in bytes, 0 leaving the factory's own
 * choice (the system default, or what the factory asks for by default); and how many peers the
 * endpoint must be able to hold at once (a server's {@code max-clients}, with room), 0 leaving the
 * factory's default. A factory holds at least that many, within its own hard bounds.
 *
 * @param receiveBuffer SO_RCVBUF, or 0
 * @param sendBuffer    SO_SNDBUF, or 0
 * @param peers         peer addresses (UDP) or connections (TCP) held at once, or 0
 */
public record TransportOptions(int receiveBuffer, int sendBuffer, int peers) {
    /** Nothing asked for: every factory's own defaults. */
    public static final TransportOptions DEFAULT = new TransportOptions(0, 0);

    public TransportOptions {
        if (receiveBuffer < 0 || sendBuffer < 0 || peers < 0) {
            throw new IllegalArgumentException("socket buffers R=" + receiveBuffer + " S=" + sendBuffer + ", peers " + peers);
        }
    }

    /** These buffer sizes, the factory's default number of peers. */
    public TransportOptions(int receiveBuffer, int sendBuffer) {
        this(receiveBuffer, sendBuffer, 0);
    }

    /** Whether any size is asked for. */
    public boolean asksForBuffers() {
        return receiveBuffer > 0 || sendBuffer > 0;
    }

    /** These sizes, each left at 0 replaced by {@code fallback}. */
    public TransportOptions orBuffers(int fallback) {
        return new TransportOptions(receiveBuffer > 0 ? receiveBuffer : fallback, sendBuffer > 0 ? sendBuffer : fallback, peers);
    }

    /** These buffer sizes, room for {@code peers} peers at once. */
    public TransportOptions withPeers(int peers) {
        return new TransportOptions(receiveBuffer, sendBuffer, peers);
    }

    /** {@code fallback} or the peers asked for, whichever is more, and at most {@code bound}. */
    public int peersOr(int fallback, int bound) {
        return Math.min(bound, Math.max(fallback, peers));
    }
}
