package dev.culvert.vpn.server;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.worker.ControlExecutor;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.spi.tls.RequiredPeerUsage;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.tls.TlsSettings;
import dev.culvert.vpn.ccd.ClientOverrides;
import dev.culvert.vpn.config.ServerConfig;
import dev.culvert.vpn.keys.OccOptionsString;
import dev.culvert.vpn.push.ServerPushReply;
import dev.culvert.vpn.session.ClientSettings;
import dev.culvert.vpn.session.CommonSettings;
import dev.culvert.vpn.session.ControlWrapping;
import dev.culvert.vpn.session.DataPlane;
import dev.culvert.vpn.session.DropCounts;
import dev.culvert.vpn.session.PeerCertificatePolicy;
import dev.culvert.vpn.session.PeerCertificateVerifier;
import dev.culvert.vpn.session.MemoryWire;
import dev.culvert.vpn.session.SessionSettings;
import dev.culvert.vpn.session.VpnSession;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Connects the server to itself in memory, whole sessions, a dozen times once it listens: the
 * client's reset, TLS, key method 2, the PUSH_REPLY, data keys, a packet each way and the exit.
 * {@link TlsWarmUp} warms the TLS engines alone; a first client still ran the session code around
 * them (the reliability layer, the control-channel wrapping, key method 2, the push reply)
 * interpreted, and took twice stock OpenVPN's time to connect where a tenth one took 1.1 times
 * (BENCHMARKS.md, "The first connect").
 *
 * <p>What the real clients see stays as it was: the sessions here are the session core's alone,
 * with their own outputs, so no client table, address pool, hook, status line, counter or log line
 * sees them, and a failure only leaves the first connect colder. The server's own settings are
 * used except where the client's credentials would be needed: the in-memory client has no
 * certificate of its own (the CA's key is not the server's), so the server here asks for none,
 * and OpenVPN's checks of a client certificate ({@code remote-cert-tls}, {@code verify-x509-name},
 * {@code tls-verify}) and usernames are not run; with {@code tls-crypt-v2}, whose client keys the
 * server does not hold, the control channel here is unwrapped.
 */
final class SessionRehearsal {
    private static final System.Logger LOG = System.getLogger(SessionRehearsal.class.getName());
    /** Sessions per rehearsal: the connect path's hottest methods are compiled by then. */
    static final int ROUNDS = 12;
    /** A bound on steps per session, should it never connect (two simulated seconds). */
    private static final int MAX_STEPS = 200;
    private static final long STEP_NANOS = 10_000_000L;
    /** The inside packet sent each way once connected: an IPv4 header's worth. */
    private static final int PACKET = 40;

    private final SessionSettings server;
    private final SessionSettings client;
    private final PacketPool pool = new PacketPool("session-rehearsal", 4);

    private SessionRehearsal(SessionSettings server, SessionSettings client) {
        this.server = server;
        this.client = client;
    }

    /**
     * The rehearsal of {@code config}'s sessions with {@code tls} and {@code aead}; empty when the
     * configuration has no CA, against which the in-memory client could check the server.
     */
    static Optional<SessionRehearsal> of(ServerConfig config, TlsProvider tls, AeadProvider aead) {
        TlsSettings own = config.tlsSettings();
        if (own.trustAnchors().isEmpty()) {
            return Optional.empty();
        }
        TlsSettings asksNoCertificate = new TlsSettings(false, own.trustAnchors(), own.certificateChain(), own.privateKey(),
                own.minimumVersion(), own.maximumVersion(), false, RequiredPeerUsage.ANY, own.algorithms(), false);
        TlsSettings clientOfOwn = new TlsSettings(true, own.trustAnchors(), List.of(), null, own.minimumVersion(),
                own.maximumVersion(), false, RequiredPeerUsage.ANY, own.algorithms(), false);
        SecureRandom random = new SecureRandom();
        SessionSettings real = config.toSessionSettings(tls, aead, random, OccOptionsString.Transport.UDP,
                (info, cipher, tlsEkm, ccExit) -> ServerPushReply.compose(config, ClientOverrides.NONE, config.tunnel().serverAddress() + 1,
                        config.tunnel().netmask(), 0, info, cipher, tlsEkm, ccExit));
        Optional<ControlWrapping> clientWrapping = config.clientWrapping();
        CommonSettings serverSide = real.common().withTls(asksNoCertificate).withPeerPolicy(PeerCertificatePolicy.NONE, new DropCounts())
                .withPeerVerifier(PeerCertificateVerifier.NONE);
        if (clientWrapping.isEmpty()) {
            serverSide = serverSide.withWrapping(ControlWrapping.none());
        }
        CommonSettings clientSide = serverSide.withTls(clientOfOwn).withWrapping(clientWrapping.orElse(serverSide.wrapping()));
        return Optional.of(new SessionRehearsal(SessionSettings.forServer(serverSide, real.server().checkingCredentials(false)),
                SessionSettings.forClient(clientSide, ClientSettings.announcing("rehearsal"))));
    }

    /**
     * Runs {@link #ROUNDS} sessions on {@code control}, each its own task, so that a real client
     * arriving meanwhile waits for one session at most; logs one line when they are done.
     */
    CompletableFuture<Integer> runOn(ControlExecutor control) {
        long started = System.nanoTime();
        CompletableFuture<Integer> done = CompletableFuture.completedFuture(0);
        for (int i = 0; i < ROUNDS; i++) {
            done = done.thenCompose(n -> control.submit("session rehearsal", () -> n + (runOnce() ? 1 : 0)));
        }
        return done.whenComplete((n, failed) -> LOG.log(System.Logger.Level.INFO, n != null
                ? "sessions rehearsed in " + (System.nanoTime() - started) / 1_000_000 + " ms: " + n + " of " + ROUNDS + " connected"
                : "session rehearsal stopped: " + failed));
    }

    /** One whole session, here; whether both sides connected and a packet crossed each way. */
    boolean runOnce() {
        long now = System.nanoTime();
        long epoch = System.currentTimeMillis() / 1000;
        MemoryWire toClient = new MemoryWire();
        MemoryWire toServer = new MemoryWire();
        VpnSession s = null;
        VpnSession c = null;
        try {
            s = new VpnSession(server, toClient, now, epoch);
            c = new VpnSession(client, toServer, now, epoch);
            s.assignPeerId(0);
            c.start(now);
            boolean connected = false;
            for (int step = 0; step < MAX_STEPS && !connected; step++, now += STEP_NANOS) {
                c.tick(now);
                s.tick(now);
                toServer.deliverTo(s, pool, now);
                toClient.deliverTo(c, pool, now);
                if (toClient.takeConnected()) {
                    s.pushIfClientAllows(now); // as the runtime does once a client is routed
                }
                if (toServer.failure() != null || toClient.failure() != null) {
                    return false;
                }
                connected = c.state() == VpnSession.State.CONNECTED && s.state() == VpnSession.State.CONNECTED;
            }
            boolean crossed = connected && crosses(c, s, now) && crosses(s, c, now);
            c.close(now);
            s.close(now);
            return crossed;
        } catch (RuntimeException e) {
            return false;
        } finally {
            if (c != null) {
                c.dispose();
            }
            if (s != null) {
                s.dispose();
            }
        }
    }

    /** Whether a packet {@code from} seals is opened by {@code to} as tunnel traffic. */
    private boolean crosses(VpnSession from, VpnSession to, long now) {
        Packet p = pool.acquire();
        try {
            p.setContents(new byte[PACKET], 0, PACKET);
            return from.dataPlane().seal(p, now) == null && to.dataPlane().open(p, now) == DataPlane.Opened.TUNNEL;
        } finally {
            p.release();
        }
    }
}
