package dev.culvert.vpn.keys;

import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * From the negotiated inputs straight to the directional keys, wiping key2 on the way. {@code auth}
 * is the HMAC digest of a CBC cipher; it is ignored for an AEAD one.
 */
public final class DataKeyDerivation {
    private DataKeyDerivation() {
    }

    /** Keys from the TLS exporter ({@code tls-ekm} negotiated). */
    public static DirectionalKeys fromExporter(TlsKeyExporter exporter, DataCipher cipher, HmacDigest auth, Role role)
            throws GeneralSecurityException {
        byte[] key2 = ExporterKeyDerivation.key2(exporter);
        try {
            return Key2Splitter.split(key2, cipher, auth, role);
        } finally {
            Arrays.fill(key2, (byte) 0);
        }
    }

    /** Keys from the legacy PRF construction over both key-method-2 messages and the session ids. */
    public static DirectionalKeys fromPrf(KeyMethod2Message client, KeyMethod2Message server,
                                          byte[] clientSessionId, byte[] serverSessionId,
                                          DataCipher cipher, HmacDigest auth, Role role) throws GeneralSecurityException {
        byte[] key2 = PrfKeyDerivation.key2(client, server, clientSessionId, serverSessionId);
        try {
            return Key2Splitter.split(key2, cipher, auth, role);
        } finally {
            Arrays.fill(key2, (byte) 0);
        }
    }
}
