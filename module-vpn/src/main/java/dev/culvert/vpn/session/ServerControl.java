package dev.culvert.vpn.session;

import dev.culvert.vpn.keys.Credentials;
import dev.culvert.vpn.keys.IvProto;
import dev.culvert.vpn.keys.PeerInfo;
import dev.culvert.vpn.push.CipherNegotiation;
import dev.culvert.vpn.push.ControlCommand;
import dev.culvert.vpn.wire.Opcode;
import java.util.List;

/**
 * The server's side of a session: it waits for the client's hard reset, answers key method 2,
 * chooses the cipher and key derivation from the client's first key-method-2 message (its
 * peer-info), and sends the PUSH_REPLY on PUSH_REQUEST, or unasked to a client that allows it.
 * When the runtime checks usernames and passwords, each key waits for its verdict before its data
 * keys are made (2.6's deferred key generation): a refused client never gets a data channel.
 */
final class ServerControl implements RoleControl {
    private static final long NEVER = Long.MIN_VALUE;
    /** 2.6 answers a repeated PUSH_REQUEST only this long after its last PUSH_REPLY. */
    private static final long PUSH_REPEAT_NANOS = 30 * SessionContext.SECOND;

    private final SessionContext session;
    private final PushReplySource pushReplySource;
    private PeerInfo clientInfo;
    /** When the PUSH_REPLY went out, {@link #NEVER} before. */
    private long pushedNanos = NEVER;
    /** The key whose credentials the runtime is checking, or null. */
    private KeyState awaitingVerdict;
    /** A PUSH_REQUEST came before the runtime could answer it (a verdict or a connect hook pending): answer it once it can. */
    private boolean pushAsked;

    ServerControl(SessionContext session) {
        this.session = session;
        this.pushReplySource = session.settings.server().pushReplySource();
    }

    @Override
    public void start(long nowNanos) {
        // The client's hard reset starts it.
    }

    @Override
    public boolean isOwnReset(Opcode op) {
        return op == Opcode.CONTROL_HARD_RESET_SERVER_V2;
    }

    /** The client's first reset (key id 0, no key yet) is answered with the server's; any other is not opening. */
    @Override
    public boolean answerOpeningReset(Opcode op, int keyId, long nowNanos) {
        return answerClientReset(session, op, keyId, nowNanos);
    }

    /** What a TLS server (multi-client or point-to-point) does with a reset that may open the session. */
    static boolean answerClientReset(SessionContext session, Opcode op, int keyId, long nowNanos) {
        VpnSession.State state = session.state;
        if (op != Opcode.CONTROL_HARD_RESET_CLIENT_V2 || keyId != 0 || session.keys.primary() != null
                || (state != VpnSession.State.NEW && state != VpnSession.State.CONNECTING)) {
            return false;
        }
        session.state = VpnSession.State.CONNECTING;
        session.newKeyState(0, nowNanos).channel.sendEmpty(Opcode.CONTROL_HARD_RESET_SERVER_V2);
        return true;
    }

    @Override
    public boolean sendsKeyMethod2First() {
        return false;
    }

    @Override
    public void onPeerKeyMethod2(KeyState ks, long nowNanos) {
        boolean first = ks.keyId == 0 && session.keys.primary() == null;
        if (first && !chooseParameters(ks)) {
            return;
        }
        session.sendKeyMethod2(ks);
        if (session.settings.server().checksCredentials()) {
            awaitingVerdict = ks;
            Credentials sent = ks.peer.credentials();
            session.out.event(new SessionEvent.CredentialsToCheck(ks.keyId,
                    sent == null ? Credentials.of("", "") : sent.remappedCopy(), clientInfo));
            return;
        }
        install(ks, nowNanos);
    }

    private void install(KeyState ks, long nowNanos) {
        if (session.activate(ks, nowNanos) && ks.keyId == 0) {
            NegotiatedParameters negotiated = session.negotiated;
            session.out.event(new SessionEvent.Connected(null, negotiated.cipher, negotiated.keyDerivation(), negotiated.peerId,
                    SessionContext.protocol(ks)));
        }
    }

    /**
     * The runtime's verdict on the credentials of {@code keyId}: an accepted key gets its data
     * keys, a refused one ends the session after {@code AUTH_FAILED[,clientReason]} is on the
     * wire. False if no key of that id waits any more (it timed out, or the session ended).
     */
    @Override
    public boolean credentialsChecked(int keyId, boolean accepted, String clientReason, long nowNanos) {
        KeyState ks = awaitingVerdict;
        if (ks == null || ks.keyId != keyId || session.keys.get(keyId) != ks || session.over()) {
            return false;
        }
        awaitingVerdict = null;
        if (accepted) {
            install(ks, nowNanos);
            session.sealWithNewKeyOnceEstablished(nowNanos);
            session.flush(nowNanos);
            return true;
        }
        session.write(ks, clientReason == null ? "AUTH_FAILED" : "AUTH_FAILED," + clientReason);
        session.failAfterFlush = "the client's username and password were refused";
        session.sendNow(ks, nowNanos);
        return true;
    }

    /** Settles cipher, key derivation, cc-exit and peer-id from the client's first message; false if it failed. */
    private boolean chooseParameters(KeyState ks) {
        session.negotiated.peerCommonName = PeerCertificateName.commonName(ks.tls.engine());
        clientInfo = PeerInfo.parse(ks.peer.peerInfo());
        CipherNegotiation.Choice choice = CipherNegotiation.serverChoose(session.settings.common().data().dataCiphers(), session.settings.common().data().fallback(),
                clientInfo, ks.peer.options());
        if (!choice.ok()) {
            session.sendKeyMethod2(ks);
            session.write(ks, "AUTH_FAILED," + choice.failure());
            // Fail only after the pump has put AUTH_FAILED on the wire (see VpnSession.progress).
            session.failAfterFlush = choice.failure();
            return false;
        }
        int ivProto = clientInfo.ivProto();
        boolean tlsEkm = IvProto.has(ivProto, IvProto.TLS_KEY_EXPORT) && session.canUseTlsEkm(ks);
        session.negotiated.settle(choice.cipher(), tlsEkm, IvProto.has(ivProto, IvProto.CC_EXIT_NOTIFY),
                IvProto.has(ivProto, IvProto.DATA_V2) ? session.negotiated.assignedPeerId : -1);
        return true;
    }

    @Override
    public void onMessage(KeyState ks, String message, long nowNanos) {
        ControlCommand command = ControlCommand.of(message);
        switch (command) {
            case PUSH_REQUEST -> {
                if (session.keys.primary() == null && awaitingVerdict != null) {
                    // 2.6 holds a PUSH_REQUEST back while authentication is deferred; so does this.
                    pushAsked = true;
                    return;
                }
                if (session.keys.primary() == null) {
                    session.drops.count(SessionDrops.UNEXPECTED_MESSAGE);
                    return;
                }
                if (pushedNanos != NEVER && nowNanos - pushedNanos < PUSH_REPEAT_NANOS) {
                    session.drops.count(SessionDrops.PUSH_REQUEST_REPEATED);
                    return;
                }
                writePushReply(nowNanos);
            }
            case EXIT -> {
                session.out.event(new SessionEvent.PeerExited("EXIT"));
                session.finishClose();
            }
            default -> session.drops.count(SessionDrops.UNEXPECTED_MESSAGE);
        }
    }

    @Override
    public PeerInfo peerInfo() {
        return clientInfo;
    }

    @Override
    public void onPeerOccExit() {
        // A client leaving is the runtime's business; the event says so.
    }

    @Override
    public long tick(long nowNanos, long wake) {
        return wake;
    }

    /**
     * Sends the PUSH_REPLY unasked if the client announced IV_PROTO_REQUEST_PUSH, as 2.6 does once
     * the client is authenticated, or if it asked while its credentials were being checked.
     */
    @Override
    public boolean pushEarly(long nowNanos) {
        KeyState primary = session.keys.primary();
        if (primary == null || pushedNanos != NEVER || clientInfo == null
                || !(pushAsked || IvProto.has(clientInfo.ivProto(), IvProto.REQUEST_PUSH)) || session.over()) {
            return false;
        }
        if (!writePushReply(nowNanos)) {
            return false;
        }
        session.sendNow(primary, nowNanos);
        return true;
    }

    /** Writes the PUSH_REPLY; false if the runtime has none yet (the request is held until it has). */
    private boolean writePushReply(long nowNanos) {
        NegotiatedParameters negotiated = session.negotiated;
        List<String> replies = pushReplySource.pushReply(clientInfo, negotiated.cipher, negotiated.tlsEkm, negotiated.ccExit);
        if (replies == null) {
            pushAsked = true;
            return false;
        }
        pushedNanos = nowNanos;
        for (String reply : replies) {
            session.write(session.keys.primary(), reply);
        }
        return true;
    }
}
