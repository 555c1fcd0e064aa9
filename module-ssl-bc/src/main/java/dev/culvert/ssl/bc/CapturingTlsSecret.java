package dev.culvert.ssl.bc;

import java.util.Arrays;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.crypto.impl.AbstractTlsSecret;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JceTlsSecret;

/**
 * A BouncyCastle TLS secret whose HKDF results are secrets of this kind again, so the TLS 1.3 key
 * schedule, which starts at {@link CapturingTlsCrypto#hkdfInit}, stays observable down to the
 * exporter_master_secret, which is copied into the engine's {@link ExporterSecretHolder}.
 * Everything else is BouncyCastle's own computation, unchanged.
 */
final class CapturingTlsSecret extends JceTlsSecret {
    private final ExporterSecretHolder holder;

    CapturingTlsSecret(JcaTlsCrypto crypto, byte[] data, ExporterSecretHolder holder) {
        super(crypto, data);
        this.holder = holder;
    }

    /** {@code secret} re-made as a capturing secret; the original is destroyed. */
    static TlsSecret wrap(JcaTlsCrypto crypto, TlsSecret secret, ExporterSecretHolder holder) {
        if (!(secret instanceof AbstractTlsSecret plain) || secret instanceof CapturingTlsSecret) {
            return secret;
        }
        byte[] data = copyData(plain);
        plain.destroy();
        return new CapturingTlsSecret(crypto, data, holder);
    }

    @Override
    public synchronized TlsSecret hkdfExtract(int cryptoHashAlgorithm, TlsSecret ikm) {
        return wrap(crypto, super.hkdfExtract(cryptoHashAlgorithm, ikm), holder);
    }

    @Override
    public synchronized TlsSecret hkdfExpand(int cryptoHashAlgorithm, byte[] info, int length) {
        TlsSecret expanded = super.hkdfExpand(cryptoHashAlgorithm, info, length);
        if (ExporterSecretHolder.derivesExporterMasterSecret(info) && expanded instanceof AbstractTlsSecret plain) {
            byte[] data = copyData(plain);
            try {
                holder.keep(data, cryptoHashAlgorithm);
            } finally {
                Arrays.fill(data, (byte) 0);
            }
        }
        return wrap(crypto, expanded, holder);
    }
}
