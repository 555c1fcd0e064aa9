package dev.culvert.vpn.server;

import dev.culvert.spi.tls.RequiredPeerUsage;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.tls.TlsSettings;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Handshakes the server's own TLS settings against a throw-away client, in memory, a few times
 * once the server listens: the first real client then finds the TLS provider initialised and its
 * handshake code loaded and partly compiled, instead of paying for it (0.5-1 s on a 2-core
 * machine). The client presents the server's own certificate, which the server may refuse as a
 * client's; what was run up to that point is warm all the same. Nothing leaves the process, no
 * counter or client table sees it, and a failure only leaves the first connect colder.
 */
final class TlsWarmUp {
    /** Handshakes per warm-up: enough for the hottest paths to reach the first JIT tier. */
    static final int ROUNDS = 4;
    /** A bound on engine steps per handshake, should an engine never finish. */
    private static final int MAX_STEPS = 100;

    private TlsWarmUp() {
    }

    /**
     * The rehearsals that ran to their end: both sides done, or a certificate refused (the server's
     * own, offered as a client's); 0 when there is nothing to rehearse with.
     */
    static int run(TlsProvider tls, TlsSettings server) {
        if (server.trustAnchors().isEmpty()) {
            return 0; // no CA to check the server's certificate with: no handshake to rehearse
        }
        TlsSettings client = new TlsSettings(true, server.trustAnchors(), server.certificateChain(), server.privateKey(),
                server.minimumVersion(), server.maximumVersion(), false, RequiredPeerUsage.ANY);
        int done = 0;
        for (int i = 0; i < ROUNDS; i++) {
            try {
                if (handshake(tls.newEngine(client), tls.newEngine(server))) {
                    done++;
                }
            } catch (SSLHandshakeException refused) {
                done++; // the borrowed client certificate refused, at the end of the handshake
            } catch (Exception | LinkageError e) {
                // a provider that cannot rehearse: the real clients' handshakes report their own failures
            }
        }
        return done;
    }

    /** Steps both engines until neither is handshaking; false if MAX_STEPS pass first. */
    private static boolean handshake(SSLEngine client, SSLEngine server) throws SSLException {
        int size = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        ByteBuffer toServer = ByteBuffer.allocate(size * 4);
        ByteBuffer toClient = ByteBuffer.allocate(size * 4);
        ByteBuffer plain = ByteBuffer.allocate(Math.max(client.getSession().getApplicationBufferSize(),
                server.getSession().getApplicationBufferSize()) * 2);
        client.beginHandshake();
        server.beginHandshake();
        for (int step = 0; step < MAX_STEPS; step++) {
            boolean moved = step(client, toServer, toClient, plain) | step(server, toClient, toServer, plain);
            if (idle(client) && idle(server) && !moved) {
                return true;
            }
        }
        return false;
    }

    /** One turn of an engine: its delegated tasks, what it has to send, what it was sent. True if bytes moved. */
    private static boolean step(SSLEngine engine, ByteBuffer out, ByteBuffer in, ByteBuffer plain) throws SSLException {
        runTasks(engine);
        int before = out.position();
        engine.wrap(ByteBuffer.allocate(0), out);
        runTasks(engine);
        in.flip();
        int available = in.remaining();
        plain.clear();
        engine.unwrap(in, plain);
        boolean read = in.remaining() != available;
        in.compact();
        return read || out.position() != before;
    }

    private static void runTasks(SSLEngine engine) {
        for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
            task.run();
        }
    }

    private static boolean idle(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
    }
}
