package dev.culvert.ssl.conscrypt;

import dev.culvert.core.slot.Ranked;
import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.spi.aead.AeadCipher;
import dev.culvert.spi.aead.AeadProvider;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import javax.crypto.Cipher;
import org.osgi.service.component.annotations.Component;

/**
 * Data-channel AEAD contexts on Conscrypt (BoringSSL): AES-128-GCM, AES-256-GCM and
 * ChaCha20-Poly1305. Ranked below the kernel's JCE default ({@link #RANKING}), so installing this
 * module leaves the data channel on the JCE until an operator picks this provider
 * ({@code culvert:swap aead conscrypt}, or a {@code service.ranking} above -100 configured for this
 * component's PID, e.g. by a {@code .config} file in {@code deploy/}); the bytes on the wire are
 * the same either way (see {@link ConscryptAeadCipher}), so the swap needs no renegotiation.
 *
 * <p>AES-192-GCM is not offered: Conscrypt 2.9.0's AES-GCM takes 16- and 32-byte keys only.
 * {@link #supports} says so, and {@link #newCipher} refuses it with a sentence; a tunnel rebuilding
 * an AES-192-GCM key onto this provider keeps its old contexts.
 *
 * <p>Disabled until {@link ConscryptActivation} has seen the native library load (see there).
 */
@Component(service = AeadProvider.class, enabled = false,
        property = {"culvert.name=conscrypt", "service.ranking:Integer=" + ConscryptAeadProvider.RANKING})
public final class ConscryptAeadProvider implements AeadProvider, Ranked {
    /**
     * Below {@link AeadProvider#DEFAULT_RANKING}, the JCE default's: on JDK 25 SunJCE's intrinsics
     * seal and open AES-GCM faster than BoringSSL through Conscrypt (BENCHMARKS.md: 0.66-0.78x), so
     * the JCE stays active and operators choose Conscrypt with {@code culvert:swap aead conscrypt}
     * where it is faster (older JDKs, ChaCha20 on some CPUs).
     */
    static final int RANKING = -150;

    private final Provider conscrypt;

    /** @throws IllegalStateException naming the cause and the fix if Conscrypt's native library did not load */
    public ConscryptAeadProvider() {
        this(ConscryptNatives.newProvider());
    }

    ConscryptAeadProvider(Provider conscrypt) {
        this.conscrypt = conscrypt;
    }

    @Override
    public String name() {
        return "conscrypt";
    }

    @Override
    public int ranking() {
        return RANKING;
    }

    @Override
    public boolean supports(AeadAlgorithm algorithm) {
        return algorithm != AeadAlgorithm.AES_192_GCM;
    }

    @Override
    public AeadCipher newCipher(AeadAlgorithm algorithm, byte[] key, boolean encrypt) throws GeneralSecurityException {
        if (!supports(algorithm)) {
            throw new NoSuchAlgorithmException("the conscrypt AEAD provider has no " + algorithm.openvpnName()
                    + " (Conscrypt's AES-GCM takes 128- and 256-bit keys only); use the jce provider for it"
                    + " (culvert:swap aead jce) or another cipher in data-ciphers");
        }
        if (key.length != algorithm.keyLength()) {
            throw new NoSuchAlgorithmException(algorithm.openvpnName() + " needs a " + algorithm.keyLength() + "-byte key, got " + key.length);
        }
        return new ConscryptAeadCipher(algorithm, key, encrypt, Cipher.getInstance(ConscryptAeadCipher.transformation(algorithm), conscrypt));
    }

    @Override
    public String toString() {
        return "conscrypt AEAD (" + conscrypt.getName() + " " + conscrypt.getVersionStr() + ")";
    }
}
