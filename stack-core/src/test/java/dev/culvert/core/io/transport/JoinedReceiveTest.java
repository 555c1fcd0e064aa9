package dev.culvert.core.io.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.io.nativeio.Linux;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * UDP GRO on loopback: a train a peer sent (UDP GSO) arrives as one joined buffer and leaves the
 * transport as the datagrams the peer queued, in order, whatever the batch's room. Loopback keeps
 * a GSO train whole up to a socket that asked for UDP_GRO; no privileges needed.
 */
class JoinedReceiveTest {
    private final PacketPool pool = new PacketPool("gro-test", 256);

    private static InetSocketAddress loopback() throws Exception {
        return new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0);
    }

    /** Queues {@code count} datagrams of {@code size} bytes (the last {@code lastSize}), numbered in their first byte, as one flush. */
    private void sendTrain(UdpTransport from, UdpTransport to, int count, int size, int lastSize) throws Exception {
        int handle = from.handleOf(to.localAddress());
        for (int i = 0; i < count; i++) {
            int length = i == count - 1 ? lastSize : size;
            byte[] bytes = new byte[length];
            for (int k = 0; k < length; k++) {
                bytes[k] = (byte) (i * 7 + k);
            }
            bytes[0] = (byte) i;
            Packet p = pool.acquire();
            p.setContents(bytes, 0, length);
            assertTrue(from.send(p, handle));
        }
        from.flush();
    }

    /** Calls receive until {@code count} datagrams were taken or 5 s pass; checks each as it comes; returns the largest call. */
    private int receiveChecked(UdpTransport t, PacketBatch batch, PacketPool from, int count, int size, int lastSize) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int next = 0;
        int largestCall = 0;
        while (next < count && System.nanoTime() < deadline) {
            int n = t.receive(batch, from);
            largestCall = Math.max(largestCall, n);
            for (int i = 0; i < batch.size(); i++) {
                Packet p = batch.get(i);
                int length = next == count - 1 ? lastSize : size;
                assertEquals(length, p.length(), "datagram " + next + "'s length");
                assertEquals(next & 0xff, p.getUnsignedByte(0), "in order");
                for (int k = 1; k < length; k++) {
                    assertEquals((byte) (next * 7 + k), (byte) p.getUnsignedByte(k), "datagram " + next + " byte " + k);
                }
                next++;
            }
            batch.releaseAll();
            if (n == 0) {
                Thread.sleep(1);
            }
        }
        assertEquals(count, next, "every datagram arrived");
        return largestCall;
    }

    @Test
    void aTrainArrivesJoinedAndLeavesAsTheDatagramsThePeerSent() throws Exception {
        UdpTransportFactory factory = new UdpTransportFactory();
        UdpTransport a = factory.open(loopback(), null, 1)[0];
        UdpTransport b = factory.open(loopback(), null, 1)[0];
        try {
            assertTrue(b.receivesJoined(), "this kernel has UDP_GRO (5.0 and later)");
            b.handleOf(a.localAddress());
            sendTrain(a, b, 40, 1200, 333);
            assertEquals(1, a.trainsSent());
            receiveChecked(b, new PacketBatch(), pool, 40, 1200, 333);
            assertEquals(1, b.joinedReceived(), "the train came up as one buffer");
            assertEquals(40, b.joinedDatagramsReceived());
            assertEquals(40, b.receivedPackets());
            assertTrue(b.status().endsWith("joined receives (UDP GRO) on, 1 carrying 40 of 40 datagrams"), b.status());
            assertEquals(0, b.drops().total());
            assertEquals(0, pool.outstanding());
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void aJoinedBufferLargerThanTheBatchIsCutAcrossCallsInOrder() throws Exception {
        UdpTransportFactory factory = new UdpTransportFactory();
        UdpTransport a = factory.open(loopback(), null, 1)[0];
        UdpTransport b = factory.open(loopback(), null, 1)[0];
        try {
            sendTrain(a, b, 50, 500, 500);
            PacketBatch small = new PacketBatch(8);
            assertEquals(8, receiveChecked(b, small, pool, 50, 500, 500), "each call fills the batch while datagrams are left");
            assertEquals(50, b.joinedDatagramsReceived());
            assertEquals(0, b.receive(small, pool), "nothing is left over, and the socket is empty");
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void withUdpGroTurnedOffATrainArrivesDatagramByDatagram() throws Exception {
        UdpTransport b;
        System.setProperty(JoinedReceive.PROPERTY, "off");
        try {
            b = new UdpTransportFactory().open(loopback(), null, 1)[0];
        } finally {
            System.clearProperty(JoinedReceive.PROPERTY);
        }
        UdpTransport a = new UdpTransportFactory().open(loopback(), null, 1)[0];
        try {
            assertFalse(b.receivesJoined());
            sendTrain(a, b, 40, 1200, 1200);
            receiveChecked(b, new PacketBatch(), pool, 40, 1200, 1200);
            assertEquals(0, b.joinedReceived());
            assertTrue(b.status().endsWith("joined receives (UDP GRO) off, 0 carrying 0 of 40 datagrams"), b.status());
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void datagramsAJoinedBufferCannotPlaceForWantOfPacketsAreCounted() throws Exception {
        PacketPool tiny = new PacketPool("tiny", 10, 2048, 64);
        UdpTransportFactory factory = new UdpTransportFactory();
        UdpTransport a = factory.open(loopback(), null, 1)[0];
        UdpTransport b = factory.open(loopback(), null, 1)[0];
        try {
            sendTrain(a, b, 40, 1000, 1000);
            PacketBatch batch = new PacketBatch();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (batch.size() == 0 && System.nanoTime() < deadline) {
                b.receive(batch, tiny);
            }
            assertEquals(10, batch.size(), "as many as the pool holds");
            assertEquals(30, b.drops().get(TransportDrops.NO_PACKET_BUFFER), "the rest counted, not lost silently");
            batch.releaseAll();
            assertEquals(0, b.receive(batch, tiny), "the dropped rest is not delivered later");
        } finally {
            a.close();
            b.close();
        }
        assertEquals(0, tiny.outstanding());
    }

    @Test
    void theDatagramSizeIsReadFromTheKernelsControlMessageOnly() {
        MessageVector vector = new MessageVector(2, MessageVector.CONTROL_FOR_AN_INT);
        vector.set(0, 0, 0, 0);
        vector.set(1, 0, 0, 0);
        int control0 = controlOffset(vector, 0);
        vector.memory.putLong(control0, Mmsghdr.CMSG_HEADER + 4); // cmsg_len: header + an int
        vector.memory.putInt(control0 + Mmsghdr.CMSG_LEVEL, Linux.IPPROTO_UDP);
        vector.memory.putInt(control0 + Mmsghdr.CMSG_TYPE, Linux.UDP_GRO);
        vector.memory.putInt(control0 + Mmsghdr.CMSG_HEADER, 1400);
        assertEquals(1400, vector.controlInt(0, Linux.IPPROTO_UDP, Linux.UDP_GRO));
        assertEquals(-1, vector.controlInt(0, Linux.IPPROTO_UDP, Linux.UDP_SEGMENT), "another type");
        assertEquals(-1, vector.controlInt(1, Linux.IPPROTO_UDP, Linux.UDP_GRO), "no control message: one datagram");
        vector.memory.putLong(Mmsghdr.SIZE + Mmsghdr.CONTROL_LENGTH, 0); // the kernel left no control data for message 1
        assertEquals(-1, vector.controlInt(1, Linux.IPPROTO_UDP, Linux.UDP_GRO));
        vector.memory.putLong(control0, 400); // a cmsg_len beyond what the kernel wrote
        assertEquals(-1, vector.controlInt(0, Linux.IPPROTO_UDP, Linux.UDP_GRO));
    }

    /** Message {@code i}'s control area, as msg_control points at it. */
    private static int controlOffset(MessageVector vector, int i) {
        return (int) (vector.memory.getLong(i * Mmsghdr.SIZE + Mmsghdr.CONTROL) - vector.address);
    }
}
