package dev.culvert.vpn.session;

import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.vpn.control.ControlChannel;
import dev.culvert.vpn.control.ControlWrap;
import dev.culvert.vpn.data.KeyContext;
import dev.culvert.vpn.keys.DirectionalKeys;
import dev.culvert.vpn.push.ControlMessages;
import dev.culvert.vpn.wire.ControlPacket;
import dev.culvert.vpn.wire.ControlPacketWriter;
import dev.culvert.vpn.wire.SessionId;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * The state one session's parts share (the façade, the role control, the TLS conversation), and
 * the steps any of them may take: queue a control message, put what is queued on the wire,
 * derive and install a key, and end the session. Driven by the session's one control thread.
 */
final class SessionContext {
    static final long SECOND = 1_000_000_000L;

    /** The earlier of two {@link System#nanoTime} instants, compared as the clock wraps. */
    static long earlier(long a, long b) {
        return b - a < 0 ? b : a;
    }
    private static final int WIRE_BUFFER = 4096;
    /**
     * A control packet and its wrapped form, per thread: used only within {@link #flush}, and
     * {@link SessionOutput#sendToPeer} keeps no reference past its call, so the sessions of a control
     * thread share one pair instead of holding 8 KiB each while connected.
     */
    private static final ThreadLocal<byte[][]> WIRE_SCRATCH =
            ThreadLocal.withInitial(() -> new byte[][] {new byte[WIRE_BUFFER], new byte[WIRE_BUFFER]});
    /** Control packets put on the wire per key state and call, so one call cannot loop forever. */
    private static final int FLUSH_LIMIT = 64;

    final SessionSettings settings;
    final SessionOutput out;
    final DropCounts drops;
    final DataPlane data;
    final ControlWrap wrap;
    final SessionId own;
    final KeySchedule keys;
    final KeyMethod2Exchange exchange;
    final NegotiatedParameters negotiated = new NegotiatedParameters();
    final Keepalive keepalive;
    final RoleControl role;
    final TlsConversation conversation;
    final PeerIdentityLock identity = new PeerIdentityLock();
    /** The peer's session id, once known. */
    SessionId peer;
    VpnSession.State state = VpnSession.State.NEW;
    /** Set when the session must fail once what is queued (an AUTH_FAILED) is on the wire. */
    String failAfterFlush;
    /** The last ticket handed to a {@link PeerCertificateVerifier} wait ({@link SessionEvent.CertificateToVerify}). */
    long verifyTickets;

    SessionContext(SessionSettings settings, SessionOutput out, SessionId own, long nowNanos, long epochSeconds) {
        this.settings = settings;
        this.out = out;
        this.drops = new DropCounts();
        this.data = new DataPlane(drops, nowNanos, settings.common().fragment());
        this.wrap = settings.common().wrapping().factory().create(epochSeconds);
        this.own = own;
        this.keys = new KeySchedule(data);
        this.exchange = new KeyMethod2Exchange(settings);
        this.keepalive = new Keepalive(settings.common().timers(), nowNanos);
        this.role = RoleControl.of(settings, this);
        this.conversation = new TlsConversation(this);
    }

    /** Whether the session ended (closed or failed). */
    boolean over() {
        return state == VpnSession.State.CLOSED || state == VpnSession.State.FAILED;
    }

    /** A key state for {@code keyId} with a fresh reliable control channel, in the schedule. */
    KeyState newKeyState(int keyId, long nowNanos) {
        ControlChannel channel = ControlChannel.create(own, keyId, ControlChannel.DEFAULT_MAX_PACKET, wrap.overhead(),
                settings.common().timers().tlsTimeoutSeconds() * SECOND);
        if (peer != null) {
            channel.expectPeer(peer);
        }
        KeyState ks = new KeyState(keyId, channel, nowNanos);
        keys.add(ks);
        return ks;
    }

    /**
     * Queues a text message on {@code ks}'s TLS session. Only queued: this runs inside the pump's
     * record callback too; the pump (or {@link #sendNow}) writes it.
     */
    void write(KeyState ks, String message) {
        if (ks == null || ks.tls == null) {
            return;
        }
        ks.tls.write(ControlMessages.encode(message));
    }

    /** Pumps {@code ks}'s TLS session and puts what it produced on the wire now. */
    void sendNow(KeyState ks, long nowNanos) {
        conversation.progress(ks, nowNanos);
        flush(nowNanos);
    }

    /** Whether this side may derive keys by the TLS exporter on {@code ks}'s TLS session. */
    boolean canUseTlsEkm(KeyState ks) {
        return exchange.allowsTlsEkm() && ks.tlsProvider.canExportKeyingMaterial(ks.tls.engine());
    }

    /** Builds this side's key-method-2 message for {@code ks} and queues it on its TLS session. */
    void sendKeyMethod2(KeyState ks) {
        ks.announcedEkm = canUseTlsEkm(ks);
        ks.local = exchange.local(ks.announcedEkm);
        try {
            ks.tls.write(KeyMethod2Exchange.encode(ks.local));
        } finally {
            // The password is in the record now, which the TLS pump wipes once written.
            ks.local.wipeCredentials();
        }
    }

    /**
     * Derives and installs the key of {@code ks}. The first key seals at once; a renegotiation's
     * key opens at once and seals once the peer has it too ({@link #sealWithNewKeyOnceEstablished}).
     */
    boolean activate(KeyState ks, long nowNanos) {
        try {
            SSLEngine engine = ks.tls.engine();
            TlsProvider provider = ks.tlsProvider;
            DirectionalKeys derived = negotiated.tlsEkm
                    ? exchange.exporterKeys((label, context, length) -> exportFrom(provider, engine, label, context, length), negotiated.cipher)
                    : exchange.prfKeys(ks.local, ks.peer, own, peer, negotiated.cipher);
            ks.context = new KeyContext(ks.keyId, derived, settings.common().replayWindow().newWindow(), settings.common().data().aead());
            ks.context.madeBy(provider.name());
        } catch (GeneralSecurityException e) {
            fail("data keys could not be derived: " + e.getMessage(), true);
            return false;
        } finally {
            ks.wipeNegotiation();
        }
        keys.usePeerId(negotiated.peerId);
        if (keys.primary() == null) {
            keys.promote(ks, nowNanos);
        } else {
            keys.install(ks);
        }
        if (state == VpnSession.State.CONNECTING) {
            state = VpnSession.State.CONNECTED;
            data.noteReceived(nowNanos);
        }
        return true;
    }

    /**
     * A renegotiation's installed key takes over sealing once the peer has it (an ACK of this
     * side's key method 2, or a packet it sealed with the new key); until then the old key seals,
     * so nothing is sent that the peer cannot open. Called after every control packet and tick.
     */
    void sealWithNewKeyOnceEstablished(long nowNanos) {
        if (over()) {
            return;
        }
        KeyState installed = keys.installed();
        if (installed != null && keys.promoteIfEstablished(nowNanos) != null) {
            out.event(new SessionEvent.Renegotiated(installed.keyId, negotiated.keyDerivation(), protocol(installed)));
        }
    }

    private static byte[] exportFrom(TlsProvider provider, SSLEngine engine, String label, byte[] context, int length)
            throws GeneralSecurityException {
        try {
            return provider.exportKeyingMaterial(engine, label, context, length);
        } catch (SSLException e) {
            throw new GeneralSecurityException("TLS exporter: " + e.getMessage(), e);
        }
    }

    static String protocol(KeyState ks) {
        return ks.tls.engine().getSession().getProtocol();
    }

    /** Wraps and sends what every key state's control channel has ready. */
    void flush(long nowNanos) {
        byte[][] scratch = WIRE_SCRATCH.get();
        byte[] plainOut = scratch[0];
        byte[] wireOut = scratch[1];
        keys.forEach(ks -> {
            for (int i = 0; i < FLUSH_LIMIT; i++) {
                ControlPacket p = ks.channel.poll(nowNanos);
                if (p == null) {
                    break;
                }
                int len = ControlPacketWriter.write(p, plainOut, 0);
                int wireLen = wrap.wrap(plainOut, 0, len, wireOut, 0);
                out.sendToPeer(wireOut, 0, wireLen);
            }
        });
    }

    // ---- endings ----------------------------------------------------------------------------

    void restart(String reason) {
        restart(reason, false);
    }

    /** Ends the session asking for a new one; {@code peerSilent} when ping-restart ran out. */
    void restart(String reason, boolean peerSilent) {
        if (end(VpnSession.State.CLOSED)) {
            out.event(new SessionEvent.Restart(reason, peerSilent));
        }
    }

    void fail(String reason, boolean fatal) {
        if (end(VpnSession.State.FAILED)) {
            out.event(new SessionEvent.Failed(reason, fatal));
        }
    }

    /** The TLS negotiation failed: a fatal failure that {@code tls-exit} turns into the end of a client's process. */
    void failTls(String reason) {
        if (end(VpnSession.State.FAILED)) {
            out.event(new SessionEvent.Failed(reason, true, false, true));
        }
    }

    /** The server refused this client ({@code AUTH_FAILED[,reason]}); what to do next is the runtime's {@code auth-retry}. */
    void authFailed(String message) {
        if (end(VpnSession.State.FAILED)) {
            out.event(new SessionEvent.Failed(message, true, true));
        }
    }

    void finishClose() {
        if (end(VpnSession.State.CLOSED)) {
            out.event(new SessionEvent.Closed());
        }
    }

    private boolean end(VpnSession.State finalState) {
        if (over()) {
            return false;
        }
        state = finalState;
        keys.endAll();
        return true;
    }
}
