package dev.culvert.spi.tls;

import java.util.List;

/**
 * The cipher suites and key-exchange groups a TLS engine offers, as JSSE/IANA names. An empty
 * list leaves that choice to the TLS module ({@link #MODULE_DEFAULTS}).
 *
 * @param tls12CipherSuites the TLS 1.2 suites in order of preference ({@code tls-cipher}), e.g.
 *                          {@code TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384}
 * @param tls13CipherSuites the TLS 1.3 suites ({@code tls-ciphersuites}), e.g. {@code TLS_AES_256_GCM_SHA384}
 * @param namedGroups       the key-exchange groups ({@code tls-groups}, {@code ecdh-curve}), as
 *                          {@link javax.net.ssl.SSLParameters#setNamedGroups} names them, e.g. {@code x25519}
 */
public record TlsAlgorithms(List<String> tls12CipherSuites, List<String> tls13CipherSuites, List<String> namedGroups) {
    /** Every choice left to the module. */
    public static final TlsAlgorithms MODULE_DEFAULTS = new TlsAlgorithms(List.of(), List.of(), List.of());

    public TlsAlgorithms {
        tls12CipherSuites = List.copyOf(tls12CipherSuites);
        tls13CipherSuites = List.copyOf(tls13CipherSuites);
        namedGroups = List.copyOf(namedGroups);
    }

    /** Whether a JSSE cipher-suite name is a TLS 1.3 one ({@code TLS_AES_128_GCM_SHA256}): those name no key exchange. */
    public static boolean isTls13Suite(String name) {
        return name.startsWith("TLS_") && !name.contains("_WITH_") && !name.endsWith("_SCSV");
    }
}
