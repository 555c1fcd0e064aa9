package dev.culvert.core.tlscheck;

import dev.culvert.spi.tls.RequiredPeerUsage;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * OpenVPN's {@code remote-cert-tls server|client} on the peer's own certificate, as OpenVPN 2.6
 * applies it: a Key Usage extension must be present (its bits are the TLS library's to check
 * against the negotiated key exchange) and the Extended Key Usage extension must list serverAuth,
 * resp. clientAuth. A certificate without any EKU passes ordinary TLS checks but not this one,
 * which is the point: a client certificate of the same CA must not pass for the server's. Netscape
 * certificate types are not consulted (OpenVPN 2.6 dropped {@code ns-cert-type}).
 */
public final class PeerUsageCheck {
    private PeerUsageCheck() {
    }

    /** Why {@code leaf} fails {@code required}, or null if it passes. {@code who} reads like "server certificate CN=vpn". */
    public static String problem(X509Certificate leaf, RequiredPeerUsage required, String who) {
        if (required == RequiredPeerUsage.ANY) {
            return null;
        }
        if (leaf.getKeyUsage() == null) {
            return who + " has no Key Usage extension (" + required.directive() + " requires one)";
        }
        List<String> extendedUsages;
        try {
            extendedUsages = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            return who + " has an unreadable Extended Key Usage extension (" + required.directive() + ")";
        }
        if (extendedUsages == null || !extendedUsages.contains(required.extendedKeyUsageOid())) {
            return who + " has no " + required.displayName() + " EKU (" + required.directive() + ")";
        }
        return null;
    }
}
