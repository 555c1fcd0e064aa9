package dev.culvert.vpn.server;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.logging.Verbosity;
import dev.culvert.core.packet.RemoteAddress;
import dev.culvert.core.worker.ControlExecutor;
import dev.culvert.core.worker.Worker;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.transport.Transport;
import dev.culvert.vpn.config.MeshConfig;
import dev.culvert.vpn.mesh.MeshPeer;
import dev.culvert.vpn.mesh.MeshRoutes;
import dev.culvert.vpn.mesh.PeerChanges;
import dev.culvert.vpn.mesh.TlsTieBreak;
import dev.culvert.vpn.preauth.ConnectRateLimit;
import dev.culvert.vpn.session.SessionEvent;
import dev.culvert.vpn.session.SessionSettings;
import dev.culvert.vpn.session.VpnSession;
import dev.culvert.vpn.tunnel.ControlStrand;
import dev.culvert.vpn.tunnel.TickTimer;
import dev.culvert.vpn.tunnel.TunnelDrops;
import dev.culvert.vpn.wire.SessionId;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A mesh node's peers and their sessions, one 2.6 point-to-point session per peer over the one
 * listening socket. Towards a peer whose name sorts higher, or a leaf, this node is the TLS server:
 * the peer's reset passes the same pre-authentication gate as a server's clients, and the session
 * is the peer's only once its certificate's common name names a peer this node serves. Towards a
 * peer whose name sorts lower it is the TLS client: it opens the session itself, and again after
 * each loss, an attempt at a time, for as long as the peer is in the mesh.
 *
 * <p>A peer's networks point to its session while it is up; when its keepalive expires, or it
 * says it exits, they become unreachable ({@link MeshRoutes}), so the hosts behind this node get
 * an ICMP error at once instead of a timeout. A newer session of the same peer (it restarted)
 * replaces the older. Each session runs on its own {@link ControlStrand}; the peer table changes
 * under this object's lock, on control threads only.
 */
final class MeshSessions implements Admission {
    private static final System.Logger LOG = System.getLogger(MeshSessions.class.getName());
    private static final java.util.logging.Logger HANDSHAKES = java.util.logging.Logger.getLogger(MeshSessions.class.getName());
    static final String VERSION = "2.6.14";
    private static final int STRAND_CAPACITY = 256;
    /** How long a removed session's keys and index stay reserved, for packets still in flight. */
    private static final long RETIRE_GRACE_MS = 2_000;
    /** The pause before the next attempt towards a peer this node opens sessions to. */
    static final long RETRY_MS = 1_000;
    /** The fewest seconds an unanswered attempt is given before the next one starts afresh. */
    private static final int MIN_ATTEMPT_SECONDS = 5;

    /** One declared peer: its line, this node's side towards it, and its current session. */
    static final class PeerState {
        volatile MeshPeer peer;
        final TlsTieBreak.Side side;
        /** The session that carries its networks, once authenticated; null while it is down. */
        volatile ServerClient live;
        /** The attempt under way towards a peer this node initiates to. */
        volatile ServerClient attempt;
        volatile long changedEpochSeconds = System.currentTimeMillis() / 1000;
        volatile String lastDown = "";
        volatile boolean gone;

        PeerState(MeshPeer peer, TlsTieBreak.Side side) {
            this.peer = peer;
            this.side = side;
        }
    }

    private final MeshConfig config;
    private final TlsProvider tls;
    private final AeadProvider aead;
    private final ClientTable clients;
    private final ControlExecutor control;
    private final MeshRoutes routes;
    private final ConnectRateLimit connectRate;
    /** The kernel routes towards a peer's networks, added when it joins the mesh and taken back when it leaves it. */
    private final Consumer<MeshPeer> kernelAdd;
    private final Consumer<MeshPeer> kernelRemove;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, PeerState> peers = new ConcurrentHashMap<>();
    /** The peer each session belongs to: from its start for one this node opened, from its name check for one it served. */
    private final Map<ServerClient, PeerState> peerOf = new ConcurrentHashMap<>();
    private final LongAdder admitted = new LongAdder();
    private final LongAdder opened = new LongAdder();
    private final LongAdder authenticated = new LongAdder();
    private final LongAdder wrongName = new LongAdder();
    private volatile Worker[] workers = new Worker[0];
    private volatile Transport listener;
    private volatile boolean stopping;

    MeshSessions(MeshConfig config, TlsProvider tls, AeadProvider aead, ClientTable clients, ControlExecutor control, MeshRoutes routes,
                 ConnectRateLimit connectRate, Consumer<MeshPeer> kernelAdd, Consumer<MeshPeer> kernelRemove) {
        this.config = config;
        this.tls = tls;
        this.aead = aead;
        this.clients = clients;
        this.control = control;
        this.routes = routes;
        this.connectRate = connectRate;
        this.kernelAdd = kernelAdd;
        this.kernelRemove = kernelRemove;
    }

    /** The workers, and the listener's socket whose peer table learns the addresses this node sends to first. */
    void setWorkers(List<Worker> all, Transport listenerSocket) {
        Worker[] array = new Worker[all.size()];
        for (Worker w : all) {
            array[w.index()] = w;
        }
        workers = array;
        listener = listenerSocket;
    }

    // ---- the peer table (control threads) ----------------------------------------------------

    /** Declares the peers of {@code changes} that are new, gone or changed, starting and ending sessions as needed. */
    synchronized void apply(PeerChanges changes) {
        for (MeshPeer p : changes.removed()) {
            leave(p.name(), "it left the mesh");
        }
        for (MeshPeer p : changes.changed()) {
            PeerState state = peers.get(p.name());
            if (state != null && state.peer.host().equals(p.host()) && state.peer.port() == p.port()) {
                // Its networks changed, not its address: the session stays, and carries the new networks.
                kernelRemove.accept(state.peer);
                state.peer = p;
                kernelAdd.accept(p);
                ServerClient live = state.live;
                if (live != null) {
                    routes.up(live.index, p);
                } else {
                    routes.declared(p);
                }
                LOG.log(System.Logger.Level.INFO, "mesh peer " + p.name() + " now owns " + p.prefixes());
            } else {
                leave(p.name(), "its address changed");
                join(p);
            }
        }
        changes.added().forEach(this::join);
    }

    private void join(MeshPeer peer) {
        TlsTieBreak.Side side;
        try {
            side = TlsTieBreak.side(config.ownName(), peer, "the peers");
        } catch (dev.culvert.spi.config.ConfigException e) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
            return;
        }
        PeerState state = new PeerState(peer, side);
        peers.put(peer.name(), state);
        routes.declared(peer);
        kernelAdd.accept(peer);
        LOG.log(System.Logger.Level.INFO, "mesh peer " + peer.name() + " " + peer.endpoint() + " owns " + peer.prefixes() + "; this node "
                + (side == TlsTieBreak.Side.SERVES ? "waits for it (TLS server)" : "connects to it (TLS client)"));
        if (side == TlsTieBreak.Side.INITIATES) {
            control.schedule("mesh connect " + peer.name(), () -> open(state), 0, TimeUnit.MILLISECONDS);
        }
    }

    private void leave(String name, String why) {
        PeerState state = peers.remove(name);
        if (state == null) {
            return;
        }
        state.gone = true;
        for (ServerClient c : new ServerClient[] {state.live, state.attempt}) {
            if (c != null) {
                c.strand.enqueue(() -> remove(c, why));
            }
        }
        ServerClient live = state.live;
        routes.removed(live == null ? -1 : live.index, state.peer);
        kernelRemove.accept(state.peer);
        LOG.log(System.Logger.Level.INFO, "mesh peer " + name + " removed: " + why);
    }

    // ---- sessions this node opens --------------------------------------------------------------

    /** Opens a session towards a peer this node initiates to; on a control thread. */
    private void open(PeerState state) {
        if (stopping || state.gone) {
            return;
        }
        MeshPeer peer = state.peer;
        // Resolved outside the lock: a slow resolver delays only this peer's attempt.
        InetSocketAddress target = new InetSocketAddress(peer.host().orElseThrow(), peer.port());
        ServerClient client;
        synchronized (this) {
            if (stopping || state.gone || state.attempt != null || state.live != null) {
                return;
            }
            Transport socket = listener;
            Worker[] all = workers;
            int handle = target.isUnresolved() || socket == null || all.length == 0 ? -1
                    : socket.handleOf(asSocketAddress(target, config.listener().local().getAddress() instanceof Inet6Address));
            long now = System.currentTimeMillis() / 1000;
            client = handle < 0 ? null : clients.admit(index -> newClient(index, handle, Math.floorMod(peer.name().hashCode(), all.length),
                    target, ServerClient.OPENED_HERE, now));
            if (client == null) {
                state.lastDown = target.isUnresolved() ? "cannot resolve " + peer.host().get()
                        : handle < 0 ? "the listener cannot take its address (not running, or its peer table is full)"
                        : "no free session index";
                retryLater(state);
                return;
            }
            state.attempt = client;
            peerOf.put(client, state);
        }
        opened.increment();
        client.strand.enqueue(() -> startSession(client, TlsTieBreak.Side.INITIATES, 0, null));
        int seconds = Math.min(config.handWindowSeconds(), Math.max(MIN_ATTEMPT_SECONDS, 2 * config.pingSeconds()));
        control.schedule("mesh attempt " + peer.name(), () -> client.strand.enqueue(() -> {
            if (!client.connected) {
                remove(client, "no answer within " + seconds + " s");
            }
        }), seconds, TimeUnit.SECONDS);
    }

    private void retryLater(PeerState state) {
        if (!stopping && !state.gone && state.side == TlsTieBreak.Side.INITIATES) {
            control.schedule("mesh retry " + state.peer.name(), () -> open(state), RETRY_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** The address as the listener's socket sees its peers: an IPv4 peer of a dual-stack socket is a v4-mapped IPv6 address. */
    private static RemoteAddress asSocketAddress(InetSocketAddress target, boolean dualStack) {
        RemoteAddress address = RemoteAddress.holder();
        if (dualStack && target.getAddress() instanceof Inet4Address v4) {
            byte[] b = v4.getAddress();
            long ipv4 = (b[0] & 0xffL) << 24 | (b[1] & 0xffL) << 16 | (b[2] & 0xffL) << 8 | b[3] & 0xffL;
            address.setIpv6(0, 0xffff_0000_0000L | ipv4, target.getPort(), 0);
        } else {
            address.set(target);
        }
        return address;
    }

    // ---- sessions peers open (admission, on a worker) -----------------------------------------

    @Override
    public DropReason admit(int listenerIndex, int handle, boolean tcp, int worker, InetSocketAddress source, long clientSessionId,
                            long ownSessionId, byte[] firstPacket) {
        if (stopping) {
            return ServerDrops.NO_CLIENT;
        }
        if (!connectRate.tryAcquire(System.nanoTime())) {
            return ServerDrops.CONNECT_FREQ;
        }
        long now = System.currentTimeMillis() / 1000;
        ServerClient client = clients.admit(index -> newClient(index, handle, worker, source, clientSessionId, now));
        if (client == null) {
            return ServerDrops.MAX_CLIENTS;
        }
        if (!client.strand.offer(() -> startSession(client, TlsTieBreak.Side.SERVES, ownSessionId, firstPacket))) {
            clients.release(client);
            return TunnelDrops.CONTROL_BACKLOG;
        }
        admitted.increment();
        return null;
    }

    @Override
    public boolean control(ServerClient client, byte[] packet) {
        return client.strand.offer(() -> {
            VpnSession s = client.session;
            if (s != null && !client.removed) {
                s.receive(packet, 0, packet.length, System.nanoTime());
                client.lastActivityEpochSeconds = System.currentTimeMillis() / 1000;
                tick(client);
            }
        });
    }

    /** A new session from a peer's address proved its cookie: the peer restarted, and its old session makes way. */
    @Override
    public void replaced(ServerClient old) {
        clients.forgetEndpoint(old);
        old.strand.enqueue(() -> remove(old, "the peer restarted (a new session from its address)"));
    }

    private ServerClient newClient(int index, int handle, int owner, InetSocketAddress address, long peerSessionId, long now) {
        ControlStrand strand = new ControlStrand(control, "mesh session " + index, STRAND_CAPACITY);
        return new ServerClient(index, 0, handle, false, owner, address, peerSessionId, strand,
                new TickTimer(control, strand, "mesh session " + index + " tick"), now);
    }

    // ---- a session's life (on its strand) -----------------------------------------------------

    private void startSession(ServerClient client, TlsTieBreak.Side side, long ownSessionId, byte[] firstPacket) {
        long now = System.nanoTime();
        long epoch = System.currentTimeMillis() / 1000;
        try {
            SessionSettings settings = config.sessionSettings(side, tls, aead, random, VERSION);
            var out = client.output(() -> worker(client), event -> onEvent(client, event));
            VpnSession session = ownSessionId != 0
                    ? VpnSession.acceptVerified(settings, out, new SessionId(ownSessionId), new SessionId(client.peerSessionId), now, epoch)
                    : new VpnSession(settings, out, now, epoch);
            client.session = session;
            client.data = session.dataPlane();
            if (ownSessionId == 0) {
                session.start(now); // a TLS client's reset; a session accepted statelessly has answered one already
            }
            if (firstPacket != null) {
                session.receive(firstPacket, 0, firstPacket.length, now);
            }
            tick(client);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot start a mesh session with " + client.describe() + ": " + e.getMessage(), e);
            remove(client, "internal error: " + e);
        }
    }

    private void tick(ServerClient client) {
        VpnSession s = client.session;
        if (s == null || client.removed) {
            return;
        }
        long now = System.nanoTime();
        long next = s.tick(now);
        if (!stopping) {
            client.ticks.rearm(now, next, () -> tick(client));
        }
    }

    private void onEvent(ServerClient client, SessionEvent event) {
        if (client.removed) {
            return;
        }
        switch (event) {
            case SessionEvent.Connected c -> authenticated(client, c.cipher().openvpnName());
            case SessionEvent.Renegotiated r -> HANDSHAKES.log(Verbosity.HANDSHAKE, "mesh peer " + client.describe()
                    + " renegotiated, key id " + r.keyId());
            case SessionEvent.Restart r -> remove(client, r.reason());
            case SessionEvent.Failed f -> remove(client, "failed: " + f.reason());
            case SessionEvent.PeerExited p -> remove(client, "it exited (" + p.how() + ")");
            case SessionEvent.Halted h -> remove(client, "halted: " + h.reason());
            case SessionEvent.Closed c -> remove(client, "closed");
            // A mesh peer's point-to-point session checks certificates only.
            case SessionEvent.CredentialsToCheck c -> c.credentials().wipe();
            // A mesh configuration refuses tls-verify (MeshRefusals); a session that asks anyway is not let in.
            case SessionEvent.CertificateToVerify v -> remove(client, "its certificate asks for a verifier a mesh node does not run");
        }
    }

    /** The session's first keys are up: it is its peer's if the certificate's name is that of a peer on this side. */
    private void authenticated(ServerClient client, String cipher) {
        String cn = client.session.peerCommonName();
        client.cipher = cipher;
        PeerState state;
        synchronized (this) {
            PeerState expected = peerOf.get(client);
            state = expected != null ? expected : cn == null ? null : peers.get(cn);
            String refusal = expected != null && !expected.peer.name().equals(cn)
                    ? "its certificate's name is '" + cn + "', and this node connected to " + expected.peer.name()
                    : state == null ? "'" + cn + "' is not a peer of this mesh"
                    : expected == null && state.side != TlsTieBreak.Side.SERVES
                    ? state.peer.name() + " is a peer this node connects to itself (its name sorts lower), so it does not accept it"
                    : state.gone ? state.peer.name() + " left the mesh" : null;
            if (refusal != null) {
                wrongName.increment();
                LOG.log(System.Logger.Level.WARNING, "refusing the mesh session from " + RealAddress.format(client.realAddress) + ": "
                        + refusal);
                remove(client, "refused: " + refusal);
                return;
            }
            ServerClient previous = state.live;
            state.live = client;
            if (state.attempt == client) {
                state.attempt = null;
            }
            peerOf.put(client, state);
            client.commonName = cn;
            client.connected = true;
            client.connectedEpochSeconds = System.currentTimeMillis() / 1000;
            state.changedEpochSeconds = client.connectedEpochSeconds;
            routes.up(client.index, state.peer);
            if (previous != null && previous != client) {
                previous.strand.enqueue(() -> remove(previous, "replaced by its newer session"));
            }
        }
        authenticated.increment();
        LOG.log(System.Logger.Level.INFO, "mesh peer " + cn + " (" + RealAddress.format(client.realAddress) + ") is up, cipher " + cipher
                + ", routing " + state.peer.prefixes());
    }

    /** Ends a session: its peer's networks become unreachable if it carried them; safe to call more than once. */
    void remove(ServerClient client, String reason) {
        synchronized (client) {
            if (client.removed) {
                return;
            }
            client.removed = true;
        }
        client.ticks.stop();
        PeerState state;
        synchronized (this) {
            state = peerOf.remove(client);
            if (state != null && state.attempt == client) {
                state.attempt = null;
            }
            if (state != null && state.live == client) {
                state.live = null;
                state.lastDown = reason;
                state.changedEpochSeconds = System.currentTimeMillis() / 1000;
                if (!state.gone) {
                    routes.down(client.index, state.peer);
                }
                LOG.log(System.Logger.Level.INFO, "mesh peer " + state.peer.name() + " (" + RealAddress.format(client.realAddress)
                        + ") is down: " + reason);
            } else if (state != null) {
                state.lastDown = reason;
            }
        }
        if (state != null && state.live == null) {
            retryLater(state);
        }
        clients.forget(client, worker(client));
        clients.retireLater(client, control, RETIRE_GRACE_MS);
    }

    // ---- shutdown and reports ------------------------------------------------------------------

    /**
     * Stops opening and admitting; with {@code explicit-exit-notify} tells every live peer EXIT, so
     * it marks this node's networks unreachable at once instead of after its keepalive.
     *
     * @return opens when each notice has been handed to its transport (at once without notices)
     */
    CountDownLatch stop(boolean notify) {
        stopping = true;
        List<ServerClient> live = new ArrayList<>();
        if (notify) {
            peers.values().forEach(p -> {
                ServerClient c = p.live;
                if (c != null) {
                    live.add(c);
                }
            });
        }
        return ClientTable.tellEach(live, "EXIT", this::worker);
    }

    /** Every declared peer, for culvert:sessions and the status. */
    List<PeerState> peers() {
        return peers.values().stream().sorted(java.util.Comparator.comparing(p -> p.peer.name())).toList();
    }

    String counters() {
        return "admitted " + admitted.sum() + ", opened " + opened.sum() + ", authenticated " + authenticated.sum()
                + ", refused for their name " + wrongName.sum();
    }

    private Worker worker(ServerClient client) {
        Worker[] all = workers;
        return client.owner >= 0 && client.owner < all.length ? all[client.owner] : null;
    }
}
