package dev.culvert.core.tlscheck;

import dev.culvert.spi.tls.RequiredPeerUsage;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * OpenVPN's {@code remote-cert-tls server|client} on the peer's own certificate, as OpenVPN 2.6
 * applies it: a Key Usage extension must be present (its bits are the TLS library's to check
 * against the negotiated key exchange) and the Extended Key Usage extension must list serverAuth,
 * resp. clientAuth. A certificate without any EKU passes ordinary TLS checks but not this one,
 * which is the point: a client certificate of the same CA must not pass for the server's. It is
 * {@link KeyUsageCheck} without values plus {@link ExtendedKeyUsageCheck}, as in 2.6. Netscape
 * certificate types are not consulted ({@code ns-cert-type} is a separate directive).
 */
public final class PeerUsageCheck {
    private PeerUsageCheck() {
    }

    /** Why {@code leaf} fails {@code required}, or null if it passes. {@code who} reads like "server certificate CN=vpn". */
    public static String problem(X509Certificate leaf, RequiredPeerUsage required, String who) {
        if (required == RequiredPeerUsage.ANY) {
            return null;
        }
        String problem = KeyUsageCheck.problem(leaf, List.of(), who, required.directive());
        return problem != null ? problem : ExtendedKeyUsageCheck.problem(leaf, required.extendedKeyUsageOid(), who, required.directive());
    }
}
