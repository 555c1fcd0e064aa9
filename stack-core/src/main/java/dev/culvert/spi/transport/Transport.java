package dev.culvert.spi.transport;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Sockets on the outside of the stack, carrying whole tunnel packets: one datagram each on UDP,
 * a 2-byte length before each on TCP. Remote addresses are mapped to small integer handles once,
 * so the data path moves ints instead of socket address objects.
 *
 * <p>What an implementation may assume: one worker thread drives one transport instance.
 *
 * <p>What it must guarantee: {@link #receive} never blocks; memory per peer is bounded whatever
 * the peer sends or fails to read; a framing error on a stream closes that stream with a counted
 * reason and affects no other peer.
 */
public interface Transport extends AutoCloseable {
    /** Receives waiting packets into {@code into}; each packet's {@link Packet#remote()} is the sender's handle. */
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

    /** The handle of a remote address, assigning one if it is new. */
    int handleOf(InetSocketAddress remote);

    /** The address behind a handle. */
    InetSocketAddress addressOf(int peerHandle);

    @Override
    void close() throws IOException;
}
