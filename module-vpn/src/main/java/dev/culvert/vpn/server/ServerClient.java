package dev.culvert.vpn.server;

import dev.culvert.core.packet.Packet;
import dev.culvert.spi.route.Prefix;
import dev.culvert.vpn.ccd.ClientOverrides;
import dev.culvert.vpn.config.IfconfigIpv6;
import dev.culvert.vpn.pool.Lease;
import dev.culvert.vpn.session.DataPlane;
import dev.culvert.vpn.session.VpnSession;
import dev.culvert.vpn.tunnel.ControlStrand;
import dev.culvert.vpn.tunnel.TickTimer;
import dev.culvert.vpn.tunnel.TunnelPeer;
import dev.culvert.core.worker.Worker;
import dev.culvert.spi.transport.Transport;
import dev.culvert.vpn.session.SessionEvent;
import dev.culvert.vpn.tunnel.PeerEndpoint;
import dev.culvert.vpn.tunnel.WorkerOutput;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * One client of the server, from the packet that admitted it to its removal. Its index is its
 * peer-id on the wire and its peer handle in the routing table. The data plane reads
 * {@link #data}; everything else is written on the client's {@link ControlStrand}.
 */
final class ServerClient implements TunnelPeer {
    final int index;
    final int listener;
    /** Its address's handle on the listener's transport; a UDP client that floats gets a new one ({@link Floating}). */
    volatile int handle;
    final boolean tcp;
    /** The worker that seals and sends for this client (and, for TCP, holds its connection). */
    final int owner;
    /** Where its packets come from; changes when it floats. */
    volatile InetSocketAddress realAddress;
    /** {@link #peerSessionId} of a session this node opened towards its peer (a mesh node's): the session checks the id. */
    static final long OPENED_HERE = 0;
    /** The session id the client chose; a reset or cookie with another comes from a new session. */
    final long peerSessionId;
    final ControlStrand strand;
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    /** Data packets opened and sealed, for the metrics endpoint (the status file has bytes only). */
    final LongAdder packetsIn = new LongAdder();
    final LongAdder packetsOut = new LongAdder();
    final long admittedEpochSeconds;

    volatile VpnSession session;
    volatile DataPlane data;
    volatile String commonName;
    /** The addresses the learn-address hook accepted (all of them without a hook), routed to this client. */
    volatile List<Prefix> learned = List.of();
    /** The connection's client id (status, management, hooks): unique in the server's life, unlike {@link #index}. */
    volatile long clientId;
    /** auth-gen-token: the client's latest token (pushed to it) and the session it belongs to, or null. */
    volatile String authToken;
    volatile dev.culvert.vpn.token.AuthToken tokenSession;
    /** The username an authenticator accepted, or null (no check, or not yet). */
    volatile String username;
    /** Its username and password were refused: a failure that follows is counted as an auth failure (metrics). */
    volatile boolean credentialsRefused;
    volatile String cipher = "";
    /** The tunnel address and the second ifconfig word (netmask or peer), 0 before it connected. */
    volatile int virtualAddress;
    volatile int ifconfigSecond;
    /** Its IPv6 tunnel address, or null without one. */
    volatile IfconfigIpv6 ipv6;
    volatile boolean pooledAddress;
    volatile List<Prefix> iroutes = List.of();
    volatile ClientOverrides overrides = ClientOverrides.NONE;
    volatile Lease lease;
    volatile long connectedEpochSeconds;
    volatile long lastActivityEpochSeconds;
    volatile boolean connected;
    /**
     * Its addresses are routed to it (after the learn-address hook answered): the PUSH_REPLY waits
     * for this, as 2.6's runs the hook before it replies, so the client's first packet has a way back.
     */
    volatile boolean routed;
    volatile boolean removed;
    volatile String refusal;
    /** Runs the session's timers on {@link #strand}. */
    final TickTimer ticks;

    ServerClient(int index, int listener, int handle, boolean tcp, int owner, InetSocketAddress realAddress, long peerSessionId,
                 ControlStrand strand, TickTimer ticks, long nowEpochSeconds) {
        this.index = index;
        this.listener = listener;
        this.handle = handle;
        this.tcp = tcp;
        this.owner = owner;
        this.realAddress = realAddress;
        this.peerSessionId = peerSessionId;
        this.strand = strand;
        this.ticks = ticks;
        this.admittedEpochSeconds = nowEpochSeconds;
        this.lastActivityEpochSeconds = nowEpochSeconds;
    }

    /** The key of this client's transport endpoint in the {@link ClientTable}. */
    long endpoint() {
        return ClientTable.endpoint(listener, handle);
    }

    /** {@link SendNode} sends on the client's listener to its handle there. */
    @Override
    public void addressTo(Packet packet) {
        packet.setEgress(listener);
        packet.setRemote(handle);
    }

    @Override
    public DataPlane data() {
        return data;
    }

    @Override
    public void sealed(int bytes) {
        bytesOut.add(bytes);
        packetsOut.increment();
    }

    @Override
    public void opened(int bytes) {
        bytesIn.add(bytes);
        packetsIn.increment();
    }

    /** Its index: the routing table's peer handle, for the source check and client-to-client. */
    @Override
    public void tagInside(Packet packet) {
        packet.setSourcePeer(index);
    }

    /** This peer's session output: packets leave on {@code worker} (its owner, or null while none runs), events go to {@code events} on its strand. */
    WorkerOutput output(Supplier<Worker> worker, Consumer<SessionEvent> events) {
        PeerEndpoint endpoint = new PeerEndpoint() {
            @Override
            public Worker worker() {
                return worker.get();
            }

            @Override
            public Transport transport(Worker w) {
                return w.transportOrNull(listener);
            }

            @Override
            public int handle() {
                return handle;
            }
        };
        // Not from inside the session's call: the event runs next on the strand.
        return new WorkerOutput(endpoint, () -> data, this::sealed, event -> strand.enqueue(() -> events.accept(event)),
                () -> ticks.soon(System.nanoTime()));
    }

    /** How the operator sees it in logs: {@code CN (address)}. */
    String describe() {
        String cn = commonName;
        return (cn == null ? "(not yet authenticated)" : cn) + " (" + RealAddress.format(realAddress) + (tcp ? ", tcp" : "") + ")";
    }
}
