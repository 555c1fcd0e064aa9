package dev.culvert.ssl.bc;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * BouncyCastle's JCA provider and the JSSE provider over it, made when the first engine needs
 * them. The JSSE provider's TLS crypto is a {@link CapturingCryptoProvider}'s, so that each
 * engine's TLS 1.3 exporter secret reaches that engine's {@link ExporterSecretHolder}. Making a {@link BouncyCastleProvider} loads about a thousand classes (0.8 s of a node's
 * start on a 2-core machine); a node whose TLS slot runs another provider never pays for it.
 */
final class BcProviders {
    private volatile Provider bc;
    private volatile Provider jsse;

    /** Whether the providers have been made (for tests: activation must not make them). */
    boolean made() {
        return jsse != null;
    }

    Provider bc() {
        make();
        return bc;
    }

    Provider jsse() {
        make();
        return jsse;
    }

    private void make() {
        if (jsse != null) {
            return;
        }
        synchronized (this) {
            if (jsse == null) {
                Provider made = new BouncyCastleProvider();
                bc = made;
                jsse = new BouncyCastleJsseProvider(false, new CapturingCryptoProvider().setProvider(made));
            }
        }
    }
}
