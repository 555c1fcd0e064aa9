package dev.culvert.vpn.keys;

import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The modern data-key derivation (ssl.c {@code generate_key_expansion_tls_export}), used when the
 * peers negotiated {@code key-derivation tls-ekm} or {@code protocol-flags … tls-ekm}: key2 is
 * simply 256 bytes of the TLS exporter of that key_state's TLS session, label
 * {@value #LABEL}, no context.
 */
public final class ExporterKeyDerivation {
    public static final String LABEL = "EXPORTER-OpenVPN-datakeys";

    private ExporterKeyDerivation() {
    }

    /** The 256-byte key2 block from {@code exporter}. The caller wipes it. */
    public static byte[] key2(TlsKeyExporter exporter) throws GeneralSecurityException {
        byte[] key2 = exporter.export(LABEL, null, Key2Splitter.KEY2_LENGTH);
        if (key2 == null || key2.length != Key2Splitter.KEY2_LENGTH) {
            if (key2 != null) {
                Arrays.fill(key2, (byte) 0);
            }
            throw new GeneralSecurityException("TLS exporter returned " + (key2 == null ? "nothing" : key2.length + " bytes")
                    + " instead of " + Key2Splitter.KEY2_LENGTH);
        }
        return key2;
    }
}
