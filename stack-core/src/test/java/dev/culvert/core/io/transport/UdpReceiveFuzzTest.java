package dev.culvert.core.io.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.spi.transport.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Hostile datagrams against the UDP receive path and its peer table, over loopback: two senders
 * the table knows and two it does not send whatever the input says. Receiving never throws,
 * never learns an address (the table keeps its two peers), gives a known sender its handle and a
 * stranger {@link Transport#UNKNOWN_PEER} with its own address, delivers each datagram's bytes
 * intact, and returns every pooled buffer.
 *
 * <p>An input is a run of records: a sender byte (0, 1: peers; 2, 3: strangers), a length byte,
 * then that many bytes of datagram.
 */
class UdpReceiveFuzzTest {
    private static final PacketPool POOL = new PacketPool("fuzz-udp", 64);
    private static final UdpTransport SOCKET;
    private static final DatagramSocket[] SENDERS = new DatagramSocket[4];
    private static final int[] HANDLES = new int[4];

    static {
        try {
            InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            SOCKET = new UdpTransportFactory().open(loopback, null, 1)[0];
            for (int i = 0; i < SENDERS.length; i++) {
                SENDERS[i] = new DatagramSocket(loopback);
                HANDLES[i] = i < 2 ? SOCKET.handleOf((InetSocketAddress) SENDERS[i].getLocalSocketAddress()) : Transport.UNKNOWN_PEER;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void strangersAndPeers(byte[] input) throws Exception {
        PacketBatch batch = new PacketBatch();
        int at = 0;
        while (at + 2 <= input.length) {
            int sender = input[at] & 3;
            int length = Math.min(input[at + 1] & 0xff, input.length - at - 2);
            SENDERS[sender].send(new DatagramPacket(input, at + 2, length, SOCKET.localAddress()));
            // Loopback has queued it by the time send returns, or very nearly: a bounded poll, no sleep.
            for (int tries = 0; batch.size() == 0 && tries < 1_000_000; tries++) {
                SOCKET.receive(batch, POOL);
            }
            assertEquals(1, batch.size(), "the datagram was read at once");
            Packet p = batch.get(0);
            assertEquals(HANDLES[sender], p.remote(), "a peer by its handle, a stranger as unknown");
            assertEquals(SENDERS[sender].getLocalSocketAddress(), p.remoteAddress().toInetSocketAddress(), "its own address");
            assertEquals(length, p.length());
            for (int i = 0; i < length; i++) {
                assertEquals(input[at + 2 + i] & 0xff, p.getUnsignedByte(i));
            }
            batch.releaseAll();
            at += 2 + length;
        }
        assertEquals(2, SOCKET.peerCount(), "receiving learned nobody");
        assertEquals(0, POOL.outstanding(), "pooled buffers balance");
        assertTrue(SOCKET.drops().total() == 0, "nothing was dropped: " + SOCKET.dropCounts());
    }
}
