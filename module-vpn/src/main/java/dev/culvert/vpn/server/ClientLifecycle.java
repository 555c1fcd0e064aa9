package dev.culvert.vpn.server;

import dev.culvert.core.config.Config;
import dev.culvert.core.graph.DropReason;
import dev.culvert.core.logging.Verbosity;
import dev.culvert.core.worker.ControlExecutor;
import dev.culvert.core.worker.Worker;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.hook.AuthVerdict;
import dev.culvert.spi.hook.ClientInfo;
import dev.culvert.spi.hook.ConnectVerdict;
import dev.culvert.spi.route.AddressText;
import dev.culvert.spi.route.Prefix;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.transport.Transport;
import dev.culvert.vpn.ccd.ClientConfigDir;
import dev.culvert.vpn.ccd.ClientOverrides;
import dev.culvert.vpn.config.IfconfigIpv6;
import dev.culvert.vpn.config.ServerConfig;
import dev.culvert.vpn.config.VerifyClientCert;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.OccOptionsString;
import dev.culvert.vpn.keys.PeerInfo;
import dev.culvert.vpn.pool.IfconfigPool;
import dev.culvert.vpn.pool.Lease;
import dev.culvert.vpn.preauth.ConnectRateLimit;
import dev.culvert.vpn.push.ClientPushOverrides;
import dev.culvert.vpn.push.ServerPushReply;
import dev.culvert.vpn.token.AuthToken;
import dev.culvert.vpn.token.SessionTokens;
import dev.culvert.vpn.session.SessionEvent;
import dev.culvert.vpn.session.SessionOutput;
import dev.culvert.vpn.session.SessionSettings;
import dev.culvert.vpn.session.VpnSession;
import dev.culvert.vpn.tunnel.ControlStrand;
import dev.culvert.vpn.tunnel.TickTimer;
import dev.culvert.vpn.tunnel.TunnelDrops;
import dev.culvert.vpn.wire.SessionId;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A client's life on the server, from admission to removal: its session is created on its
 * {@link ControlStrand} (never on a worker), its name, address, client-config-dir overrides and
 * routes are settled when its first keys are up, its PUSH_REPLY is composed from them, and its
 * entries are removed when it leaves, for whatever reason: keepalive timeout (ping-restart), an
 * exit notification, a failed handshake, a closed TCP connection, a newer connection with the
 * same certificate name, or the server's shutdown.
 */
final class ClientLifecycle implements Admission {
    private static final System.Logger LOG = System.getLogger(ClientLifecycle.class.getName());
    /** Handshake lines, which 2.6 shows from verb 2 on (its D_HANDSHAKE): System.Logger has no level between INFO and DEBUG. */
    private static final java.util.logging.Logger HANDSHAKES = java.util.logging.Logger.getLogger(ClientLifecycle.class.getName());
    /** Control tasks one client may have queued: enough for a TLS flight in small packets. */
    private static final int STRAND_CAPACITY = 256;
    /** How long a refused client is given to receive its AUTH_FAILED before it is removed. */
    private static final long REFUSAL_GRACE_MS = 2_000;
    /** How long a removed client's keys and index stay reserved, for packets still in flight. */
    private static final long RETIRE_GRACE_MS = 2_000;

    /**
     * What a lifecycle's clients reach beyond their sessions: where a session's output goes, the
     * settings a session is made with, whether its clients show no certificate whatever the
     * configuration asks (they connect as 2.6 names such a client), and where the lifecycle's lines
     * are written. A server's clients have its workers, its settings and its log ({@link #LIVE}); a
     * rehearsal's in-memory clients ({@link SessionRehearsal}) have its memory, settings its client
     * can meet, and no reader for the lines, which are still composed, as the code a first client
     * runs composes them.
     */
    record Stage(ClientOutputs outputs, UnaryOperator<SessionSettings> sessions, boolean certificateless, System.Logger log,
                 java.util.logging.Logger handshakes) {
        static final Stage LIVE = new Stage(ServerClient::output, settings -> settings, false, LOG, HANDSHAKES);
    }

    /** Where one client's session output goes, given the client's owner worker and its events' handler (run on its strand). */
    interface ClientOutputs {
        SessionOutput output(ServerClient client, Supplier<Worker> worker, Consumer<SessionEvent> events);
    }

    private final Stage stage;
    private final System.Logger log;
    private final java.util.logging.Logger handshakes;
    private final ServerConfig config;
    private final TlsProvider tls;
    private final AeadProvider aead;
    private final ClientTable clients;
    private final IfconfigPool pool;
    private final ClientConfigDir ccd;
    private final ConnectRateLimit connectRate;
    private final ControlExecutor control;
    private final ClientRoutes routes;
    private final CredentialCheck credentials;
    private final ClientHooks hooks;
    private final LearnedAddresses learned = new LearnedAddresses();
    private final SecureRandom random = new SecureRandom();
    /** 2.6's client ids: one per connection, never reused (the index is, once a client left). */
    private final java.util.concurrent.atomic.AtomicLong clientIds = new java.util.concurrent.atomic.AtomicLong(-1);
    private final LongAdder admitted = new LongAdder();
    private final LongAdder connectedTotal = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder handWindowExpired = new LongAdder();
    /** Sessions that failed before their first keys: in the TLS negotiation, on refused credentials, or otherwise (metrics). */
    private final LongAdder failedInTls = new LongAdder();
    private final LongAdder failedAuth = new LongAdder();
    private final LongAdder failedOtherwise = new LongAdder();
    private volatile Worker[] workers = new Worker[0];
    private volatile boolean stopping;

    ClientLifecycle(ServerConfig config, TlsProvider tls, AeadProvider aead, ClientTable clients, IfconfigPool pool,
                    ClientConfigDir ccd, ConnectRateLimit connectRate, ControlExecutor control, ClientRoutes routes,
                    CredentialCheck credentials, ClientHooks hooks) {
        this(config, tls, aead, clients, pool, ccd, connectRate, control, routes, credentials, hooks, Stage.LIVE);
    }

    ClientLifecycle(ServerConfig config, TlsProvider tls, AeadProvider aead, ClientTable clients, IfconfigPool pool,
                    ClientConfigDir ccd, ConnectRateLimit connectRate, ControlExecutor control, ClientRoutes routes,
                    CredentialCheck credentials, ClientHooks hooks, Stage stage) {
        this.stage = stage;
        this.log = stage.log();
        this.handshakes = stage.handshakes();
        this.config = config;
        this.tls = tls;
        this.aead = aead;
        this.clients = clients;
        this.pool = pool;
        this.ccd = ccd;
        this.connectRate = connectRate;
        this.control = control;
        this.routes = routes;
        this.credentials = credentials;
        this.hooks = hooks;
    }

    void setWorkers(List<Worker> all) {
        Worker[] array = new Worker[all.size()];
        for (Worker w : all) {
            array[w.index()] = w;
        }
        workers = array;
    }

    // ---- admission (on a worker) ---------------------------------------------------------------

    @Override
    public DropReason admit(int listener, int handle, boolean tcp, int worker, InetSocketAddress source, long clientSessionId,
                            long ownSessionId, byte[] firstPacket) {
        if (stopping) {
            return ServerDrops.NO_CLIENT;
        }
        if (!connectRate.tryAcquire(System.nanoTime())) {
            return ServerDrops.CONNECT_FREQ;
        }
        // TCP: the connection belongs to the worker whose listener accepted it, which must send for it.
        int owner = tcp ? streamOwner(worker, listener, handle) : worker;
        long now = System.currentTimeMillis() / 1000;
        ServerClient client = clients.admit(index -> newClient(index, listener, handle, tcp, owner, source, clientSessionId, now));
        if (client == null) {
            return ServerDrops.MAX_CLIENTS;
        }
        if (!client.strand.offer(() -> startSession(client, ownSessionId, firstPacket))) {
            clients.release(client);
            return TunnelDrops.CONTROL_BACKLOG;
        }
        admitted.increment();
        return null;
    }

    private ServerClient newClient(int index, int listener, int handle, boolean tcp, int owner, InetSocketAddress source,
                                   long clientSessionId, long nowEpochSeconds) {
        ControlStrand strand = new ControlStrand(control, "vpn client " + index, STRAND_CAPACITY);
        ServerClient client = new ServerClient(index, listener, handle, tcp, owner, source, clientSessionId, strand,
                new TickTimer(control, strand, "vpn client " + index + " tick",
                        tcp ? TickTimer.MAX_NANOS : VpnSession.RESTING_WAKE_NANOS), nowEpochSeconds);
        client.clientId = clientIds.incrementAndGet();
        return client;
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

    /** Another session from a client's address proved itself: the old one makes way (2.6: the client restarted). */
    @Override
    public void replaced(ServerClient old) {
        clients.forgetEndpoint(old);
        old.strand.enqueue(() -> remove(old, "the client restarted (a new session from the same address)"));
    }

    // ---- the session (on the client's strand) --------------------------------------------------

    private void startSession(ServerClient client, long ownSessionId, byte[] firstPacket) {
        long now = System.nanoTime();
        long epoch = System.currentTimeMillis() / 1000;
        try {
            SessionSettings settings = stage.sessions().apply(config.toSessionSettings(tls, aead, random,
                    client.tcp ? OccOptionsString.Transport.TCP : OccOptionsString.Transport.UDP,
                    (info, cipher, tlsEkm, ccExit) -> pushReply(client, info, cipher, tlsEkm, ccExit), credentials.checking()));
            SessionOutput out = output(client);
            VpnSession session = ownSessionId != 0
                    ? VpnSession.acceptVerified(settings, out, new SessionId(ownSessionId), new SessionId(client.peerSessionId), now, epoch)
                    : new VpnSession(settings, out, now, epoch);
            session.assignPeerId(client.index);
            // A resting session ticks seconds apart; a client's exit-notify is acted on at once. Bounded: a flood of them takes no more room.
            session.dataPlane().whenPeerExits(() -> client.strand.offer(() -> tick(client)));
            client.session = session;
            client.data = session.dataPlane();
            if (ownSessionId == 0) {
                session.start(now);
            }
            session.receive(firstPacket, 0, firstPacket.length, now);
            tick(client);
        } catch (RuntimeException e) {
            log.log(System.Logger.Level.ERROR, "cannot start a session for " + client.describe() + ": " + e.getMessage(), e);
            remove(client, "internal error: " + e);
        }
    }

    /** Runs the session's timers and arranges the next run; on the strand. */
    private void tick(ServerClient client) {
        VpnSession s = client.session;
        if (s == null || client.removed) {
            return;
        }
        long now = System.nanoTime();
        long next = s.tick(now);
        if (client.tcp) {
            checkConnection(client);
        }
        if (!stopping) {
            client.ticks.rearm(now, next, () -> tick(client));
        }
    }

    /** A TCP client whose connection closed is gone at once, as in 2.6 ("Connection reset"). */
    private void checkConnection(ServerClient client) {
        Worker w = worker(client);
        if (w == null) {
            return;
        }
        w.post(() -> {
            Transport t = w.transportOrNull(client.listener);
            if (t != null && t.addressOf(client.handle) == null) {
                client.strand.enqueue(() -> remove(client, "the TCP connection closed"));
            }
        });
    }

    private void onEvent(ServerClient client, SessionEvent event) {
        if (client.removed) {
            return;
        }
        switch (event) {
            case SessionEvent.CredentialsToCheck c -> checkCredentials(client, c);
            case SessionEvent.CertificateToVerify v -> verifyCertificate(client, v);
            case SessionEvent.Connected c -> connected(client, c.cipher());
            case SessionEvent.Renegotiated r -> handshakes.log(Verbosity.HANDSHAKE,
                    client.describe() + " renegotiated, key id " + r.keyId());
            case SessionEvent.Restart r -> {
                if (!client.connected) {
                    // Before its first keys, only the key negotiation's deadline restarts a session (hand-window).
                    handWindowExpired.increment();
                }
                remove(client, r.reason());
            }
            case SessionEvent.Failed f -> {
                if (!client.connected) {
                    (f.tlsNegotiation() ? failedInTls : client.credentialsRefused ? failedAuth : failedOtherwise).increment();
                }
                remove(client, "failed: " + f.reason());
            }
            case SessionEvent.PeerExited p -> remove(client, "exit-notify (" + p.how() + ")");
            case SessionEvent.Halted h -> remove(client, "halted: " + h.reason());
            case SessionEvent.Closed c -> remove(client, "closed");
        }
    }

    /**
     * A key's username and password wait for a verdict: ask the authenticator off the strand, and
     * hand its answer to the session on the strand. Nothing here waits for the answer.
     */
    private void checkCredentials(ServerClient client, SessionEvent.CredentialsToCheck c) {
        String cn = client.session.peerCommonName();
        String username = c.credentials().username();
        credentials.check(client.clientId, cn == null ? "" : cn, c.credentials(), client.realAddress, c.peerInfo(), c.keyId())
                .thenAccept(v -> client.strand.enqueue(() -> verdict(client, c.keyId(), username, v)));
    }

    /**
     * The client's certificates wait for the tls-verify script: it runs off the strand, and its
     * answer is handed to the session on the strand. A refusal fails the session, which the
     * Failed event logs and counts.
     */
    private void verifyCertificate(ServerClient client, SessionEvent.CertificateToVerify v) {
        v.verify(client.realAddress).thenAccept(refusal -> client.strand.enqueue(() -> {
            VpnSession session = client.session;
            if (client.removed || session == null) {
                return;
            }
            if (!session.certificateVerified(v, refusal, System.nanoTime())) {
                log.log(System.Logger.Level.INFO, "the tls-verify verdict on " + client.describe() + " came after its key was gone"
                        + " (hand-window " + config.handWindowSeconds() + " s)");
            }
            tick(client);
        }));
    }

    private void verdict(ServerClient client, int keyId, String username, CredentialCheck.Verdict v) {
        VpnSession session = client.session;
        if (client.removed || session == null) {
            return;
        }
        String who = "'" + username + "' from " + client.describe();
        AuthVerdict verdict = v.verdict();
        String broken = verdict.accepted() ? lockBroken(client, username, v.session()) : null;
        if (broken != null) {
            verdict = AuthVerdict.deny(broken);
        }
        if (!session.credentialsChecked(keyId, verdict.accepted(), verdict.clientReason(), System.nanoTime())) {
            log.log(System.Logger.Level.INFO, "the verdict on " + who + " came after its key was gone (hand-window " + config.handWindowSeconds()
                    + " s)");
            tick(client);
            return;
        }
        if (verdict.accepted()) {
            client.username = username;
            renewToken(client, keyId, username, v.session());
            handshakes.log(Verbosity.HANDSHAKE, "username " + who + " accepted by " + v.by() + " (key id " + keyId + "): "
                    + verdict.reason());
        } else {
            client.credentialsRefused = true;
            // 2.6's words, so that fail2ban-style filters written for it still match.
            log.log(System.Logger.Level.WARNING, "TLS Auth Error: Auth Username/Password verification failed for peer " + who
                    + " (" + (broken != null ? "the server" : v.by()) + ": " + verdict.reason() + ")");
        }
        tick(client);
    }

    /**
     * What 2.6 holds a client to once accepted, or null: a renegotiation keeps the username
     * ({@code tls_lock_username}) and the auth-token session; a username that becomes the common
     * name fits one ({@code username-as-common-name}: 64 characters).
     */
    private String lockBroken(ServerClient client, String username, AuthToken presented) {
        if (client.username != null && !client.username.equals(username)) {
            return "the username attempted to change from '" + client.username + "' to '" + username + "'";
        }
        AuthToken session = client.tokenSession;
        if (presented != null && session != null && !java.util.Arrays.equals(presented.sessionId(), session.sessionId())) {
            return "the auth-token belongs to another session";
        }
        if (config.userAuth().usernameAsCommonName() && username.length() > ClientConfigDir.MAX_COMMON_NAME) {
            return "--username-as-common-name: the username is longer than the " + ClientConfigDir.MAX_COMMON_NAME
                    + " characters a common name may have";
        }
        return null;
    }

    /**
     * auth-gen-token: the accepted client's next token, in its PUSH_REPLY at the first key and in a
     * PUSH_REPLY of its own at a renegotiation, as 2.6 renews it. A session's tokens keep its id and
     * first time, whether it came with a token or was given one here.
     */
    private void renewToken(ServerClient client, int keyId, String username, AuthToken presented) {
        SessionTokens tokens = credentials.tokens();
        if (tokens == null) {
            return;
        }
        AuthToken basis = presented != null ? presented : client.tokenSession;
        String token = tokens.renew(username, basis);
        client.tokenSession = tokens.session(token, username);
        client.authToken = token;
        if (keyId != 0) {
            client.session.tellPeer("PUSH_REPLY,auth-token " + token, System.nanoTime());
        }
    }

    /** The first keys are up: settle the client's name, address, overrides and routes. */
    private void connected(ServerClient client, DataCipher cipher) {
        established(client);
        VpnSession session = client.session;
        String cn = config.userAuth().usernameAsCommonName() && client.username != null ? client.username : session.peerCommonName();
        if (cn == null && (config.clientCertificate() != VerifyClientCert.REQUIRE || stage.certificateless())) {
            cn = VerifyClientCert.UNDEF; // 2.6's name for a client that sent no certificate
        }
        client.cipher = cipher.openvpnName();
        if (cn == null || cn.isEmpty()) {
            refuse(client, "its certificate has no common name");
            return;
        }
        client.commonName = cn;
        ClientOverrides overrides = ClientOverrides.NONE;
        if (ccd != null) {
            try {
                overrides = ccd.load(cn);
            } catch (ConfigException e) {
                log.log(System.Logger.Level.ERROR, "client-config-dir for " + client.describe() + ": " + e.getMessage());
                refuse(client, "its client-config-dir file cannot be used");
                return;
            }
        }
        if (overrides.disable()) {
            refuse(client, "its client-config-dir file says 'disable'");
            return;
        }
        if (!config.clients().duplicateCn()) {
            for (ServerClient other : clients.all()) {
                if (other != client && cn.equals(other.commonName) && !other.removed) {
                    // Synchronously, so that its address is free for the newcomer, as 2.6 hands it over.
                    remove(other, "replaced by a new connection with the same common name (duplicate-cn is off)");
                }
            }
        }
        if (!assignAddresses(client, overrides)) {
            return;
        }
        if (!hooks.connectHooked()) {
            finishConnect(client, overrides);
            return;
        }
        ClientOverrides fromFile = overrides;
        hooks.connecting(clientInfo(client)).thenAccept(v -> client.strand.enqueue(() -> connectAnswered(client, fromFile, v)));
    }

    /** Settles the client's IPv4 address (ifconfig-push, else the pool) and its IPv6 address; false if that refused it. */
    private boolean assignAddresses(ServerClient client, ClientOverrides overrides) {
        String cn = client.commonName;
        if (overrides.ifconfigPush().isPresent()) {
            client.virtualAddress = overrides.ifconfigPush().get().local();
            client.ifconfigSecond = overrides.ifconfigPush().get().remoteOrNetmask();
            client.pooledAddress = false;
        } else if (pool != null) {
            Optional<Lease> lease = pool.acquire(cn, config.clients().duplicateCn());
            if (lease.isEmpty()) {
                refuse(client, "the ifconfig pool has no free address (" + pool.capacity() + " in use)");
                return false;
            }
            client.virtualAddress = lease.get().local();
            client.ifconfigSecond = lease.get().remoteOrNetmask();
            client.lease = lease.get();
            client.pooledAddress = true;
        } else {
            refuse(client, "'server ... nopool' gives no address: add 'ifconfig-push' to its client-config-dir file");
            return false;
        }
        switch (ClientIpv6.choose(config.tunnel6(), overrides, client.lease == null ? -1 : pool.entry(client.lease))) {
            case ClientIpv6.Assigned a -> client.ipv6 = a.address();
            case ClientIpv6.NoAddress n -> {
                client.ipv6 = null;
                if (overrides.ifconfigPush().isPresent() && config.tunnel6().map(t -> t.poolSize() > 0).orElse(false)) {
                    log.log(System.Logger.Level.INFO, "client " + cn + ": with ifconfig-push for IPv4 it gets no IPv6 address from the pool"
                            + " (as in 2.6); give it ifconfig-ipv6-push in its client-config-dir file");
                }
            }
            case ClientIpv6.PoolTooSmall p -> {
                refuse(client, "the IPv6 pool holds " + p.size() + " addresses, fewer than the IPv4 pool's entry " + p.entry());
                return false;
            }
        }
        return true;
    }

    /**
     * The connect hook answered: a refusal refuses the client; an acceptance's lines apply after
     * the client-config-dir file's, as 2.6 applies client-connect's file, and a new address in
     * them replaces the one given before.
     */
    private void connectAnswered(ServerClient client, ClientOverrides fromFile, ConnectVerdict verdict) {
        if (client.removed) {
            return;
        }
        if (!verdict.accepted()) {
            refuse(client, "the connect hook refused it: " + verdict.reason());
            return;
        }
        ClientOverrides added;
        try {
            added = ClientConfigDir.parse(Config.of(String.join("\n", verdict.configLines()) + "\n",
                    "<client-connect for " + client.commonName + ">"));
        } catch (ConfigException e) {
            log.log(System.Logger.Level.ERROR, "the connect hook's configuration for " + client.describe() + ": " + e.getMessage());
            refuse(client, "its client-connect configuration cannot be used");
            return;
        }
        ClientOverrides merged = fromFile.then(added);
        if (merged.disable()) {
            refuse(client, "its client-connect configuration says 'disable'");
            return;
        }
        if (added.ifconfigPush().isPresent() || added.ifconfigIpv6Push().isPresent()) {
            releaseLease(client);
            if (!assignAddresses(client, merged)) {
                return;
            }
        }
        handshakes.log(Verbosity.HANDSHAKE, "connect hook for " + client.describe() + ": " + verdict.reason() + ", "
                + verdict.configLines().size() + " line(s) of configuration");
        finishConnect(client, merged);
    }

    /** The client is settled: its routes (each once learn-address accepted it), its PUSH_REPLY. */
    private void finishConnect(ServerClient client, ClientOverrides overrides) {
        client.iroutes = overrides.iroutes();
        client.overrides = overrides;
        List<Prefix> owned = new ArrayList<>();
        owned.add(Prefix.ipv4(client.virtualAddress, 32));
        if (client.ipv6 != null) {
            owned.add(client.ipv6.address());
        }
        owned.addAll(overrides.iroutes());
        client.connectedEpochSeconds = System.currentTimeMillis() / 1000;
        client.connected = true;
        connectedTotal.increment();
        log.log(System.Logger.Level.INFO, "client " + client.commonName + " (" + RealAddress.format(client.realAddress)
                + ") connected as " + AddressText.ipv4(client.virtualAddress)
                + (client.ipv6 == null ? "" : " and " + client.ipv6.addressWithBits()) + ", cipher " + client.cipher);
        learnThenRoute(client, owned);
        hooks.established(clientInfo(client));
    }

    /**
     * Routes the client's addresses, each once the learn-address hook (if one is bound) accepted it,
     * on the client's strand, and only then sends the PUSH_REPLY (a PUSH_REQUEST that came meanwhile
     * is held): a client whose tunnel is up before its address is routed would lose its first packets.
     */
    private void learnThenRoute(ServerClient client, List<Prefix> owned) {
        List<CompletableFuture<Boolean>> answers = new ArrayList<>(owned.size());
        for (Prefix p : owned) {
            answers.add(hooks.learn(learned.operationFor(p), LearnedAddresses.text(p), client.commonName));
        }
        Runnable route = () -> {
            List<Prefix> accepted = new ArrayList<>(owned.size());
            for (int i = 0; i < owned.size(); i++) {
                if (answers.get(i).join()) {
                    accepted.add(owned.get(i));
                    learned.learned(owned.get(i), client);
                }
            }
            synchronized (client) {
                if (!client.removed) {
                    client.learned = List.copyOf(accepted);
                    routes.setPeer(client.index, accepted);
                    client.routed = true;
                }
            }
            if (client.routed) {
                client.session.pushIfClientAllows(System.nanoTime());
                return;
            }
            // Gone while the hook answered: what it was told to add, it is told to delete.
            accepted.forEach(p -> forgetLater(client, p));
        };
        CompletableFuture<Void> all = CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new));
        if (all.isDone()) {
            route.run();
        } else {
            all.thenRun(() -> client.strand.enqueue(route));
        }
    }

    /** 2.6 tells a delete when it reaps the route, not at once: a client back by then gets an update instead. */
    private void forgetLater(ServerClient client, Prefix p) {
        control.schedule("learn-address delete", () -> {
            if (learned.forget(p, client)) {
                hooks.learn("delete", LearnedAddresses.text(p), "");
            }
        }, RETIRE_GRACE_MS, TimeUnit.MILLISECONDS);
    }

    /** What the connect hooks are told about {@code client}. */
    private ClientInfo clientInfo(ServerClient client) {
        IfconfigIpv6 v6 = client.ipv6;
        PeerInfo info = client.session == null ? null : client.session.peerInfo();
        return new ClientInfo(client.clientId, client.commonName, client.username == null ? "" : client.username, client.realAddress,
                AddressText.ipv4(client.virtualAddress), AddressText.ipv4(client.ifconfigSecond),
                v6 == null ? "" : LearnedAddresses.text(v6.address()), info == null ? Map.of() : info.asMap());
    }

    private void releaseLease(ServerClient client) {
        if (client.lease != null) {
            pool.release(client.lease);
            client.lease = null;
        }
    }

    /** The client's PUSH_REPLY, composed when it asks (on its strand, inside the session); null while it is being settled. */
    private List<String> pushReply(ServerClient client, PeerInfo info, DataCipher cipher, boolean tlsEkm, boolean ccExit) {
        if (client.refusal != null) {
            return List.of("AUTH_FAILED");
        }
        if (!client.routed) {
            return null;
        }
        IfconfigIpv6 v6 = client.ipv6;
        String[] ifconfig6 = v6 == null ? null
                : new String[] {v6.addressWithBits(), v6.remoteText(config.tunnel6().orElseThrow().serverAddress())};
        ClientPushOverrides overrides = client.authToken == null ? client.overrides
                : ClientPushOverrides.adding(client.overrides, "auth-token " + client.authToken);
        return ServerPushReply.compose(config, overrides, client.virtualAddress, client.ifconfigSecond, ifconfig6,
                client.session.dataPlane().keys().peerId() >= 0 ? client.index : -1, info, cipher, tlsEkm, ccExit);
    }

    /** Key id 0's handshake is done: a TCP connection is no longer subject to the transport's hand-window. */
    private void established(ServerClient client) {
        Worker w = worker(client);
        if (!client.tcp || w == null) {
            return;
        }
        w.post(() -> {
            Transport t = w.transportOrNull(client.listener);
            if (t != null) {
                t.established(client.handle);
            }
        });
    }

    /** Tells the client AUTH_FAILED and removes it once that had time to arrive. */
    private void refuse(ServerClient client, String reason) {
        refused.increment();
        client.refusal = reason;
        log.log(System.Logger.Level.WARNING, "refusing " + client.describe() + ": " + reason);
        VpnSession s = client.session;
        if (s != null) {
            s.tellPeer("AUTH_FAILED", System.nanoTime());
        }
        control.schedule("refuse " + client.describe(), () -> client.strand.enqueue(() -> remove(client, "refused: " + reason)),
                REFUSAL_GRACE_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Removes a client: routes, address, endpoint; its keys and index after a grace period. Safe
     * to call from any control thread and more than once; only the first call acts.
     */
    void remove(ServerClient client, String reason) {
        synchronized (client) {
            if (client.removed) {
                return;
            }
            client.removed = true;
            // Under the client's lock: its strand sets its routes under it too, so none outlive it.
            routes.removePeer(client.index);
        }
        client.ticks.stop();
        credentials.forget(client.clientId);
        releaseLease(client);
        if (client.connected) {
            hooks.disconnected(clientInfo(client), client.bytesIn.sum(), client.bytesOut.sum(),
                    System.currentTimeMillis() / 1000 - client.connectedEpochSeconds);
        }
        client.learned.forEach(p -> forgetLater(client, p));
        if (client.connected) {
            log.log(System.Logger.Level.INFO, "client " + client.commonName + " (" + RealAddress.format(client.realAddress)
                    + ") disconnected: " + reason);
        } else {
            log.log(System.Logger.Level.INFO, "connection from " + RealAddress.format(client.realAddress) + " ended before it"
                    + " was established: " + reason);
        }
        clients.forget(client, worker(client));
        clients.retireLater(client, control, RETIRE_GRACE_MS);
    }

    // ---- shutdown ------------------------------------------------------------------------------

    /**
     * Stops admitting; with {@code explicit-exit-notify} tells every client to reconnect
     * ({@code RESTART}), as 2.6 does on shutdown, so they need not wait for their ping-restart.
     *
     * @return opens when each notice has been handed to its transport by its worker (at once without notices)
     */
    CountDownLatch stop(boolean notify) {
        stopping = true;
        List<ServerClient> notified = new ArrayList<>();
        if (notify) {
            for (ServerClient client : clients.all()) {
                if (client.connected && !client.removed) {
                    notified.add(client);
                }
            }
        }
        return ClientTable.tellEach(notified, "RESTART", this::worker);
    }

    /**
     * The management interface's {@code kill}: tells each client to reconnect ({@code RESTART}, as
     * at a shutdown with explicit-exit-notify), waits up to a second for the notices to leave, and
     * removes them. Call from a thread that may block that long.
     */
    void kill(List<ServerClient> targets) {
        kill(targets, "RESTART");
    }

    /** As {@link #kill(List)}, telling each {@code message} ({@code RESTART} or {@code HALT}, 2.6's client-kill). */
    void kill(List<ServerClient> targets, String message) {
        CountDownLatch sent = ClientTable.tellEach(targets, message, this::worker);
        try {
            sent.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ServerClient client : targets) {
            client.strand.enqueue(() -> remove(client, "killed by the management interface"));
        }
    }

    String counters() {
        return "admitted " + admitted.sum() + ", connected " + connectedTotal.sum() + ", refused " + refused.sum()
                + ", hand-window expired " + handWindowExpired.sum() + "; usernames " + credentials.counters() + "; " + hooks.counters();
    }

    /** Clients whose first key negotiation did not finish within hand-window. */
    long handWindowExpired() {
        return handWindowExpired.sum();
    }

    /** Clients admitted past the gate, ever. */
    long admittedTotal() {
        return admitted.sum();
    }

    /** First key negotiations that ended in a connected client. */
    long connectedTotal() {
        return connectedTotal.sum();
    }

    /** First key negotiations that did not, by reason: the metrics endpoint's fixed set. */
    java.util.Map<String, Long> handshakeFailures() {
        return java.util.Map.of("refused", refused.sum(), "hand_window", handWindowExpired.sum(), "tls", failedInTls.sum(),
                "auth", failedAuth.sum(), "session", failedOtherwise.sum());
    }

    /** The worker whose transport holds a stream peer's connection: only that one can write to it. */
    private int streamOwner(int worker, int listener, int handle) {
        Worker[] all = workers;
        Transport t = worker >= 0 && worker < all.length && all[worker] != null ? all[worker].transportOrNull(listener) : null;
        int owner = t == null ? -1 : t.ownerIndexOf(handle);
        return owner < 0 ? worker : owner;
    }

    private Worker worker(ServerClient client) {
        Worker[] all = workers;
        return client.owner >= 0 && client.owner < all.length ? all[client.owner] : null;
    }

    // ---- what a session produces ---------------------------------------------------------------

    /** One client's session output: packets go out on its owner worker, events run next on its strand. */
    private SessionOutput output(ServerClient client) {
        return stage.outputs().output(client, () -> worker(client), event -> onEvent(client, event));
    }
}
