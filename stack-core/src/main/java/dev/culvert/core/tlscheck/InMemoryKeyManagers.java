package dev.culvert.core.tlscheck;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * A TLS provider's key managers for one certificate chain and its key, made through a key store
 * that lives only in memory, with a random password used once and wiped, so the provider chooses
 * the key for each signature scheme itself. Shared by the TLS modules (BCJSSE, Conscrypt).
 */
public final class InMemoryKeyManagers {
    private static final String ALIAS = "culvert";
    private static final SecureRandom RANDOM = new SecureRandom();

    private InMemoryKeyManagers() {
    }

    /**
     * No key managers for an empty chain: a client without a certificate.
     *
     * @param algorithm the provider's KeyManagerFactory algorithm ("X.509" for BCJSSE, "PKIX" for Conscrypt)
     */
    public static KeyManager[] of(List<X509Certificate> chain, PrivateKey key, Provider provider, String algorithm)
            throws GeneralSecurityException {
        if (chain.isEmpty()) {
            return new KeyManager[0];
        }
        char[] password = new char[24];
        for (int i = 0; i < password.length; i++) {
            password[i] = (char) ('!' + RANDOM.nextInt(94));
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try {
                store.load(null, null);
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException("an empty in-memory key store could not be made", e);
            }
            store.setKeyEntry(ALIAS, key, password, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(algorithm, provider);
            factory.init(store, password);
            return factory.getKeyManagers();
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
