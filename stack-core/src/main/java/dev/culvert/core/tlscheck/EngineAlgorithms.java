package dev.culvert.core.tlscheck;

import dev.culvert.spi.tls.TlsAlgorithms;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Puts a configuration's cipher suites and groups on a fresh engine, the same way in every TLS
 * module: a list left empty keeps the module's own choice for that part (the TLS 1.2 suites, the
 * TLS 1.3 suites, the groups), so that {@code tls-cipher} alone does not switch TLS 1.3 off.
 */
public final class EngineAlgorithms {
    private EngineAlgorithms() {
    }

    /**
     * @throws IllegalArgumentException if the engine lacks a name (the module was swapped for one
     *         without it after the configuration was checked)
     */
    public static void apply(SSLEngine engine, TlsAlgorithms algorithms) {
        if (!algorithms.tls12CipherSuites().isEmpty() || !algorithms.tls13CipherSuites().isEmpty()) {
            List<String> enabled = List.of(engine.getEnabledCipherSuites());
            List<String> tls13 = algorithms.tls13CipherSuites().isEmpty()
                    ? enabled.stream().filter(TlsAlgorithms::isTls13Suite).toList() : algorithms.tls13CipherSuites();
            List<String> supported = List.of(engine.getSupportedCipherSuites());
            // tls-cipher names the engine lacks are left out, as OpenSSL leaves them out; none left is an error.
            List<String> wanted = algorithms.tls12CipherSuites().stream().filter(supported::contains).toList();
            if (!algorithms.tls12CipherSuites().isEmpty() && wanted.isEmpty()) {
                throw new IllegalArgumentException("the engine has none of the TLS 1.2 cipher suites " + algorithms.tls12CipherSuites());
            }
            List<String> tls12 = algorithms.tls12CipherSuites().isEmpty()
                    ? enabled.stream().filter(s -> !TlsAlgorithms.isTls13Suite(s)).toList()
                    : Stream.concat(wanted.stream(), enabled.stream().filter(s -> s.endsWith("_SCSV"))).toList();
            List<String> suites = new ArrayList<>(tls13);
            suites.addAll(tls12);
            engine.setEnabledCipherSuites(suites.toArray(new String[0]));
        }
        if (!algorithms.namedGroups().isEmpty()) {
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setNamedGroups(algorithms.namedGroups().toArray(new String[0]));
            engine.setSSLParameters(parameters);
        }
    }
}
