package dev.culvert.spi.transport;

/**
 * How a transport's sockets are set up beyond their addresses: the socket buffer sizes a
 * configuration asks for ({@code rcvbuf}, {@code sndbuf}), in bytes, 0 leaving the factory's own
 * choice (the system default, or what the factory asks for by default).
 *
 * @param receiveBuffer SO_RCVBUF, or 0
 * @param sendBuffer    SO_SNDBUF, or 0
 */
public record TransportOptions(int receiveBuffer, int sendBuffer) {
    /** Nothing asked for: every factory's own defaults. */
    public static final TransportOptions DEFAULT = new TransportOptions(0, 0);

    public TransportOptions {
        if (receiveBuffer < 0 || sendBuffer < 0) {
            throw new IllegalArgumentException("socket buffers R=" + receiveBuffer + " S=" + sendBuffer);
        }
    }

    /** Whether any size is asked for. */
    public boolean asksForBuffers() {
        return receiveBuffer > 0 || sendBuffer > 0;
    }

    /** These sizes, each left at 0 replaced by {@code fallback}. */
    public TransportOptions orBuffers(int fallback) {
        return new TransportOptions(receiveBuffer > 0 ? receiveBuffer : fallback, sendBuffer > 0 ? sendBuffer : fallback);
    }
}
