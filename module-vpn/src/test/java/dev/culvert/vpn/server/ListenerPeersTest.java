package dev.culvert.vpn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.WorkerContext;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.worker.ControlExecutor;
import dev.culvert.spi.transport.Transport;
import dev.culvert.vpn.control.NoWrap;
import dev.culvert.vpn.preauth.PreAuthGate;
import dev.culvert.vpn.preauth.SessionIdCookie;
import dev.culvert.vpn.tunnel.ControlStrand;
import dev.culvert.vpn.tunnel.TickTimer;
import dev.culvert.vpn.wire.ControlPacket;
import dev.culvert.vpn.wire.ControlPacketWriter;
import dev.culvert.vpn.wire.Opcode;
import dev.culvert.vpn.wire.SessionId;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A new session from a known client's address (the client restarted) goes through the gate and
 * admission like a stranger's; the old session makes way only once the new one is admitted, so a
 * refused newcomer leaves the client with its old session rather than with none. On TCP, a refused
 * newcomer's connection is closed.
 */
class ListenerPeersTest {
    private static final int LISTENER = 0;
    private static final int HANDLE = 5;
    private static final long OLD_SID = 0x1111_2222_3333_4444L;
    private static final long NEW_SID = 0x5555_6666_7777_8888L;
    private static final InetSocketAddress SOURCE = new InetSocketAddress("192.0.2.9", 40_000);

    private final ControlExecutor control = new ControlExecutor(1, 16);
    private final PacketPool pool = new PacketPool("listener-peers", 8);
    private final ClientTable clients = new ClientTable(4);
    private final OneTransport transport = new OneTransport();
    private final Recording out = new Recording(transport);
    private final PreAuthGate gate = new PreAuthGate(new SessionIdCookie(new SecureRandom(), 60), epoch -> new NoWrap(), false);

    @AfterEach
    void close() {
        gate.close();
        control.close();
    }

    @Test
    void aRefusedNewSessionLeavesTheOldOneInPlace() {
        ServerClient old = admitOld();
        ScriptedAdmission admission = new ScriptedAdmission(ServerDrops.CONNECT_FREQ);
        ListenerPeers peers = new ListenerPeers(LISTENER, true, clients, gate, admission, new OwnerWorkers(), new Floating(clients));

        peers.control(reset(NEW_SID), 0, out);

        assertEquals(List.of("drop " + ServerDrops.CONNECT_FREQ), out.events);
        assertEquals(List.of("admit " + Long.toHexString(NEW_SID)), admission.calls, "the old client was not told to make way");
        assertSame(old, clients.byEndpoint(LISTENER, HANDLE), "the old session still answers at its address");
    }

    @Test
    void anAdmittedNewSessionReplacesTheOldOneAfterItsAdmission() {
        ServerClient old = admitOld();
        ScriptedAdmission admission = new ScriptedAdmission(null);
        ListenerPeers peers = new ListenerPeers(LISTENER, false, clients, gate, admission, new OwnerWorkers(), new Floating(clients));

        peers.control(reset(NEW_SID), 0, out);

        assertEquals(List.of("consume"), out.events);
        assertEquals(List.of("admit " + Long.toHexString(NEW_SID), "replaced " + Long.toHexString(OLD_SID) + " while the newcomer held the address"),
                admission.calls);
        assertEquals(NEW_SID, clients.byEndpoint(LISTENER, HANDLE).peerSessionId);
        assertEquals(0, transport.forgotten.size(), "the address the newcomer holds stays");
        assertEquals(false, old == clients.byEndpoint(LISTENER, HANDLE));
    }

    @Test
    void aRefusedTcpNewcomersConnectionIsClosed() {
        ScriptedAdmission admission = new ScriptedAdmission(ServerDrops.MAX_CLIENTS);
        ListenerPeers peers = new ListenerPeers(LISTENER, true, clients, gate, admission, new OwnerWorkers(), new Floating(clients));

        peers.control(reset(NEW_SID), 0, out);

        assertEquals(List.of("drop " + ServerDrops.MAX_CLIENTS), out.events);
        assertEquals(List.of(HANDLE), transport.forgotten, "the refused connection was closed");
    }

    private ServerClient admitOld() {
        return clients.admit(index -> newClient(index, OLD_SID));
    }

    private ServerClient newClient(int index, long sid) {
        ControlStrand strand = new ControlStrand(control, "client " + index, 4);
        return new ServerClient(index, LISTENER, HANDLE, false, 0, SOURCE, sid, strand, new TickTimer(control, strand, "tick"), 0);
    }

    /** A client's hard reset without wrapping, as the gate takes it on TCP. */
    private Packet reset(long sid) {
        byte[] bytes = ControlPacketWriter.toBytes(new ControlPacket(Opcode.CONTROL_HARD_RESET_CLIENT_V2, 0, new SessionId(sid), new long[0],
                null, 0, new byte[0]));
        Packet p = pool.acquire();
        p.setContents(bytes, 0, bytes.length);
        p.setRemote(HANDLE);
        return p;
    }

    /** Admits into the real client table, or refuses with a fixed reason; records the order of calls. */
    private final class ScriptedAdmission implements Admission {
        final List<String> calls = new ArrayList<>();
        private final DropReason refusal;

        ScriptedAdmission(DropReason refusal) {
            this.refusal = refusal;
        }

        @Override
        public DropReason admit(int listener, int handle, boolean tcp, int worker, InetSocketAddress source, long clientSessionId,
                                long ownSessionId, byte[] firstPacket) {
            calls.add("admit " + Long.toHexString(clientSessionId));
            if (refusal == null) {
                clients.admit(index -> newClient(index, clientSessionId));
            }
            return refusal;
        }

        @Override
        public void replaced(ServerClient old) {
            ServerClient holder = clients.byEndpoint(old.listener, old.handle);
            calls.add("replaced " + Long.toHexString(old.peerSessionId)
                    + (holder != null && holder != old ? " while the newcomer held the address" : " before the newcomer held it"));
        }

        @Override
        public boolean control(ServerClient client, byte[] packet) {
            calls.add("control");
            return true;
        }
    }

    /** What the listener did with each packet. */
    private static final class Recording implements Emitter {
        final List<String> events = new ArrayList<>();
        private final WorkerContext worker;

        Recording(Transport transport) {
            this.worker = new OneListenerWorker(LISTENER, transport);
        }

        @Override
        public WorkerContext worker() {
            return worker;
        }

        @Override
        public void forward(Packet packet, int port) {
            events.add("forward " + port);
            packet.release();
        }

        @Override
        public void consume(Packet packet) {
            events.add("consume");
        }

        @Override
        public void refused(Packet packet, DropReason reason) {
            events.add("refused " + reason);
            packet.release();
        }

        @Override
        public void drop(Packet packet, DropReason reason) {
            events.add("drop " + reason);
            packet.release();
        }
    }

    /** One peer at {@link #SOURCE}; records which handles were forgotten (a stream: closed). */
    private static final class OneTransport implements Transport {
        final List<Integer> forgotten = new ArrayList<>();

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
        public int handleOf(InetSocketAddress remote) {
            return HANDLE;
        }

        @Override
        public InetSocketAddress addressOf(int peerHandle) {
            return peerHandle == HANDLE ? SOURCE : null;
        }

        @Override
        public void forget(int peerHandle) {
            forgotten.add(peerHandle);
        }

        @Override
        public void close() {
        }
    }
}
