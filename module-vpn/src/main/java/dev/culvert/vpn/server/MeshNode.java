package dev.culvert.vpn.server;

import dev.culvert.core.graph.Graph;
import dev.culvert.core.slot.Binding;
import dev.culvert.core.slot.Slot;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.core.worker.ControlExecutor;
import dev.culvert.core.worker.OwnerHandoff;
import dev.culvert.core.worker.Worker;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.link.Link;
import dev.culvert.spi.link.LinkFactory;
import dev.culvert.spi.node.RunningNode;
import dev.culvert.spi.route.AddressText;
import dev.culvert.spi.route.Prefix;
import dev.culvert.spi.route.Router;
import dev.culvert.spi.transport.Transport;
import dev.culvert.vpn.config.ClientRules;
import dev.culvert.vpn.config.MeshConfig;
import dev.culvert.vpn.mesh.MeshPeer;
import dev.culvert.vpn.mesh.MeshPeersFile;
import dev.culvert.vpn.mesh.MeshRoutes;
import dev.culvert.vpn.mesh.PeerChanges;
import dev.culvert.vpn.preauth.ConnectRateLimit;
import dev.culvert.vpn.preauth.PreAuthGate;
import dev.culvert.vpn.preauth.SessionIdCookie;
import dev.culvert.vpn.tunnel.DataPathWarmUp;
import dev.culvert.vpn.tunnel.FollowedAead;
import dev.culvert.vpn.tunnel.FollowedTls;
import dev.culvert.vpn.tunnel.KeyOrigin;
import dev.culvert.vpn.tunnel.RuntimeSlots;
import dev.culvert.vpn.tunnel.StopSummary;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A full-mesh node on real devices: one TUN device, one UDP socket (one per worker, sharing the
 * port), and a 2.6 point-to-point session to each peer ({@link MeshSessions}). Its data plane is a
 * server's ({@link PeerGraph}); the topology is the route slot's: the node selects the routing
 * module's {@code mesh} router, which sends a packet to the peer owning the longest prefix that
 * matches it, forwards peer to peer, and answers a dead peer's networks with ICMP unreachable.
 *
 * <p>The peers file ({@code culvert-mesh-peers}) is read again every {@value #PEERS_FILE_POLL_SECONDS}
 * seconds; only the peers whose lines changed are touched. A file that does not read keeps the
 * mesh as it was, and the error is logged once.
 */
public final class MeshNode implements RunningNode {
    private static final System.Logger LOG = System.getLogger(MeshNode.class.getName());
    static final int PEERS_FILE_POLL_SECONDS = 2;
    private static final String ROUTER = "mesh";
    private static final int MAX_SESSIONS = ClientRules.DEFAULT_MAX_CLIENTS;
    private static final long EXIT_NOTICE_BOUND_MS = 2_000;

    private final MeshConfig config;
    private final SlotRegistry registry;
    private final ControlExecutor control = ControlExecutor.withDefaults();
    private final List<Worker> workers = new ArrayList<>();
    private final List<Graph> graphs = new ArrayList<>();
    private final List<PreAuthGate> gates = new ArrayList<>();
    private final List<Transport[]> listeners = new ArrayList<>();
    private final ClientTable clients = new ClientTable(MAX_SESSIONS);
    private final OwnerWorkers owners = new OwnerWorkers();
    private Slot<Router> routeSlot;
    private Optional<String> routerBefore = Optional.empty();
    private RouteEntries routes;
    private FollowedTls tls;
    private FollowedAead aead;
    private SessionIdCookie cookie;
    private MeshSessions sessions;
    private MeshPeersFile peersFile;
    private String lastFileError;
    private LinkFactory tunFactory;
    private Link[] tun;
    private volatile boolean closed;

    private MeshNode(MeshConfig config, SlotRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /** Opens the socket and the device, starts the workers, and keeps a session to each peer until closed. */
    public static MeshNode start(MeshConfig config, SlotRegistry registry) throws IOException {
        MeshNode node = new MeshNode(config, registry);
        try {
            node.open();
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }

    private void open() throws IOException {
        routeSlot = registry.slot(SlotNames.ROUTE, Router.class);
        routerBefore = routeSlot.selected();
        if (!routeSlot.select(ROUTER)) {
            throw new IOException("no '" + ROUTER + "' router is bound in the route slot: a mesh node needs module-routing, whose mesh"
                    + " router it selects (bound now: " + routeSlot.all().stream().map(Binding::name).toList() + ")");
        }
        routes = new RouteEntries(routeSlot, true);
        MeshRoutes meshRoutes = new MeshRoutes(() -> routes.router().table());
        tls = RuntimeSlots.followTls(registry);
        aead = RuntimeSlots.followAead(registry);
        cookie = new SessionIdCookie(new SecureRandom(), config.handWindowSeconds());
        int workerCount = config.process().workers();
        String protocol = "udp";
        try {
            listeners.add(RuntimeSlots.transport(registry, protocol).open(config.listener().local(), null, workerCount, config.sockets()));
        } catch (IOException e) {
            throw new IOException("cannot listen on udp port " + config.listener().local().getPort() + ": " + e.getMessage(), e);
        }
        openTun(workerCount);
        sessions = new MeshSessions(config, tls, aead, clients, control, meshRoutes, ConnectRateLimit.unlimited(), this::addKernelRoutes,
                this::removeKernelRoutes);
        ConnectRateLimit answers = ConnectRateLimit.initialReplies(ClientRules.DEFAULT_INITIAL_ANSWERS, ClientRules.DEFAULT_INITIAL_SECONDS);
        PeerGraph graph = new PeerGraph(registry, Optional.empty(), config.device().mtu(), framing -> config.mssClamp(), clients, sessions,
                owners, new Floating(clients), true, config.ifconfigAddress());
        for (int w = 0; w < workerCount; w++) {
            workers.add(graph.worker(w, "vpn-mesh-" + w, tun[w], listeners, new boolean[] {false}, l -> {
                PreAuthGate gate = new PreAuthGate(cookie, config.servingWrap(), true, answers);
                gates.add(gate);
                return gate;
            }, graphs));
        }
        sessions.setWorkers(workers, listeners.get(0)[0]);
        owners.set(workers);
        for (Graph g : graphs) {
            ((OwnerHandoff) g.node("to-owner")).setWorkers(workers);
        }
        for (Worker w : workers) {
            w.start();
        }
        meshRoutes.owns(config.self().prefixes());
        List<MeshPeer> initial = new ArrayList<>(config.configuredPeers());
        if (config.peersFile().isPresent()) {
            peersFile = new MeshPeersFile(config.peersFile().get());
            try {
                peersFile.reload();
            } catch (ConfigException e) {
                throw new IOException(e.getMessage(), e);
            }
            initial.addAll(withoutSelf(peersFile.peers()));
            control.scheduleWithFixedDelay("mesh peers file", this::rereadPeersFile, PEERS_FILE_POLL_SECONDS, PEERS_FILE_POLL_SECONDS,
                    TimeUnit.SECONDS);
        }
        sessions.apply(PeerChanges.between(List.of(), initial));
        LOG.log(System.Logger.Level.INFO, "mesh node " + config.ownName() + " on " + tun[0].name() + " listening on udp "
                + config.listener().local() + " with " + workerCount + " workers, owning " + config.self().prefixes() + ", "
                + initial.size() + " peers");
        LOG.log(System.Logger.Level.INFO, "Initialization Sequence Completed");
        DataPathWarmUp.start(tunFactory, registry, graph.policy(false), DataPathWarmUp.likelyCipher(config.dataCiphers()), aead,
                config.listener().local());
    }

    private List<MeshPeer> withoutSelf(List<MeshPeer> peers) {
        return peers.stream().filter(p -> !p.name().equals(config.ownName())).toList();
    }

    private void openTun(int queues) throws IOException {
        tunFactory = RuntimeSlots.tun(registry);
        String name = config.device().name().equals("tun") ? "tun%d" : config.device().name();
        tun = tunFactory.open(name, config.device().mtu(), config.device().txQueueLength(), queues);
        if (config.ifconfig().isPresent()) {
            Prefix net = config.ifconfig().get();
            tunFactory.configure(List.of("addr", "replace", AddressText.ipv4(config.ifconfigAddress()) + "/" + net.length(), "dev",
                    tun[0].name()));
        }
    }

    /** Sends a peer's networks to the device: Culvert's own table then picks the peer. */
    private void addKernelRoutes(MeshPeer peer) {
        kernelRoutes(peer, "replace");
    }

    private void removeKernelRoutes(MeshPeer peer) {
        kernelRoutes(peer, "del");
    }

    private void kernelRoutes(MeshPeer peer, String verb) {
        for (Prefix p : peer.prefixes()) {
            List<String> command = new ArrayList<>(p.version() == 6 ? List.of("-6") : List.of());
            command.addAll(List.of("route", verb, p.toString(), "dev", tun[0].name()));
            try {
                tunFactory.configure(command);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "ip " + String.join(" ", command) + " failed for mesh peer " + peer.name() + ": "
                        + e.getMessage());
            }
        }
    }

    private void rereadPeersFile() {
        try {
            Optional<PeerChanges> changes = peersFile.reload();
            lastFileError = null;
            if (changes.isPresent()) {
                PeerChanges c = changes.get();
                PeerChanges others = new PeerChanges(withoutSelf(c.added()), withoutSelf(c.removed()), withoutSelf(c.changed()));
                if (others.none() != c.none()) {
                    LOG.log(System.Logger.Level.WARNING, "this node's own line in " + peersFile.path() + " changed; its networks and port"
                            + " take effect when the node restarts");
                }
                LOG.log(System.Logger.Level.INFO, peersFile.path() + " changed: " + others.added().size() + " peers added, "
                        + others.removed().size() + " removed, " + others.changed().size() + " changed");
                sessions.apply(others);
            }
        } catch (ConfigException e) {
            if (!e.getMessage().equals(lastFileError)) {
                lastFileError = e.getMessage();
                LOG.log(System.Logger.Level.ERROR, e.getMessage() + "; the mesh keeps the peers of the last good read");
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "re-reading " + peersFile.path() + " failed", e);
        }
    }

    @Override
    public String status() {
        return status(true);
    }

    private String status(boolean idleNodesToo) {
        if (sessions == null) {
            return "openvpn mesh: starting\n";
        }
        StringBuilder out = new StringBuilder("openvpn mesh node " + config.ownName() + ": " + sessions.counters() + "\n");
        out.append("  certificate refusals: ").append(config.certificateRefusals().stream().map(Object::toString).toList()).append('\n');
        Transport[] sockets = listeners.get(0);
        out.append("  listener udp ").append(config.listener().local()).append(": peer addresses known ").append(sockets[0].peerCount())
                .append(", drops ").append(sockets[0].dropCounts()).append('\n');
        Transport.describe(out, sockets);
        for (PreAuthGate g : gates) {
            out.append("  gate ").append(g.drops().snapshot()).append('\n');
        }
        Link.describe(out, tun);
        PeerGraph.describe(out, workers, graphs, idleNodesToo);
        return out.toString();
    }

    /** One row per declared peer: whether it is up, from where, with which cipher and whose key, and why it last went down. */
    @Override
    public String sessions() {
        if (sessions == null) {
            return "openvpn mesh: starting\n";
        }
        StringBuilder out = new StringBuilder(String.format("%-16s %-8s %-5s %-24s %-18s %s %s%n", "peer", "side", "state", "address",
                "cipher", KeyOrigin.HEADER, "since / last down"));
        int up = 0;
        List<MeshSessions.PeerState> all = sessions.peers();
        for (MeshSessions.PeerState p : all) {
            ServerClient live = p.live;
            var session = live == null ? null : live.session;
            String keys = session == null ? String.format("%-4s %-10s %-21s", "-", "-", "-") : KeyOrigin.of(session.dataPlane().keys());
            up += live == null ? 0 : 1;
            out.append(String.format("%-16s %-8s %-5s %-24s %-18s %s %s%n", p.peer.name(),
                    p.side == dev.culvert.vpn.mesh.TlsTieBreak.Side.SERVES ? "serves" : "connects", live == null ? "down" : "up",
                    live == null ? p.peer.endpoint() : RealAddress.format(live.realAddress), live == null ? "-" : live.cipher, keys,
                    live == null ? p.lastDown : "up since " + p.changedEpochSeconds));
        }
        return out.append(up).append(" of ").append(all.size()).append(" peers up\n").toString();
    }

    /** Tells live peers EXIT with explicit-exit-notify, then releases everything, and gives the route slot its choice back. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (sessions != null) {
            CountDownLatch sent = sessions.stop(config.process().explicitExitNotify() > 0);
            try {
                if (!sent.await(EXIT_NOTICE_BOUND_MS, TimeUnit.MILLISECONDS)) {
                    LOG.log(System.Logger.Level.WARNING, sent.getCount() + " EXIT notices were not sent in " + EXIT_NOTICE_BOUND_MS + " ms");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            StopSummary.log(status(false));
        }
        for (Worker w : workers) {
            try {
                w.stopAndJoin(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            w.close();
        }
        graphs.forEach(Graph::close);
        for (Transport[] sockets : listeners) {
            for (Transport t : sockets) {
                try {
                    t.close();
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "closing " + t + " failed", e);
                }
            }
        }
        for (ServerClient c : clients.all()) {
            if (routes != null) {
                routes.removePeer(c.index);
            }
            if (c.session != null) {
                c.session.dispose();
            }
        }
        if (routes != null) {
            // A node started later in this process starts from a clean table.
            config.self().prefixes().forEach(routes.router().table()::remove);
            if (sessions != null) {
                sessions.peers().forEach(p -> p.peer.prefixes().forEach(routes.router().table()::remove));
            }
        }
        control.close();
        if (tun != null) {
            for (Link queue : tun) {
                try {
                    queue.close();
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "closing " + queue.name() + " failed", e);
                }
            }
        }
        if (routes != null) {
            routes.close();
        }
        if (routeSlot != null) {
            routeSlot.select(routerBefore.orElse(null));
        }
        for (AutoCloseable c : new AutoCloseable[] {tls, aead, cookie}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.log(System.Logger.Level.DEBUG, "closing " + c + " failed", e);
                }
            }
        }
    }
}
