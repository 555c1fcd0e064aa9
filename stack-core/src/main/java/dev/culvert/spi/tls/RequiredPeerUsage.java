package dev.culvert.spi.tls;

/**
 * What the peer's own (leaf) certificate must be issued for, beyond chaining to a trust anchor:
 * OpenVPN's {@code remote-cert-tls server|client}. It stops one client, whose certificate the
 * same CA signed, from posing as the server.
 *
 * <p>As OpenVPN 2.6 does for {@code remote-cert-tls} (its {@code remote-cert-ku} with no value
 * plus {@code remote-cert-eku}): the certificate must carry a Key Usage extension (its bits are
 * left to the TLS library's own checks) and an Extended Key Usage extension listing the purpose.
 * The legacy Netscape certificate type ({@code ns-cert-type}) is not consulted here: it is a
 * directive of its own, checked with OpenVPN's other certificate directives after the handshake.
 */
public enum RequiredPeerUsage {
    /** No requirement beyond the chain (no {@code remote-cert-tls}). */
    ANY(null, null),
    /** {@code remote-cert-tls server}: EKU serverAuth, 1.3.6.1.5.5.7.3.1. */
    TLS_SERVER("1.3.6.1.5.5.7.3.1", "TLS Web Server Authentication"),
    /** {@code remote-cert-tls client}: EKU clientAuth, 1.3.6.1.5.5.7.3.2. */
    TLS_CLIENT("1.3.6.1.5.5.7.3.2", "TLS Web Client Authentication");

    private final String extendedKeyUsageOid;
    private final String displayName;

    RequiredPeerUsage(String extendedKeyUsageOid, String displayName) {
        this.extendedKeyUsageOid = extendedKeyUsageOid;
        this.displayName = displayName;
    }

    /** The Extended Key Usage OID the peer's certificate must list; null for {@link #ANY}. */
    public String extendedKeyUsageOid() {
        return extendedKeyUsageOid;
    }

    /** The purpose as OpenSSL and OpenVPN print it, e.g. {@code TLS Web Server Authentication}; null for {@link #ANY}. */
    public String displayName() {
        return displayName;
    }

    /** The OpenVPN directive that asks for this, e.g. {@code remote-cert-tls server}; null for {@link #ANY}. */
    public String directive() {
        return switch (this) {
            case ANY -> null;
            case TLS_SERVER -> "remote-cert-tls server";
            case TLS_CLIENT -> "remote-cert-tls client";
        };
    }
}
