package dev.culvert.ssl.bc;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.jcajce.util.JcaJceHelper;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;

/**
 * The peer's EC key as one signature check gets it: a copy of the key its certificate holds.
 *
 * <p>Why a copy: BouncyCastle's ECDSA check precomputes multiples of the key's point and caches
 * them on that point. Given the certificate's own key, the cache lives as long as the session
 * keeps the peer's certificate, which is the session's whole life: 2.9 KiB per session (18
 * curve points, 38 field elements) for a key that is checked once, in the handshake. A copy takes
 * the cache with it when the check is done. Other keys (RSA) cache nothing and pass as they are.
 */
final class VerifyingKeyCopy {
    private VerifyingKeyCopy() {
    }

    static PublicKey of(JcaJceHelper helper, PublicKey key) throws IOException {
        if (!(key instanceof ECPublicKey)) {
            return key;
        }
        try {
            return helper.createKeyFactory("EC").generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, "the peer's EC key could not be copied for its signature check", e);
        }
    }
}
