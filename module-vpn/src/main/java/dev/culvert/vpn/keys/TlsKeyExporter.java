package dev.culvert.vpn.keys;

import java.security.GeneralSecurityException;

/**
 * The RFC 5705 / RFC 8446 §7.5 keying-material exporter of one TLS session, as the TLS provider
 * offers it (JSSE from JDK 25, BouncyCastle's TLS API before). The data channel does not talk TLS
 * itself; whoever owns the TLS session hands this in.
 */
@FunctionalInterface
public interface TlsKeyExporter {
    /**
     * {@code length} bytes exported under {@code label}. {@code context} is {@code null} for "no
     * context", which in TLS 1.2 differs from an empty context.
     */
    byte[] export(String label, byte[] context, int length) throws GeneralSecurityException;
}
