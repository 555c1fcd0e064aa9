package dev.culvert.ssl.bc;

import java.security.SecureRandom;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * Makes the {@link CapturingTlsCrypto} of an SSLContext, so the exporter secret of each engine's
 * handshake lands in that engine's {@link ExporterSecretHolder}.
 */
final class CapturingCryptoProvider extends JcaTlsCryptoProvider {
    @Override
    public JcaTlsCrypto create(SecureRandom entropy, SecureRandom nonceEntropy) {
        return new CapturingTlsCrypto(getHelper(), getAltHelper(), entropy, nonceEntropy);
    }
}
