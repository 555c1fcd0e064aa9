package dev.culvert.vpn.config;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a {@code pkcs12} file gives, as 2.6 reads it: the node's key, its certificate chain, and
 * the CA certificates (the self-signed ones in the chain), which stand for {@code ca} where the
 * configuration has none. Only files without a password (or with an empty one) are read: 2.6
 * asks for the password, and Culvert does not ask yet.
 */
record Pkcs12Bundle(PrivateKey key, List<X509Certificate> chain, List<X509Certificate> authorities) {
    static Pkcs12Bundle read(Directive d) throws ConfigException {
        String file = d.arg(0, "pkcs12 FILE");
        KeyStore store;
        try (InputStream in = Files.newInputStream(SecurityConfig.resolve(d, file))) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, new char[0]);
        } catch (IOException | GeneralSecurityException e) {
            boolean password = e.getCause() instanceof java.security.UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("password");
            throw new ConfigException(d, "'pkcs12 " + file + "' cannot be read: " + (password
                    ? "it is protected by a password, which Culvert does not ask for yet" : e.getMessage()),
                    "export it without a password (openssl pkcs12 -in IN.p12 -out OUT.p12 -export -passout pass:), or split it"
                            + " into 'ca', 'cert' and 'key' PEM files (openssl pkcs12 -in IN.p12 -nodes)");
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getKey(alias, new char[0]) instanceof PrivateKey key) {
                    List<X509Certificate> chain = new ArrayList<>();
                    for (Certificate c : store.getCertificateChain(alias)) {
                        chain.add((X509Certificate) c);
                    }
                    List<X509Certificate> authorities = chain.stream()
                            .filter(c -> c.getSubjectX500Principal().equals(c.getIssuerX500Principal())).toList();
                    List<X509Certificate> sent = chain.stream().filter(c -> !authorities.contains(c)).toList();
                    return new Pkcs12Bundle(key, sent, authorities);
                }
            }
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new ConfigException(d, "'pkcs12 " + file + "': its key cannot be read: " + e.getMessage(),
                    "split it into 'cert' and 'key' PEM files (openssl pkcs12 -in IN.p12 -nodes)");
        }
        throw new ConfigException(d, "'pkcs12 " + file + "' holds no private key", "give the file with the node's key and certificate");
    }
}
