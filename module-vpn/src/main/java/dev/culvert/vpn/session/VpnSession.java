package dev.culvert.vpn.session;

import dev.culvert.core.graph.DropReason;
import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.vpn.control.ControlChannel;
import dev.culvert.vpn.control.ControlPlaintext;
import dev.culvert.vpn.control.ControlWrap;
import dev.culvert.vpn.data.KeyContext;
import dev.culvert.vpn.replay.ReplayWindow;
import dev.culvert.vpn.keys.DataKeyDerivation;
import dev.culvert.vpn.keys.DirectionalKeys;
import dev.culvert.vpn.keys.IvProto;
import dev.culvert.vpn.keys.KeyMethod2Codec;
import dev.culvert.vpn.keys.KeyMethod2Message;
import dev.culvert.vpn.keys.OccOptionsString;
import dev.culvert.vpn.keys.PeerInfo;
import dev.culvert.vpn.keys.PeerInfoBuilder;
import dev.culvert.vpn.keys.Role;
import dev.culvert.vpn.push.CipherNegotiation;
import dev.culvert.vpn.push.ControlCommand;
import dev.culvert.vpn.push.ControlMessages;
import dev.culvert.vpn.push.PushReply;
import dev.culvert.vpn.push.PushReplyParser;
import dev.culvert.vpn.wire.ControlPacket;
import dev.culvert.vpn.wire.ControlPacketView;
import dev.culvert.vpn.wire.ControlPacketWriter;
import dev.culvert.vpn.wire.Opcode;
import dev.culvert.vpn.wire.SessionId;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

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

    private static final long SECOND = 1_000_000_000L;
    private static final long NEVER = Long.MIN_VALUE;
    /** 2.6 answers a repeated PUSH_REQUEST only this long after its last PUSH_REPLY. */
    private static final long PUSH_REPEAT_NANOS = 30 * SECOND;
    private static final long RETIRE_GRACE_NANOS = 2 * SECOND;
    private static final int MAX_KEY_STATES = 8;
    private static final int WIRE_BUFFER = 4096;

    private final SessionSettings settings;
    private final SessionOutput out;
    private final DropCounts drops = new DropCounts();
    private final DataPlane data;
    private final ControlWrap wrap;
    private final SessionId own;
    private final KeyState[] keyStates = new KeyState[MAX_KEY_STATES];
    private final ControlPlaintext plain = new ControlPlaintext(WIRE_BUFFER);
    private final ControlPacketView view = new ControlPacketView();
    private final byte[] plainOut = new byte[WIRE_BUFFER];
    private final byte[] wireOut = new byte[WIRE_BUFFER];
    private final List<KeyContext> retiring = new ArrayList<>();
    private final List<Long> retireAt = new ArrayList<>();
    private SessionId peer;
    private State state = State.NEW;
    private KeyState primary;
    private KeyState lameDuck;
    private AeadAlgorithm cipher;
    private boolean tlsEkm;
    private boolean ccExit;
    private int peerId = -1;
    private int serverPeerId;
    private PeerInfo clientInfo;
    private String peerCommonName;
    /** Server: when the PUSH_REPLY went out, {@link #NEVER} before. */
    private long pushedNanos = NEVER;
    private String failAfterFlush;
    private long pingNanos;
    private long pingRestartNanos;
    private PushReplyParser pushParser;
    private long nextPushRequest;
    private long pushStarted = -1;
    private long lastPingRequest;
    private long exitDeadline;
    private long nextOccExit;

    /**
     * @param epochSeconds the wall clock, for the replay ids of tls-auth/tls-crypt
     */
    public VpnSession(SessionSettings settings, SessionOutput out, long nowNanos, long epochSeconds) {
        this(settings, out, nowNanos, epochSeconds, SessionId.random(settings.random()));
    }

    private VpnSession(SessionSettings settings, SessionOutput out, long nowNanos, long epochSeconds, SessionId own) {
        this.settings = settings;
        this.out = out;
        this.data = new DataPlane(drops, nowNanos);
        this.wrap = settings.wrap().create(epochSeconds);
        this.own = own;
        this.pingNanos = settings.pingSeconds() * SECOND;
        this.pingRestartNanos = settings.pingRestartSeconds() * SECOND;
        this.lastPingRequest = nowNanos;
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
        VpnSession session = new VpnSession(settings, out, nowNanos, epochSeconds, own);
        session.wrap.skipSendReplayIdsThrough(STATELESS_RESET_REPLAY_ID);
        session.state = State.CONNECTING;
        session.peer = client;
        KeyState ks = session.newKeyState(0, nowNanos);
        ks.channel.resumeAfterResets(client, Opcode.CONTROL_HARD_RESET_CLIENT_V2);
        return session;
    }

    /** Whether a packet with this first byte belongs to the data side (P_DATA_V1/V2). */
    public static boolean isDataPacket(int byte0) {
        Opcode op = Opcode.ofByte0(byte0);
        return op != null && op.isData();
    }

    public DataPlane dataPlane() {
        return data;
    }

    public DropCounts drops() {
        return drops;
    }

    public State state() {
        return state;
    }

    public Role role() {
        return settings.role();
    }

    /** This side's session id. */
    public SessionId sessionId() {
        return own;
    }

    /** The peer's session id, once known. */
    public SessionId peerSessionId() {
        return peer;
    }

    /** The negotiated data cipher, once connected. */
    public AeadAlgorithm cipher() {
        return cipher;
    }

    /** Whether data keys come from the TLS exporter. */
    public boolean usesTlsEkm() {
        return tlsEkm;
    }

    /** The key id new data packets go out with, or -1. */
    public int primaryKeyId() {
        return primary == null ? -1 : primary.keyId;
    }

    /** Server role: the peer-id to give this client if it speaks P_DATA_V2 (default 0). */
    public void assignPeerId(int id) {
        if (id < 0 || id >= 0xFFFFFF) {
            throw new IllegalArgumentException("peer-id " + id);
        }
        serverPeerId = id;
    }

    /** Client: sends the hard reset. Server: waits for the client's (receive starts it). */
    public void start(long nowNanos) {
        if (state != State.NEW) {
            return;
        }
        state = State.CONNECTING;
        if (settings.role() == Role.CLIENT) {
            KeyState ks = newKeyState(0, nowNanos);
            ks.channel.sendEmpty(Opcode.CONTROL_HARD_RESET_CLIENT_V2);
            flush(nowNanos);
        }
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
            fail("internal error on a control packet: " + e, false);
        }
        drops.count(why);
        return why;
    }

    private DropReason receiveChecked(byte[] buf, int off, int len, long nowNanos) {
        if (state == State.CLOSED || state == State.FAILED) {
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
        DropReason why = wrap.unwrap(buf, off, len, nowNanos, plain);
        if (why != null) {
            return why;
        }
        why = view.wrap(plain.bytes(), 0, plain.length());
        if (why != null) {
            return why;
        }
        Opcode op = view.opcode();
        boolean client = settings.role() == Role.CLIENT;
        if ((client && (op == Opcode.CONTROL_HARD_RESET_CLIENT_V2 || op == Opcode.CONTROL_HARD_RESET_CLIENT_V3))
                || (!client && op == Opcode.CONTROL_HARD_RESET_SERVER_V2)) {
            return SessionDrops.WRONG_ROLE_RESET;
        }
        if (op == Opcode.CONTROL_HARD_RESET_CLIENT_V3 || op == Opcode.CONTROL_WKC_V1) {
            return SessionDrops.BAD_OPCODE;
        }
        if (peer != null && view.sessionId() != peer.value()) {
            return SessionDrops.WRONG_SESSION;
        }
        int keyId = view.keyId();
        KeyState ks = keyStates[keyId];
        if (ks == null) {
            boolean firstClientReset = op == Opcode.CONTROL_HARD_RESET_CLIENT_V2 && keyId == 0 && keyStates[0] == null
                    && primary == null && (state == State.NEW || state == State.CONNECTING);
            if (firstClientReset) {
                state = State.CONNECTING;
                ks = newKeyState(0, nowNanos);
                ks.channel.sendEmpty(Opcode.CONTROL_HARD_RESET_SERVER_V2);
            } else if (op == Opcode.CONTROL_SOFT_RESET_V1) {
                if (primary == null || negotiating() != null || keyId != nextKeyId(primary.keyId)) {
                    return SessionDrops.KEY_ID_OUT_OF_SYNC;
                }
                ks = newKeyState(keyId, nowNanos);
                ks.channel.sendEmpty(Opcode.CONTROL_SOFT_RESET_V1);
            } else {
                return SessionDrops.UNKNOWN_KEY_ID;
            }
        }
        if (state == State.NEW) {
            return SessionDrops.UNKNOWN_KEY_ID;
        }
        why = ks.channel.receive(view, nowNanos);
        if (peer == null && ks.channel.peer() != null && why == null) {
            peer = ks.channel.peer();
        }
        if (why == null) {
            data.noteReceived(nowNanos);
        }
        progress(ks, nowNanos);
        flush(nowNanos);
        return why;
    }

    /** Runs the timers; returns when to call again at the latest. */
    public long tick(long nowNanos) {
        if (state == State.CLOSED || state == State.FAILED || state == State.NEW) {
            retireDue(nowNanos, state != State.NEW);
            return nowNanos + SECOND;
        }
        try {
            return tickChecked(nowNanos);
        } catch (RuntimeException e) {
            fail("internal error in the session timers: " + e, false);
            return nowNanos + SECOND;
        }
    }

    private long tickChecked(long nowNanos) {
        long wake = nowNanos + SECOND;
        retireDue(nowNanos, false);
        if (data.takePeerExited()) {
            out.event(new SessionEvent.PeerExited("OCC EXIT"));
            if (settings.role() == Role.CLIENT) {
                restart("server sent OCC EXIT");
                return wake;
            }
        }
        if (state == State.EXITING) {
            if (nowNanos - exitDeadline >= 0) {
                finishClose();
                return wake;
            }
            if (nowNanos - nextOccExit >= 0) {
                out.dataPayloadDue(DataPlane.ControlPayload.OCC_EXIT);
                nextOccExit = nowNanos + SECOND;
            }
            flush(nowNanos);
            return Math.min(wake, nextOccExit);
        }
        long handWindow = settings.handWindowSeconds() * SECOND;
        KeyState pending = negotiating();
        if (pending != null && nowNanos - pending.startedNanos >= handWindow) {
            restart("TLS key negotiation failed to occur within " + settings.handWindowSeconds() + " seconds");
            return wake;
        }
        if (settings.role() == Role.CLIENT && state == State.CONNECTING && pushStarted >= 0) {
            if (nowNanos - pushStarted >= handWindow) {
                restart("no reply from server to push requests");
                return wake;
            }
            if (nowNanos - nextPushRequest >= 0) {
                writeMessage(keyStates[0], "PUSH_REQUEST", nowNanos);
                nextPushRequest = nowNanos + SessionSettings.PUSH_REQUEST_INTERVAL_SECONDS * SECOND;
            }
            wake = Math.min(wake, nextPushRequest);
        }
        if (state == State.CONNECTED) {
            if (pingRestartNanos > 0 && nowNanos - data.lastReceivedNanos() >= pingRestartNanos) {
                restart("ping-restart: nothing from the peer for " + pingRestartNanos / SECOND + " seconds");
                return wake;
            }
            if (pingNanos > 0 && nowNanos - data.lastSentNanos() >= pingNanos && nowNanos - lastPingRequest >= pingNanos) {
                lastPingRequest = nowNanos;
                out.dataPayloadDue(DataPlane.ControlPayload.PING);
            }
            long renegNanos = settings.renegSeconds() * SECOND;
            if (pending == null && primary != null
                    && ((renegNanos > 0 && nowNanos - primary.activatedNanos >= renegNanos) || primary.context.needsRenegotiation())) {
                startRenegotiation(nowNanos);
            }
        }
        for (KeyState ks : keyStates) {
            if (ks != null) {
                progress(ks, nowNanos);
            }
        }
        flush(nowNanos);
        for (KeyState ks : keyStates) {
            if (ks != null) {
                wake = Math.min(wake, ks.channel.nextWakeNanos(nowNanos));
            }
        }
        return wake;
    }

    /**
     * Ends the session as explicit-exit-notify asks: the {@code EXIT} control message if cc-exit
     * was negotiated, else (UDP) OCC EXIT once a second for {@code explicit-exit-notify} seconds;
     * then {@link SessionEvent.Closed}. Without either it closes at once.
     */
    public void close(long nowNanos) {
        if (state == State.CLOSED || state == State.FAILED || state == State.EXITING) {
            return;
        }
        if (state == State.CONNECTED && settings.explicitExitNotify() > 0) {
            if (ccExit) {
                writeMessage(primary, "EXIT", nowNanos);
                progress(primary, nowNanos);
                flush(nowNanos);
                finishClose();
                return;
            }
            if (settings.transport() == OccOptionsString.Transport.UDP) {
                state = State.EXITING;
                exitDeadline = nowNanos + settings.explicitExitNotify() * SECOND;
                nextOccExit = nowNanos + SECOND;
                out.dataPayloadDue(DataPlane.ControlPayload.OCC_EXIT);
                return;
            }
        }
        finishClose();
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
        if (settings.role() != Role.SERVER || primary == null || pushedNanos != NEVER || clientInfo == null
                || !IvProto.has(clientInfo.ivProto(), IvProto.REQUEST_PUSH) || state == State.CLOSED || state == State.FAILED) {
            return false;
        }
        writePushReply(nowNanos);
        progress(primary, nowNanos);
        flush(nowNanos);
        return true;
    }

    private void writePushReply(long nowNanos) {
        pushedNanos = nowNanos;
        for (String reply : settings.pushReplySource().pushReply(clientInfo, cipher, tlsEkm, ccExit)) {
            writeMessage(primary, reply, nowNanos);
        }
    }

    /**
     * The common name of the peer's certificate as verified in the first key exchange, or null
     * before TLS finished. A server keys its client's address, client-config-dir file and
     * duplicate-cn rule on it, as OpenVPN does.
     */
    public String peerCommonName() {
        return peerCommonName;
    }

    /**
     * Sends a control-channel text message to the peer on the current key, e.g. a server's
     * {@code RESTART} before it shuts down, or {@code AUTH_FAILED,reason} before it refuses a
     * client. Ignored before keys exist or after the session ended.
     */
    public void tellPeer(String message, long nowNanos) {
        if (primary == null || state == State.CLOSED || state == State.FAILED) {
            return;
        }
        writeMessage(primary, message, nowNanos);
        progress(primary, nowNanos);
        flush(nowNanos);
    }

    /**
     * The runtime's transport is gone (a TCP connection closed or reset): the session cannot go on
     * and asks for a restart, as 2.6 does on "Connection reset".
     */
    public void transportFailed(String reason) {
        restart("transport failed: " + reason);
    }

    /**
     * Retires every data key at once. Call only once no data-plane thread uses this session any
     * more (after {@link SessionEvent.Closed}, {@link SessionEvent.Failed} or a restart); until
     * then retired keys are kept {@value #RETIRE_GRACE_NANOS} ns after they left the published set.
     */
    public void dispose() {
        data.publish(DataKeySet.EMPTY);
        for (KeyState ks : keyStates) {
            if (ks != null && ks.context != null) {
                ks.context.retire();
            }
        }
        retireDue(0, true);
        wrap.close();
    }

    // ---- key states -------------------------------------------------------------------------

    private KeyState newKeyState(int keyId, long nowNanos) {
        ControlChannel channel = ControlChannel.create(own, keyId, ControlChannel.DEFAULT_MAX_PACKET, wrap.overhead(),
                settings.tlsTimeoutSeconds() * SECOND);
        if (peer != null) {
            channel.expectPeer(peer);
        }
        KeyState ks = new KeyState(keyId, channel, nowNanos);
        keyStates[keyId] = ks;
        return ks;
    }

    /** The key state negotiating now (not yet active), or null. */
    private KeyState negotiating() {
        for (KeyState ks : keyStates) {
            if (ks != null && !ks.active()) {
                return ks;
            }
        }
        return null;
    }

    private static int nextKeyId(int keyId) {
        int next = (keyId + 1) & Opcode.KEY_ID_MASK;
        return next == 0 ? 1 : next;
    }

    private void startRenegotiation(long nowNanos) {
        int next = nextKeyId(primary.keyId);
        if (keyStates[next] != null) {
            retireKeyState(keyStates[next], nowNanos);
        }
        KeyState ks = newKeyState(next, nowNanos);
        ks.channel.sendEmpty(Opcode.CONTROL_SOFT_RESET_V1);
    }

    /** Starts TLS once the peer's reset arrived, pumps it, and moves key method 2 along. */
    private void progress(KeyState ks, long nowNanos) {
        if (state == State.FAILED || state == State.CLOSED) {
            return;
        }
        try {
            if (ks.tls == null) {
                if (ks.channel.firstReceivedOpcode() == null) {
                    return;
                }
                SSLEngine engine = settings.tlsProvider().newEngine(settings.tls());
                ks.tls = new TlsPump(engine, ks.channel);
                ks.tls.start();
            }
            for (int round = 0; round < 4; round++) {
                ks.tls.pump(record -> {
                    if (failAfterFlush == null) {
                        onRecord(ks, record, nowNanos);
                    }
                });
                if (state == State.FAILED || state == State.CLOSED) {
                    return;
                }
                if (ks.tls.handshakeDone() && ks.local == null && settings.role() == Role.CLIENT) {
                    sendKeyMethod2(ks);
                    continue;
                }
                break;
            }
            if (ks.tls.takeOverflow()) {
                drops.count(SessionDrops.TLS_OVERFLOW);
            }
            if (failAfterFlush != null) {
                flush(nowNanos);
                fail(failAfterFlush, true);
            }
        } catch (SSLException e) {
            ks.tls.flushAlert();
            flush(nowNanos);
            fail("TLS error: " + e.getMessage(), true);
        } catch (GeneralSecurityException e) {
            fail("TLS engine could not be made: " + e.getMessage(), true);
        }
    }

    private void sendKeyMethod2(KeyState ks) {
        boolean client = settings.role() == Role.CLIENT;
        byte[] preMaster = client ? randomBytes(KeyMethod2Message.PRE_MASTER_LENGTH) : null;
        byte[] r1 = randomBytes(KeyMethod2Message.RANDOM_LENGTH);
        byte[] r2 = randomBytes(KeyMethod2Message.RANDOM_LENGTH);
        String peerInfo = "";
        if (client) {
            ks.announcedEkm = settings.allowTlsEkm() && settings.tlsProvider().canExportKeyingMaterial(ks.tls.engine());
            int bits = IvProto.DATA_V2 | IvProto.REQUEST_PUSH | IvProto.CC_EXIT_NOTIFY
                    | (ks.announcedEkm ? IvProto.TLS_KEY_EXPORT : 0);
            PeerInfoBuilder info = new PeerInfoBuilder(settings.version(), settings.platform()).dataCiphers(settings.dataCiphers())
                    .ivProto(bits);
            settings.peerInfoExtra().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> info.put(e.getKey(), e.getValue()));
            peerInfo = info.build();
        }
        String options = OccOptionsString.build(settings.role(), settings.transport(), 1500, settings.tlsAuth());
        ks.local = new KeyMethod2Message(preMaster, r1, r2, options, "", "", peerInfo);
        java.util.Arrays.fill(r1, (byte) 0);
        java.util.Arrays.fill(r2, (byte) 0);
        if (preMaster != null) {
            java.util.Arrays.fill(preMaster, (byte) 0);
        }
        ks.tls.write(KeyMethod2Codec.write(ks.local));
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        settings.random().nextBytes(b);
        return b;
    }

    private void onRecord(KeyState ks, byte[] record, long nowNanos) {
        if (ks.peer == null) {
            boolean fromClient = settings.role() == Role.SERVER;
            KeyMethod2Codec.Read read = KeyMethod2Codec.read(record, 0, record.length, fromClient);
            java.util.Arrays.fill(record, (byte) 0);
            if (!read.ok()) {
                drops.count(read.reject());
                drops.count(SessionDrops.BAD_KEY_METHOD_2);
                fail("the peer's key-method-2 message was refused (" + read.reject().name() + ")", false);
                return;
            }
            ks.peer = read.message();
            if (fromClient) {
                serverOnClientKeyMethod2(ks, nowNanos);
            } else if (ks.keyId == 0 && primary == null) {
                pushStarted = nowNanos;
                nextPushRequest = nowNanos;
                writeMessage(ks, "PUSH_REQUEST", nowNanos);
                nextPushRequest = nowNanos + SessionSettings.PUSH_REQUEST_INTERVAL_SECONDS * SECOND;
            } else {
                activate(ks, nowNanos);
            }
            return;
        }
        ControlMessages.Split split = ControlMessages.split(record, 0, record.length);
        for (int i = 0; i < split.nonPrintable(); i++) {
            drops.count(ControlMessages.NON_PRINTABLE);
        }
        if (split.unterminated()) {
            drops.count(ControlMessages.UNTERMINATED);
        }
        if (split.tooLong()) {
            drops.count(ControlMessages.RECORD_TOO_LONG);
        }
        for (String message : split.messages()) {
            if (state == State.FAILED || state == State.CLOSED) {
                return;
            }
            if (settings.role() == Role.CLIENT) {
                clientMessage(ks, message, nowNanos);
            } else {
                serverMessage(ks, message, nowNanos);
            }
        }
    }

    private void clientMessage(KeyState ks, String message, long nowNanos) {
        ControlCommand command = ControlCommand.of(message);
        switch (command) {
            case PUSH_REPLY -> {
                if (primary != null || keyStates[0] == null || keyStates[0].peer == null) {
                    drops.count(SessionDrops.UNEXPECTED_MESSAGE);
                    return;
                }
                if (pushParser == null) {
                    pushParser = new PushReplyParser();
                }
                PushReplyParser.Status status = pushParser.feed(message);
                if (status == PushReplyParser.Status.FAILED) {
                    drops.count(pushParser.reject());
                    drops.count(SessionDrops.BAD_PUSH_REPLY);
                    fail("PUSH_REPLY refused: " + pushParser.detail(), true);
                } else if (status == PushReplyParser.Status.DONE) {
                    applyPushReply(keyStates[0], pushParser.reply(), nowNanos);
                }
            }
            case AUTH_FAILED -> fail("AUTH_FAILED" + suffix(ControlCommand.argument(command, message)), true);
            case RESTART -> restart("server sent RESTART" + suffix(ControlCommand.argument(command, message)));
            case HALT -> {
                out.event(new SessionEvent.Halted(ControlCommand.argument(command, message)));
                finishClose();
            }
            case EXIT -> {
                out.event(new SessionEvent.PeerExited("EXIT"));
                restart("server sent EXIT");
            }
            case INFO, INFO_PRE, AUTH_PENDING -> {
                // Informational for a client without auth-user-pass; 2.6 only logs them.
            }
            default -> drops.count(SessionDrops.UNEXPECTED_MESSAGE);
        }
    }

    private static String suffix(String argument) {
        return argument.isEmpty() ? "" : ": " + argument;
    }

    private void applyPushReply(KeyState ks, PushReply reply, long nowNanos) {
        CipherNegotiation.Choice choice = CipherNegotiation.clientAccept(settings.dataCiphers(), reply.cipher(), ks.peer.options());
        if (!choice.ok()) {
            fail(choice.failure(), true);
            return;
        }
        if (reply.useTlsEkm() && !ks.announcedEkm) {
            fail("the server asked for key-derivation tls-ekm, which this client did not offer", true);
            return;
        }
        cipher = choice.cipher();
        tlsEkm = reply.useTlsEkm();
        ccExit = reply.ccExit();
        peerId = reply.peerId();
        if (reply.ping() >= 0) {
            pingNanos = reply.ping() * SECOND;
        }
        if (reply.pingRestart() >= 0) {
            pingRestartNanos = reply.pingRestart() * SECOND;
        }
        if (activate(ks, nowNanos)) {
            out.event(new SessionEvent.Connected(reply, cipher, tlsEkm ? "tls-ekm" : "prf", peerId, protocol(ks)));
        }
    }

    private void serverOnClientKeyMethod2(KeyState ks, long nowNanos) {
        if (ks.keyId == 0 && primary == null) {
            peerCommonName = PeerCertificateName.commonName(ks.tls.engine());
            clientInfo = PeerInfo.parse(ks.peer.peerInfo());
            CipherNegotiation.Choice choice = CipherNegotiation.serverChoose(settings.dataCiphers(), clientInfo, ks.peer.options());
            if (!choice.ok()) {
                sendKeyMethod2(ks);
                writeMessage(ks, "AUTH_FAILED," + choice.failure(), nowNanos);
                // Fail only after the pump has put AUTH_FAILED on the wire (see progress).
                failAfterFlush = choice.failure();
                return;
            }
            cipher = choice.cipher();
            int ivProto = clientInfo.ivProto();
            tlsEkm = IvProto.has(ivProto, IvProto.TLS_KEY_EXPORT) && settings.allowTlsEkm()
                    && settings.tlsProvider().canExportKeyingMaterial(ks.tls.engine());
            ccExit = IvProto.has(ivProto, IvProto.CC_EXIT_NOTIFY);
            peerId = IvProto.has(ivProto, IvProto.DATA_V2) ? serverPeerId : -1;
        }
        sendKeyMethod2(ks);
        if (activate(ks, nowNanos) && ks.keyId == 0) {
            out.event(new SessionEvent.Connected(null, cipher, tlsEkm ? "tls-ekm" : "prf", peerId, protocol(ks)));
        }
    }

    private void serverMessage(KeyState ks, String message, long nowNanos) {
        ControlCommand command = ControlCommand.of(message);
        switch (command) {
            case PUSH_REQUEST -> {
                if (primary == null) {
                    drops.count(SessionDrops.UNEXPECTED_MESSAGE);
                    return;
                }
                if (pushedNanos != NEVER && nowNanos - pushedNanos < PUSH_REPEAT_NANOS) {
                    drops.count(SessionDrops.PUSH_REQUEST_REPEATED);
                    return;
                }
                writePushReply(nowNanos);
            }
            case EXIT -> {
                out.event(new SessionEvent.PeerExited("EXIT"));
                finishClose();
            }
            default -> drops.count(SessionDrops.UNEXPECTED_MESSAGE);
        }
    }

    private static String protocol(KeyState ks) {
        return ks.tls.engine().getSession().getProtocol();
    }

    /** Derives and installs the key of {@code ks}; the previous primary becomes the lame duck. */
    private boolean activate(KeyState ks, long nowNanos) {
        KeyMethod2Message clientMessage = settings.role() == Role.CLIENT ? ks.local : ks.peer;
        KeyMethod2Message serverMessage = settings.role() == Role.CLIENT ? ks.peer : ks.local;
        byte[] clientSid = new byte[SessionId.LENGTH];
        byte[] serverSid = new byte[SessionId.LENGTH];
        (settings.role() == Role.CLIENT ? own : peer).write(clientSid, 0);
        (settings.role() == Role.CLIENT ? peer : own).write(serverSid, 0);
        try {
            SSLEngine engine = ks.tls.engine();
            DirectionalKeys keys = tlsEkm
                    ? DataKeyDerivation.fromExporter((label, context, length) -> exportFrom(engine, label, context, length),
                            cipher, settings.role())
                    : DataKeyDerivation.fromPrf(clientMessage, serverMessage, clientSid, serverSid, cipher, settings.role());
            ks.context = new KeyContext(ks.keyId, keys, new ReplayWindow(), settings.aead());
        } catch (GeneralSecurityException e) {
            fail("data keys could not be derived: " + e.getMessage(), true);
            return false;
        } finally {
            ks.wipeNegotiation();
        }
        ks.activatedNanos = nowNanos;
        KeyState old = primary;
        if (old != null && old != ks) {
            if (lameDuck != null) {
                retireKeyState(lameDuck, nowNanos);
            }
            lameDuck = old;
        }
        primary = ks;
        publish();
        if (state == State.CONNECTING) {
            state = State.CONNECTED;
            data.noteReceived(nowNanos);
        } else if (old != null) {
            out.event(new SessionEvent.Renegotiated(ks.keyId, tlsEkm ? "tls-ekm" : "prf", protocol(ks)));
        }
        return true;
    }

    private byte[] exportFrom(SSLEngine engine, String label, byte[] context, int length) throws GeneralSecurityException {
        try {
            return settings.tlsProvider().exportKeyingMaterial(engine, label, context, length);
        } catch (SSLException e) {
            throw new GeneralSecurityException("TLS exporter: " + e.getMessage(), e);
        }
    }

    private void publish() {
        List<KeyContext> live = new ArrayList<>(2);
        live.add(primary.context);
        if (lameDuck != null && lameDuck.context != null) {
            live.add(lameDuck.context);
        }
        data.publish(new DataKeySet(live, primary.keyId, peerId));
    }

    private void retireKeyState(KeyState ks, long nowNanos) {
        keyStates[ks.keyId] = null;
        if (ks == lameDuck) {
            lameDuck = null;
        }
        ks.closeTls();
        ks.wipeNegotiation();
        if (primary != null && primary.context != null) {
            publish();
        }
        if (ks.context != null) {
            retiring.add(ks.context);
            retireAt.add(nowNanos + RETIRE_GRACE_NANOS);
        }
    }

    private void retireDue(long nowNanos, boolean all) {
        for (int i = retiring.size() - 1; i >= 0; i--) {
            if (all || nowNanos - retireAt.get(i) >= 0) {
                retiring.get(i).retire();
                retiring.remove(i);
                retireAt.remove(i);
            }
        }
    }

    // ---- sending ----------------------------------------------------------------------------

    private void writeMessage(KeyState ks, String message, long nowNanos) {
        if (ks == null || ks.tls == null) {
            return;
        }
        // Only queued: this runs inside the pump's record callback too; the pump (or the caller) writes it.
        ks.tls.write(ControlMessages.encode(message));
    }

    private void flush(long nowNanos) {
        for (KeyState ks : keyStates) {
            if (ks == null) {
                continue;
            }
            for (int i = 0; i < 64; i++) {
                ControlPacket p = ks.channel.poll(nowNanos);
                if (p == null) {
                    break;
                }
                int len = ControlPacketWriter.write(p, plainOut, 0);
                int wireLen = wrap.wrap(plainOut, 0, len, wireOut, 0);
                out.sendToPeer(wireOut, 0, wireLen);
            }
        }
    }

    // ---- endings ----------------------------------------------------------------------------

    private void restart(String reason) {
        if (state == State.CLOSED || state == State.FAILED) {
            return;
        }
        state = State.CLOSED;
        endNegotiations();
        out.event(new SessionEvent.Restart(reason));
    }

    private void fail(String reason, boolean fatal) {
        if (state == State.CLOSED || state == State.FAILED) {
            return;
        }
        state = State.FAILED;
        endNegotiations();
        out.event(new SessionEvent.Failed(reason, fatal));
    }

    private void finishClose() {
        if (state == State.CLOSED || state == State.FAILED) {
            return;
        }
        state = State.CLOSED;
        endNegotiations();
        out.event(new SessionEvent.Closed());
    }

    private void endNegotiations() {
        data.publish(DataKeySet.EMPTY);
        for (KeyState ks : keyStates) {
            if (ks != null) {
                ks.closeTls();
                ks.wipeNegotiation();
            }
        }
    }
}
