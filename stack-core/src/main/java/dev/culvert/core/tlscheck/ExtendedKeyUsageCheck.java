package dev.culvert.core.tlscheck;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * OpenVPN's {@code remote-cert-eku} on the peer's own certificate, as 2.6 checks it with OpenSSL:
 * the Extended Key Usage extension must list the purpose, named either by its dotted OID or by the
 * long name OpenSSL prints for it (e.g. {@code "TLS Web Server Authentication"}, which is what
 * {@code remote-cert-tls server} asks for). OpenSSL's short names ({@code serverAuth}) do not
 * match in 2.6, and do not here.
 */
public final class ExtendedKeyUsageCheck {
    /** OpenSSL's long names of the purposes it knows, by OID. */
    private static final Map<String, String> LONG_NAMES = Map.ofEntries(
            Map.entry("1.3.6.1.5.5.7.3.1", "TLS Web Server Authentication"),
            Map.entry("1.3.6.1.5.5.7.3.2", "TLS Web Client Authentication"),
            Map.entry("1.3.6.1.5.5.7.3.3", "Code Signing"),
            Map.entry("1.3.6.1.5.5.7.3.4", "E-mail Protection"),
            Map.entry("1.3.6.1.5.5.7.3.5", "IPSec End System"),
            Map.entry("1.3.6.1.5.5.7.3.6", "IPSec Tunnel"),
            Map.entry("1.3.6.1.5.5.7.3.7", "IPSec User"),
            Map.entry("1.3.6.1.5.5.7.3.8", "Time Stamping"),
            Map.entry("1.3.6.1.5.5.7.3.9", "OCSP Signing"),
            Map.entry("1.3.6.1.5.5.7.3.17", "ipsec Internet Key Exchange"),
            Map.entry("2.5.29.37.0", "Any Extended Key Usage"),
            Map.entry("1.3.6.1.4.1.311.10.3.3", "Microsoft Server Gated Crypto"),
            Map.entry("2.16.840.1.113730.4.1", "Netscape Server Gated Crypto"));

    private ExtendedKeyUsageCheck() {
    }

    /** The name OpenSSL prints for {@code oid}, or the OID itself. */
    public static String displayName(String oid) {
        return LONG_NAMES.getOrDefault(oid, oid);
    }

    /**
     * Why {@code leaf} fails, or null if it passes.
     *
     * @param purpose   a dotted OID or OpenSSL's long name
     * @param who       names the certificate, e.g. "server certificate CN=vpn"
     * @param directive the line that asks, e.g. "remote-cert-tls server", for the message
     */
    public static String problem(X509Certificate leaf, String purpose, String who, String directive) {
        List<String> listed;
        try {
            listed = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            return who + " has an unreadable Extended Key Usage extension (" + directive + ")";
        }
        if (listed != null) {
            for (String oid : listed) {
                if (oid.equals(purpose) || displayName(oid).equals(purpose)) {
                    return null;
                }
            }
        }
        return who + " has no " + displayName(purpose) + " EKU (" + directive + ")";
    }
}
