package dev.culvert.ssl.conscrypt;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Turns Conscrypt's failures, whose messages are BoringSSL error strings
 * ("error:10000416:SSL routines:OPENSSL_internal:SSLV3_ALERT_CERTIFICATE_UNKNOWN"), into messages
 * an operator acts on. The refusal this side's trust manager wrote wins; otherwise the BoringSSL
 * reason says what happened. The original exception stays the cause.
 */
final class HandshakeFailures {
    private HandshakeFailures() {
    }

    /**
     * @param refusal     why this side's trust manager refused the peer, or null
     * @param client      whether this side is the TLS client
     * @param handshaking whether the handshake had not yet finished (the result is then an {@link SSLHandshakeException})
     * @param versions    the versions this side allows, e.g. "TLSv1.2 and TLSv1.3", for version mismatches
     */
    static SSLException explain(SSLException failure, String refusal, boolean client, boolean handshaking, String versions) {
        String message = refusal != null ? refusal : fromBoringSsl(allMessages(failure), client, versions);
        if (message == null) {
            return failure;
        }
        SSLException explained = handshaking ? new SSLHandshakeException(message) : new SSLException(message);
        explained.initCause(failure);
        return explained;
    }

    private static String allMessages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(t.getMessage()).append('\n');
        }
        return text.toString();
    }

    /** BoringSSL names a received alert {@code SSLV3_ALERT_*}, {@code TLSV1_ALERT_*} or {@code TLSV13_ALERT_*}; other reasons are this side's. */
    static String fromBoringSsl(String text, boolean client, String versions) {
        String peer = client ? "server" : "client";
        String self = client ? "client" : "server";
        String said = reason(text);
        if (said == null) {
            return null;
        }
        String tail = " (BoringSSL: " + said + ")";
        if (said.equals("TLSV13_ALERT_CERTIFICATE_REQUIRED") || said.equals("TLSV1_ALERT_CERTIFICATE_REQUIRED")) {
            return "the server requires a client certificate and this client sent none; configure cert and key" + tail;
        }
        if (said.equals("PEER_DID_NOT_RETURN_A_CERTIFICATE")) {
            return "the client sent no certificate, and this server requires one" + tail;
        }
        if (said.contains("ALERT_BAD_CERTIFICATE") || said.contains("ALERT_UNSUPPORTED_CERTIFICATE") || said.contains("ALERT_CERTIFICATE_UNKNOWN")
                || said.contains("ALERT_UNKNOWN_CA") || said.contains("ALERT_CERTIFICATE_EXPIRED") || said.contains("ALERT_CERTIFICATE_REVOKED")
                || said.contains("ALERT_ACCESS_DENIED")) {
            return "the " + peer + " refused this " + self + "'s certificate; the " + peer
                    + "'s log says why (a ca that did not issue it, dates, or its key usage)" + tail;
        }
        if (said.contains("PROTOCOL_VERSION") || said.equals("UNSUPPORTED_PROTOCOL")) {
            return "the " + peer + " supports no TLS version this side allows (" + versions + ")" + tail;
        }
        if (client && said.equals("SSLV3_ALERT_HANDSHAKE_FAILURE")) {
            // TLS 1.2 has no certificate_required alert: a server missing the client's certificate says handshake_failure.
            return "the server refused the handshake: either it requires a client certificate and this client sent none"
                    + " (configure cert and key), or it shares no cipher suite, group or signature scheme with this side" + tail;
        }
        if (said.contains("HANDSHAKE_FAILURE") || said.equals("NO_SHARED_CIPHER") || said.equals("NO_SHARED_GROUP")
                || said.contains("INSUFFICIENT_SECURITY") || said.equals("NO_COMMON_SIGNATURE_ALGORITHMS")) {
            return "the " + peer + " and this side share no cipher suite, group or signature scheme" + tail;
        }
        if (said.equals("BAD_SIGNATURE") || said.equals("DIGEST_CHECK_FAILED") || said.contains("ALERT_DECRYPT_ERROR")) {
            return "the " + peer + "'s handshake signature or Finished message did not verify" + tail;
        }
        return "the TLS handshake with the " + peer + " failed" + tail;
    }

    /** The reason after {@code OPENSSL_internal:} in a BoringSSL error string, or null. */
    private static String reason(String text) {
        String marker = "OPENSSL_internal:";
        int at = text.indexOf(marker);
        if (at < 0) {
            return null;
        }
        int start = at + marker.length();
        int end = start;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        return end > start ? text.substring(start, end) : null;
    }
}
