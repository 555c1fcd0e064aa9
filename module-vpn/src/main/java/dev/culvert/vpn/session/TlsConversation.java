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
                    if (session.failAfterFlush == null && peerAccepted(ks)) {
                        onRecord(ks, record, nowNanos);
                    }
                });
                if (session.over() || (ks.tls.handshakeDone() && !peerAccepted(ks))) {
                    return;
                }
                if (ks.tls.handshakeDone() && ks.local == null && session.role.sendsKeyMethod2First()) {
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
        if (session.over()) {
            return false; // refused already: further records of the same pump are not counted again
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
            session.drops.count(refusal.reason());
            common.certificateRefusals().count(refusal.reason());
            session.failTls("peer certificate refused (" + refusal.reason().name() + "): " + refusal.detail());
            return false;
        }
        ks.peerAccepted = true;
        return true;
    }

    private void onRecord(KeyState ks, byte[] record, long nowNanos) {
        if (ks.peer == null) {
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
