package dev.culvert.core.io.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.spi.transport.Transport;
import dev.culvert.spi.transport.TransportOptions;
import dev.culvert.testing.netns.Prerequisites;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** UDP over the loopback interface; no privileges needed. */
class UdpTransportTest {
    private final PacketPool pool = new PacketPool("udp-test", 256);

    private static InetSocketAddress loopback(String ip) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), 0);
    }

    /** Receives until {@code count} packets are in the batch or 5 s pass. */
    private int receiveAtLeast(UdpTransport t, PacketBatch batch, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (batch.size() < count && System.nanoTime() < deadline) {
            if (t.receive(batch, pool) == 0) {
                Thread.sleep(1);
            }
        }
        return batch.size();
    }

    private void sendBatchAndCheck(String ip) throws Exception {
        UdpTransportFactory factory = new UdpTransportFactory();
        UdpTransport a = factory.open(loopback(ip), null, 1)[0];
        UdpTransport b = factory.open(loopback(ip), null, 1)[0];
        try {
            int toB = a.handleOf(b.localAddress());
            b.handleOf(a.localAddress()); // b learned a: a's datagrams arrive with its handle
            for (int i = 0; i < 20; i++) {
                Packet p = pool.acquire();
                p.setContents(new byte[] {(byte) i, 1, 2, 3}, 0, 4);
                assertTrue(a.send(p, toB));
            }
            a.flush();
            PacketBatch batch = new PacketBatch();
            assertEquals(20, receiveAtLeast(b, batch, 20));
            for (int i = 0; i < 20; i++) {
                Packet p = batch.get(i);
                assertArrayEquals(new byte[] {(byte) i, 1, 2, 3}, p.toByteArray(), "in order, intact");
                assertEquals(a.localAddress(), b.addressOf(p.remote()), "the remote is the sender's handle");
            }
            batch.releaseAll();
            assertEquals(20, a.sentPackets());
            assertEquals(1, a.trainsSent(), "twenty equal datagrams to one peer: one UDP GSO train");
            assertEquals(20, a.trainDatagramsSent());
            assertEquals(20, b.receivedPackets());
            assertEquals(0, pool.outstanding());
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void aBatchCrossesIpv4InOrder() throws Exception {
        sendBatchAndCheck("127.0.0.1");
    }

    @Test
    void aBatchCrossesIpv6InOrder() throws Exception {
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(loopback("::1"))) {
            probe.getLocalPort();
        } catch (IOException noIpv6) {
            Prerequisites.missing("no IPv6 loopback here: " + noIpv6.getMessage());
        }
        sendBatchAndCheck("::1");
    }

    @Test
    void workerSocketsShareOneAddressAndTheKernelSpreadsPeers() throws Exception {
        UdpTransport[] sockets = new UdpTransportFactory().open(loopback("127.0.0.1"), null, 2);
        try {
            assertEquals(sockets[0].localAddress(), sockets[1].localAddress(), "SO_REUSEPORT: one address");
            // 32 senders with distinct ports: the kernel's 4-tuple hash puts some on each socket
            // (all on one would happen with probability 2^-31).
            for (int i = 0; i < 32; i++) {
                try (DatagramSocket sender = new DatagramSocket(loopback("127.0.0.1"))) {
                    sender.send(new DatagramPacket(new byte[] {(byte) i}, 1, sockets[0].localAddress()));
                }
            }
            PacketBatch first = new PacketBatch();
            PacketBatch second = new PacketBatch();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (first.size() + second.size() < 32 && System.nanoTime() < deadline) {
                sockets[0].receive(first, pool);
                sockets[1].receive(second, pool);
            }
            assertEquals(32, first.size() + second.size());
            assertTrue(first.size() > 0 && second.size() > 0, first.size() + " / " + second.size());
            // Either socket can answer any peer: the handle space is shared.
            int handle = sockets[1].handleOf(second.get(0).remoteAddress().toInetSocketAddress());
            Packet reply = pool.acquire();
            reply.setContents(new byte[] {42}, 0, 1);
            assertTrue(sockets[0].send(reply, handle));
            sockets[0].flush();
            first.releaseAll();
            second.releaseAll();
        } finally {
            sockets[0].close();
            sockets[1].close();
        }
        assertEquals(0, pool.outstanding());
    }

    @Test
    void thePeerTableHoldsWhatTheOptionsAskForAndNeverLessThanTheDefault() throws Exception {
        UdpTransportFactory factory = new UdpTransportFactory();
        UdpTransport asked = factory.open(loopback("127.0.0.1"), null, 1, TransportOptions.DEFAULT.withPeers(20_000))[0];
        UdpTransport plain = factory.open(loopback("127.0.0.1"), null, 1)[0];
        try {
            assertEquals(20_000, asked.peers().capacity());
            assertEquals(UdpTransportFactory.DEFAULT_MAX_PEERS, plain.peers().capacity());
        } finally {
            asked.close();
            plain.close();
        }
    }

    @Test
    void withUdpGsoTurnedOffEveryDatagramLeavesOnItsOwn() throws Exception {
        UdpTransport a;
        System.setProperty(UdpSegmentation.PROPERTY, "off");
        try {
            a = new UdpTransportFactory().open(loopback("127.0.0.1"), null, 1)[0];
        } finally {
            System.clearProperty(UdpSegmentation.PROPERTY);
        }
        UdpTransport b = new UdpTransportFactory().open(loopback("127.0.0.1"), null, 1)[0];
        try {
            assertFalse(a.sendsTrains());
            sendNumbered(a, a.handleOf(b.localAddress()), 0, 40);
            PacketBatch batch = new PacketBatch();
            assertEquals(40, receiveAtLeast(b, batch, 40));
            batch.releaseAll();
            assertEquals(40, a.sentPackets());
            assertEquals(0, a.trainsSent());
        } finally {
            a.close();
            b.close();
        }
    }

    /**
     * A quiet socket posts few buffers per call; a burst after it still arrives whole and in
     * order, and within a few calls each call fills a whole batch again.
     */
    @Test
    void aBurstAfterAQuietSpellArrivesWholeAndFillsBatchesAgain() throws Exception {
        UdpTransportFactory factory = new UdpTransportFactory();
        UdpTransport a = factory.open(loopback("127.0.0.1"), null, 1)[0];
        UdpTransport b = factory.open(loopback("127.0.0.1"), null, 1)[0];
        try {
            int toB = a.handleOf(b.localAddress());
            PacketBatch batch = new PacketBatch();
            sendNumbered(a, toB, 0, 1);
            assertEquals(1, receiveAtLeast(b, batch, 1), "the quiet spell: one datagram a call");
            batch.releaseAll();
            int burst = 200;
            sendNumbered(a, toB, 0, burst);
            int next = 0;
            int fullBatches = 0;
            for (int call = 0; call < 1000 && next < burst; call++) {
                int n = b.receive(batch, pool);
                if (n == batch.capacity()) {
                    fullBatches++;
                }
                for (int i = 0; i < batch.size(); i++) {
                    assertEquals(next++ & 0xff, batch.get(i).getUnsignedByte(0), "in order");
                }
                batch.releaseAll();
            }
            assertEquals(burst, next, "every datagram of the burst arrived");
            assertTrue(fullBatches >= 1, "the posted buffers grew back to a whole batch");
            assertEquals(0, pool.outstanding());
        } finally {
            a.close();
            b.close();
        }
    }

    private void sendNumbered(UdpTransport from, int to, int first, int count) throws Exception {
        for (int i = first; i < first + count; i++) {
            Packet p = pool.acquire();
            p.setContents(new byte[] {(byte) i, 1, 2, 3}, 0, 4);
            assertTrue(from.send(p, to));
            if ((i + 1) % 32 == 0) {
                from.flush();
            }
        }
        from.flush();
    }

    @Test
    void aDatagramLargerThanTheBufferIsDroppedAndCounted() throws Exception {
        PacketPool small = new PacketPool("small", 8, 256, 64);
        UdpTransport t = new UdpTransportFactory().open(loopback("127.0.0.1"), null, 1)[0];
        try (DatagramSocket sender = new DatagramSocket(loopback("127.0.0.1"))) {
            sender.send(new DatagramPacket(new byte[1000], 1000, t.localAddress()));
            sender.send(new DatagramPacket(new byte[100], 100, t.localAddress()));
            PacketBatch batch = new PacketBatch();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (batch.size() < 1 && System.nanoTime() < deadline) {
                t.receive(batch, small);
            }
            assertEquals(1, batch.size());
            assertEquals(100, batch.get(0).length());
            assertEquals(1, t.drops().get(TransportDrops.TRUNCATED));
            batch.releaseAll();
        } finally {
            t.close();
        }
        assertEquals(0, small.outstanding());
    }

    @Test
    void sendersBeyondThePeerTableStillArriveButAreNotLearned() throws Exception {
        UdpTransport t = new UdpTransportFactory(1, 64).open(loopback("127.0.0.1"), null, 1)[0];
        try (DatagramSocket one = new DatagramSocket(loopback("127.0.0.1"));
             DatagramSocket two = new DatagramSocket(loopback("127.0.0.1"))) {
            assertTrue(t.handleOf((InetSocketAddress) one.getLocalSocketAddress()) >= 0);
            assertEquals(-1, t.handleOf((InetSocketAddress) two.getLocalSocketAddress()), "the table holds one peer");
            two.send(new DatagramPacket(new byte[10], 10, t.localAddress()));
            PacketBatch batch = new PacketBatch();
            assertEquals(1, receiveAtLeast(t, batch, 1));
            assertEquals(Transport.UNKNOWN_PEER, batch.get(0).remote());
            assertEquals(two.getLocalSocketAddress(), batch.get(0).remoteAddress().toInetSocketAddress());
            assertEquals(1, t.peerCount());
            batch.releaseAll();
        } finally {
            t.close();
        }
    }

    @Test
    void anUnknownHandleIsRefusedAndTheCallerKeepsThePacket() throws Exception {
        UdpTransport t = new UdpTransportFactory().open(loopback("127.0.0.1"), null, 1)[0];
        try {
            Packet p = pool.acquire();
            p.setContents(new byte[] {1}, 0, 1);
            assertFalse(t.send(p, 99));
            p.release();
        } finally {
            t.close();
        }
        assertEquals(0, pool.outstanding());
    }

    @Test
    void anEmptySocketReceivesNothingWithoutBlocking() throws Exception {
        UdpTransport t = new UdpTransportFactory().open(loopback("127.0.0.1"), null, 1)[0];
        try {
            PacketBatch batch = new PacketBatch();
            assertEquals(0, t.receive(batch, pool));
            assertEquals(0, pool.outstanding(), "buffers taken for the attempt went back");
        } finally {
            t.close();
        }
    }

    @Test
    void forgettingADatagramPeerRemovesItsAddressFromTheSharedPeerTable() throws Exception {
        UdpTransport[] sockets = new UdpTransportFactory().open(loopback("127.0.0.1"), null, 1);
        UdpTransport t = sockets[0];
        try {
            InetSocketAddress far = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
            int handle = t.handleOf(far);
            assertFalse(t.isStream());
            assertEquals(-1, t.ownerIndexOf(handle), "any socket of the endpoint can send to a datagram peer");
            assertEquals(1, t.peerCount());

            t.forget(handle);
            assertEquals(0, t.peerCount());
            assertEquals(null, t.addressOf(handle), "the handle no longer names the address");
            t.forget(handle);
            assertEquals(0, t.peerCount(), "a forgotten handle is ignored");
            assertEquals(0, t.closedConnections(), "datagrams have no connections");
        } finally {
            t.close();
        }
    }

    @Test
    void thousandsOfStrangersArriveWithTheirAddressAndLeaveThePeerTableEmpty() throws Exception {
        UdpTransport t = new UdpTransportFactory().open(loopback("127.0.0.1"), null, 1)[0];
        int strangers = 2_000;
        try {
            PacketBatch batch = new PacketBatch();
            int seen = 0;
            for (int i = 0; i < strangers; i++) {
                try (DatagramSocket stranger = new DatagramSocket(loopback("127.0.0.1"))) {
                    // Empty and one-byte garbage, each from its own source port.
                    stranger.send(new DatagramPacket(new byte[] {(byte) i}, i % 2, t.localAddress()));
                }
                if (i % 32 == 31 || i == strangers - 1) {
                    receiveAtLeast(t, batch, i + 1 - seen);
                    for (int j = 0; j < batch.size(); j++) {
                        Packet p = batch.get(j);
                        assertEquals(Transport.UNKNOWN_PEER, p.remote(), "a stranger has no handle");
                        assertTrue(p.remoteAddress().isSet(), "but its address travels with its packet");
                    }
                    seen += batch.size();
                    batch.releaseAll();
                }
            }
            assertEquals(strangers, seen);
            assertEquals(0, t.peerCount(), "receiving learned nobody");
            assertEquals(0, t.drops().total());
        } finally {
            t.close();
        }
        assertEquals(0, pool.outstanding());
    }

    @Test
    void aStrangerIsAnsweredAtItsAddressWithoutBeingLearned() throws Exception {
        UdpTransport t = new UdpTransportFactory().open(loopback("127.0.0.1"), null, 1)[0];
        try (DatagramSocket stranger = new DatagramSocket(loopback("127.0.0.1"))) {
            stranger.setSoTimeout(5_000);
            stranger.send(new DatagramPacket(new byte[] {7}, 1, t.localAddress()));
            PacketBatch batch = new PacketBatch();
            assertEquals(1, receiveAtLeast(t, batch, 1));
            Packet answer = batch.get(0);
            batch.clear();
            answer.setContents(new byte[] {8, 9}, 0, 2);
            assertTrue(t.sendBack(answer));
            t.flush();
            DatagramPacket got = new DatagramPacket(new byte[16], 16);
            stranger.receive(got);
            assertEquals(2, got.getLength());
            assertEquals(8, got.getData()[0]);
            assertEquals(t.localAddress(), got.getSocketAddress());
            assertEquals(0, t.peerCount(), "answering learned nothing");
        } finally {
            t.close();
        }
        assertEquals(0, pool.outstanding());
    }

    @Test
    void anIpv4SenderOnADualStackSocketIsLearnedAsItArrivedAndAnsweredThere() throws Exception {
        UdpTransport t;
        try {
            t = new UdpTransportFactory().open(new InetSocketAddress(InetAddress.getByName("::"), 0), null, 1)[0];
        } catch (IOException noIpv6) {
            Prerequisites.missing("no IPv6 here: " + noIpv6.getMessage());
            return;
        }
        InetSocketAddress v4Port = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), t.localAddress().getPort());
        try (DatagramSocket sender = new DatagramSocket(loopback("127.0.0.1"))) {
            sender.setSoTimeout(5_000);
            sender.send(new DatagramPacket(new byte[] {1}, 1, v4Port));
            PacketBatch batch = new PacketBatch();
            assertEquals(1, receiveAtLeast(t, batch, 1));
            assertFalse(batch.get(0).remoteAddress().isIpv4(), "a v4-mapped IPv6 source");
            int learned = t.handleOf(batch.get(0).remoteAddress());
            batch.releaseAll();

            sender.send(new DatagramPacket(new byte[] {2}, 1, v4Port));
            assertEquals(1, receiveAtLeast(t, batch, 1));
            assertEquals(learned, batch.get(0).remote(), "its next datagram is from the peer it became");
            Packet answer = batch.get(0);
            batch.clear();
            assertTrue(t.send(answer, learned));
            t.flush();
            DatagramPacket got = new DatagramPacket(new byte[4], 4);
            sender.receive(got);
            assertEquals(2, got.getData()[0], "and the socket can answer it there");
        } finally {
            t.close();
        }
        assertEquals(0, pool.outstanding());
    }
}
