package dev.culvert.core.io.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.spi.transport.TransportOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** TCP with OpenVPN's 2-byte framing, over loopback; no privileges needed. */
class TcpTransportTest {
    private final PacketPool pool = new PacketPool("tcp-test", 512);
    private TcpTransport server;

    @AfterEach
    void closeAndCheckPool() {
        if (server != null) {
            server.close();
        }
        assertEquals(0, pool.outstanding(), "every buffer went back to the pool");
    }

    private TcpTransport listen() throws Exception {
        server = new TcpTransportFactory(8, 1600, 16).open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, 1)[0];
        return server;
    }

    private static void until(BooleanSupplier condition, Runnable step) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            step.run();
            Thread.sleep(1);
        }
    }

    /** Steps until {@code condition} holds; fails, naming {@code what}, if it does not within 5 s. */
    private static void await(String what, BooleanSupplier condition, Runnable step) throws InterruptedException {
        until(condition, step);
        assertTrue(condition.getAsBoolean(), what);
    }

    private void receiveInto(TcpTransport t, PacketBatch batch) {
        try {
            t.receive(batch, pool);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Packet packet(byte[] contents) {
        Packet p = pool.acquire();
        p.setContents(contents, 0, contents.length);
        return p;
    }

    @Test
    void framedPacketsCrossBothWaysInOrder() throws Exception {
        TcpTransport s = listen();
        TcpTransport client = new TcpTransportFactory().open(null, s.localAddress());
        try {
            int toServer = client.connectionHandles().get(0);
            for (int i = 1; i <= 40; i++) {
                assertTrue(client.send(packet(new byte[i * 30]), toServer));
                client.flush();
                client.receive(new PacketBatch(), pool); // completes the connect, writes the queue
            }
            PacketBatch got = new PacketBatch();
            until(() -> got.size() >= 40 && client.queuedFor(toServer) == 0, () -> {
                receiveInto(s, got);
                receiveInto(client, new PacketBatch());
                client.flush();
            });
            assertEquals(40, got.size());
            for (int i = 0; i < 40; i++) {
                assertEquals((i + 1) * 30, got.get(i).length(), "frame " + i);
            }
            int back = got.get(0).remote();
            got.releaseAll();
            assertTrue(s.send(packet(new byte[] {9, 8, 7}), back));
            s.flush();
            PacketBatch reply = new PacketBatch();
            until(() -> reply.size() >= 1, () -> receiveInto(client, reply));
            assertArrayEquals(new byte[] {9, 8, 7}, reply.get(0).toByteArray());
            reply.releaseAll();
        } finally {
            client.close();
        }
    }

    @Test
    void eachListeningSocketHoldsTheConnectionsTheOptionsAskFor() throws Exception {
        TcpTransport[] asked = new TcpTransportFactory().open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, 2,
                TransportOptions.DEFAULT.withPeers(5_000));
        TcpTransport plain = new TcpTransportFactory().open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, 1)[0];
        try {
            assertEquals(5_000, asked[0].connectionCapacity());
            assertEquals(5_000, asked[1].connectionCapacity(), "the kernel may hand any socket every connection");
            assertEquals(TcpTransportFactory.DEFAULT_MAX_CONNECTIONS, plain.connectionCapacity());
        } finally {
            asked[0].close();
            asked[1].close();
            plain.close();
        }
    }

    @Test
    void framesSplitAtAnyByteAreReassembled() throws Exception {
        TcpTransport s = listen();
        try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), s.localAddress().getPort())) {
            raw.setTcpNoDelay(true);
            OutputStream out = raw.getOutputStream();
            byte[] stream = {0, 3, 'a', 'b', 'c', 0, 1, 'x', 0, 2, 'y', 'z'};
            List<Integer> frameEnds = List.of(5, 8, 12);
            PacketBatch got = new PacketBatch();
            for (int i = 0; i < stream.length; i++) {
                out.write(stream[i]);
                out.flush();
                // The next byte is written only once the transport has read this one: every read
                // gets one byte, and a frame appears exactly when its last byte has been read.
                long read = i + 1;
                long complete = frameEnds.stream().filter(end -> end <= read).count();
                await("byte " + i + " read alone, " + complete + " frames cut", () -> s.receivedBytes() == read && got.size() == complete,
                        () -> receiveInto(s, got));
            }
            assertEquals(3, got.size());
            assertArrayEquals("abc".getBytes(), got.get(0).toByteArray());
            assertArrayEquals("x".getBytes(), got.get(1).toByteArray());
            assertArrayEquals("yz".getBytes(), got.get(2).toByteArray());
            got.releaseAll();
        }
    }

    @Test
    void aBadLengthClosesThatConnectionOnlyAndIsCounted() throws Exception {
        TcpTransport s = listen();
        try (Socket good = new Socket(InetAddress.getLoopbackAddress(), s.localAddress().getPort());
             Socket zero = new Socket(InetAddress.getLoopbackAddress(), s.localAddress().getPort());
             Socket huge = new Socket(InetAddress.getLoopbackAddress(), s.localAddress().getPort())) {
            zero.getOutputStream().write(new byte[] {0, 0, 1, 2});
            huge.getOutputStream().write(new byte[] {(byte) 0xff, (byte) 0xff, 1, 2});
            good.getOutputStream().write(new byte[] {0, 2, 'o', 'k'});
            PacketBatch got = new PacketBatch();
            until(() -> got.size() >= 1 && s.drops().get(TransportDrops.BAD_FRAME_LENGTH) >= 2, () -> receiveInto(s, got));
            assertEquals(2, s.drops().get(TransportDrops.BAD_FRAME_LENGTH));
            assertEquals(1, got.size());
            assertArrayEquals("ok".getBytes(), got.get(0).toByteArray());
            got.releaseAll();
            assertEquals(1, s.connectionHandles().size(), "only the good connection is left");
            zero.setSoTimeout(2000);
            assertEquals(-1, zero.getInputStream().read(), "the server closed the bad connection");
        }
    }

    @Test
    void aPeerThatStopsReadingGetsABoundedQueueAndCountedDrops() throws Exception {
        TcpTransport s = listen();
        try (Socket slow = new Socket(InetAddress.getLoopbackAddress(), s.localAddress().getPort())) {
            slow.getOutputStream().write(new byte[] {0, 1, 'h'});
            PacketBatch got = new PacketBatch();
            until(() -> got.size() >= 1, () -> receiveInto(s, got));
            int handle = got.get(0).remote();
            got.releaseAll();
            int refused = 0;
            // The peer never reads: socket buffers fill, then the 16-frame queue, then sends are refused.
            for (int i = 0; i < 5000 && refused < 100; i++) {
                Packet p = packet(new byte[1400]);
                if (!s.send(p, handle)) {
                    p.release();
                    refused++;
                }
                s.flush();
            }
            assertEquals(100, refused, "sends are refused once the queue is full");
            assertEquals(16, s.queuedFor(handle));
            assertTrue(pool.outstanding() <= 16, "memory held for the slow peer is bounded: " + pool.outstanding());
            assertEquals(100, s.drops().get(TransportDrops.QUEUE_FULL));
            // Giving up on the peer releases what it held, counted.
            s.forget(handle);
            assertEquals(16, s.drops().get(TransportDrops.CONNECTION_CLOSED), "queued frames dropped on close are counted");
            assertEquals(0, pool.outstanding());
        }
    }

    @Test
    void partialWritesResumeWhereTheyStopped() throws Exception {
        // Large frames, a small send buffer and a peer that reads late: the socket takes frames in pieces.
        PacketPool big = new PacketPool("tcp-big", 32, 65536, 128);
        TcpTransport s = new TcpTransportFactory(8, 65535, 16, 4096)
                .open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, 1)[0];
        server = s;
        final int size = 60000; // far larger than the send buffer
        try (Socket peer = new Socket(InetAddress.getLoopbackAddress(), s.localAddress().getPort())) {
            peer.setReceiveBufferSize(64 * 1024);
            peer.getOutputStream().write(new byte[] {0, 1, 'h'});
            PacketBatch got = new PacketBatch();
            until(() -> got.size() >= 1, () -> receiveInto(s, got));
            int handle = got.get(0).remote();
            got.releaseAll();
            int frames = 0;
            for (int i = 0; i < 200; i++) {
                Packet p = big.acquire();
                p.setLength(size);
                p.putByte(0, i);
                p.putByte(size - 1, i);
                if (s.send(p, handle)) {
                    frames++;
                } else {
                    p.release();
                    break;
                }
                s.flush();
            }
            // From here on one thread drives the transport (as its worker would): on EPOLLOUT it
            // resumes each frame where the socket stopped taking it.
            java.util.concurrent.atomic.AtomicBoolean reading = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread driver = new Thread(() -> {
                PacketBatch ignored = new PacketBatch();
                while (reading.get()) {
                    receiveInto(s, ignored);
                    ignored.releaseAll();
                }
            }, "tcp-driver");
            driver.start();
            InputStream in = peer.getInputStream();
            peer.setSoTimeout(5000);
            try {
                for (int f = 0; f < frames; f++) {
                    byte[] frame = in.readNBytes(size + 2);
                    assertEquals(size + 2, frame.length);
                    assertEquals(size, ((frame[0] & 0xff) << 8) | (frame[1] & 0xff));
                    assertEquals((byte) f, frame[2], "frame " + f + " starts right");
                    assertEquals((byte) f, frame[size + 1], "frame " + f + " ends right");
                }
            } finally {
                reading.set(false);
                driver.join(5000);
            }
            assertEquals(0, s.queuedFor(handle));
            System.out.println("partial writes: " + frames + " frames, " + s.partialWrites() + " written in pieces");
            assertTrue(s.partialWrites() > 0, "the socket never took part of a frame; the test did not test anything");
        }
        assertEquals(0, big.outstanding());
    }

    @Test
    void workerListenersShareOneAddress() throws Exception {
        TcpTransport[] listeners = new TcpTransportFactory().open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, 2);
        try {
            assertEquals(listeners[0].localAddress(), listeners[1].localAddress());
            assertEquals(0, TcpTransport.transportIndexOf(0x00_01_0003));
            assertEquals(1, TcpTransport.transportIndexOf(0x01_01_0003));
        } finally {
            listeners[0].close();
            listeners[1].close();
        }
        assertFalse(listeners[0].localAddress().getPort() == 0);
    }

    @Test
    void aStreamPeerIsItsConnectionOwnedByTheTransportThatHoldsIt() throws Exception {
        TcpTransport s = listen();
        try (Socket peer = new Socket(InetAddress.getLoopbackAddress(), s.localAddress().getPort())) {
            peer.getOutputStream().write(new byte[] {0, 1, 'h'});
            PacketBatch got = new PacketBatch();
            until(() -> got.size() >= 1, () -> receiveInto(s, got));
            int handle = got.get(0).remote();
            got.releaseAll();
            assertTrue(s.isStream());
            assertEquals(0, s.ownerIndexOf(handle), "the only transport of its endpoint holds the connection");
            assertEquals(1, s.ownerIndexOf(0x01_01_0003), "a handle names the transport that holds it");
            assertEquals(1, s.peerCount());

            s.forget(handle);
            assertEquals(0, s.peerCount(), "forgetting a stream peer closes its connection");
            assertEquals(1, s.closedConnections());
            s.forget(handle);
            assertEquals(1, s.closedConnections(), "a forgotten handle is ignored");
        }
    }
}
