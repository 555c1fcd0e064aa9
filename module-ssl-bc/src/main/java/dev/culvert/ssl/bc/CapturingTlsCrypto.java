package dev.culvert.ssl.bc;

import java.io.IOException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import org.bouncycastle.jcajce.util.JcaJceHelper;
import org.bouncycastle.tls.crypto.Tls13Verifier;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * BouncyCastle's JCA TLS crypto, with the TLS 1.3 key schedule rooted in a {@link CapturingTlsSecret},
 * and TLS 1.3's signature checks made on a {@link VerifyingKeyCopy} of the peer's key. (TLS 1.2's
 * ECDSA check is made by a verifier bctls builds from the certificate's key itself, out of this
 * class's reach: a TLS 1.2 session keeps that check's cache.)
 */
final class CapturingTlsCrypto extends JcaTlsCrypto {
    CapturingTlsCrypto(JcaJceHelper helper, JcaJceHelper altHelper, SecureRandom entropy, SecureRandom nonceEntropy) {
        super(helper, altHelper, entropy, nonceEntropy);
    }

    @Override
    public TlsSecret hkdfInit(int cryptoHashAlgorithm) {
        return CapturingTlsSecret.wrap(this, super.hkdfInit(cryptoHashAlgorithm));
    }

    @Override
    protected Tls13Verifier createTls13Verifier(String algorithmName, AlgorithmParameterSpec parameter, PublicKey publicKey)
            throws IOException {
        return super.createTls13Verifier(algorithmName, parameter, VerifyingKeyCopy.of(getHelper(), publicKey));
    }
}
