package dev.culvert.vpn.session;

import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.vpn.keys.KeyMethod2Codec;
import dev.culvert.vpn.push.ControlMessages;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * What runs over each key state's TLS session: TLS starts once the peer's reset arrived, the
 * first record each way is the key-method-2 message, and every record after it carries control
 * messages, which the {@link RoleControl} handles.
 */
final class TlsConversation {
    /** Pump rounds per call: enough for a record that answers a record (key method 2 after the handshake). */
    private static final int ROUNDS = 4;
    /** Records held for a key state whose peer certificates are being verified: more than a peer following the protocol sends then. */
    static final int MAX_HELD_RECORDS = 8;

    private final SessionContext session;

    TlsConversation(SessionContext session) {
        this.session = session;
    }

    /** Starts TLS once the peer's reset arrived, pumps it, and moves key method 2 along. */
    void progress(KeyState ks, long nowNanos) {
        if (session.over()) {
            return;
        }
        try {
            if (ks.tls == null) {
                if (ks.channel.firstReceivedOpcode() == null) {
                    return;
                }
                TlsProvider provider = TlsSource.resolve(session.settings.common().tlsProvider());
                SSLEngine engine = provider.newEngine(session.settings.common().tls());
                ks.tlsProvider = provider;
                ks.tls = new TlsPump(engine, ks.channel);
                ks.tls.start();
            }
            for (int round = 0; round < ROUNDS; round++) {
                ks.tls.pump(record -> {
                    if (session.failAfterFlush != null) {
                        return;
                    }
                    if (peerAccepted(ks)) {
                        onRecord(ks, record, nowNanos);
                    } else if (ks.verifyingTicket != 0) {
                        hold(ks, record);
                    }
                });
                if (session.over() || (ks.tls.handshakeDone() && !peerAccepted(ks))) {
                    return;
                }
                if (ks.tls.handshakeDone() && !ks.sentKeyMethod2() && session.role.sendsKeyMethod2First()) {
                    session.sendKeyMethod2(ks);
                    continue;
                }
                break;
            }
            if (ks.tls.takeOverflow()) {
                session.drops.count(SessionDrops.TLS_OVERFLOW);
            }
            if (session.failAfterFlush != null) {
                session.flush(nowNanos);
                session.fail(session.failAfterFlush, true);
            }
        } catch (SSLException e) {
            ks.tls.flushAlert();
            session.flush(nowNanos);
            session.failTls("TLS error: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            session.fail("TLS engine could not be made: " + e.getMessage(), true);
        }
    }

    /**
     * The certificate policy and the identity lock, once per key state as soon as its handshake
     * finished: here, after TLS and before key method 2 either way, so the one check serves both
     * TLS providers and every renegotiation, and a refused peer never gets a data key. A refusal is
     * counted (in the session's drops and the configuration's certificate refusals) and fails the
     * session, with the reason in the {@link SessionEvent.Failed} event the runtime logs.
     */
    private boolean peerAccepted(KeyState ks) {
        if (ks.peerAccepted) {
            return true;
        }
        if (session.over() || ks.verifyingTicket != 0) {
            return false; // refused already (further records of the same pump are not counted again), or waiting for the verifier
        }
        List<X509Certificate> chain = PeerCertificateName.chain(ks.tls.engine());
        CommonSettings common = session.settings.common();
        // A server that does not demand a certificate (verify-client-cert optional or none) checks one only when it comes, as 2.6.
        boolean noneDemanded = chain.isEmpty() && !common.tls().client() && !common.tls().requirePeerCertificate();
        PeerRefusal refusal = noneDemanded ? null : common.peerPolicy().check(chain);
        if (refusal == null) {
            refusal = session.identity.check(ks.keyId, chain);
        }
        if (refusal != null) {
            refuse(refusal);
            return false;
        }
        // 2.6 calls tls-verify for each certificate it verifies; with none sent (verify-client-cert optional or none) there is no call.
        if (!chain.isEmpty() && common.peerVerifier() != PeerCertificateVerifier.NONE) {
            ks.verifyingTicket = ++session.verifyTickets;
            session.out.event(new SessionEvent.CertificateToVerify(ks.keyId, ks.verifyingTicket, chain, common.peerVerifier()));
            return false;
        }
        ks.peerAccepted = true;
        return true;
    }

    private void refuse(PeerRefusal refusal) {
        CommonSettings common = session.settings.common();
        session.drops.count(refusal.reason());
        common.certificateRefusals().count(refusal.reason());
        session.failTls("peer certificate refused (" + refusal.reason().name() + "): " + refusal.detail());
    }

    /** Keeps a record that came while the peer's certificates were being verified; too many fail the session. */
    private void hold(KeyState ks, byte[] record) {
        if (ks.heldRecords.size() >= MAX_HELD_RECORDS) {
            session.drops.count(SessionDrops.TOO_MANY_WHILE_VERIFYING);
            session.fail("the peer sent more than " + MAX_HELD_RECORDS + " TLS records while its certificate was being verified", false);
            return;
        }
        ks.heldRecords.add(record);
    }

    /**
     * The verifier's answer for the wait {@code ticket}: a refusal is counted and fails the session
     * as the policy's would; a pass takes the records held meanwhile and moves key method 2 along.
     *
     * @return false if no key state waits with that ticket any more (it timed out, or the session ended)
     */
    boolean verified(long ticket, PeerRefusal refusal, long nowNanos) {
        KeyState ks = session.keys.verifying(ticket);
        if (ks == null || session.over()) {
            return false;
        }
        ks.verifyingTicket = 0;
        if (refusal != null) {
            ks.heldRecords.clear();
            refuse(refusal);
            return true;
        }
        ks.peerAccepted = true;
        List<byte[]> held = List.copyOf(ks.heldRecords);
        ks.heldRecords.clear();
        for (byte[] record : held) {
            if (session.over() || session.failAfterFlush != null) {
                break;
            }
            onRecord(ks, record, nowNanos);
        }
        progress(ks, nowNanos);
        return true;
    }

    private void onRecord(KeyState ks, byte[] record, long nowNanos) {
        if (!ks.receivedKeyMethod2()) {
            KeyMethod2Codec.Read read = session.exchange.readPeer(record);
            if (!read.ok()) {
                session.drops.count(read.reject());
                session.drops.count(SessionDrops.BAD_KEY_METHOD_2);
                session.fail("the peer's key-method-2 message was refused (" + read.reject().name() + ")", false);
                return;
            }
            ks.peer = read.message();
            session.role.onPeerKeyMethod2(ks, nowNanos);
            return;
        }
        ControlMessages.Split split = ControlMessages.split(record, 0, record.length);
        for (int i = 0; i < split.nonPrintable(); i++) {
            session.drops.count(ControlMessages.NON_PRINTABLE);
        }
        if (split.unterminated()) {
            session.drops.count(ControlMessages.UNTERMINATED);
        }
        if (split.tooLong()) {
            session.drops.count(ControlMessages.RECORD_TOO_LONG);
        }
        for (String message : split.messages()) {
            if (session.over()) {
                return;
            }
            session.role.onMessage(ks, message, nowNanos);
        }
    }
}
