package dev.culvert.vpn.loadgen;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;
import dev.culvert.vpn.data.DataPayloads;
import dev.culvert.vpn.session.DataPlane;
import dev.culvert.vpn.session.SessionEvent;
import dev.culvert.vpn.session.SessionOutput;
import dev.culvert.vpn.session.VpnSession;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;

/**
 * One simulated OpenVPN client: a client {@link VpnSession} on its own non-blocking UDP socket
 * (the server tells the clients apart by their source ports), run by one {@link EventLoop}. It
 * connects once, then idles: it answers nothing but the session's own timers, sends the keepalive
 * pings the session asks for and notes the server's. It does not reconnect: a client that fails
 * or is lost is counted, with its reason, and closed.
 */
final class LoadClient implements SessionOutput {
    static final long UNARMED = Long.MIN_VALUE;
    private static final long SECOND = 1_000_000_000L;

    private final RunContext run;
    private final EventLoop loop;
    /** The loop's timer bookkeeping: when this client's timer is due, or {@link #UNARMED}. */
    long armedAt = UNARMED;

    private DatagramChannel channel;
    private SelectionKey key;
    private VpnSession session;
    private long startedNanos;
    private boolean connected;
    private boolean pingDue;
    /** Why the session ended, seen in an event; acted on once the session's call returned. */
    private String endReason;
    private boolean endedByPingRestart;
    private boolean over;
    private KeepaliveGaps gaps;

    LoadClient(RunContext run, EventLoop loop) {
        this.run = run;
        this.loop = loop;
    }

    /** Loop thread: opens the socket towards the server and sends the hard reset. */
    void start() {
        long now = System.nanoTime();
        startedNanos = now;
        try {
            channel = DatagramChannel.open(StandardProtocolFamily.INET);
            channel.configureBlocking(false);
            channel.connect(run.server());
            key = channel.register(loop.selector(), SelectionKey.OP_READ, this);
        } catch (IOException | RuntimeException e) {
            over = true;
            run.connects().failed("socket: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            closeQuietly();
            return;
        }
        session = new VpnSession(run.settings(), this, now, System.currentTimeMillis() / 1000);
        session.start(now);
        afterSession(now);
        if (!over) {
            loop.arm(this, now);
        }
    }

    /** Loop thread: the socket has datagrams; {@code buffer} is the loop's, for this call only. */
    void readable(ByteBuffer buffer, long now) {
        while (!over) {
            buffer.clear();
            int n;
            try {
                n = channel.read(buffer);
            } catch (IOException e) {
                // An ICMP error for an earlier datagram (the server not listening yet); 2.6 ignores these on UDP too.
                return;
            }
            if (n <= 0) {
                return;
            }
            byte[] bytes = buffer.array();
            if (VpnSession.isDataPacket(bytes[0] & 0xff)) {
                openData(bytes, n, now);
            } else {
                DropReason refused = session.receive(bytes, 0, n, now);
                if (refused != null) {
                    run.connects().notReceived("control packet refused: " + refused.name());
                }
                afterSession(now);
                if (!over) {
                    loop.arm(this, now); // an answer may be due at once; the tick says when next
                }
            }
        }
    }

    private void openData(byte[] bytes, int n, long now) {
        Packet p = loop.packets().acquire();
        if (p == null) {
            run.connects().notReceived("no packet buffer free");
            return;
        }
        try {
            p.setContents(bytes, 0, n);
            DataPlane.Opened opened = session.dataPlane().open(p, now);
            if (opened == DataPlane.Opened.DROPPED) {
                run.connects().notReceived("data packet refused by the session");
            } else if (opened == DataPlane.Opened.CONSUMED && DataPayloads.classify(p) == DataPayloads.Kind.PING && gaps != null) {
                gaps.received(now, run.window(), run.keepalives());
            }
        } finally {
            p.release();
        }
    }

    /** Loop thread: the timer this client armed is due. */
    void timer(long now) {
        if (over) {
            return;
        }
        if (!connected && now - startedNanos > run.connectTimeoutNanos()) {
            end("no connection within " + run.connectTimeoutNanos() / SECOND + " s (state " + session.state() + ")", false, now);
            return;
        }
        long next = session.tick(now);
        afterSession(now);
        if (!over) {
            loop.arm(this, next);
        }
    }

    /** Loop thread, at the end of the run: the window closed, count this client's silence since its last keepalive. */
    void windowClosed() {
        if (!over && gaps != null) {
            gaps.windowClosed(run.window(), run.keepalives());
        }
    }

    /** What the session asked for during its last call: a ping to seal and send, or its end. */
    private void afterSession(long now) {
        if (pingDue && !over) {
            pingDue = false;
            sendPing(now);
        }
        if (endReason != null && !over) {
            end(endReason, endedByPingRestart, now);
        }
    }

    private void sendPing(long now) {
        Packet p = loop.packets().acquire();
        if (p == null) {
            run.connects().sendRefused();
            return;
        }
        try {
            if (session.dataPlane().sealControlPayload(DataPlane.ControlPayload.PING, p, now) == null) {
                ByteBuffer out = p.buffer().duplicate();
                out.limit(p.offset() + p.length()).position(p.offset());
                if (send(out) && run.window().contains(now)) {
                    run.keepalives().keepaliveSent();
                }
            }
        } finally {
            p.release();
        }
    }

    private boolean send(ByteBuffer out) {
        try {
            if (channel.write(out) > 0) {
                return true;
            }
        } catch (IOException e) {
            // counted below, as a full buffer is: the datagram is lost either way
        }
        run.connects().sendRefused();
        return false;
    }

    private void end(String reason, boolean pingRestart, long now) {
        over = true;
        if (connected) {
            run.connects().lost(reason, pingRestart);
        } else {
            run.connects().failed(reason, session == null ? null : session.progress());
        }
        if (session != null) {
            session.dispose();
            session = null; // the run keeps every client to the end; an ended one must not keep its TLS engine
        }
        closeQuietly();
        channel = null;
        key = null;
    }

    /** Closes the socket; the session is not told (the server times it out, as after a crash). */
    void closeQuietly() {
        if (key != null) {
            key.cancel();
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // the descriptor is gone either way
            }
        }
    }

    // SessionOutput: called from inside the session's methods, on the loop thread.

    @Override
    public void sendToPeer(byte[] buf, int off, int len) {
        send(ByteBuffer.wrap(buf, off, len));
    }

    @Override
    public void event(SessionEvent event) {
        switch (event) {
            case SessionEvent.Connected c -> {
                connected = true;
                long now = System.nanoTime();
                run.connects().connected(now - startedNanos);
                int ping = c.pushReply() != null && c.pushReply().ping() > 0 ? c.pushReply().ping()
                        : run.settings().common().timers().pingSeconds();
                gaps = new KeepaliveGaps(ping * SECOND + run.lateSlackNanos());
            }
            case SessionEvent.Failed f -> endSoon(f.reason(), false);
            case SessionEvent.Restart r -> endSoon("restart: " + r.reason(), r.peerSilent());
            case SessionEvent.PeerExited p -> endSoon("the server went away (" + p.how() + ")", false);
            case SessionEvent.Halted h -> endSoon("halted by the server: " + h.reason(), false);
            case SessionEvent.Closed c -> endSoon("closed", false);
            case SessionEvent.CredentialsToCheck c -> c.credentials().wipe(); // only a server is asked
            case SessionEvent.CertificateToVerify v -> endSoon("tls-verify is not supported by the load generator", false);
            case SessionEvent.Renegotiated r -> {
                // a renegotiation keeps the client connected; nothing to count
            }
        }
    }

    private void endSoon(String reason, boolean pingRestart) {
        if (endReason == null) {
            endReason = reason;
            endedByPingRestart = pingRestart;
        }
    }

    @Override
    public void dataPayloadDue(DataPlane.ControlPayload payload) {
        if (payload == DataPlane.ControlPayload.PING) {
            pingDue = true;
        }
    }
}
