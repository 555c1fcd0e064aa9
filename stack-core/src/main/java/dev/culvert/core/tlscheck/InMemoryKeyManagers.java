package dev.culvert.core.tlscheck;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * A TLS provider's key managers for one certificate chain and its key, made through a key store
 * that lives only in memory, with a random password used once and wiped, so the provider chooses
 * the key for each signature scheme itself. Shared by the TLS modules (BCJSSE, Conscrypt).
 *
 * <p>Made once per chain, key and provider, then kept: a PKCS#12 store protects the key with
 * PBKDF2 (10,000 rounds of HMAC-SHA256 to store it, as many to read it back), which costed each
 * TLS handshake milliseconds of CPU when every new engine made its own. Key managers hold no
 * per-connection state, so every engine of a provider may share them. The few most recent are
 * kept ({@link #KEPT}), so a key replaced by a reload is dropped once newer ones have been used.
 */
public final class InMemoryKeyManagers {
    /** Chains kept: a node has one or two (a TLS module swap makes a second), a few more across reloads. */
    static final int KEPT = 4;
    private static final String ALIAS = "culvert";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<Made, KeyManager[]> MADE = new LinkedHashMap<>(KEPT + 1, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Made, KeyManager[]> eldest) {
            return size() > KEPT;
        }
    };

    /**
     * What a set of key managers was made from: equal chains and keys (by their encodings) share
     * one, for the same provider instance (a Provider's own equals compares its whole service table).
     */
    private record Made(List<X509Certificate> chain, PrivateKey key, Provider provider, String algorithm) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Made m && m.provider == provider && m.algorithm.equals(algorithm) && m.key.equals(key)
                    && m.chain.equals(chain);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * chain.hashCode() + key.hashCode()) + System.identityHashCode(provider);
        }
    }

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
        Made made = new Made(List.copyOf(chain), key, provider, algorithm);
        synchronized (MADE) {
            KeyManager[] kept = MADE.get(made);
            if (kept != null) {
                return kept.clone();
            }
        }
        KeyManager[] managers = make(chain, key, provider, algorithm);
        synchronized (MADE) {
            MADE.put(made, managers);
        }
        return managers.clone();
    }

    private static KeyManager[] make(List<X509Certificate> chain, PrivateKey key, Provider provider, String algorithm)
            throws GeneralSecurityException {
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
