package dev.culvert.vpn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.WorkerContext;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.spi.transport.Transport;
import dev.culvert.vpn.control.NoWrap;
import dev.culvert.vpn.preauth.PreAuthGate;
import dev.culvert.vpn.preauth.SessionIdCookie;
import dev.culvert.vpn.tunnel.OpenNode;
import java.net.InetSocketAddress;
import java.security.SecureRandom;

/**
 * Hostile datagrams against a UDP listener's ingress with a client table ({@link OpenNode} over
 * {@link ListenerPeers}): from strangers, from a client's own address, from a client another
 * worker owns. Whatever arrives, nothing escapes as an exception, no stranger is learned as a peer
 * or admitted (a cookie cannot be guessed), nothing floats, and every pooled buffer comes back.
 *
 * <p>An input is a run of records: a source byte (0, 1: strangers; 2: client 0's address; 3:
 * client 2's, owned by another worker), a length byte, then that many bytes of datagram.
 */
class ServerIngressFuzzTest {
    private static final InetSocketAddress[] SOURCES = {
        new InetSocketAddress("198.51.100.1", 40_000), new InetSocketAddress("198.51.100.2", 40_001),
        new InetSocketAddress("192.0.2.10", 50_000), new InetSocketAddress("192.0.2.12", 50_002),
    };
    private static final int CLIENT_0_HANDLE = 10;
    private static final int CLIENT_2_HANDLE = 12;

    private static final PacketPool POOL = new PacketPool("fuzz-ingress", 64);
    private static final PreAuthGate GATE = new PreAuthGate(new SessionIdCookie(new SecureRandom(), 60), epoch -> new NoWrap(), true);

    @FuzzTest(maxDuration = "30s")
    void dispatch(byte[] input) {
        ClientTable clients = new ClientTable(4);
        clients.admit(i -> new ServerClient(i, 0, CLIENT_0_HANDLE, false, 0, SOURCES[2], 1L, null, null, 0));
        clients.admit(i -> new ServerClient(i, 0, 11, false, 0, new InetSocketAddress("192.0.2.11", 50_001), 2L, null, null, 0));
        clients.admit(i -> new ServerClient(i, 0, CLIENT_2_HANDLE, false, 1, SOURCES[3], 3L, null, null, 0));
        Floating floating = new Floating(clients);
        CountingAdmission admission = new CountingAdmission();
        DatagramPeers transport = new DatagramPeers();
        OpenNode ingress = new OpenNode(new ListenerPeers(0, false, clients, GATE, admission, new OwnerWorkers(), floating));
        Releasing out = new Releasing(transport);

        PacketBatch batch = new PacketBatch();
        int at = 0;
        while (at + 2 <= input.length) {
            int source = input[at] & 3;
            int length = Math.min(input[at + 1] & 0xff, input.length - at - 2);
            Packet p = POOL.acquire();
            p.setContents(input, at + 2, length);
            p.remoteAddress().set(SOURCES[source]);
            p.setRemote(source == 2 ? CLIENT_0_HANDLE : source == 3 ? CLIENT_2_HANDLE : Transport.UNKNOWN_PEER);
            batch.add(p);
            at += 2 + length;
            if (batch.isFull()) {
                ingress.process(batch, out);
                batch.clear();
            }
        }
        ingress.process(batch, out);
        batch.clear();

        assertEquals(0, transport.learned, "a stranger was learned as a peer");
        assertEquals(0, admission.admitted, "a stranger was admitted");
        assertEquals(0, floating.moved(), "a client floated on unauthenticated input");
        assertEquals(0, POOL.outstanding(), "pooled buffers balance");
    }

    /** Admits nothing it is not asked to; counts what it is asked. */
    private static final class CountingAdmission implements Admission {
        int admitted;

        @Override
        public DropReason admit(int listener, int handle, boolean tcp, int worker, InetSocketAddress source, long clientSessionId,
                                long ownSessionId, byte[] firstPacket) {
            admitted++;
            return ServerDrops.MAX_CLIENTS;
        }

        @Override
        public void replaced(ServerClient old) {
        }

        @Override
        public boolean control(ServerClient client, byte[] packet) {
            return true;
        }
    }

    /** A datagram transport whose peers are the three clients' addresses; counts addresses learned, answers by releasing. */
    private static final class DatagramPeers implements Transport {
        int learned;

        @Override
        public int receive(PacketBatch into, PacketPool pool) {
            return 0;
        }

        @Override
        public boolean send(Packet packet, int peerHandle) {
            packet.release();
            return true;
        }

        @Override
        public boolean sendBack(Packet packet) {
            packet.release();
            return true;
        }

        @Override
        public int handleOf(InetSocketAddress remote) {
            learned++;
            return 20 + learned;
        }

        @Override
        public InetSocketAddress addressOf(int peerHandle) {
            return peerHandle >= 10 && peerHandle <= 12 ? SOURCES[peerHandle == CLIENT_0_HANDLE ? 2 : 3] : null;
        }

        @Override
        public void close() {
        }
    }

    /** Worker 0 with the transport as listener 0; whatever is forwarded, dropped or refused is released. */
    private static final class Releasing implements Emitter {
        private final WorkerContext worker;

        Releasing(Transport transport) {
            this.worker = new OneListenerWorker(0, transport);
        }

        @Override
        public WorkerContext worker() {
            return worker;
        }

        @Override
        public void forward(Packet packet, int port) {
            packet.release();
        }

        @Override
        public void consume(Packet packet) {
        }

        @Override
        public void refused(Packet packet, DropReason reason) {
            packet.release();
        }

        @Override
        public void drop(Packet packet, DropReason reason) {
            packet.release();
        }
    }
}
