package dev.culvert.ssl.conscrypt;

import java.io.IOException;
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
 * Conscrypt's key managers for one certificate chain and its key, made through a key store that
 * lives only in memory, with a random password used once and wiped.
 */
final class InMemoryKeyManagers {
    private static final String ALIAS = "culvert";
    private static final SecureRandom RANDOM = new SecureRandom();

    private InMemoryKeyManagers() {
    }

    /** No key managers for an empty chain: a client without a certificate. */
    static KeyManager[] of(List<X509Certificate> chain, PrivateKey key, Provider conscrypt) throws GeneralSecurityException {
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
            } catch (IOException e) {
                throw new GeneralSecurityException("an empty in-memory key store could not be made", e);
            }
            store.setKeyEntry(ALIAS, key, password, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX", conscrypt);
            factory.init(store, password);
            return factory.getKeyManagers();
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
