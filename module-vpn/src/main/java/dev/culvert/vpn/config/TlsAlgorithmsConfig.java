package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.spi.tls.TlsAlgorithms;
import dev.culvert.spi.tls.TlsProvider;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cipher suites and groups a configuration asks for ({@code tls-cipher},
 * {@code tls-ciphersuites}, {@code tls-groups}, and {@code ecdh-curve} where {@code tls-groups}
 * is absent, as 2.6 lets the newer option win), in JSSE's names, with the lines that asked, so
 * that a name the active TLS module lacks is refused at that line with the module's closest names.
 */
record TlsAlgorithmsConfig(TlsAlgorithms algorithms, Optional<Directive> cipherLine, Optional<Directive> ciphersuitesLine,
                           Optional<Directive> groupsLine) {
    private static final int SUGGESTIONS = 3;

    static TlsAlgorithmsConfig from(Config config) throws ConfigException {
        Optional<Directive> cipher = config.last("tls-cipher");
        Optional<Directive> ciphersuites = config.last("tls-ciphersuites");
        Optional<Directive> groups = config.last("tls-groups").or(() -> config.last("ecdh-curve"));
        List<String> tls12 = cipher.isPresent() ? read(cipher.get(), OpenSslTlsNames::tls12Suites) : List.of();
        List<String> tls13 = ciphersuites.isPresent() ? read(ciphersuites.get(), OpenSslTlsNames::tls13Suites) : List.of();
        List<String> named = groups.isPresent() ? read(groups.get(), OpenSslTlsNames::groups) : List.of();
        return new TlsAlgorithmsConfig(new TlsAlgorithms(tls12, tls13, named), cipher, ciphersuites, groups);
    }

    /** Checks one line's argument alone, as the directive handler does for {@code --check}'s first pass. */
    static void checkLine(Directive d) throws ConfigException {
        d.expectArgs(1, 1, switch (d.name()) {
            case "tls-cipher" -> "tls-cipher LIST, e.g. tls-cipher ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384";
            case "tls-ciphersuites" -> "tls-ciphersuites LIST, e.g. tls-ciphersuites TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";
            case "tls-groups" -> "tls-groups LIST, e.g. tls-groups X25519:secp256r1";
            default -> "ecdh-curve NAME, e.g. ecdh-curve prime256v1";
        });
        switch (d.name()) {
            case "tls-cipher" -> read(d, OpenSslTlsNames::tls12Suites);
            case "tls-ciphersuites" -> read(d, OpenSslTlsNames::tls13Suites);
            default -> read(d, OpenSslTlsNames::groups);
        }
    }

    /**
     * Refuses a name {@code tls} lacks, at the line that named it, with the closest names it has;
     * and a TLS 1.3 list narrower than what a module that cannot narrow it (BoringSSL) offers.
     */
    void checkAgainst(TlsProvider tls) throws ConfigException {
        Set<String> suites = tls.supportedCipherSuites();
        if (!suites.isEmpty()) {
            if (cipherLine.isPresent()) {
                List<String> tls12 = suites.stream().filter(s -> !TlsAlgorithms.isTls13Suite(s)).toList();
                List<String> wanted = algorithms.tls12CipherSuites();
                if (wanted.stream().anyMatch(tls12::contains)) {
                    leftOut(cipherLine.get(), wanted, tls12, tls);
                } else {
                    lacking(cipherLine.get(), wanted, tls12, tls, "cipher suite");
                }
            }
            if (ciphersuitesLine.isPresent()) {
                List<String> tls13 = suites.stream().filter(TlsAlgorithms::isTls13Suite).toList();
                lacking(ciphersuitesLine.get(), algorithms.tls13CipherSuites(), tls13, tls, "TLS 1.3 suite");
                if (!tls.restrictsTls13CipherSuites() && !algorithms.tls13CipherSuites().containsAll(tls13)) {
                    throw new ConfigException(ciphersuitesLine.get(), "the " + tls.name() + " TLS module always offers all of its TLS 1.3"
                            + " suites (" + String.join(":", new TreeSet<>(tls13)) + ") and cannot leave some out",
                            "list all of them, remove the line, or select the bc TLS module (culvert:swap tls bc)");
                }
            }
        }
        Set<String> groups = tls.supportedNamedGroups();
        if (!groups.isEmpty() && groupsLine.isPresent()) {
            lacking(groupsLine.get(), algorithms.namedGroups(), groups, tls, "group");
        }
    }

    /**
     * OpenSSL leaves out the names of a cipher list it lacks and refuses the list only when none is
     * left (SSL_CTX_set_cipher_list); so does Culvert, saying which it left out.
     */
    private static void leftOut(Directive d, List<String> wanted, java.util.Collection<String> known, TlsProvider tls) {
        List<String> missing = wanted.stream().filter(n -> !known.contains(n)).toList();
        if (!missing.isEmpty()) {
            System.getLogger(TlsAlgorithmsConfig.class.getName()).log(System.Logger.Level.WARNING, d.where() + ": tls-cipher: the "
                    + tls.name() + " TLS module has no " + String.join(", ", missing)
                    + "; TLS 1.2 uses the others of the list, as OpenSSL leaves out the names it lacks");
        }
    }

    private static void lacking(Directive d, List<String> wanted, java.util.Collection<String> known, TlsProvider tls, String what)
            throws ConfigException {
        for (String name : wanted) {
            if (!known.contains(name)) {
                throw new ConfigException(d, "the " + tls.name() + " TLS module has no " + what + " " + name,
                        "use one it has; the closest are " + String.join(", ", ClosestNames.to(name, known, SUGGESTIONS)));
            }
        }
    }

    private interface Reader {
        List<String> read(String text);
    }

    private static List<String> read(Directive d, Reader reader) throws ConfigException {
        String text = d.arg(0, d.name() + " LIST");
        try {
            return reader.read(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(d, "'" + d.name() + " " + text + "': " + e.getMessage(), switch (d.name()) {
                case "tls-cipher" -> "name TLS 1.2 suites as OpenSSL (ECDHE-RSA-AES256-GCM-SHA384) or IANA"
                        + " (TLS-ECDHE-RSA-WITH-AES-256-GCM-SHA384) does, or write DEFAULT";
                case "tls-ciphersuites" -> "name TLS 1.3 suites, e.g. TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";
                default -> "name groups as OpenSSL does, e.g. X25519:prime256v1:secp384r1";
            });
        }
    }
}
