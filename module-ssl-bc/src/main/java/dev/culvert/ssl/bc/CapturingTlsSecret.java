package dev.culvert.ssl.bc;

import dev.culvert.core.tlscheck.EngineRecord;
import java.util.Arrays;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.crypto.impl.AbstractTlsSecret;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JceTlsSecret;

/**
 * A BouncyCastle TLS secret whose HKDF results are secrets of this kind again, so the TLS 1.3 key
 * schedule, which starts at {@link CapturingTlsCrypto#hkdfInit}, stays observable down to the
 * exporter_master_secret, which is copied into the {@link ExporterSecretHolder} of the engine whose
 * call derives it (the record {@link dev.culvert.core.tlscheck.ForwardingSSLEngine} binds). Derived
 * outside any engine's call, it is not kept, and exporting from such an engine fails clearly.
 * Everything else is BouncyCastle's own computation, unchanged.
 */
final class CapturingTlsSecret extends JceTlsSecret {
    CapturingTlsSecret(JcaTlsCrypto crypto, byte[] data) {
        super(crypto, data);
    }

    /** {@code secret} re-made as a capturing secret; the original is destroyed. */
    static TlsSecret wrap(JcaTlsCrypto crypto, TlsSecret secret) {
        if (!(secret instanceof AbstractTlsSecret plain) || secret instanceof CapturingTlsSecret) {
            return secret;
        }
        byte[] data = copyData(plain);
        plain.destroy();
        return new CapturingTlsSecret(crypto, data);
    }

    @Override
    public synchronized TlsSecret hkdfExtract(int cryptoHashAlgorithm, TlsSecret ikm) {
        return wrap(crypto, super.hkdfExtract(cryptoHashAlgorithm, ikm));
    }

    @Override
    public synchronized TlsSecret hkdfExpand(int cryptoHashAlgorithm, byte[] info, int length) {
        TlsSecret expanded = super.hkdfExpand(cryptoHashAlgorithm, info, length);
        if (ExporterSecretHolder.derivesExporterMasterSecret(info) && expanded instanceof AbstractTlsSecret plain
                && EngineRecord.bound() instanceof ExporterSecretHolder holder) {
            byte[] data = copyData(plain);
            try {
                holder.keep(data, cryptoHashAlgorithm);
            } finally {
                Arrays.fill(data, (byte) 0);
            }
        }
        return wrap(crypto, expanded);
    }
}
