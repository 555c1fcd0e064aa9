package dev.culvert.vpn.session;

import dev.culvert.core.graph.DropReason;
import dev.culvert.vpn.control.ControlPlaintext;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.PeerInfo;
import dev.culvert.vpn.keys.Role;
import dev.culvert.vpn.wire.ControlPacketView;
import dev.culvert.vpn.wire.Opcode;
import dev.culvert.vpn.wire.SessionId;
import java.util.function.Predicate;

/**
 * The control side of one OpenVPN 2.6 session, client or server role, without I/O (openvpn.md
 * §1.5, §3, §5, §7). Driven by one control thread: {@link #start}, {@link #receive} for every
 * control packet from the peer, and {@link #tick} whenever the time it last returned has come.
 * What it sends, and what happens, goes to the {@link SessionOutput}; the data side it feeds keys
 * to is {@link #dataPlane()}.
 *
 * <p>Client: hard reset (msg id 0) → the server's reset is ACKed on the ClientHello (msg id 1, as
 * 2.6's stateless HMAC-cookie server needs) → TLS → key method 2 (client first) → PUSH_REQUEST
 * every 5 s → PUSH_REPLY → cipher (NCP) and key derivation (tls-ekm or PRF) → keys →
 * {@link SessionEvent.Connected}. Server: answers the reset, TLS server, key method 2 after the
 * client's, cipher choice, keys, PUSH_REPLY on PUSH_REQUEST. Either side renegotiates (soft reset
 * on the next key id 1..7, new TLS session, new key method 2) when {@code reneg-sec} runs out, and
 * answers the peer's soft reset; the old key stays as a lame duck that still opens packets until
 * the next renegotiation replaces it.
 *
 * <p>This class is the façade: packets and ticks come in here. The parts behind it are the
 * {@link KeySchedule} (key states and their timers), the {@link KeyMethod2Exchange}, the
 * {@link TlsConversation} over each key state, the {@link RoleControl} of the client or the
 * server, {@link Keepalive} and {@link ExitNotification}, sharing a {@link SessionContext}.
 *
 * <p>Incoming bytes are never trusted: every refusal is a counted {@link DropReason}, and no
 * exception escapes {@link #receive}.
 */
public final class VpnSession {
    /** Where the session stands. */
    public enum State {
        /** Created, {@link #start} not yet called (a server waits for the client's reset). */
        NEW,
        /** Key negotiation or push exchange in progress; no data keys yet. */
        CONNECTING,
        /** Data keys installed; the tunnel carries traffic. */
        CONNECTED,
        /** Sending the exit notification. */
        EXITING,
        /** Closed after {@link #close}, RESTART, HALT or an exit. */
        CLOSED,
        /** Failed; see the {@link SessionEvent.Failed} event. */
        FAILED,
    }

    /** The tls-auth/tls-crypt replay id of a server's stateless answer to a hard reset (2.6 uses 1). */
    public static final long STATELESS_RESET_REPLAY_ID = 1;

    private static final long SECOND = SessionContext.SECOND;
    /**
     * The longest a connected session at rest sleeps between two ticks. A data channel can use up
     * the 16M packet ids that are left when {@code KeyContext} asks for a new key no faster than
     * 1.6 Mpps for 10 s, beyond what one session carries.
     */
    public static final long RESTING_WAKE_NANOS = 10 * SECOND;
    private static final int WIRE_BUFFER = 4096;

    private final SessionContext session;
    private final ControlPlaintext plain = new ControlPlaintext(WIRE_BUFFER);
    private final ControlPacketView view = new ControlPacketView();
    private final ExitNotification exit;

    /**
     * @param epochSeconds the wall clock, for the replay ids of tls-auth/tls-crypt
     */
    public VpnSession(SessionSettings settings, SessionOutput out, long nowNanos, long epochSeconds) {
        this(settings, out, nowNanos, epochSeconds, SessionId.random(settings.common().random()));
    }

    private VpnSession(SessionSettings settings, SessionOutput out, long nowNanos, long epochSeconds, SessionId own) {
        this.session = new SessionContext(settings, out, own, nowNanos, epochSeconds);
        this.exit = new ExitNotification(session);
    }

    /**
     * A server session for a client whose hard reset was answered statelessly (openvpn.md §5.5):
     * as if it had received the client's reset (message 0) and sent its own (message 0, already
     * acknowledged). Its session id is {@code own} (the cookie the answer carried), the peer's is
     * {@code client}; the next message either way is 1, and its tls-auth/tls-crypt replay ids
     * continue after {@link #STATELESS_RESET_REPLAY_ID}, which the answer used. Feed it the packet
     * that proved the cookie (the client's message 1 with the ClientHello, or its ACK) and go on
     * as with any session.
     *
     * @param epochSeconds the wall clock, no earlier than the replay time the stateless answer carried
     * @throws IllegalArgumentException if {@code settings} is not a server's
     */
    public static VpnSession acceptVerified(SessionSettings settings, SessionOutput out, SessionId own, SessionId client,
                                            long nowNanos, long epochSeconds) {
        if (settings.role() != Role.SERVER) {
            throw new IllegalArgumentException("only a server accepts a client it answered statelessly");
        }
        VpnSession created = new VpnSession(settings, out, nowNanos, epochSeconds, own);
        SessionContext s = created.session;
        s.wrap.skipSendReplayIdsThrough(STATELESS_RESET_REPLAY_ID);
        s.state = State.CONNECTING;
        s.peer = client;
        s.newKeyState(0, nowNanos).channel.resumeAfterResets(client, Opcode.CONTROL_HARD_RESET_CLIENT_V2);
        return created;
    }

    /** Whether a packet with this first byte belongs to the data side (P_DATA_V1/V2). */
    public static boolean isDataPacket(int byte0) {
        Opcode op = Opcode.ofByte0(byte0);
        return op != null && op.isData();
    }

    public DataPlane dataPlane() {
        return session.data;
    }

    public DropCounts drops() {
        return session.drops;
    }

    /**
     * Where the session stands, in one line for a diagnostic: its state, each key state's
     * negotiation and control channel, and the packets it refused, by reason. It names no secret.
     */
    public String progress() {
        StringBuilder b = new StringBuilder("state ").append(session.state);
        session.keys.forEach(ks -> b.append("; ").append(ks.progress()));
        return b.append("; refused ").append(session.drops.snapshot()).toString();
    }

    /** Whether a renegotiation is under way: a new key state negotiates while the primary still seals. */
    boolean renegotiating() {
        return session.keys.primary() != null && session.keys.negotiating() != null;
    }

    public State state() {
        return session.state;
    }

    public Role role() {
        return session.settings.role();
    }

    /** This side's session id. */
    public SessionId sessionId() {
        return session.own;
    }

    /** The peer's session id, once known. */
    public SessionId peerSessionId() {
        return session.peer;
    }

    /**
     * Client: the keys are up and the server's PUSH_REPLY has not come for a second, when a 2.6
     * client's management interface says GET_CONFIG. A server that pushes at once is never waited
     * for this long; one that defers the client (an auth script, a connect hook) is.
     */
    public boolean awaitingConfig(long nowNanos) {
        return session.role.awaitingConfig(nowNanos);
    }

    /** The negotiated data cipher, once connected. */
    public DataCipher cipher() {
        return session.negotiated.cipher;
    }

    /** The key id of a renegotiation's key that already opens but does not seal yet, or -1. */
    int installedKeyId() {
        KeyState installed = session.keys.installed();
        return installed == null ? -1 : installed.keyId;
    }

    /** Key states that still hold a key-method-2 message, this side's or the peer's (for tests: a connected session's rest). */
    int keyStatesHoldingKeyMethod2() {
        return keyStatesWhere(ks -> ks.local != null || ks.peer != null);
    }

    /** Key states whose TLS pump holds its record buffers now (for tests: a connected session's rest). */
    int keyStatesHoldingTlsBuffers() {
        return keyStatesWhere(ks -> ks.tls != null && ks.tls.holdsBuffers());
    }

    private int keyStatesWhere(Predicate<KeyState> holds) {
        int[] count = {0};
        session.keys.forEach(ks -> {
            if (holds.test(ks)) {
                count[0]++;
            }
        });
        return count[0];
    }

    /** The key id new data packets go out with, or -1. */
    public int primaryKeyId() {
        KeyState primary = session.keys.primary();
        return primary == null ? -1 : primary.keyId;
    }

    /** Server role: the peer-id to give this client if it speaks P_DATA_V2 (default 0). */
    public void assignPeerId(int id) {
        if (id < 0 || id >= 0xFFFFFF) {
            throw new IllegalArgumentException("peer-id " + id);
        }
        session.negotiated.assignedPeerId = id;
    }

    /**
     * The common name of the peer's certificate as verified in the first key exchange, or null
     * before TLS finished. A server keys its client's address, client-config-dir file and
     * duplicate-cn rule on it, as OpenVPN does.
     */
    public String peerCommonName() {
        return session.negotiated.peerCommonName;
    }

    /** Server: what the client announced in its first key-method-2 message ({@code IV_VER}, ...), or null before it. */
    public PeerInfo peerInfo() {
        return session.role.peerInfo();
    }

    /** Client: sends the hard reset. Server: waits for the client's (receive starts it). */
    public void start(long nowNanos) {
        if (session.state != State.NEW) {
            return;
        }
        session.state = State.CONNECTING;
        session.role.start(nowNanos);
    }

    /**
     * Takes one control packet from the peer (a UDP datagram, or a TCP packet without its length
     * prefix). Never throws for anything in the bytes.
     *
     * @return null if taken, else the (counted) reason it was dropped
     */
    public DropReason receive(byte[] buf, int off, int len, long nowNanos) {
        DropReason why;
        try {
            why = receiveChecked(buf, off, len, nowNanos);
        } catch (RuntimeException e) {
            // A bug of ours must not let the peer's bytes kill the control thread; the session is over.
            why = SessionDrops.CLOSED;
            session.fail("internal error on a control packet: " + e, false);
        }
        session.drops.count(why);
        return why;
    }

    private DropReason receiveChecked(byte[] buf, int off, int len, long nowNanos) {
        if (session.over()) {
            return SessionDrops.CLOSED;
        }
        if (len < 1) {
            return SessionDrops.EMPTY;
        }
        Opcode first = Opcode.ofByte0(buf[off]);
        if (first == null) {
            return SessionDrops.BAD_OPCODE;
        }
        if (first.isData()) {
            return SessionDrops.WRONG_SIDE;
        }
        DropReason why = session.wrap.unwrap(buf, off, len, nowNanos, plain);
        if (why == null) {
            why = view.wrap(plain.bytes(), 0, plain.length());
        }
        if (why != null) {
            return why;
        }
        Opcode op = view.opcode();
        if (session.role.isOwnReset(op)) {
            return SessionDrops.WRONG_ROLE_RESET;
        }
        if (op == Opcode.CONTROL_HARD_RESET_CLIENT_V3 || op == Opcode.CONTROL_WKC_V1) {
            return SessionDrops.BAD_OPCODE;
        }
        if (session.peer != null && view.sessionId() != session.peer.value()) {
            return SessionDrops.WRONG_SESSION;
        }
        KeyState ks = session.keys.get(view.keyId());
        if (ks == null) {
            DropReason refused = startKeyState(op, view.keyId(), nowNanos);
            if (refused != null) {
                return refused;
            }
            ks = session.keys.get(view.keyId());
        }
        if (session.state == State.NEW) {
            return SessionDrops.UNKNOWN_KEY_ID;
        }
        why = ks.channel.receive(view, nowNanos);
        if (why == null) {
            if (session.peer == null && ks.channel.peer() != null) {
                session.peer = ks.channel.peer();
            }
            session.data.noteReceived(nowNanos);
        }
        session.conversation.progress(ks, nowNanos);
        session.flush(nowNanos);
        session.sealWithNewKeyOnceEstablished(nowNanos);
        return why;
    }

    /** A packet for a key id without a key state: the reset that opens the session, or the peer's soft reset. */
    private DropReason startKeyState(Opcode op, int keyId, long nowNanos) {
        if (session.role.answerOpeningReset(op, keyId, nowNanos)) {
            return null;
        }
        KeySchedule keys = session.keys;
        if (op == Opcode.CONTROL_SOFT_RESET_V1) {
            if (keys.primary() == null || keys.negotiating() != null || keyId != keys.nextKeyId()) {
                return SessionDrops.KEY_ID_OUT_OF_SYNC;
            }
            session.newKeyState(keyId, nowNanos).channel.sendEmpty(Opcode.CONTROL_SOFT_RESET_V1);
            return null;
        }
        return SessionDrops.UNKNOWN_KEY_ID;
    }

    /**
     * Runs the timers; returns when to call again at the latest: within a second while anything is
     * under way, and for a connected session at rest (see {@code atRest}) its next deadline, at
     * most {@link #RESTING_WAKE_NANOS} away. A call into the session that sends a control packet
     * needs a tick within a second after it, for the retransmission.
     */
    public long tick(long nowNanos) {
        State state = session.state;
        if (session.over() || state == State.NEW) {
            session.keys.retireDue(nowNanos, state != State.NEW);
            return nowNanos + SECOND;
        }
        try {
            return tickChecked(nowNanos);
        } catch (RuntimeException e) {
            session.fail("internal error in the session timers: " + e, false);
            return nowNanos + SECOND;
        }
    }

    private long tickChecked(long nowNanos) {
        long wake = nowNanos + SECOND;
        KeySchedule keys = session.keys;
        keys.tick(nowNanos);
        if (session.data.takePeerExited()) {
            session.out.event(new SessionEvent.PeerExited("OCC EXIT"));
            session.role.onPeerOccExit();
            if (session.over()) {
                return wake;
            }
        }
        if (session.state == State.EXITING) {
            return exit.tick(nowNanos, wake);
        }
        int handWindowSeconds = session.settings.common().timers().handWindowSeconds();
        KeyState pending = keys.negotiating();
        if (pending != null && nowNanos - pending.startedNanos >= handWindowSeconds * SECOND) {
            session.restart("TLS key negotiation failed to occur within " + handWindowSeconds + " seconds");
            return wake;
        }
        wake = session.role.tick(nowNanos, wake);
        if (session.over()) {
            return wake;
        }
        if (session.state == State.CONNECTED) {
            if (session.keepalive.peerSilent(nowNanos, session.data)) {
                session.restart("ping-restart: nothing from the peer for " + session.keepalive.pingRestartSeconds() + " seconds", true);
                return wake;
            }
            if (session.keepalive.takePingDue(nowNanos, session.data)) {
                session.out.dataPayloadDue(DataPlane.ControlPayload.PING);
            }
            if (pending == null && renegotiationDue(keys.primary(), nowNanos)) {
                startRenegotiation(nowNanos);
            }
        }
        keys.forEach(ks -> session.conversation.progress(ks, nowNanos));
        session.flush(nowNanos);
        session.sealWithNewKeyOnceEstablished(nowNanos);
        if (atRest()) {
            wake = restingWake(nowNanos);
        }
        return keys.nextChannelWake(nowNanos, wake);
    }

    /**
     * A connected session with no negotiation, retransmission or polled condition pending: only
     * its deadlines wake it (ping, ping-restart, reneg-sec, the lame duck's end). reneg-bytes is
     * a count the data side keeps, so a session that has it is polled each second.
     */
    private boolean atRest() {
        return session.state == State.CONNECTED && session.keys.settled() && session.settings.common().timers().renegBytes() == 0;
    }

    /** The resting session's next deadline, at most {@link #RESTING_WAKE_NANOS} away (the packet-id limit is polled at that pace). */
    private long restingWake(long nowNanos) {
        long wake = session.keepalive.nextDeadline(session.data, nowNanos + RESTING_WAKE_NANOS);
        KeyState primary = session.keys.primary();
        long renegNanos = session.settings.common().timers().renegSeconds() * SECOND;
        if (renegNanos > 0 && primary != null) {
            wake = SessionContext.earlier(wake, primary.activatedNanos + renegNanos);
        }
        wake = session.keys.lameDuckDeadline(wake);
        return wake - nowNanos < 0 ? nowNanos : wake;
    }

    private boolean renegotiationDue(KeyState primary, long nowNanos) {
        if (primary == null) {
            return false;
        }
        SessionTimers timers = session.settings.common().timers();
        long renegNanos = timers.renegSeconds() * SECOND;
        return (renegNanos > 0 && nowNanos - primary.activatedNanos >= renegNanos) || primary.context.needsRenegotiation()
                || (timers.renegBytes() > 0 && primary.context.bytes() >= timers.renegBytes());
    }

    private void startRenegotiation(long nowNanos) {
        KeySchedule keys = session.keys;
        int next = keys.nextKeyId();
        if (keys.get(next) != null) {
            keys.retire(keys.get(next), nowNanos);
        }
        session.newKeyState(next, nowNanos).channel.sendEmpty(Opcode.CONTROL_SOFT_RESET_V1);
    }

    /**
     * Ends the session as explicit-exit-notify asks: the {@code EXIT} control message if cc-exit
     * was negotiated, else (UDP) OCC EXIT once a second for {@code explicit-exit-notify} seconds;
     * then {@link SessionEvent.Closed}. Without either it closes at once.
     */
    public void close(long nowNanos) {
        if (session.over() || session.state == State.EXITING) {
            return;
        }
        exit.begin(nowNanos);
    }

    /**
     * Server: sends the PUSH_REPLY now, without waiting for the client's PUSH_REQUEST, if the
     * client announced IV_PROTO_REQUEST_PUSH, as 2.6 does once the client is authenticated: the
     * tunnel is up a PUSH_REQUEST timer tick (up to a second) sooner. A PUSH_REQUEST already on
     * its way is then not answered again (2.6 answers a repeated one only after 30 s).
     *
     * @return whether the reply was sent
     */
    public boolean pushIfClientAllows(long nowNanos) {
        return session.role.pushEarly(nowNanos);
    }

    /**
     * Server: the runtime's verdict on the credentials of {@link SessionEvent.CredentialsToCheck}
     * for {@code keyId}. Accepted, the key gets its data keys ({@link SessionEvent.Connected} for
     * key id 0); refused, the client is told {@code AUTH_FAILED} (with {@code clientReason} after
     * a comma, if not null) and the session fails once that is on the wire.
     *
     * @return false if no key of that id waits any more (the hand-window ran out, the session ended)
     */
    public boolean credentialsChecked(int keyId, boolean accepted, String clientReason, long nowNanos) {
        if (session.over()) {
            return false;
        }
        try {
            return session.role.credentialsChecked(keyId, accepted, clientReason, nowNanos);
        } catch (RuntimeException e) {
            session.fail("internal error on a credentials verdict: " + e, false);
            return false;
        }
    }

    /**
     * The {@link PeerCertificateVerifier}'s answer to {@code request}, on the session's control
     * thread: null lets the key state go on to key method 2 (taking the peer's records held
     * meanwhile), a refusal is counted and fails the session as a policy refusal does.
     *
     * @return false if the key state no longer waits (it timed out, or the session ended)
     */
    public boolean certificateVerified(SessionEvent.CertificateToVerify request, PeerRefusal refusal, long nowNanos) {
        if (session.over()) {
            return false;
        }
        try {
            boolean taken = session.conversation.verified(request.ticket(), refusal, nowNanos);
            session.flush(nowNanos);
            session.sealWithNewKeyOnceEstablished(nowNanos);
            return taken;
        } catch (RuntimeException e) {
            session.fail("internal error on a certificate verdict: " + e, false);
            return false;
        }
    }

    /**
     * Sends a control-channel text message to the peer, e.g. a server's {@code RESTART} before it
     * shuts down, or {@code AUTH_FAILED,reason} before it refuses a client. It goes on the newest
     * key state whose key-method-2 exchange is done: during a renegotiation that is the new key
     * even before it seals, because a 2.6 peer reads control messages on its newest key state
     * only (2.6's {@code tls_rec_payload} reads KS_PRIMARY). Ignored before keys exist or after
     * the session ended.
     */
    public void tellPeer(String message, long nowNanos) {
        KeySchedule keys = session.keys;
        KeyState newest = keys.installed() != null ? keys.installed() : keys.primary();
        if (newest == null || session.over()) {
            return;
        }
        session.write(newest, message);
        session.sendNow(newest, nowNanos);
    }

    /**
     * The runtime's transport is gone (a TCP connection closed or reset): the session cannot go on
     * and asks for a restart, as 2.6 does on "Connection reset".
     */
    public void transportFailed(String reason) {
        session.restart("transport failed: " + reason);
    }

    /**
     * Retires every data key at once. Call only once no data-plane thread uses this session any
     * more (after {@link SessionEvent.Closed}, {@link SessionEvent.Failed} or a restart); until
     * then retired keys are kept {@value KeySchedule#RETIRE_GRACE_NANOS} ns after they left the published set.
     */
    public void dispose() {
        session.keys.disposeAll();
        session.wrap.close();
    }
}
