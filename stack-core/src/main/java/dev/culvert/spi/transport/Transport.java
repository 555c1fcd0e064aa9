package dev.culvert.spi.transport;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.packet.RemoteAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * Sockets on the outside of the stack, carrying whole tunnel packets: one datagram each on UDP,
 * a 2-byte length before each on TCP. Remote addresses are mapped to small integer handles once,
 * so the data path moves ints instead of socket address objects.
 *
 * <p>A datagram transport learns an address only when asked ({@link #handleOf}): receiving looks
 * the sender up and never adds it, so what strangers send costs no memory, no lock and no
 * allocation here. A tunnel module learns a sender once its packet passed authentication, and
 * answers a stranger, if at all, with {@link #sendBack}.
 *
 * <p>What an implementation may assume: one worker thread drives one transport instance.
 *
 * <p>What it must guarantee: {@link #receive} never blocks; memory per peer is bounded whatever
 * the peer sends or fails to read; a framing error on a stream closes that stream with a counted
 * reason and affects no other peer.
 */
public interface Transport extends AutoCloseable {
    /** The {@link Packet#remote()} of a datagram whose sender is not a peer (yet). */
    int UNKNOWN_PEER = -1;

    /**
     * Receives waiting packets into {@code into}. Each packet's {@link Packet#remote()} is the
     * sender's handle, or {@link #UNKNOWN_PEER} for a datagram from an address that is not a
     * peer; a datagram transport records the sender in {@link Packet#remoteAddress()} either way.
     * Receiving never learns an address.
     */
    int receive(PacketBatch into, PacketPool pool) throws IOException;

    /**
     * Sends the packet to the peer with this handle; takes ownership. Returns false, leaving the
     * packet with the caller, if it cannot be queued (unknown peer, a full per-connection queue);
     * the transport counts why, the caller counts the drop.
     */
    boolean send(Packet packet, int peerHandle) throws IOException;

    /**
     * Sends what {@link #send} queued. A transport may hold sent packets back to write them in one
     * system call; the worker calls this after every batch, so nothing waits longer than that.
     * It never blocks: what the network cannot take now is dropped with a counted reason (UDP) or
     * stays in a bounded per-connection queue (TCP).
     */
    default void flush() throws IOException {
    }

    /**
     * Sends the packet back to the address it came from ({@link Packet#remoteAddress()}), which
     * need not be a peer, and learns nothing: a stateless answer to a stranger. Takes ownership
     * on success; returns false, leaving the packet with the caller, if there is no such address
     * or it cannot be queued. Stream transports, whose senders are all peers, return false.
     */
    default boolean sendBack(Packet packet) throws IOException {
        return false;
    }

    /** The address this transport is bound to, with the port the kernel chose where it chose; null for one bound to none. */
    default InetSocketAddress localAddress() {
        return null;
    }

    /**
     * The handle of a remote address, learning it as a peer if it is new; -1 when no more peers
     * fit. The control path calls it (it may lock and allocate): for the address a client
     * connects to, or a sender that proved itself.
     */
    int handleOf(InetSocketAddress remote);

    /**
     * As {@link #handleOf(InetSocketAddress)}, for the address a datagram carried, learned exactly
     * as it was received: an IPv4 client on a dual-stack IPv6 socket stays a v4-mapped IPv6
     * address, which the socket can send to and which its later datagrams are looked up as.
     */
    default int handleOf(RemoteAddress remote) {
        return handleOf(remote.toInetSocketAddress());
    }

    /**
     * The handle of an address already learned, or {@link #UNKNOWN_PEER}; never learns. Takes no
     * lock and allocates nothing, so the data path may ask again for a packet whose sender was
     * learned after it was received (it came in the same batch as the packet that proved it).
     * Stream transports, whose senders are all peers, answer {@link #UNKNOWN_PEER}.
     */
    default int knownHandleOf(RemoteAddress address) {
        return UNKNOWN_PEER;
    }

    /** The address behind a handle. */
    InetSocketAddress addressOf(int peerHandle);

    /**
     * Whether this transport's peers are connections (a byte stream, TCP) rather than addresses
     * (datagrams, UDP). A stream peer exists only while its connection is open; a datagram peer
     * exists while its address is in the peer table.
     */
    default boolean isStream() {
        return false;
    }

    /**
     * Forgets one peer, so it holds no memory here any more. A stream transport closes the
     * connection, dropping (and counting) what it still had queued; a datagram transport removes
     * the address from its peer table, and its later datagrams arrive from an unknown peer again.
     *
     * <p>The caller may assume an unknown or already forgotten handle is ignored; it calls this on
     * the worker that drives the transport, and forgets a datagram peer only when nothing of its
     * own still refers to the handle (the handle space is shared by the transports opened
     * together). A tunnel forgets a datagram peer when its client leaves or moves.
     */
    default void forget(int peerHandle) {
    }

    /**
     * Streams: a connection the tunnel has not called {@link #established} for within
     * {@code windowNanos} of its accept is closed, counted as {@code tcp.hand-window} (one per
     * connection), and so is the partial frame it held. 0, the default, never closes one. The
     * tunnel sets it once, before the transport is polled; datagram transports ignore it (an
     * address holds no connection).
     */
    default void handshakeWindow(long windowNanos) throws IOException {
    }

    /**
     * Streams: the tunnel completed its handshake with this peer (OpenVPN: key id 0's TLS handshake
     * and key method 2), so the {@link #handshakeWindow} no longer applies to it. Called on the
     * worker that drives the transport; an unknown handle is ignored.
     */
    default void established(int peerHandle) {
    }

    /**
     * Which of the transports that {@link TransportFactory#open(InetSocketAddress, InetSocketAddress, int)}
     * opened together must send to this peer: for a stream, the index of the one holding the
     * connection (only it can write to it); -1 when any of them can, as with datagrams. Any
     * thread may call it; it must not block.
     */
    default int ownerIndexOf(int peerHandle) {
        return -1;
    }

    /** Peers known now: addresses in the peer table, or open connections. For reports; it may allocate. */
    default int peerCount() {
        return 0;
    }

    /** Connections that have closed, by either side, since the transport opened; 0 for datagrams. Any thread. */
    default long closedConnections() {
        return 0;
    }

    /** This transport's drop counts that are not zero, by reason name, for reports; any thread, a snapshot. */
    default Map<String, Long> dropCounts() {
        return Map.of();
    }

    /** A line about this socket for the node's status (its offloads, what they did); empty when it has nothing to say. */
    default String status() {
        return "";
    }

    /** Appends each socket's {@link #status} line, indented, to a node's status report. */
    static void describe(StringBuilder out, Transport... sockets) {
        if (sockets == null) {
            return;
        }
        for (Transport socket : sockets) {
            String line = socket == null ? "" : socket.status();
            if (!line.isEmpty()) {
                out.append("    ").append(line).append('\n');
            }
        }
    }

    @Override
    void close() throws IOException;
}
