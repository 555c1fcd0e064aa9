package dev.culvert.vpn.config;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.vpn.pem.PemCertificates;
import dev.culvert.vpn.pem.PemException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The CA certificates of a {@code capath} directory in {@code openssl rehash}'s layout: files
 * named HASH.N hold certificates, HASH.rN revocation lists. The lists are refused: revocation is
 * {@code crl-verify}'s, and a list silently left unread would let a revoked peer in.
 */
final class CaPath {
    private CaPath() {
    }

    static List<X509Certificate> read(Directive d) throws ConfigException {
        Path dir = SecurityConfig.resolve(d, d.arg(0, "capath DIR"));
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.sorted().toList();
        } catch (IOException e) {
            throw new ConfigException(d, "'capath' cannot list " + dir + ": " + e.getMessage(), "name a readable directory of hashed CA certificates");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.matches("[0-9a-f]{8}\\.r[0-9]+")) {
                throw new ConfigException(d, "'capath' holds a revocation list (" + name + "), which Culvert does not read from there",
                        "move the list out of the directory and name it with 'crl-verify'");
            }
            if (name.matches("[0-9a-f]{8}\\.[0-9]+")) {
                try {
                    certificates.addAll(PemCertificates.readFile(file));
                } catch (PemException e) {
                    throw new ConfigException(d, "'capath' " + name + ": " + e.problem(), e.fix());
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new ConfigException(d, "'capath' " + dir + " holds no hashed CA certificate (HASH.0)",
                    "run 'openssl rehash " + dir + "' after copying the CA certificates there");
        }
        return List.copyOf(certificates);
    }
}
