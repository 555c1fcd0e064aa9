package dev.culvert.core.io.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.io.transport.TransportDrops;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.spi.transport.Transport;
import dev.culvert.spi.transport.TransportOptions;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The in-memory network keeps the UDP transport's promises: bounded queues, counted drops, handles for addresses. */
class MemoryTransportTest {
    private static final InetSocketAddress SERVER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1194);

    private final PacketPool clientPool = new PacketPool("client", 32);
    private final PacketPool serverPool = new PacketPool("server", 32);

    private static boolean send(MemoryTransport from, int to, PacketPool pool, byte... bytes) {
        Packet p = pool.acquire();
        p.setContents(bytes, 0, bytes.length);
        if (!from.send(p, to)) {
            p.release();
            return false;
        }
        return true;
    }

    @Test
    void aDatagramArrivesWithItsSendersHandleInTheReadersOwnPool() throws Exception {
        MemoryNetwork net = new MemoryNetwork(8, 16);
        MemoryTransport server = net.bind(SERVER, null, 1)[0];
        MemoryTransport client = net.transportFactory("udp").open(null, SERVER, 1)[0];
        AtomicInteger signals = new AtomicInteger();
        server.onReadable(signals::incrementAndGet);
        server.handleOf(client.localAddress()); // the server learned the client: its datagrams carry its handle

        assertTrue(send(client, client.handleOf(SERVER), clientPool, (byte) 1, (byte) 2, (byte) 3));
        assertEquals(0, signals.get(), "nothing leaves before the flush");
        client.flush();
        assertEquals(1, signals.get(), "the receiver is told it has input");

        PacketBatch batch = new PacketBatch();
        assertEquals(1, server.receive(batch, serverPool));
        Packet got = batch.get(0);
        assertSame(serverPool, got.pool());
        assertArrayEquals(new byte[] {1, 2, 3}, got.toByteArray());
        assertEquals(client.localAddress(), server.addressOf(got.remote()), "the remote is the sender's handle");

        // The reply goes back to the handle the datagram came from.
        Packet reply = batch.get(0);
        batch.clear();
        assertTrue(server.send(reply, reply.remote()));
        server.flush();
        assertEquals(1, client.receive(batch, clientPool));
        assertEquals(SERVER, client.addressOf(batch.get(0).remote()));
        batch.releaseAll();
        assertEquals(0, clientPool.outstanding());
        assertEquals(0, serverPool.outstanding());
    }

    /** A server asks its listeners to hold max-clients peers; memory endpoints have no fixed table, but no buffers to size either. */
    @Test
    void aFactoryTakesAPeerCountButRefusesBufferSizes() throws Exception {
        MemoryNetwork net = new MemoryNetwork(8, 16);
        assertEquals(1, net.transportFactory("udp").open(SERVER, null, 1, TransportOptions.DEFAULT.withPeers(20_000)).length);
        assertThrows(UnsupportedOperationException.class,
                () -> net.transportFactory("udp").open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 1195), null, 1,
                        new TransportOptions(65_536, 0)));
    }

    @Test
    void aFullQueueDropsAndTheReceiverCountsIt() throws Exception {
        MemoryNetwork net = new MemoryNetwork(2, 16);
        MemoryTransport server = net.bind(SERVER, null, 1)[0];
        MemoryTransport client = net.transportFactory("udp").open(null, SERVER, 1)[0];
        for (int i = 0; i < 5; i++) {
            assertTrue(send(client, client.handleOf(SERVER), clientPool, (byte) i));
        }
        client.flush();
        assertEquals(2, server.pending());
        assertEquals(3, server.drops().get(TransportDrops.RECEIVE_QUEUE_FULL));
        assertEquals(2, client.sentPackets());
        PacketBatch batch = new PacketBatch();
        assertEquals(2, server.receive(batch, serverPool));
        assertEquals(0, batch.get(0).getUnsignedByte(0), "the first two arrive, in order");
        assertEquals(1, batch.get(1).getUnsignedByte(0));
        batch.releaseAll();
        assertEquals(0, clientPool.outstanding());
    }

    @Test
    void aDatagramToAnAddressNobodyBindsIsCountedBySender() throws Exception {
        MemoryNetwork net = new MemoryNetwork(4, 16);
        MemoryTransport client = net.transportFactory("udp").open(null, SERVER, 1)[0];
        assertTrue(send(client, client.handleOf(SERVER), clientPool, (byte) 9));
        client.flush();
        assertEquals(1, client.drops().get(TransportDrops.SEND_FAILED));
        assertFalse(send(client, 15, clientPool, (byte) 9), "a handle the network never gave out is refused");
        assertEquals(0, clientPool.outstanding());
    }

    @Test
    void theAddressTableIsBounded() throws Exception {
        MemoryNetwork net = new MemoryNetwork(4, 2);
        MemoryTransport server = net.bind(SERVER, null, 1)[0];
        assertEquals(1, server.handleOf(new InetSocketAddress(InetAddress.getLoopbackAddress(), 5000)));
        assertEquals(-1, server.handleOf(new InetSocketAddress(InetAddress.getLoopbackAddress(), 5001)));
        assertNull(server.addressOf(7));
    }

    @Test
    void aBoundAddressIsTakenUntilEveryEndpointOfItsGroupIsClosed() throws Exception {
        MemoryNetwork net = new MemoryNetwork(4, 16);
        MemoryTransport[] group = net.bind(SERVER, null, 2);
        assertThrows(BindException.class, () -> net.bind(SERVER, null, 1));
        MemoryTransport client = net.transportFactory("udp").open(null, SERVER, 1)[0];
        assertTrue(send(client, client.handleOf(SERVER), clientPool, (byte) 1));
        client.flush();
        group[0].close();
        group[1].close();
        assertEquals(0, clientPool.outstanding(), "closing released what was queued");
        MemoryTransport again = net.bind(SERVER, null, 1)[0];
        assertTrue(send(client, client.handleOf(SERVER), clientPool, (byte) 2));
        client.flush();
        assertEquals(1, again.pending(), "a server bound again is reached under the same handle");
        again.close();
        assertEquals(0, clientPool.outstanding());
    }

    @Test
    void aWildcardEndpointReceivesWhatIsSentToItsPort() throws Exception {
        MemoryNetwork net = new MemoryNetwork(4, 16);
        MemoryTransport server = net.bind(new InetSocketAddress(1194), null, 1)[0];
        MemoryTransport client = net.transportFactory("udp").open(null, SERVER, 1)[0];
        assertTrue(send(client, client.handleOf(SERVER), clientPool, (byte) 1));
        client.flush();
        assertEquals(1, server.pending());
        server.close();
        assertEquals(0, clientPool.outstanding());
    }

    @Test
    void anEndpointIsADatagramTransportWhoseHandlesBelongToTheNetwork() throws Exception {
        MemoryNetwork net = new MemoryNetwork(8, 16);
        MemoryTransport server = net.bind(SERVER, null, 1)[0];
        MemoryTransport client = net.transportFactory("udp").open(null, SERVER, 1)[0];
        int toServer = client.handleOf(SERVER);
        assertFalse(client.isStream());
        assertEquals(-1, client.ownerIndexOf(toServer));
        assertEquals(1, client.peerCount(), "the client learned the server's address");
        assertEquals(0, server.peerCount(), "the server learned nobody");

        client.forget(toServer);
        assertEquals(SERVER, client.addressOf(toServer), "the network's handle stays: another endpoint may use it");
        assertTrue(send(client, toServer, clientPool, (byte) 1));
        client.flush();
        assertEquals(1, server.pending());
        assertTrue(server.dropCounts().isEmpty(), "nothing dropped");
        server.close();
        client.close();
    }

    @Test
    void aStrangersDatagramCarriesItsAddressAndIsAnsweredWithoutBeingLearned() throws Exception {
        MemoryNetwork net = new MemoryNetwork(8, 16);
        MemoryTransport server = net.bind(SERVER, null, 1)[0];
        MemoryTransport client = net.transportFactory("udp").open(null, SERVER, 1)[0];
        assertTrue(send(client, client.handleOf(SERVER), clientPool, (byte) 5));
        client.flush();

        PacketBatch batch = new PacketBatch();
        assertEquals(1, server.receive(batch, serverPool));
        Packet got = batch.get(0);
        batch.clear();
        assertEquals(Transport.UNKNOWN_PEER, got.remote(), "the server never learned the client");
        assertEquals(client.localAddress(), got.remoteAddress().toInetSocketAddress());

        assertTrue(server.sendBack(got));
        server.flush();
        assertEquals(1, client.receive(batch, clientPool));
        assertEquals(5, batch.get(0).getUnsignedByte(0));
        batch.releaseAll();
        assertEquals(0, server.peerCount(), "answering learned nothing");

        int learned = server.handleOf(client.localAddress());
        assertTrue(send(client, client.handleOf(SERVER), clientPool, (byte) 6));
        client.flush();
        assertEquals(1, server.receive(batch, serverPool));
        assertEquals(learned, batch.get(0).remote(), "a learned sender arrives with its handle");
        server.forget(learned);
        batch.releaseAll();
        assertTrue(send(client, client.handleOf(SERVER), clientPool, (byte) 7));
        client.flush();
        assertEquals(1, server.receive(batch, serverPool));
        assertEquals(Transport.UNKNOWN_PEER, batch.get(0).remote(), "a forgotten sender is a stranger again");
        batch.releaseAll();
        assertEquals(0, clientPool.outstanding());
        assertEquals(0, serverPool.outstanding());
    }
}
