package dev.culvert.core.io.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A TCP listener's handshake window ({@code hand-window}): a connection the tunnel has not called
 * established in time is closed, counted, and gives back the buffer of a frame it left half sent;
 * one the tunnel established stays. The window runs on a clock the test moves, so nothing here
 * waits for real time to pass; the transport is polled until it has acted.
 */
class TcpHandshakeWindowTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long WINDOW = 3 * SECOND;

    private final PacketPool pool = new PacketPool("tcp-hand-window", 64);
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final List<Socket> peers = new ArrayList<>();
    private TcpTransport server;

    @AfterEach
    void close() throws IOException {
        for (Socket s : peers) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
        assertEquals(0, pool.outstanding(), "every buffer went back to the pool");
    }

    private TcpTransport listen(int slots) throws Exception {
        server = new TcpTransportFactory(slots, 1600, 16).open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, 1)[0];
        server.handshake().useClock(now::get);
        server.handshakeWindow(WINDOW);
        return server;
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.localAddress().getPort());
        peers.add(s);
        return s;
    }

    /** Polls the transport until {@code condition} holds; fails after 10 s of polling, a hang guard, not a timing. */
    private void pollUntil(BooleanSupplier condition, String what) throws Exception {
        PacketBatch batch = new PacketBatch();
        long guard = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < guard, "never happened: " + what);
            server.receive(batch, pool);
            batch.releaseAll();
            Thread.onSpinWait();
        }
    }

    private static boolean closedByServer(Socket s) throws IOException {
        s.setSoTimeout(5_000);
        InputStream in = s.getInputStream();
        try {
            return in.read() < 0;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Test
    void anIdleConnectionIsClosedWhenItsWindowEndsAndCounted() throws Exception {
        listen(8);
        Socket idle = connect();
        pollUntil(() -> server.connectionHandles().size() == 1, "the connection accepted");
        now.addAndGet(WINDOW - 1);
        server.receive(new PacketBatch(), pool);
        assertEquals(1, server.connectionHandles().size(), "still within its window");
        now.addAndGet(1);
        pollUntil(() -> server.connectionHandles().isEmpty(), "the idle connection closed");
        assertEquals(1, server.drops().get(TransportDrops.HAND_WINDOW));
        assertTrue(closedByServer(idle), "the peer sees the connection closed");
    }

    @Test
    void aHalfFramedConnectionGivesItsBufferBackWhenClosed() throws Exception {
        listen(8);
        Socket half = connect();
        half.getOutputStream().write(new byte[] {0, 100, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        pollUntil(() -> pool.outstanding() == 1, "the half frame held in a pooled buffer");
        now.addAndGet(WINDOW);
        pollUntil(() -> server.connectionHandles().isEmpty(), "the half-framed connection closed");
        assertEquals(0, pool.outstanding(), "the partial frame's buffer is back in the pool");
        assertEquals(1, server.drops().get(TransportDrops.HAND_WINDOW));
        assertTrue(closedByServer(half));
    }

    @Test
    void anEstablishedConnectionOutlivesTheWindow() throws Exception {
        listen(8);
        connect();
        Socket idle = connect();
        pollUntil(() -> server.connectionHandles().size() == 2, "both accepted");
        int kept = server.handleOf(new InetSocketAddress(InetAddress.getLoopbackAddress(), peers.get(0).getLocalPort()));
        server.established(kept);
        now.addAndGet(10 * WINDOW);
        pollUntil(() -> server.connectionHandles().size() == 1, "the unestablished one closed");
        assertEquals(List.of(kept), server.connectionHandles(), "the established connection stays");
        assertTrue(closedByServer(idle));
        assertEquals(1, server.drops().get(TransportDrops.HAND_WINDOW));
    }

    @Test
    void connectionsBeyondTheSlotsAreClosedAtOnceAndCountedAndFreeSlotsReturnAfterTheWindow() throws Exception {
        listen(2);
        connect();
        connect();
        Socket third = connect();
        pollUntil(() -> server.rejectedConnections() == 1, "the third connection refused");
        assertEquals(1, server.drops().get(TransportDrops.NO_SLOT));
        assertTrue(closedByServer(third), "a connection without a slot is closed, not left waiting");
        now.addAndGet(WINDOW);
        pollUntil(() -> server.connectionHandles().isEmpty(), "the two idle ones closed");
        Socket fourth = connect();
        pollUntil(() -> server.connectionHandles().size() == 1, "a new connection takes a freed slot");
        assertTrue(fourth.isConnected());
    }

    @Test
    void withoutAWindowNothingIsClosed() throws Exception {
        server = new TcpTransportFactory(8, 1600, 16).open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, 1)[0];
        server.handshake().useClock(now::get);
        connect();
        pollUntil(() -> server.connectionHandles().size() == 1, "the connection accepted");
        now.addAndGet(3600 * SECOND);
        server.receive(new PacketBatch(), pool);
        assertEquals(1, server.connectionHandles().size());
        assertEquals(0, server.drops().get(TransportDrops.HAND_WINDOW));
    }
}
