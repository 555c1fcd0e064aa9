package dev.culvert.ssl.bc;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;

/**
 * Turns BCJSSE's failures, whose messages are alert names ("TlsFatalAlert: certificate_unknown(46)"),
 * into messages an operator acts on. The refusal this side's trust manager wrote wins; otherwise
 * the alert sent or received says what happened. The original exception stays the cause.
 */
final class HandshakeFailures {
    private HandshakeFailures() {
    }

    /**
     * @param refusal     why this side's trust manager refused the peer, or null
     * @param client      whether this side is the TLS client
     * @param handshaking whether the handshake had not yet finished (the result is then an {@link SSLHandshakeException})
     * @param versions    the versions this side allows, e.g. "TLSv1.2 to TLSv1.3", for version mismatches
     */
    static SSLException explain(SSLException failure, String refusal, boolean client, boolean handshaking, String versions) {
        String message = refusal != null ? refusal : fromAlert(failure, client, versions);
        if (message == null) {
            return failure;
        }
        SSLException explained = handshaking ? new SSLHandshakeException(message) : new SSLException(message);
        explained.initCause(failure);
        return explained;
    }

    private static String fromAlert(Throwable failure, boolean client, String versions) {
        String peer = client ? "server" : "client";
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TlsFatalAlertReceived received) {
                return received(received.getAlertDescription(), peer, client, versions);
            }
            if (t instanceof TlsFatalAlert sent) {
                return sent(sent.getAlertDescription(), peer, client, versions);
            }
        }
        return null;
    }

    private static String received(short alert, String peer, boolean client, String versions) {
        String said = " (the " + peer + " sent the TLS alert " + AlertDescription.getName(alert) + ")";
        return switch (alert) {
            case AlertDescription.certificate_required -> "the server requires a client certificate and this client sent none; configure cert and key" + said;
            case AlertDescription.bad_certificate, AlertDescription.unsupported_certificate, AlertDescription.certificate_unknown,
                    AlertDescription.unknown_ca, AlertDescription.certificate_expired, AlertDescription.certificate_revoked,
                    AlertDescription.access_denied ->
                    "the " + peer + " refused this " + (client ? "client" : "server") + "'s certificate; the " + peer
                            + "'s log says why (a ca that did not issue it, dates, or its key usage)" + said;
            case AlertDescription.protocol_version -> "the " + peer + " supports no TLS version this side allows (" + versions + ")" + said;
            case AlertDescription.handshake_failure, AlertDescription.insufficient_security ->
                    "the " + peer + " and this side share no cipher suite, group or signature scheme" + said;
            default -> "the TLS handshake failed" + said;
        };
    }

    private static String sent(short alert, String peer, boolean client, String versions) {
        String sent = " (TLS alert " + AlertDescription.getName(alert) + " sent)";
        return switch (alert) {
            case AlertDescription.certificate_required -> "the client sent no certificate, and this server requires one" + sent;
            case AlertDescription.protocol_version -> "the " + peer + " offered no TLS version this side allows (" + versions + ")" + sent;
            case AlertDescription.handshake_failure, AlertDescription.insufficient_security ->
                    "the " + peer + " and this side share no cipher suite, group or signature scheme" + sent;
            case AlertDescription.decrypt_error -> "the " + peer + "'s handshake signature or Finished message did not verify" + sent;
            default -> "the TLS handshake with the " + peer + " failed" + sent;
        };
    }
}
