package dev.culvert.ssl.bc;

import java.security.SecureRandom;
import org.bouncycastle.jcajce.util.JcaJceHelper;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/** BouncyCastle's JCA TLS crypto, with the TLS 1.3 key schedule rooted in a {@link CapturingTlsSecret}. */
final class CapturingTlsCrypto extends JcaTlsCrypto {
    CapturingTlsCrypto(JcaJceHelper helper, JcaJceHelper altHelper, SecureRandom entropy, SecureRandom nonceEntropy) {
        super(helper, altHelper, entropy, nonceEntropy);
    }

    @Override
    public TlsSecret hkdfInit(int cryptoHashAlgorithm) {
        return CapturingTlsSecret.wrap(this, super.hkdfInit(cryptoHashAlgorithm));
    }
}
