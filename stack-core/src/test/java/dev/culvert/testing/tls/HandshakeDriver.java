package dev.culvert.testing.tls;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * Runs a handshake between two engines in memory, moving TLS records between them by hand, for a
 * bounded number of rounds. Each side's first failure is kept, so a test reads what the refusing
 * side said and what the other side was told.
 */
public final class HandshakeDriver {
    private static final int MAX_ROUNDS = 100;

    /** How a handshake ended: a null error means that side did not fail. */
    public record Outcome(SSLException clientError, SSLException serverError, boolean finished) {
    }

    private HandshakeDriver() {
    }

    public static Outcome run(SSLEngine client, SSLEngine server) throws SSLException {
        Side c = new Side(client);
        Side s = new Side(server);
        client.beginHandshake();
        server.beginHandshake();
        int quietRoundsSinceFailure = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            c.wrap();
            s.wrap();
            c.deliverTo(s);
            s.deliverTo(c);
            c.unwrap();
            s.unwrap();
            boolean quiet = c.toPeer.position() == 0 && s.toPeer.position() == 0 && c.fromPeer.position() == 0 && s.fromPeer.position() == 0;
            boolean bothDone = c.done() && s.done() && quiet;
            // A failed side sends its alert on its next wrap: give the alert two rounds to arrive.
            quietRoundsSinceFailure = (c.error != null || s.error != null) && quiet ? quietRoundsSinceFailure + 1 : 0;
            boolean failedAndQuiet = quietRoundsSinceFailure >= 2;
            if (bothDone || failedAndQuiet || (c.error != null && s.error != null)) {
                return new Outcome(c.error, s.error, bothDone && c.error == null && s.error == null);
            }
        }
        return new Outcome(c.error, s.error, false);
    }

    private static final class Side {
        final SSLEngine engine;
        final ByteBuffer toPeer;
        final ByteBuffer fromPeer;
        final ByteBuffer application;
        SSLException error;

        Side(SSLEngine engine) {
            this.engine = engine;
            int packet = engine.getSession().getPacketBufferSize();
            this.toPeer = ByteBuffer.allocate(4 * packet);
            this.fromPeer = ByteBuffer.allocate(4 * packet);
            this.application = ByteBuffer.allocate(4 * engine.getSession().getApplicationBufferSize());
        }

        boolean done() {
            HandshakeStatus status = engine.getHandshakeStatus();
            return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
        }

        void wrap() {
            try {
                for (int i = 0; i < 8 && (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP || engine.getHandshakeStatus() == HandshakeStatus.NEED_TASK); i++) {
                    runTasks();
                    if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                        engine.wrap(ByteBuffer.allocate(0), toPeer);
                    }
                }
                // A failed Conscrypt engine holds its alert until wrapped, whatever its status says.
                for (int i = 0; i < 4 && error != null && !engine.isOutboundDone(); i++) {
                    engine.wrap(ByteBuffer.allocate(0), toPeer);
                }
            } catch (SSLException e) {
                record(e);
            }
        }

        void unwrap() {
            fromPeer.flip();
            try {
                for (int i = 0; i < 16 && fromPeer.hasRemaining(); i++) {
                    runTasks();
                    int before = fromPeer.remaining();
                    engine.unwrap(fromPeer, application);
                    runTasks();
                    if (fromPeer.remaining() == before) {
                        break;
                    }
                }
            } catch (SSLException e) {
                record(e);
            } finally {
                fromPeer.compact();
            }
        }

        void deliverTo(Side peer) {
            toPeer.flip();
            peer.fromPeer.put(toPeer);
            toPeer.clear();
        }

        private void runTasks() {
            for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                task.run();
            }
        }

        private void record(SSLException e) {
            if (error == null) {
                error = e;
            }
        }
    }
}
