package dev.culvert.vpn.session;

import dev.culvert.vpn.push.CipherNegotiation;
import dev.culvert.vpn.push.ControlCommand;
import dev.culvert.vpn.push.PushRejects;
import dev.culvert.vpn.push.PushReply;
import dev.culvert.vpn.push.PushReplyParser;
import dev.culvert.vpn.wire.Opcode;

/**
 * The client's side of a session: it opens with the hard reset, sends key method 2 first, then
 * asks for its configuration with PUSH_REQUEST every {@value SessionSettings#PUSH_REQUEST_INTERVAL_SECONDS}
 * s until the PUSH_REPLY settles cipher, key derivation and keepalive; it obeys the server's
 * AUTH_FAILED, RESTART, HALT and EXIT.
 */
final class ClientControl implements RoleControl {
    private static final long PUSH_REQUEST_INTERVAL_NANOS = SessionSettings.PUSH_REQUEST_INTERVAL_SECONDS * SessionContext.SECOND;
    /**
     * 2.6 says GET_CONFIG when its one-second coarse timer finds the keys up and no PUSH_REPLY
     * processed (forward.c check_connection_established): at the latest a second after the keys.
     */
    private static final long AWAITING_CONFIG_AFTER_NANOS = SessionContext.SECOND;

    private final SessionContext session;
    private PushReplyParser pushParser;
    private boolean pushRequested;
    private long pushStarted;
    private long nextPushRequest;

    ClientControl(SessionContext session) {
        this.session = session;
    }

    @Override
    public void start(long nowNanos) {
        KeyState ks = session.newKeyState(0, nowNanos);
        ks.channel.sendEmpty(Opcode.CONTROL_HARD_RESET_CLIENT_V2);
        session.flush(nowNanos);
    }

    @Override
    public boolean isOwnReset(Opcode op) {
        return op == Opcode.CONTROL_HARD_RESET_CLIENT_V2 || op == Opcode.CONTROL_HARD_RESET_CLIENT_V3;
    }

    @Override
    public boolean answerOpeningReset(Opcode op, int keyId, long nowNanos) {
        return false;
    }

    @Override
    public boolean sendsKeyMethod2First() {
        return true;
    }

    @Override
    public void onPeerKeyMethod2(KeyState ks, long nowNanos) {
        if (ks.keyId == 0 && session.keys.primary() == null) {
            pushRequested = true;
            pushStarted = nowNanos;
            session.write(ks, "PUSH_REQUEST");
            nextPushRequest = nowNanos + PUSH_REQUEST_INTERVAL_NANOS;
        } else {
            session.activate(ks, nowNanos);
        }
    }

    @Override
    public void onMessage(KeyState ks, String message, long nowNanos) {
        ControlCommand command = ControlCommand.of(message);
        switch (command) {
            case PUSH_REPLY -> onPushReply(message, nowNanos);
            case AUTH_FAILED -> session.authFailed("AUTH_FAILED" + suffix(ControlCommand.argument(command, message)));
            case RESTART -> session.restart("server sent RESTART" + suffix(ControlCommand.argument(command, message)));
            case HALT -> {
                session.out.event(new SessionEvent.Halted(ControlCommand.argument(command, message)));
                session.finishClose();
            }
            case EXIT -> {
                session.out.event(new SessionEvent.PeerExited("EXIT"));
                session.restart("server sent EXIT");
            }
            case INFO, INFO_PRE, AUTH_PENDING -> {
                // Informational for a client without auth-user-pass; 2.6 only logs them.
            }
            default -> session.drops.count(SessionDrops.UNEXPECTED_MESSAGE);
        }
    }

    @Override
    public void onPeerOccExit() {
        session.restart("server sent OCC EXIT");
    }

    @Override
    public long tick(long nowNanos, long wake) {
        if (session.state != VpnSession.State.CONNECTING || !pushRequested) {
            return wake;
        }
        if (nowNanos - pushStarted >= session.settings.common().timers().handWindowSeconds() * SessionContext.SECOND) {
            session.restart("no reply from server to push requests");
            return wake;
        }
        if (nowNanos - nextPushRequest >= 0) {
            session.write(session.keys.get(0), "PUSH_REQUEST");
            nextPushRequest = nowNanos + PUSH_REQUEST_INTERVAL_NANOS;
        }
        long next = Math.min(wake, nextPushRequest);
        long awaitingFrom = pushStarted + AWAITING_CONFIG_AFTER_NANOS;
        return nowNanos - awaitingFrom < 0 ? Math.min(next, awaitingFrom) : next;
    }

    @Override
    public boolean awaitingConfig(long nowNanos) {
        return session.state == VpnSession.State.CONNECTING && pushRequested && nowNanos - pushStarted >= AWAITING_CONFIG_AFTER_NANOS;
    }

    @Override
    public boolean pushEarly(long nowNanos) {
        return false;
    }

    private void onPushReply(String message, long nowNanos) {
        KeyState first = session.keys.get(0);
        if (session.keys.primary() != null && renewsToken(message)) {
            return;
        }
        if (session.keys.primary() != null || first == null || first.peer == null) {
            session.drops.count(SessionDrops.UNEXPECTED_MESSAGE);
            return;
        }
        if (pushParser == null) {
            pushParser = new PushReplyParser(session.settings.client().pushFilter());
        }
        PushReplyParser.Status status = pushParser.feed(message);
        if (status == PushReplyParser.Status.FAILED) {
            session.drops.count(pushParser.reject());
            session.drops.count(SessionDrops.BAD_PUSH_REPLY);
            // 2.6 restarts on an option its pull-filter rejects ("Offending option received from server"); a push it cannot read is fatal.
            session.fail("PUSH_REPLY refused: " + pushParser.detail(), pushParser.reject() != PushRejects.FILTERED);
        } else if (status == PushReplyParser.Status.DONE) {
            apply(first, pushParser.reply(), nowNanos);
        }
    }

    private void apply(KeyState ks, PushReply reply, long nowNanos) {
        CipherNegotiation.Choice choice = CipherNegotiation.clientAccept(session.settings.common().data().dataCiphers(), session.settings.common().data().fallback(),
                reply.cipher(), ks.peer.options());
        if (!choice.ok()) {
            session.fail(choice.failure(), true);
            return;
        }
        if (reply.useTlsEkm() && !ks.announcedEkm) {
            session.fail("the server asked for key-derivation tls-ekm, which this client did not offer", true);
            return;
        }
        NegotiatedParameters negotiated = session.negotiated;
        negotiated.settle(choice.cipher(), reply.useTlsEkm(), reply.ccExit(), reply.peerId());
        session.keepalive.override(reply.ping(), reply.pingRestart());
        ClientCredentials credentials = session.settings.client().credentials();
        if (credentials != null) {
            if (reply.authToken() != null) {
                credentials.tokenPushed(reply.authToken(), reply.authTokenUser());
            }
            credentials.connected();
        }
        if (session.activate(ks, nowNanos)) {
            session.out.event(new SessionEvent.Connected(reply, negotiated.cipher, negotiated.keyDerivation(), negotiated.peerId,
                    SessionContext.protocol(ks)));
        }
    }

    /**
     * A connected client's PUSH_REPLY that renews the auth-token (2.6's server sends
     * {@code PUSH_REPLY,auth-token …} when it renews a token at a renegotiation): the new token is
     * kept for the next key-method-2 message. Anything else after the first reply is unexpected.
     */
    private boolean renewsToken(String message) {
        ClientCredentials credentials = session.settings.client().credentials();
        if (credentials == null) {
            return false;
        }
        PushReplyParser parser = new PushReplyParser();
        if (parser.feed(message) != PushReplyParser.Status.DONE || parser.reply().authToken() == null) {
            return false;
        }
        credentials.tokenPushed(parser.reply().authToken(), parser.reply().authTokenUser());
        return true;
    }

    private static String suffix(String argument) {
        return argument.isEmpty() ? "" : ": " + argument;
    }
}
