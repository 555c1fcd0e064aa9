package dev.culvert.vpn.session;

import dev.culvert.vpn.keys.PeerInfo;
import dev.culvert.vpn.keys.Role;
import dev.culvert.vpn.push.ControlCommand;
import dev.culvert.vpn.push.PeerToPeerNegotiation;
import dev.culvert.vpn.wire.Opcode;
import javax.net.ssl.SSLException;

/**
 * A point-to-point peer's side of a session (2.6's {@code tls-server} or {@code tls-client}
 * without {@code server}, {@code client} or {@code pull}): it opens (TLS client) or answers (TLS
 * server) the hard reset and key method 2 as that TLS role does, then settles cipher, key
 * derivation and peer-id from the peer's key-method-2 message by {@link PeerToPeerNegotiation}
 * and installs keys at once: there is no PUSH_REQUEST and no PUSH_REPLY. Renegotiation is the
 * façade's, as for the other roles. The peer's {@code EXIT} or OCC EXIT restarts the session, as
 * 2.6 does.
 */
final class PeerToPeerControl implements RoleControl {
    private final SessionContext session;
    private final boolean tlsClient;

    PeerToPeerControl(SessionContext session, Role tlsRole) {
        this.session = session;
        this.tlsClient = tlsRole == Role.CLIENT;
    }

    @Override
    public void start(long nowNanos) {
        if (tlsClient) {
            session.newKeyState(0, nowNanos).channel.sendEmpty(Opcode.CONTROL_HARD_RESET_CLIENT_V2);
            session.flush(nowNanos);
        }
    }

    @Override
    public boolean isOwnReset(Opcode op) {
        return tlsClient
                ? op == Opcode.CONTROL_HARD_RESET_CLIENT_V2 || op == Opcode.CONTROL_HARD_RESET_CLIENT_V3
                : op == Opcode.CONTROL_HARD_RESET_SERVER_V2;
    }

    @Override
    public boolean answerOpeningReset(Opcode op, int keyId, long nowNanos) {
        return !tlsClient && ServerControl.answerClientReset(session, op, keyId, nowNanos);
    }

    @Override
    public boolean sendsKeyMethod2First() {
        return tlsClient;
    }

    @Override
    public void onPeerKeyMethod2(KeyState ks, long nowNanos) {
        boolean first = ks.keyId == 0 && session.keys.primary() == null;
        if (!tlsClient) {
            session.sendKeyMethod2(ks);
        }
        if (first && !negotiate(ks)) {
            return;
        }
        if (session.activate(ks, nowNanos) && first) {
            NegotiatedParameters negotiated = session.negotiated;
            session.out.event(new SessionEvent.Connected(null, negotiated.cipher, negotiated.keyDerivation(), negotiated.peerId,
                    SessionContext.protocol(ks)));
        }
    }

    /** Settles the session's parameters from the peer's first message (this side's is out); false if it failed. */
    private boolean negotiate(KeyState ks) {
        session.negotiated.peerCommonName = PeerCertificateName.commonName(ks.tls.engine());
        PeerToPeerNegotiation.Outcome outcome = PeerToPeerNegotiation.negotiate(session.settings.common().data().dataCiphers(), session.settings.common().data().fallback(),
                !tlsClient, ks.announcedEkm, PeerInfo.parse(ks.peer.peerInfo()));
        if (!outcome.ok()) {
            session.drops.count(SessionDrops.NO_SHARED_CIPHER);
            // Fail only after the pump put this side's key-method-2 message on the wire, so the peer learns the same.
            session.failAfterFlush = outcome.failure();
            return false;
        }
        int peerId = -1;
        if (outcome.peerId()) {
            peerId = PeerToPeerNegotiation.FIXED_PEER_ID;
            if (outcome.tlsEkm()) {
                try {
                    byte[] id = ks.tlsProvider.exportKeyingMaterial(ks.tls.engine(), PeerToPeerNegotiation.PEER_ID_LABEL, null,
                            PeerToPeerNegotiation.PEER_ID_LENGTH);
                    peerId = (id[0] & 0xff) << 16 | (id[1] & 0xff) << 8 | id[2] & 0xff;
                } catch (SSLException | RuntimeException e) {
                    // 2.6 goes on with the fixed id ("expect problems"); the data keys will fail alike if the exporter does.
                    session.drops.count(SessionDrops.PEER_ID_EXPORT_FAILED);
                }
            }
        }
        session.negotiated.settle(outcome.cipher(), outcome.tlsEkm(), false, peerId);
        return true;
    }

    @Override
    public void onMessage(KeyState ks, String message, long nowNanos) {
        if (ControlCommand.of(message) == ControlCommand.EXIT) {
            session.out.event(new SessionEvent.PeerExited("EXIT"));
            session.restart("the peer sent EXIT");
        } else {
            session.drops.count(SessionDrops.UNEXPECTED_MESSAGE);
        }
    }

    @Override
    public void onPeerOccExit() {
        session.restart("the peer sent OCC EXIT");
    }

    @Override
    public long tick(long nowNanos, long wake) {
        return wake;
    }

    @Override
    public boolean pushEarly(long nowNanos) {
        return false;
    }
}
