package dev.culvert.vpn.keys;

import dev.culvert.spi.aead.AeadAlgorithm;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/** From the negotiated inputs straight to the directional keys, wiping key2 on the way. */
public final class DataKeyDerivation {
    private DataKeyDerivation() {
    }

    /** Keys from the TLS exporter ({@code tls-ekm} negotiated). */
    public static DirectionalKeys fromExporter(TlsKeyExporter exporter, AeadAlgorithm algorithm, Role role) throws GeneralSecurityException {
        byte[] key2 = ExporterKeyDerivation.key2(exporter);
        try {
            return Key2Splitter.split(key2, algorithm, role);
        } finally {
            Arrays.fill(key2, (byte) 0);
        }
    }

    /** Keys from the legacy PRF construction over both key-method-2 messages and the session ids. */
    public static DirectionalKeys fromPrf(KeyMethod2Message client, KeyMethod2Message server,
                                          byte[] clientSessionId, byte[] serverSessionId,
                                          AeadAlgorithm algorithm, Role role) throws GeneralSecurityException {
        byte[] key2 = PrfKeyDerivation.key2(client, server, clientSessionId, serverSessionId);
        try {
            return Key2Splitter.split(key2, algorithm, role);
        } finally {
            Arrays.fill(key2, (byte) 0);
        }
    }
}
