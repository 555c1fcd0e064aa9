package dev.culvert.vpn.server;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.packet.RemoteAddress;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.core.worker.ControlExecutor;
import dev.culvert.core.worker.Worker;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.spi.tls.RequiredPeerUsage;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.tls.TlsSettings;
import dev.culvert.vpn.config.HookScripts;
import dev.culvert.vpn.config.ServerConfig;
import dev.culvert.vpn.config.UserAuthConfig;
import dev.culvert.vpn.hook.Scripts;
import dev.culvert.vpn.keys.OccOptionsString;
import dev.culvert.vpn.pem.StandInClientCertificate;
import dev.culvert.vpn.preauth.ConnectRateLimit;
import dev.culvert.vpn.preauth.PreAuthGate;
import dev.culvert.vpn.preauth.SessionIdCookie;
import dev.culvert.vpn.preauth.Verdict;
import dev.culvert.vpn.session.ClientSettings;
import dev.culvert.vpn.session.CommonSettings;
import dev.culvert.vpn.session.ControlWrapFactory;
import dev.culvert.vpn.session.ControlWrapping;
import dev.culvert.vpn.session.DataPlane;
import dev.culvert.vpn.session.DropCounts;
import dev.culvert.vpn.session.MemoryWire;
import dev.culvert.vpn.session.PeerCertificatePolicy;
import dev.culvert.vpn.session.PeerCertificateVerifier;
import dev.culvert.vpn.session.SessionEvent;
import dev.culvert.vpn.session.SessionOutput;
import dev.culvert.vpn.session.SessionSettings;
import dev.culvert.vpn.session.VpnSession;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * Connects the server to itself in memory, a dozen whole clients once it listens, through the code
 * its real clients run: the pre-authentication gate's cookie, admission into a client table, the
 * client's control strand and timers, its session (the reset, TLS, key method 2), its address
 * from a pool, the PUSH_REPLY, a packet each way, its exit and its removal.
 * Warming the session alone left that runtime cold: a fresh server's first client loaded and
 * linked it, and its connect took 1.5-1.75 times stock OpenVPN's where a third one took 1.1 times
 * (BENCHMARKS.md, "The first connect").
 *
 * <p>What the real clients see stays as it was. The rehearsal has a {@link ClientLifecycle} of
 * its own: its own client table, address pool, gate and cookie, no routes, no client-config-dir,
 * no hook or authenticator (an empty slot registry and no scripts), no connect limit, and its
 * lines composed for nobody. So no status line, counter, log line, route or script sees its
 * clients, and a failure only leaves the first connect colder. Only the control executor is the
 * server's, as the code must run where a client's runs. The in-memory client carries a certificate
 * of its own, as a real client does: the server holds no CA key, so a {@link StandInClientCertificate}
 * made for the server's own key pair stands in, and the rehearsal's side of the server asks for it
 * as the configuration does ({@code verify-client-cert}, {@code remote-cert-tls}) and trusts only the
 * stand-in's CA. OpenVPN's checks after the handshake ({@code verify-x509-name}, {@code tls-verify},
 * usernames) are not run. Where the server's key cannot sign a stand-in (RSASSA-PSS), the client goes
 * without one, the server's side asks for none and names it as 2.6 names a client without one. With
 * {@code tls-crypt-v2}, whose client keys the server does not hold, the rehearsal's
 * control channel is unwrapped.
 */
final class SessionRehearsal {
    private static final System.Logger LOG = System.getLogger(SessionRehearsal.class.getName());
    /** Clients per rehearsal: the connect path's hottest methods are compiled by then. */
    static final int ROUNDS = 12;
    /** The longest one client may take, should it never connect or leave. */
    private static final long ROUND_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** How long the client side waits for the server's side before it looks again. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** The inside packet sent each way once connected: an IPv4 header's worth. */
    private static final int PACKET = 40;
    /** The rehearsal's one listener, as a real server's first. */
    private static final int LISTENER = 0;
    /** Where the in-memory client says it is: nothing is ever sent there. */
    private static final InetSocketAddress CLIENT_ADDRESS = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1);
    private static final String THREAD = "culvert-session-rehearsal";

    private final ClientLifecycle lifecycle;
    private final ControlExecutor control;
    private final ClientTable clients;
    private final PreAuthGate gate;
    private final SessionSettings client;
    /** Whether the in-memory client goes without a certificate: the server's key could not sign a stand-in. */
    private final boolean certificateless;
    private final PacketPool pool = new PacketPool("session-rehearsal", 8);
    /** What the server's side of the current client sent it: control packets, and payloads it asked to be sealed. */
    private final ConcurrentLinkedQueue<byte[]> toClient = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<DataPlane.ControlPayload> payloadsToClient = new ConcurrentLinkedQueue<>();
    private volatile Thread clientSide;
    private int handles;
    private volatile String firstFailure;
    private volatile String lastClientName;

    private SessionRehearsal(ServerConfig config, TlsProvider tls, AeadProvider aead, ControlExecutor control,
                             UnaryOperator<SessionSettings> serverSide, boolean certificateless, ControlWrapFactory gateWrap,
                             SessionSettings client) {
        this.client = client;
        this.certificateless = certificateless;
        this.control = control;
        this.clients = new ClientTable(2 * ROUNDS); // a removed client's index stays reserved for a grace period
        this.gate = new PreAuthGate(new SessionIdCookie(new SecureRandom(), config.handWindowSeconds()), gateWrap, true);
        SlotRegistry nothingBound = new SlotRegistry();
        Scripts noScripts = Scripts.of(Map.of(), config.userAuth().tmpDir(), Duration.ofSeconds(config.handWindowSeconds()));
        Logger unread = Logger.getAnonymousLogger();
        unread.setUseParentHandlers(false);
        unread.setLevel(java.util.logging.Level.OFF);
        ClientLifecycle.Stage stage = new ClientLifecycle.Stage(this::output, serverSide, certificateless, new Unread(), unread);
        this.lifecycle = new ClientLifecycle(config, tls, aead, clients, ServerNode.poolFor(config), null, ConnectRateLimit.unlimited(),
                control, UNROUTED, new CredentialCheck(UserAuthConfig.none(), nothingBound, noScripts),
                new ClientHooks(HookScripts.none(), nothingBound, noScripts), stage);
    }

    /**
     * The rehearsal of {@code config}'s clients with {@code tls} and {@code aead}, its server side
     * run on {@code control}; empty when the configuration has no CA, against which the in-memory
     * client could check the server.
     */
    static Optional<SessionRehearsal> of(ServerConfig config, TlsProvider tls, AeadProvider aead, ControlExecutor control) {
        TlsSettings own = config.tlsSettings();
        if (own.trustAnchors().isEmpty()) {
            return Optional.empty();
        }
        return of(config, tls, aead, control, StandInClientCertificate.issue(own.certificateChain().get(0).getPublicKey(),
                own.privateKey(), Instant.now(), new SecureRandom()));
    }

    /** The rehearsal with {@code standIn} as its client's certificate, or with none. */
    static Optional<SessionRehearsal> of(ServerConfig config, TlsProvider tls, AeadProvider aead, ControlExecutor control,
                                         Optional<StandInClientCertificate> standIn) {
        TlsSettings own = config.tlsSettings();
        // The server's side asks for a certificate as the server does, and trusts only the stand-in's CA;
        // without a stand-in it asks for none.
        boolean asks = standIn.isPresent();
        TlsSettings serverTls = new TlsSettings(false, standIn.map(s -> List.of(s.authority())).orElse(own.trustAnchors()),
                own.certificateChain(), own.privateKey(), own.minimumVersion(), own.maximumVersion(), asks && own.requirePeerCertificate(),
                asks ? own.requiredPeerUsage() : RequiredPeerUsage.ANY, own.algorithms(), asks && own.requestPeerCertificate());
        TlsSettings clientOfOwn = new TlsSettings(true, own.trustAnchors(),
                standIn.map(s -> List.of(s.client())).orElse(List.of()), standIn.isPresent() ? own.privateKey() : null,
                own.minimumVersion(), own.maximumVersion(), false, RequiredPeerUsage.ANY, own.algorithms(), false);
        Optional<ControlWrapping> clientWrapping = config.clientWrapping();
        UnaryOperator<SessionSettings> serverSide = real -> {
            CommonSettings common = real.common().withTls(serverTls).withPeerPolicy(PeerCertificatePolicy.NONE, new DropCounts())
                    .withPeerVerifier(PeerCertificateVerifier.NONE);
            return SessionSettings.forServer(clientWrapping.isPresent() ? common : common.withWrapping(ControlWrapping.none()),
                    real.server().checkingCredentials(false));
        };
        // The client's settings are the server's own, seen from the other end: a session made by the runtime, adjusted.
        SessionSettings asServer = serverSide.apply(config.toSessionSettings(tls, aead, new SecureRandom(),
                OccOptionsString.Transport.UDP, (info, cipher, tlsEkm, ccExit) -> null));
        CommonSettings clientCommon = asServer.common().withTls(clientOfOwn)
                .withWrapping(clientWrapping.orElse(asServer.common().wrapping()));
        return Optional.of(new SessionRehearsal(config, tls, aead, control, serverSide, standIn.isEmpty(),
                clientWrapping.isPresent() ? config.wrapFactory() : ControlWrapping.none().factory(),
                SessionSettings.forClient(clientCommon, ClientSettings.announcing("rehearsal").withExplicitExitNotify(1))));
    }

    /**
     * Makes and runs the rehearsal of {@code config}'s clients (as {@link #of} and {@link #runAll})
     * on a thread of its own at the control threads' priority, so that the stand-in certificate's
     * signatures, too, are off the control executor a real client's handshake needs; the thread.
     */
    static Thread startFor(ServerConfig config, TlsProvider tls, AeadProvider aead, ControlExecutor control,
                           BooleanSupplier realClientCame) {
        return ControlExecutor.startBeside(THREAD, () -> {
            try {
                of(config, tls, aead, control).ifPresent(r -> r.runAll(realClientCame));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "clients not rehearsed (the first client's connect runs colder): " + e);
            }
        });
    }

    /**
     * Runs {@link #ROUNDS} clients, one after another, the client side on the calling thread, until
     * they are done or {@code realClientCame}: a real client is served cold all the same by then,
     * and the rehearsal would only take CPU from it and the clients after it (a rehearsal that
     * paused for real clients and went on once they were connected made a first client at
     * start-up 1.45 times slower; BENCHMARKS.md). Logs one line at the end; the clients that
     * connected.
     */
    int runAll(BooleanSupplier realClientCame) {
        long started = System.nanoTime();
        int rounds = 0;
        int connected = 0;
        for (; rounds < ROUNDS && !control.isClosed() && !realClientCame.getAsBoolean(); rounds++) {
            connected += runOnce() ? 1 : 0;
        }
        LOG.log(System.Logger.Level.INFO, "clients rehearsed in " + (System.nanoTime() - started) / 1_000_000 + " ms: "
                + connected + " of " + rounds + " connected"
                + (certificateless ? " without a client certificate (the server's key cannot sign a stand-in)" : "")
                + (rounds < ROUNDS ? " (" + (ROUNDS - rounds) + " left out: " + (control.isClosed() ? "the server stopped"
                        : "a real client came first") + ")" : "")
                + (firstFailure == null ? "" : "; the first that did not: " + firstFailure));
        return connected;
    }

    /**
     * One whole client, from its reset to its removal, with the server's side on the control
     * executor and the client's on the calling thread; whether it connected, a packet crossed each
     * way and the server removed it when it left.
     */
    boolean runOnce() {
        clientSide = Thread.currentThread();
        toClient.clear();
        payloadsToClient.clear();
        int handle = ++handles;
        long now = System.nanoTime();
        long deadline = now + ROUND_NANOS;
        MemoryWire toServer = new MemoryWire();
        VpnSession c = null;
        ServerClient admitted = null;
        try {
            c = new VpnSession(client, toServer, now, System.currentTimeMillis() / 1000);
            c.start(now);
            RemoteAddress source = RemoteAddress.holder();
            source.set(CLIENT_ADDRESS);
            byte[] reply = new byte[PreAuthGate.MAX_REPLY_LENGTH];
            boolean crossed = false;
            boolean closing = false;
            while ((now = System.nanoTime()) - deadline < 0) {
                if (control.isClosed()) {
                    return failed("the server is stopping");
                }
                for (byte[] b; (b = toServer.poll()) != null; ) {
                    if (admitted == null) {
                        admitted = pass(b, source, handle, reply, now);
                    } else if (VpnSession.isDataPacket(b[0] & 0xff)) {
                        open(admitted.data, b, now);
                    } else if (!lifecycle.control(admitted, b)) {
                        return failed("the client's control strand was full");
                    }
                }
                boolean moved = deliver(c, admitted, now);
                c.tick(now);
                if (toServer.failure() != null) {
                    return failed("the client failed: " + toServer.failure());
                }
                if (admitted != null && admitted.refusal != null) {
                    return failed("the server refused the client: " + admitted.refusal);
                }
                if (admitted != null && admitted.removed && !closing) {
                    return failed("the server removed the client before it connected");
                }
                if (!closing && admitted != null && admitted.routed && toServer.connected() != null
                        && c.state() == VpnSession.State.CONNECTED) {
                    crossed = crosses(c.dataPlane(), admitted.data, now) && crosses(admitted.data, c.dataPlane(), now);
                    c.close(now);
                    closing = true;
                }
                if (closing && admitted.removed) {
                    lastClientName = admitted.commonName;
                    return crossed || failed("no packet crossed");
                }
                if (!moved && toServer.idle()) {
                    LockSupport.parkNanos(POLL_NANOS);
                }
            }
            return failed(admitted == null ? "the gate admitted no client" : "the client took over " + ROUND_NANOS / 1_000_000_000 + " s");
        } catch (RuntimeException e) {
            return failed(e.toString());
        } finally {
            if (c != null) {
                c.dispose();
            }
            ServerClient left = admitted;
            if (left != null && !left.removed) {
                left.strand.enqueue(() -> lifecycle.remove(left, "the rehearsal ended"));
            }
            clientSide = null;
        }
    }

    /** Keeps the first reason a client did not make it, for the log line; false. */
    private boolean failed(String reason) {
        if (firstFailure == null) {
            firstFailure = reason;
        }
        return false;
    }

    /** Why the first client that did not make it did not, or null. */
    String firstFailure() {
        return firstFailure;
    }

    /** The name the server's side gave the last client that connected and left, or null before one did. */
    String lastClientName() {
        return lastClientName;
    }

    /** What the rehearsal's own lifecycle counted: admissions, connects, refusals. */
    String counters() {
        return lifecycle.counters();
    }

    /** The client's packet meets the gate, as a stranger's does; the client it admitted, or null while none. */
    private ServerClient pass(byte[] packet, RemoteAddress source, int handle, byte[] reply, long now) {
        Verdict verdict = gate.checkFrom(packet, 0, packet.length, source, System.currentTimeMillis() / 1000, now, reply);
        switch (verdict.kind()) {
            case RESET_ANSWERED -> toClient.add(Arrays.copyOf(reply, verdict.replyLength()));
            case VERIFIED, NEW_SESSION -> {
                long own = verdict.kind() == Verdict.Kind.VERIFIED ? verdict.ownSessionId() : 0;
                if (lifecycle.admit(LISTENER, handle, false, 0, CLIENT_ADDRESS, verdict.clientSessionId(), own, packet) == null) {
                    return clients.byEndpoint(LISTENER, handle);
                }
            }
            case DROP -> {
            }
        }
        return null;
    }

    /** Hands the client what the server's side sent it; whether there was anything. */
    private boolean deliver(VpnSession c, ServerClient from, long now) {
        boolean moved = false;
        for (byte[] b; (b = toClient.poll()) != null; moved = true) {
            if (VpnSession.isDataPacket(b[0] & 0xff)) {
                open(c.dataPlane(), b, now);
            } else {
                c.receive(b, 0, b.length, now);
            }
        }
        for (DataPlane.ControlPayload payload; (payload = payloadsToClient.poll()) != null; moved = true) {
            Packet p = pool.acquire();
            try {
                // The worker's part in a real server: it seals the payloads a session asks for.
                if (from != null && from.data != null && from.data.sealControlPayload(payload, p, now) == null) {
                    c.dataPlane().open(p, now);
                }
            } finally {
                p.release();
            }
        }
        return moved;
    }

    private void open(DataPlane to, byte[] wire, long now) {
        Packet p = pool.acquire();
        try {
            p.setContents(wire, 0, wire.length);
            to.open(p, now);
        } finally {
            p.release();
        }
    }

    /** Whether a packet {@code from} seals is opened by {@code to} as tunnel traffic. */
    private boolean crosses(DataPlane from, DataPlane to, long now) {
        Packet p = pool.acquire();
        try {
            p.setContents(new byte[PACKET], 0, PACKET);
            return from.seal(p, now) == null && to.open(p, now) == DataPlane.Opened.TUNNEL;
        } finally {
            p.release();
        }
    }

    /** The server's side of a rehearsal client: what a real one's worker would send goes to the client side, in memory. */
    private SessionOutput output(ServerClient server, Supplier<Worker> noWorker, Consumer<SessionEvent> events) {
        return new SessionOutput() {
            @Override
            public void sendToPeer(byte[] buf, int off, int len) {
                server.ticks.soon(System.nanoTime());
                toClient.add(Arrays.copyOfRange(buf, off, off + len));
                wake();
            }

            @Override
            public void event(SessionEvent event) {
                server.strand.enqueue(() -> events.accept(event));
            }

            @Override
            public void dataPayloadDue(DataPlane.ControlPayload payload) {
                payloadsToClient.add(payload);
                wake();
            }
        };
    }

    private void wake() {
        Thread waiting = clientSide;
        if (waiting != null) {
            LockSupport.unpark(waiting);
        }
    }

    /** The rehearsal's clients have no addresses a real packet may be routed to. */
    private static final ClientRoutes UNROUTED = new ClientRoutes() {
        @Override
        public void setPeer(long peer, java.util.Collection<dev.culvert.spi.route.Prefix> prefixes) {
        }

        @Override
        public void removePeer(long peer) {
        }
    };

    /** Where the lifecycle's lines about rehearsal clients go: composed, as a real client's are, and read by nobody. */
    private static final class Unread implements System.Logger {
        @Override
        public String getName() {
            return SessionRehearsal.class.getName();
        }

        @Override
        public boolean isLoggable(System.Logger.Level level) {
            return false;
        }

        @Override
        public void log(System.Logger.Level level, java.util.ResourceBundle bundle, String message, Throwable thrown) {
        }

        @Override
        public void log(System.Logger.Level level, java.util.ResourceBundle bundle, String format, Object... params) {
        }
    }
}
