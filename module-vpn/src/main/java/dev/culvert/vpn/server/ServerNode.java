package dev.culvert.vpn.server;

import dev.culvert.core.embed.ProcessIdentity;
import dev.culvert.core.graph.Graph;
import dev.culvert.core.embed.ModuleBinder;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.core.worker.ControlExecutor;
import dev.culvert.core.worker.OwnerHandoff;
import dev.culvert.core.worker.Worker;
import dev.culvert.spi.compress.CompressionSettings;
import dev.culvert.spi.l3.L3Policy;
import dev.culvert.spi.link.Link;
import dev.culvert.spi.link.LinkFactory;
import dev.culvert.spi.node.RunningNode;
import dev.culvert.spi.route.AddressText;
import dev.culvert.spi.route.Router;
import dev.culvert.spi.transport.Transport;
import dev.culvert.spi.transport.TransportFactory;
import dev.culvert.vpn.ccd.ClientConfigDir;
import dev.culvert.vpn.config.Listener;
import dev.culvert.vpn.config.ManagementConfig;
import dev.culvert.vpn.hook.ScriptAuthenticator;
import dev.culvert.vpn.management.ClientAuthBroker;
import dev.culvert.vpn.token.SessionTokens;
import dev.culvert.vpn.hook.ScriptCommand;
import dev.culvert.vpn.hook.ScriptRunner;
import dev.culvert.vpn.hook.ScriptTlsCryptV2Verify;
import dev.culvert.vpn.hook.Scripts;
import dev.culvert.vpn.hook.TunScriptContext;
import dev.culvert.vpn.config.TunScripts;
import dev.culvert.vpn.keys.OccOptionsString;
import dev.culvert.vpn.config.ServerConfig;
import dev.culvert.vpn.config.TunnelNetwork6;
import dev.culvert.vpn.config.TunnelNetwork;
import dev.culvert.vpn.files.KeptFile;
import dev.culvert.vpn.management.ManagementServer;
import dev.culvert.vpn.metrics.MetricsServer;
import dev.culvert.vpn.pool.IfconfigPool;
import dev.culvert.vpn.pool.Ipv6Pool;
import dev.culvert.vpn.pool.PersistWarning;
import dev.culvert.vpn.preauth.ConnectRateLimit;
import dev.culvert.vpn.preauth.PreAuthGate;
import dev.culvert.vpn.preauth.SessionIdCookie;
import dev.culvert.vpn.push.Topology;
import dev.culvert.vpn.tunnel.DataPathWarmUp;
import dev.culvert.vpn.tunnel.FollowedAead;
import dev.culvert.vpn.tunnel.FollowedTls;
import dev.culvert.vpn.tunnel.RuntimeSlots;
import dev.culvert.vpn.tunnel.StopSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A multi-core OpenVPN 2.6 server on real devices. One multi-queue TUN device, one or more
 * listeners (UDP and TCP, IPv4 and IPv6: {@code proto}/{@code port}/{@code local} plus each
 * {@code culvert-listen}), and one data-plane worker per core, each with its own TUN queue and its
 * own socket on every listener. All listeners share one client table, one address pool and the
 * routing slot's table.
 *
 * <p>On each worker: a packet from a listener is opened with its client's keys, decompressed,
 * validated with the client's source addresses checked (anti-spoofing), and routed: to the TUN,
 * or, with client-to-client, straight to another client. A packet from the TUN is validated and
 * routed to the client owning its destination. Whatever goes to a client moves to that client's
 * owner worker, which compresses, seals and sends it, so each client's packet ids leave in order.
 *
 * <p>Handshakes, key exchanges and timers run on the kernel's control executor, one strand per
 * client, never on a worker: a storm of new clients costs control threads, not forwarding.
 */
public final class ServerNode implements RunningNode {
    private static final System.Logger LOG = System.getLogger(ServerNode.class.getName());
    /** How long a closing server waits for its RESTART notices to leave. */
    private static final long RESTART_NOTICE_BOUND_MS = 2_000;

    private final ServerConfig config;
    private final SlotRegistry registry;
    private final Optional<CompressionSettings> compression;
    private final ControlExecutor control = ControlExecutor.withDefaults();
    /** The status and pool files' periodic writes, stopped before the last write at close. */
    private final List<ControlExecutor.Timer> fileWriters = new ArrayList<>();
    private final List<Worker> workers = new ArrayList<>();
    private final List<Graph> graphs = new ArrayList<>();
    private final List<PreAuthGate> gates = new ArrayList<>();
    private final List<Transport[]> listeners = new ArrayList<>();
    private final long startedEpochSeconds = System.currentTimeMillis() / 1000;
    private ClientTable clients;
    private IfconfigPool pool;
    private RouteEntries routes;
    /** The tls and aead slots as the sessions see them: swaps reach running sessions through these. */
    private FollowedTls tls;
    private FollowedAead aead;
    /** The TUN slot's factory the device came from, warmed once the server listens. */
    private LinkFactory tunFactory;
    private SessionIdCookie cookie;
    /** {@code connect-freq-initial}: shared by every listener's gate, as 2.6 has one per server. */
    private ConnectRateLimit answerRate;
    private ClientLifecycle lifecycle;
    private CredentialCheck credentials;
    /** What every script of this server shares; the up script's view of the device, once it ran. */
    private Scripts scripts;
    private TunScriptContext tunScriptContext;
    private ClientHooks hooks;
    /** management-client-auth's decisions and the server's side of them, or null without it. */
    private ClientAuthBroker clientAuth;
    private ManagementClientAuth managementAuth;
    private final OwnerWorkers owners = new OwnerWorkers();
    private Floating floating;
    /** tls-crypt-v2-verify's verdicts on newcomers; null without the script. */
    private MetadataVerdicts metadataVerdicts;
    private StatusReport report;
    private Link[] tun;
    private KeptFile statusFile;
    private KeptFile poolFile;
    private volatile boolean closed;
    private ManagementServer management;
    private MetricsServer metrics;

    private ServerNode(ServerConfig config, SlotRegistry registry, Optional<CompressionSettings> compression) {
        this.config = config;
        this.registry = registry;
        this.compression = compression;
    }

    /** Opens the device and the listeners, starts the workers, and serves until closed. */
    public static ServerNode start(ServerConfig config, Optional<CompressionSettings> compression, SlotRegistry registry)
            throws IOException {
        ServerNode node = new ServerNode(config, registry, compression);
        try {
            node.open();
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }

    private void open() throws IOException {
        tls = RuntimeSlots.followTls(registry);
        aead = RuntimeSlots.followAead(registry);
        routes = new RouteEntries(registry.slot(SlotNames.ROUTE, Router.class), config.clients().clientToClient());
        int workerCount = config.process().workers();
        boolean subnet = config.tunnel().topology() == Topology.SUBNET;
        if (config.tunnel().poolEnabled()) {
            pool = poolFor(config);
            pool.ipv6Limits().ifPresent(note -> LOG.log(note.startsWith("WARNING") ? System.Logger.Level.WARNING : System.Logger.Level.INFO, note));
            loadPool();
        }
        clients = new ClientTable(config.clients().maxClients());
        cookie = new SessionIdCookie(new SecureRandom(), config.handWindowSeconds());
        ConnectRateLimit connectRate = config.clients().connectFreqCount() > 0
                ? new ConnectRateLimit(config.clients().connectFreqCount(), config.clients().connectFreqSeconds()) : ConnectRateLimit.unlimited();
        answerRate = ConnectRateLimit.initialReplies(config.clients().connectFreqInitialCount(),
                config.clients().connectFreqInitialSeconds());
        ClientConfigDir ccd = config.clients().clientConfigDir().map(dir -> new ClientConfigDir(dir, config.clients().ccdExclusive())).orElse(null);
        scripts = Scripts.of(Map.of("dev", config.device().name(), "dev_type", "tun", "daemon", "0", "daemon_log_redirect", "0",
                "script_context", "init"), config.userAuth().tmpDir(), Duration.ofSeconds(config.handWindowSeconds()));
        clientAuth = config.management().filter(ManagementConfig::clientAuth).map(m -> new ClientAuthBroker()).orElse(null);
        credentials = new CredentialCheck(config.userAuth(), registry, scripts,
                config.authTokens().map(t -> new SessionTokens(t.hmacKey(), t.lifetimeSeconds(), t.renewalSeconds(),
                        () -> System.currentTimeMillis() / 1000)).orElse(null), Duration.ofSeconds(config.deferredAuthSeconds()),
                (delay, task) -> control.schedule("auth_control_file", task, delay.toNanos(), TimeUnit.NANOSECONDS));
        hooks = new ClientHooks(config.hookScripts(), registry, scripts);
        if (clientAuth != null) {
            // Bound before any worker runs: no client may connect unasked.
            managementAuth = new ManagementClientAuth(clientAuth, scripts.environment(), scripts.limit());
            ModuleBinder.bind(registry, managementAuth, managementAuth.name(), ManagementClientAuth.RANKING);
        }
        if (config.userAuth().verify().filter(v -> v.method() == ScriptAuthenticator.Method.VIA_ENV).isPresent()
                && !config.userAuth().passwordInEnvironment()) {
            LOG.log(System.Logger.Level.WARNING, "auth-user-pass-verify via-env: the script gets no 'password' variable below"
                    + " 'script-security 3' (as in 2.6); use via-file, or script-security 3");
        }
        lifecycle = new ClientLifecycle(config, tls, aead, clients, pool, ccd, connectRate, control, routes, credentials, hooks);
        floating = new Floating(clients);

        // The ports first: a server that cannot have them must not touch a device (another
        // instance's, with the same subnet) before it gives up.
        for (Listener listener : config.listeners()) {
            String protocol = (listener.proto() == Listener.Proto.TCP) ? "tcp" : "udp";
            TransportFactory factory = RuntimeSlots.transport(registry, protocol);
            try {
                listeners.add(factory.open(listener.local(), null, workerCount, config.listenerOptions()));
            } catch (IOException e) {
                throw new IOException("cannot listen on " + protocol + " port " + listener.local().getPort() + ": " + e.getMessage(), e);
            }
        }
        openTun(subnet, workerCount);
        long handWindow = TimeUnit.SECONDS.toNanos(config.handWindowSeconds());
        for (Transport[] sockets : listeners) {
            for (Transport t : sockets) {
                t.handshakeWindow(handWindow); // TCP: a connection whose handshake is not done in time is closed
            }
        }
        metadataVerdicts = config.hookScripts().tlsCryptV2Verify().map(c -> new MetadataVerdicts(new ScriptTlsCryptV2Verify(c, scripts)))
                .orElse(null);
        PeerGraph graph = new PeerGraph(registry, compression, config.tunMtu(), framing -> config.mssClamp(framing == 1), clients, lifecycle,
                owners, floating, false, 0).verifyingMetadata(metadataVerdicts);
        for (int w = 0; w < workerCount; w++) {
            workers.add(buildWorker(graph, w));
        }
        L3Policy policy = graph.policy(false);
        lifecycle.setWorkers(workers);
        owners.set(workers);
        for (Graph g : graphs) {
            ((OwnerHandoff) g.node("to-owner")).setWorkers(workers);
        }
        report = new StatusReport(config, clients, gates, lifecycle, startedEpochSeconds);
        startManagement();
        if (management != null && config.management().get().hold()) {
            // 2.6's management-hold: nothing is served until a management client says 'hold release'.
            try {
                if (!management.holdUntilReleased()) {
                    throw new IOException("stopped while waiting for the management interface's 'hold release'");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for 'hold release'", e);
            }
        }
        for (Worker w : workers) {
            w.start();
        }
        statusFile = config.status().file().map(KeptFile::new).orElse(null);
        poolFile = pool != null && config.poolPersist().seconds() > 0 ? config.poolPersist().file().map(KeptFile::new).orElse(null)
                : null;
        if (config.process().user().isPresent() || config.process().group().isPresent()) {
            // As 2.6: the files stay writable through descriptors opened while still root.
            if (statusFile != null) {
                statusFile.keepOpen();
            }
            if (poolFile != null) {
                poolFile.keepOpen();
            }
            ProcessIdentity.dropTo(config.process().user().orElse(null), config.process().group().orElse(null));
        }
        if (statusFile != null) {
            fileWriters.add(control.scheduleWithFixedDelay("status file", () -> report.writeQuietly(statusFile), 0, Math.max(1, config.status().seconds()),
                    TimeUnit.SECONDS));
        }
        if (poolFile != null) {
            fileWriters.add(control.scheduleWithFixedDelay("ifconfig-pool-persist", this::savePool, config.poolPersist().seconds(),
                    config.poolPersist().seconds(), TimeUnit.SECONDS));
        }
        StringBuilder where = new StringBuilder();
        for (Listener l : config.listeners()) {
            where.append(where.isEmpty() ? "" : ", ").append((l.proto() == Listener.Proto.TCP) ? "tcp " : "udp ").append(l.local());
        }
        LOG.log(System.Logger.Level.INFO, "OpenVPN server on " + tun[0].name() + " listening on " + where + " with "
                + workerCount + " workers");
        boolean anyTcp = config.listeners().stream().anyMatch(l -> l.proto() == Listener.Proto.TCP);
        DescriptorBudget.warning(config.clients().maxClients(), anyTcp, tls.name(), tls.descriptorsPerEngine(),
                DescriptorBudget.openFileLimit(Path.of("/proc/self/limits"))).ifPresent(w -> LOG.log(System.Logger.Level.WARNING, w));
        startMetrics();
        LOG.log(System.Logger.Level.INFO, "Initialization Sequence Completed");
        // After the listening point, never before it: the first client's connect runs warm.
        control.submit("TLS warm-up", () -> TlsWarmUp.run(tls, config.tlsSettings()))
                .whenComplete((done, failed) -> {
                    DataPathWarmUp.start(tunFactory, registry, policy, DataPathWarmUp.likelyCipher(config.dataCiphers()), aead,
                            config.firstUdpListener().local());
                    SessionRehearsal.startFor(config, tls, aead, control, () -> lifecycle.admittedTotal() > 0);
                });
    }

    /** An empty pool of {@code config}'s tunnel addresses, as {@code server} and {@code server-ipv6} make it (topology subnet, else net30). */
    static IfconfigPool poolFor(ServerConfig config) {
        TunnelNetwork net = config.tunnel();
        Ipv6Pool pool6 = config.tunnel6().flatMap(TunnelNetwork6::pool).orElse(null);
        return net.topology() == Topology.SUBNET ? IfconfigPool.subnet(net.network(), net.netmask(), pool6)
                : IfconfigPool.net30(net.network(), net.netmask(), pool6);
    }

    private void openTun(boolean subnet, int queues) throws IOException {
        tunFactory = RuntimeSlots.tun(registry);
        String name = config.device().name().equals("tun") ? "tun%d" : config.device().name();
        tun = tunFactory.open(name, config.tunMtu(), config.device().txQueueLength(), queues);
        int serverAddress = config.tunnel().serverAddress();
        int second = config.tunnel().serverIfconfigSecond();
        for (List<String> command : ServerTun.commands(tun[0].name(), subnet, config.tunnel().network(), config.tunnel().netmask(), serverAddress,
                second, config.tunnel6(), config.device().routes())) {
            tunFactory.configure(command);
        }
        LOG.log(System.Logger.Level.INFO, tun[0].name() + " is " + AddressText.ipv4(serverAddress)
                + (subnet ? "/" + Integer.bitCount(config.tunnel().netmask()) : " peer " + AddressText.ipv4(second))
                + config.tunnel6().map(n -> " and " + n.withLength(n.serverAddress())).orElse(""));
        runUpScripts(new TunScriptContext(tun[0].name(), config.tunMtu(), OccOptionsString.linkMtu(config.tunMtu(),
                OccOptionsString.Transport.UDP), AddressText.ipv4(serverAddress), AddressText.ipv4(subnet ? config.tunnel().netmask() : second),
                subnet, List.of(), null));
    }

    /**
     * up, then route-up, once the device has its addresses and routes and before root is dropped,
     * as 2.6 runs them, each waited for (the server is starting; no client is served yet). A failed
     * up ends the start, as in 2.6; a failed route-up is only logged.
     */
    private void runUpScripts(TunScriptContext tunContext) throws IOException {
        TunScripts tunScripts = config.tunScripts();
        if (tunScripts.notRunWarning() != null) {
            LOG.log(System.Logger.Level.WARNING, tunScripts.notRunWarning());
        }
        if (!tunScripts.allowed()) {
            return;
        }
        tunScriptContext = tunContext;
        if (tunScripts.up().isPresent()) {
            String failed = runTunScript(tunScripts.up().get(), "up");
            if (failed != null) {
                throw new IOException("the up script " + failed + " (2.6 stops then too); fix the script or remove the 'up' line");
            }
        }
        if (tunScripts.routeUp().isPresent()) {
            String failed = runTunScript(tunScripts.routeUp().get(), "route-up");
            if (failed != null) {
                LOG.log(System.Logger.Level.WARNING, "WARNING: the route-up script " + failed);
            }
        }
    }

    /** Runs one tun script and waits for it; why it failed, or null. */
    private String runTunScript(ScriptCommand command, String type) {
        try {
            ScriptRunner.Outcome o = scripts.runTunScript(command, type, tunScriptContext)
                    .get(scripts.limit().toSeconds() + 5, TimeUnit.SECONDS);
            return o.exitedWith(0) ? null : o.describe(scripts.limit());
        } catch (Exception e) {
            return "did not end: " + e;
        }
    }

    private Worker buildWorker(PeerGraph graph, int index) throws IOException {
        boolean[] tcp = new boolean[listeners.size()];
        for (int l = 0; l < tcp.length; l++) {
            tcp[l] = config.listeners().get(l).proto() == Listener.Proto.TCP;
        }
        return graph.worker(index, "vpn-server-" + index, tun[index], listeners, tcp, l -> {
            PreAuthGate gate = new PreAuthGate(cookie, config.wrapFactory(), !tcp[l], answerRate);
            gates.add(gate);
            return gate;
        }, graphs);
    }

    private void loadPool() throws IOException {
        Optional<Path> file = config.poolPersist().file();
        if (file.isEmpty() || !Files.exists(file.get())) {
            return;
        }
        for (PersistWarning warning : pool.load(file.get(), config.poolPersist().seconds() == 0)) {
            LOG.log(System.Logger.Level.WARNING, warning);
        }
    }

    private void savePool() {
        if (poolFile == null) {
            return;
        }
        try {
            poolFile.write(pool.persistText());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot write ifconfig-pool-persist file " + poolFile.path() + ": "
                    + e.getMessage());
        }
    }

    /** The management interface, if configured: a bind failure fails the start, as in 2.6. */
    private void startManagement() throws IOException {
        if (config.management().isEmpty()) {
            return;
        }
        ManagementConfig m = config.management().get();
        byte[] password = m.readPassword();
        try {
            management = ManagementServer.start(m.listen(), password, new ServerManagement(report, lifecycle), m.logCache(),
                    config.status().version(), clientAuth);
        } finally {
            if (password != null) {
                java.util.Arrays.fill(password, (byte) 0);
            }
        }
        // manage.c's state line for a server: CONNECTED, SUCCESS, its tunnel address, no remote or local socket.
        management.state("CONNECTED", "SUCCESS," + AddressText.ipv4(config.tunnel().serverAddress()) + ",,,,");
    }

    /** The Prometheus endpoint, if configured: a port it cannot have fails the start, at the line that names it. */
    private void startMetrics() throws IOException {
        if (config.metrics().isEmpty()) {
            return;
        }
        try {
            metrics = MetricsServer.start(config.metrics().get().listen(), new ServerMetrics(clients, lifecycle, workers, graphs));
        } catch (IOException e) {
            throw new IOException(config.metrics().get().cannotListen(String.valueOf(e.getMessage())).getMessage(), e);
        }
        LOG.log(System.Logger.Level.INFO, "Prometheus metrics on http://" + config.metrics().get().listen().getAddress().getHostAddress() + ":"
                + metrics.port() + "/metrics");
    }

    @Override
    public String status() {
        return status(true);
    }

    private String status(boolean idleNodesToo) {
        ClientTable table = clients;
        if (table == null || report == null) {
            return "openvpn server: starting\n";
        }
        StringBuilder out = new StringBuilder(report.summary());
        out.append("  ").append(floating.counters()).append('\n');
        if (metadataVerdicts != null) {
            out.append("  ").append(metadataVerdicts.counters()).append('\n');
        }
        for (int l = 0; l < listeners.size(); l++) {
            Transport[] sockets = listeners.get(l);
            out.append("  listener ").append(config.listeners().get(l)).append(": ");
            if (sockets[0].isStream()) {
                out.append("connections ").append(sockets[0].peerCount()).append(" on worker 0, drops ").append(sockets[0].dropCounts());
            } else {
                // One peer table per endpoint; an address the gate refused or answered is not in it.
                out.append("peer addresses known ").append(sockets[0].peerCount()).append(", drops ").append(sockets[0].dropCounts());
            }
            out.append('\n');
            Transport.describe(out, sockets);
        }
        Link.describe(out, tun);
        PeerGraph.describe(out, workers, graphs, idleNodesToo);
        return out.toString();
    }

    @Override
    public String sessions() {
        return report == null ? "openvpn server: starting\n" : report.sessions();
    }

    /** Tells clients to reconnect if explicit-exit-notify says so, saves state, and releases everything. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (lifecycle != null) {
            CountDownLatch noticesSent = lifecycle.stop(config.process().explicitExitNotify() > 0);
            try {
                // The RESTART notices go out through the workers, which must still run until then.
                if (!noticesSent.await(RESTART_NOTICE_BOUND_MS, TimeUnit.MILLISECONDS)) {
                    LOG.log(System.Logger.Level.WARNING, noticesSent.getCount() + " RESTART notices were not sent in "
                            + RESTART_NOTICE_BOUND_MS + " ms; closing anyway");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (ControlExecutor.Timer t : fileWriters) {
            t.cancel();
        }
        if (management != null) {
            management.close();
        }
        if (metrics != null) {
            metrics.close();
        }
        if (report != null) {
            if (statusFile != null) {
                report.writeQuietly(statusFile);
            }
            StopSummary.log(status(false));
        }
        savePool();
        for (Worker w : workers) {
            try {
                w.stopAndJoin(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            w.close();
        }
        for (Graph g : graphs) {
            g.close();
        }
        for (Transport[] sockets : listeners) {
            for (Transport t : sockets) {
                try {
                    t.close();
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "closing " + t + " failed", e);
                }
            }
        }
        if (clients != null) {
            for (ServerClient c : clients.all()) {
                if (routes != null) {
                    routes.removePeer(c.index); // a node started later in this process starts from a clean table
                }
                if (c.session != null) {
                    c.session.dispose();
                }
            }
        }
        control.close();
        if (tunScriptContext != null && config.tunScripts().routePreDown().isPresent()) {
            // As 2.6: before the routes go, which they do with the device.
            String failed = runTunScript(config.tunScripts().routePreDown().get(), "route-pre-down");
            if (failed != null) {
                LOG.log(System.Logger.Level.WARNING, "WARNING: the route-pre-down script " + failed);
            }
        }
        if (tunScriptContext != null && config.tunScripts().down().isPresent()) {
            String failed = runTunScript(config.tunScripts().down().get(), "down");
            if (failed != null) {
                LOG.log(System.Logger.Level.WARNING, "WARNING: the down script " + failed);
            }
        }
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
        if (credentials != null) {
            credentials.close();
        }
        if (hooks != null) {
            hooks.close();
        }
        if (managementAuth != null) {
            ModuleBinder.unbind(registry, managementAuth);
        }
        if (tls != null) {
            tls.close();
        }
        if (aead != null) {
            aead.close();
        }
        if (cookie != null) {
            cookie.close();
        }
        for (KeptFile f : new KeptFile[] {statusFile, poolFile}) {
            if (f != null) {
                try {
                    f.close();
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, "closing " + f.path() + " failed", e);
                }
            }
        }
    }
}
