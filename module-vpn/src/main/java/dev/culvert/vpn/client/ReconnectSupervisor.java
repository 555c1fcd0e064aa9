package dev.culvert.vpn.client;

import dev.culvert.core.logging.Verbosity;
import dev.culvert.core.worker.ControlExecutor;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.spi.node.NodeExit;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.vpn.auth.UserPassAuth;
import dev.culvert.vpn.config.OnePeerConfig;
import dev.culvert.vpn.keys.OccOptionsString;
import dev.culvert.vpn.management.StateLine;
import dev.culvert.vpn.session.SessionEvent;
import dev.culvert.vpn.session.SessionSettings;
import dev.culvert.vpn.session.VpnSession;
import dev.culvert.vpn.tunnel.ControlStrand;
import dev.culvert.vpn.tunnel.TickTimer;
import dev.culvert.vpn.tunnel.WorkerOutput;
import java.io.IOException;
import dev.culvert.spi.link.HostRoute;
import dev.culvert.vpn.config.RemoteEntry;
import dev.culvert.vpn.push.PushReply;
import dev.culvert.vpn.push.RedirectGateway;
import java.util.List;
import java.util.Optional;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps the client connected: starts a session towards the server, runs its timers, applies what
 * the server pushed when it connects, and starts a fresh session when the server asks for a
 * restart, goes away, or ping-restart fires. It stops trying after a fatal failure (a refused
 * certificate), which only a changed configuration can cure; after AUTH_FAILED it does what
 * {@code auth-retry} says, exiting by default as 2.6 does. Everything here runs on
 * the client's control strand; delays are timers of the control executor.
 */
final class ReconnectSupervisor {
    private static final System.Logger LOG = System.getLogger(ReconnectSupervisor.class.getName());
    /** Handshake lines, which 2.6 shows from verb 2 on (its D_HANDSHAKE): System.Logger has no level between INFO and DEBUG. */
    private static final java.util.logging.Logger HANDSHAKES = java.util.logging.Logger.getLogger(ReconnectSupervisor.class.getName());
    static final String VERSION = "2.6.14";
    private static final long RECONNECT_DELAY_MS = 2_000;
    private static final long RETRY_AFTER_FAILURE_MS = 5_000;
    /** How long close waits for the session to be handed its close, beyond the exit notification's own time. */
    private static final long CLOSE_HANDOFF_MS = 2_000;

    private final OnePeerConfig config;
    private final TlsProvider tls;
    private final AeadProvider aead;
    /** Whether this process's data path was rehearsed (once, after the first connect; {@link ClientDataPath#warmUp}). */
    private boolean dataPathWarmed;
    private final PushedCompression compression;
    private final ControlExecutor control;
    private final ControlStrand strand;
    private final TickTimer ticks;
    /** The username and password (or token) and the answer to AUTH_FAILED; null for a client without auth-user-pass. */
    private final UserPassAuth auth;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong sessionsStarted = new AtomicLong();
    private final CountDownLatch sessionClosed = new CountDownLatch(1);
    private ClientDataPath path;
    /** A client's servers in turn; null for a point-to-point peer, which keeps its one peer. */
    private final RemoteRotation rotation;
    /** The configuration aimed at the server of the current attempt. */
    private volatile OnePeerConfig target;
    /** up, down and route-up. */
    private final TunScriptRuns tunScripts;
    private volatile VpnSession session;
    /** The session of an attempt that ended, until the next attempt wipes its keys. */
    private VpnSession ended;
    /** What redirect-gateway changed outside the device, to take back. */
    private volatile GatewayRedirect redirected = GatewayRedirect.NONE;
    /** The file's own {@code route} lines that were added, to take back when the tunnel goes. */
    private final OwnRoutes ownRoutes = new OwnRoutes();
    private volatile String state = "starting";
    private volatile boolean stopping;
    /** {@code inactive}, {@code session-timeout} and {@code ping-exit}: what ends the process instead of a restart. */
    private final ExitWatch exits;
    /** {@code tls-exit}: a failed TLS negotiation ends the process instead of leaving the client failed. */
    private final boolean tlsExit;
    /** The management interface (or none): states, the hold before each connection, the password query. */
    private final ClientManagement management;
    /** The 2.6 state last told for the current attempt (WAIT, AUTH, …), so that each is told once. */
    private String phase;

    ReconnectSupervisor(OnePeerConfig config, TlsProvider tls, AeadProvider aead, PushedCompression compression, ControlExecutor control,
                        ControlStrand strand, UserPassAuth auth, ClientManagement management) {
        this.auth = auth;
        this.management = management;
        this.config = config;
        this.target = config;
        this.tunScripts = new TunScriptRuns(config.tunScripts());
        this.rotation = config.connections() == null ? null : new RemoteRotation(config.connections());
        this.tls = tls;
        this.aead = aead;
        this.compression = compression;
        this.control = control;
        this.strand = strand;
        this.ticks = new TickTimer(control, strand, "vpn client tick");
        this.exits = new ExitWatch(config.exitTimers(), System.nanoTime());
        this.tlsExit = config.exitTimers().tlsExit();
    }

    /** Begins connecting over {@code path}, in the background. */
    void start(ClientDataPath path) {
        this.path = path;
        // init.c do_hold(0): the first connection waits for 'hold release' with management-hold.
        if (!management.holdThen(0, () -> strand.enqueue(this::connect))) {
            strand.enqueue(this::connect);
        }
        checkExitsLater();
    }

    /**
     * {@code signal SIGUSR1} from the management interface: 2.6's restart, in the node, so the
     * interface and its client stay. On the control strand.
     */
    void signalRestart(String signal) {
        strand.enqueue(() -> {
            if (session != null) { // between attempts the next one is already on its way
                restart(signal + " received from the management interface, restarting", RECONNECT_DELAY_MS, signal);
                // As 2.6's restart reopens its socket: a server keeps the old session on the old source port, not the new one.
                path.closeTransport();
            }
        });
    }

    /** Tells the management interface a state of the current attempt once. */
    private void phase(String name) {
        if (!name.equals(phase)) {
            phase = name;
            management.state(StateLine.of(name, null));
        }
    }

    private void checkExitsLater() {
        control.schedule("vpn client exit timers", () -> strand.enqueue(this::checkExits), 1, TimeUnit.SECONDS);
    }

    /** Once a second, as 2.6's coarse timers: ends the process when {@code inactive} or {@code session-timeout} ran out. */
    private void checkExits() {
        if (stopping) {
            return;
        }
        VpnSession s = session != null ? session : ended;
        Optional<String> why = exits.check(s == null ? 0 : s.dataPlane().tunnelBytes(), System.nanoTime());
        if (why.isPresent()) {
            exitProcess(why.get());
            return;
        }
        checkExitsLater();
    }

    /** Ends the node and the process as a SIGTERM would (explicit-exit-notify, status 0), as 2.6 does for ping-exit and inactive. */
    private void exitProcess(String why) {
        state = "exiting: " + why;
        NodeExit.request(why, NodeExit.STOPPED);
    }

    /** The current session, or null before the first. */
    VpnSession session() {
        return session;
    }

    String state() {
        return state;
    }

    long sessionsStarted() {
        return sessionsStarted.get();
    }

    /** A fresh session towards the server. */
    private void connect() {
        if (stopping) {
            return;
        }
        if (rotation != null) {
            if (!aimAtCurrentServer()) {
                return;
            }
        } else {
            try {
                if (!path.transportOpen()) {
                    path.openTransport();
                }
            } catch (IOException | RuntimeException e) {
                state = "waiting to reconnect: " + e.getMessage();
                LOG.log(System.Logger.Level.WARNING, "cannot reach " + path.remote() + ": " + e.getMessage() + "; retrying");
                later(RETRY_AFTER_FAILURE_MS);
                return;
            }
        }
        if (auth != null && management.asksCredentials()) {
            // management-query-passwords: the attempt starts once a management client gave both (never the terminal).
            state = "waiting for the username and password from the management interface";
            management.askCredentials(given -> strand.enqueue(() -> {
                auth.answered(given);
                given.wipe();
                connect();
            }));
            return;
        }
        if (auth != null && auth.sendsCredentials()) {
            try {
                auth.prepare();
            } catch (dev.culvert.spi.config.ConfigException e) {
                state = "failed: " + e.getMessage();
                NodeExit.request("the username and password could not be read again: " + e.getMessage(), NodeExit.BAD_CONFIG);
                return;
            }
        }
        VpnSession old = session != null ? session : ended;
        ended = null;
        if (old != null) {
            old.dispose();
        }
        long now = System.nanoTime();
        AtomicReference<VpnSession> owner = new AtomicReference<>();
        WorkerOutput output = new WorkerOutput(path, () -> {
            VpnSession s = owner.get();
            return s == null ? null : s.dataPlane();
        }, bytes -> { }, event -> {
            // Output of a session that is no longer current is ignored.
            VpnSession s = owner.get();
            if (s == null || s == session) {
                onEvent(event);
            }
        });
        SessionSettings settings = target.toSessionSettings(tls, aead, random, VERSION);
        if (settings.client() != null) {
            java.util.Map<String, String> extra = new java.util.TreeMap<>(compression.peerInfo());
            extra.putAll(new HostPeerInfo().entries(target.peerInfoVariables(), tls.name()));
            settings = settings.withPeerInfo(extra);
            if (auth != null && auth.sendsCredentials()) {
                settings = settings.withCredentials(auth);
            }
        }
        VpnSession fresh = new VpnSession(settings, output, now, System.currentTimeMillis() / 1000);
        exits.onNewSession(now); // 2.6 starts the timers again with each restart
        owner.set(fresh);
        session = fresh;
        sessionsStarted.incrementAndGet();
        state = "connecting to " + path.peerText();
        LOG.log(System.Logger.Level.INFO, "connecting to " + path.peerText() + " (" + target.transport() + ")");
        fresh.start(now);
        phase = null;
        phase(target.transport() == OccOptionsString.Transport.TCP ? "TCP_CONNECT" : "WAIT");
        if (target.transport() == OccOptionsString.Transport.TCP) {
            phase("WAIT");
        }
        reschedule(fresh);
        if (rotation != null) {
            int poll = rotation.current().serverPollSeconds();
            control.schedule("vpn client server poll", () -> strand.enqueue(() -> serverPoll(fresh, poll)), poll, TimeUnit.SECONDS);
        }
    }

    /**
     * Resolves the current server's name if its turn just came, and points the transport at the
     * address to try; on failure, logs why and moves on to the next. Returns whether to go on.
     */
    private boolean aimAtCurrentServer() {
        RemoteEntry entry = rotation.current();
        if (rotation.needsAddresses()) {
            try {
                rotation.resolved(ServerAddresses.resolve(entry));
            } catch (java.net.UnknownHostException e) {
                attemptEnded("RESOLVE: cannot resolve host address: " + entry.host() + " (" + e.getMessage() + ")", false);
                return false;
            }
        }
        InetSocketAddress to = rotation.address();
        target = config.toward(entry);
        try {
            if (!path.transportOpen() || !to.equals(path.remote()) || path.transportKind() != entry.transport()) {
                path.retarget(to, entry.transport());
            }
        } catch (IOException | RuntimeException e) {
            attemptEnded("cannot reach " + to + " (" + entry + "): " + e.getMessage(), false);
            return false;
        }
        return true;
    }

    /** 2.6's server-poll-timeout: an attempt that has heard nothing from its server in time moves on at once. */
    private void serverPoll(VpnSession attempt, int seconds) {
        if (attempt != session || stopping || attempt.peerSessionId() != null) {
            return;
        }
        attemptEnded("server poll timeout: nothing from " + path.peerText() + " within " + seconds + " s", true);
    }

    /**
     * The current attempt (or tunnel) ended: logs why, moves to the server to try next as
     * {@link RemoteRotation} says, and connects after its pause; gives up, ending the process,
     * once {@code connect-retry-max} is used up.
     */
    private void attemptEnded(String why, boolean serverPoll) {
        attemptEnded(why, serverPoll, 0, serverPoll ? "server_poll" : "connection-reset");
    }

    /**
     * As above, pausing at least {@code floorMillis}, the pause a session's restart (2 s) or failure
     * (5 s) always had here. Why not 2.6's bare 1 s: a server that sent RESTART or OCC EXIT is
     * shutting down, and during its explicit-exit-notify it may still answer a reset, which binds
     * the new session to a server about to go; the session then waits out hand-window (a stock
     * server's restart in ClientInteropIT did that with a 1 s pause).
     */
    private void attemptEnded(String why, boolean serverPoll, long floorMillis, String signal) {
        if (stopping) {
            return;
        }
        management.state(StateLine.of("RECONNECTING", signal));
        int pause = rotation.pauseSeconds(serverPoll);
        RemoteEntry next = rotation.advance();
        if (rotation.exhausted()) {
            state = "failed: every server was tried " + config.connections().connectRetryMax() + " times (connect-retry-max)";
            management.state(StateLine.of("EXITING", "connection-retry-max"));
            LOG.log(System.Logger.Level.ERROR, why);
            NodeExit.request("All connections have been connect-retry-max (" + config.connections().connectRetryMax()
                    + ") times unsuccessful: check that a server in the configuration is up and reachable, or raise connect-retry-max",
                    NodeExit.NO_SERVER);
            return;
        }
        if (session != null) {
            // Its timers and events stop here; its keys are wiped when the next attempt starts, as a restart's are.
            ended = session;
            session = null;
        }
        state = "reconnecting (" + why + ")";
        long pauseMillis = Math.max(pause * 1_000L, floorMillis);
        LOG.log(System.Logger.Level.WARNING, why + "; next: " + next + (pauseMillis > 0 ? " in " + pauseMillis / 1000.0 + " s" : " now"));
        if (next.tcp() || target.transport() == OccOptionsString.Transport.TCP) {
            path.closeTransport(); // a stream is not reused across attempts
        }
        later(pauseMillis);
    }

    /** Runs the session's timers now and arranges the next call. */
    void reschedule(VpnSession s) {
        if (s != session || stopping) {
            return;
        }
        if (path.streamClosed()) {
            // The server closed the stream (a restart): no ping-restart wait, reconnect now.
            s.transportFailed("the TCP connection to " + path.remote() + " closed");
            return;
        }
        long now = System.nanoTime();
        long next = s.tick(now);
        if ("WAIT".equals(phase) && s.peerSessionId() != null) {
            phase("AUTH"); // ssl.c: the server's reset came, the TLS handshake runs
        }
        if ("AUTH".equals(phase) && s.awaitingConfig(now)) {
            phase("GET_CONFIG");
        }
        ticks.rearm(now, next, () -> reschedule(s));
    }

    /**
     * The pushed addresses and routes on the device, and {@code redirect-gateway} (the file's and
     * the pushed one's flags together). A previous session's redirect is taken back first, so the
     * host's route to the server and its default route are read as they are without the tunnel.
     */
    private void applyRoutes(PushReply reply) throws IOException {
        RedirectGateway redirect = RedirectGateway.union(target.redirectGateway(), RedirectGateway.pushed(reply));
        InetSocketAddress server = path.remote();
        undoRedirect();
        Optional<HostRoute> toServer = redirect == null || server == null || server.getAddress() == null ? Optional.empty()
                : path.tunFactory().routeTo(server.getAddress().getHostAddress());
        Optional<HostRoute> oldDefault = redirect == null && target.ownRoutes().isEmpty() ? Optional.empty() : path.tunFactory().defaultRoute();
        TunAddressing.apply(path.tunFactory(), path.tunName(), reply, config.routes6(), redirect != null && redirect.has(RedirectGateway.Flag.IPV6)
                && redirect.has(RedirectGateway.Flag.REROUTE),
                target.routeMetric());
        List<String> localNetworks = redirect != null && redirect.has(RedirectGateway.Flag.BLOCK_LOCAL) && oldDefault.isPresent()
                ? path.tunFactory().ipv4Addresses(oldDefault.get().device()) : List.of();
        GatewayRedirect plan = GatewayRedirect.plan(redirect, path.tunName(), TunAddressing.gateway(reply), server, toServer, oldDefault,
                localNetworks);
        plan.notes().forEach(note -> LOG.log(System.Logger.Level.WARNING, "NOTE: " + note));
        if (!(target.tunScripts().allowed() && target.tunScripts().up().isPresent())) {
            PushNotes.keptForScripts(target.keptForScripts(), reply).ifPresent(line -> LOG.log(System.Logger.Level.INFO, line));
        }
        redirected = plan;
        for (List<String> command : plan.apply()) {
            path.tunFactory().configure(command);
        }
        ownRoutes.add(path.tunFactory(), OwnRoutes.plan(target.ownRoutes(), path.tunName(), TunAddressing.gateway(reply), server,
                oldDefault, target.routeMetric()));
    }

    /**
     * Takes back what {@code redirect-gateway} changed outside the tunnel device (the server's host
     * route, the default route) and the file's own {@code route} lines that were added.
     */
    void undoRedirect() {
        ownRoutes.takeBack(path.tunFactory());
        GatewayRedirect done = redirected;
        redirected = GatewayRedirect.NONE;
        for (List<String> command : done.undo()) {
            try {
                path.tunFactory().configure(command);
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "taking back redirect-gateway: " + e.getMessage());
            }
        }
    }

    /** What the current session reported. */
    private void onEvent(SessionEvent event) {
        switch (event) {
            case SessionEvent.Connected c -> {
                try {
                    if (c.pushReply() != null) {
                        // GET_CONFIG came before this only if the reply was a second late (reschedule).
                        management.state(assigned(c.pushReply()));
                        if (!c.pushReply().routes().isEmpty() || !c.pushReply().routes6().isEmpty() || !target.ownRoutes().isEmpty()) {
                            phase("ADD_ROUTES");
                        }
                        PushNotes.of(c.pushReply()).forEach(note -> LOG.log(System.Logger.Level.WARNING, note));
                        for (String echo : PushedEcho.texts(c.pushReply())) {
                            String line = PushedEcho.logLine(echo);
                            if (line != null) {
                                LOG.log(System.Logger.Level.INFO, line);
                            }
                            management.echo(echo);
                        }
                        exits.onPush(c.pushReply(), System.nanoTime()).forEach(note -> LOG.log(System.Logger.Level.WARNING, note));
                        compression.apply(c.pushReply(), String.valueOf(path.remote()));
                        path.framingChanged();
                        applyRoutes(c.pushReply());
                    }
                    if (rotation != null) {
                        rotation.connected();
                    }
                    state = "connected to " + path.peerText() + " on " + path.tunName() + ": cipher " + c.cipher().openvpnName()
                            + ", keys by " + c.keyDerivation() + ", " + c.tlsProtocol() + ", peer-id " + c.peerId();
                    String connected = state;
                    CompletableFuture<String> scriptsRan = tunScripts.connected(target, c.pushReply(), path.tunName(),
                            c.pushReply() == null ? null : TunAddressing.gateway(c.pushReply()), path.remote());
                    // As 2.6, the up script runs before the initialization counts as complete.
                    scriptsRan.thenAccept(failed -> strand.enqueue(() -> {
                        if (failed == null) {
                            LOG.log(System.Logger.Level.INFO, connected + "; Initialization Sequence Completed");
                            management.state(connectedLine(c.pushReply()));
                            if (!dataPathWarmed) {
                                dataPathWarmed = true;
                                path.warmUp(c.cipher(), aead);
                            }
                        } else {
                            state = "failed: " + failed;
                            LOG.log(System.Logger.Level.ERROR, "ERROR: " + failed + "; exiting, as 2.6 does");
                            NodeExit.request(failed, NodeExit.BAD_CONFIG);
                        }
                    }));
                } catch (IOException | RuntimeException e) {
                    state = "connected, but the pushed addresses could not be applied: " + e.getMessage();
                    LOG.log(System.Logger.Level.ERROR, state);
                }
            }
            case SessionEvent.Renegotiated r -> HANDSHAKES.log(Verbosity.HANDSHAKE,
                    "renegotiated, key id " + r.keyId() + " (" + r.keyDerivation() + ", " + r.tlsProtocol() + ")");
            case SessionEvent.Restart r when r.peerSilent() && exits.pingExits() -> exitProcess("Inactivity timeout (--ping-exit), exiting");
            case SessionEvent.Restart r -> restart("restart: " + r.reason(), RECONNECT_DELAY_MS,
                    r.peerSilent() ? "ping-restart" : "server-pushed-connection-reset");
            case SessionEvent.PeerExited p -> restart("the server went away (" + p.how() + ")", RECONNECT_DELAY_MS, "remote-exit");
            case SessionEvent.Failed f when f.authFailed() -> onAuthFailed(f.reason());
            case SessionEvent.Failed f when tlsExit && f.tlsNegotiation() -> exitProcess("TLS error (--tls-exit): " + f.reason() + "; exiting");
            case SessionEvent.Failed f -> {
                if (f.fatal()) {
                    state = "failed: " + f.reason() + " (not retrying: fix the configuration or the server)";
                    LOG.log(System.Logger.Level.ERROR, state);
                } else {
                    restart("failed: " + f.reason(), RETRY_AFTER_FAILURE_MS, "tls-error");
                }
            }
            case SessionEvent.Halted h -> {
                state = "halted by the server: " + h.reason();
                LOG.log(System.Logger.Level.WARNING, state);
            }
            // Only a server's session asks for a verdict on credentials.
            case SessionEvent.CredentialsToCheck c -> c.credentials().wipe();
            case SessionEvent.CertificateToVerify v -> verifyCertificate(v);
            case SessionEvent.Closed c -> {
                state = "closed";
                sessionClosed.countDown();
            }
        }
    }

    /** tun.c do_ifconfig: ASSIGN_IP with the pushed IPv4 and IPv6 addresses. */
    private StateLine assigned(PushReply reply) {
        phase = "ASSIGN_IP";
        return new StateLine("ASSIGN_IP", null, tunIp(reply), null, null, tunIp6(reply));
    }

    /** init.c initialization_sequence_completed: CONNECTED,SUCCESS with the tunnel's address, the server's and the local socket's. */
    private StateLine connectedLine(PushReply reply) {
        phase = "CONNECTED";
        return new StateLine("CONNECTED", "SUCCESS", reply == null ? null : tunIp(reply), path.remote(), path.localBind(),
                reply == null ? null : tunIp6(reply));
    }

    private static java.net.InetAddress tunIp(PushReply reply) {
        if (reply.ifconfig() == null) {
            return null;
        }
        try {
            return java.net.InetAddress.getByName(reply.ifconfig().localText());
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    private static java.net.Inet6Address tunIp6(PushReply reply) {
        if (reply.ifconfig6() == null) {
            return null;
        }
        try {
            dev.culvert.spi.route.AddressText.parseIpv6(reply.ifconfig6().address()); // a literal: getByName looks nothing up
            return java.net.InetAddress.getByName(reply.ifconfig6().address()) instanceof java.net.Inet6Address a ? a : null;
        } catch (java.net.UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The peer's certificates wait for the tls-verify script: it runs off the strand, and its
     * answer goes to the session that asked, on the strand (a refusal fails it, as a refused
     * certificate does).
     */
    private void verifyCertificate(SessionEvent.CertificateToVerify v) {
        VpnSession asking = session;
        v.verify(path.remote()).thenAccept(refusal -> strand.enqueue(() -> {
            if (asking != null && asking == session) {
                asking.certificateVerified(v, refusal, System.nanoTime());
            }
        }));
    }

    /**
     * The server refused this client. As 2.6 (push.c {@code receive_auth_failed}): the message is
     * logged with its reason; a refused token is dropped and the password sent again; otherwise
     * {@code auth-retry none} (the default) stops the node and the process with
     * {@link NodeExit#AUTH_FAILED}, {@code nointeract} and {@code interact} connect again.
     */
    private void onAuthFailed(String message) {
        LOG.log(System.Logger.Level.ERROR, "AUTH: Received control message: " + message);
        UserPassAuth.Next next = auth == null ? UserPassAuth.Next.EXIT : auth.authFailed();
        String reason = message.startsWith("AUTH_FAILED,") && message.length() > "AUTH_FAILED,".length()
                ? message.substring("AUTH_FAILED,".length()) : null;
        if (next == UserPassAuth.Next.RETRY) {
            management.verificationFailed(reason);
            restart("the server refused the credentials (" + message + "); trying again", RETRY_AFTER_FAILURE_MS, "auth-failure");
            return;
        }
        management.state(StateLine.of("EXITING", "auth-failure"));
        management.verificationFailed(reason);
        state = "failed: " + message + " (auth-retry none: not retrying)";
        NodeExit.request("the server refused this client (" + message + ") and auth-retry is none: check the username and "
                + "password (or the server's log), or set 'auth-retry nointeract' to keep trying", NodeExit.AUTH_FAILED);
    }

    private void restart(String why, long delayMillis, String signal) {
        if (stopping) {
            return;
        }
        if (rotation != null) {
            attemptEnded(why, false, delayMillis, signal);
            return;
        }
        management.state(StateLine.of("RECONNECTING", signal));
        state = "reconnecting (" + why + ")";
        LOG.log(System.Logger.Level.WARNING, state);
        if (config.transport() == OccOptionsString.Transport.TCP) {
            path.closeTransport(); // the stream is gone; connect() opens a new one
        }
        later(delayMillis);
    }

    /**
     * The next connection after {@code delayMillis}; with management-hold, after 'hold release'
     * instead (init.c socket_restart_pause: 2.6 holds again at each restart, telling the pause it skips).
     */
    private void later(long delayMillis) {
        if (management.holdThen((int) (delayMillis / 1000), () -> strand.enqueue(this::connect))) {
            return;
        }
        control.schedule("vpn client reconnect", () -> strand.enqueue(this::connect), delayMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Closes the session, telling the server (explicit-exit-notify), and waits until the session
     * says it is closed, for at most the notification's time plus {@value #CLOSE_HANDOFF_MS} ms.
     * Afterwards nothing reconnects and no timer runs.
     */
    void close() {
        strand.enqueue(() -> {
            VpnSession s = session;
            if (s == null) {
                sessionClosed.countDown();
                return;
            }
            s.close(System.nanoTime());
            reschedule(s);
        });
        long notifyMillis = Math.min(3_000, Math.max(200, config.explicitExitNotify() * 1_000L));
        try {
            if (!sessionClosed.await(CLOSE_HANDOFF_MS + notifyMillis, TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.DEBUG, "the exit notification did not finish in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopping = true;
        ticks.stop();
    }

    /** The node stops: the route-pre-down script (if the tunnel was up, waited for, bounded), then the routes taken back. */
    void takeBackRoutes() {
        tunScripts.routesGoing(this::undoRedirect);
    }

    /** Runs the down script (if up ran), before the device closes; waits for it, bounded. */
    void runDownScript() {
        tunScripts.stopping();
    }

    /** Wipes the last session's keys and the kept password, and takes back redirect-gateway's routes; after {@link #close}. */
    void dispose() {
        undoRedirect();
        if (auth != null) {
            auth.wipe();
        }
        for (VpnSession s : new VpnSession[] {session, ended}) {
            if (s != null) {
                s.dispose();
            }
        }
    }

    /** The server of the current attempt as the configuration names it, e.g. {@code vpn.example.com:1194}. */
    String serverName() {
        return rotation == null ? null : rotation.current().host() + ":" + rotation.current().port();
    }
}
