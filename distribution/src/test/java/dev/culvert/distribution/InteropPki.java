package dev.culvert.distribution;

import dev.culvert.core.io.tun.IpTool;
import dev.culvert.testing.pki.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The files of a throwaway PKI for one interop run, as an operator's easy-rsa would lay them out:
 * {@code ca.crt}, a server certificate with the TLS server EKU (what {@code remote-cert-tls server}
 * asks for), a client certificate with the client EKU, each with its PKCS#8 key, all issued by the
 * shared {@link TestPki}; and OpenVPN's tls-crypt and tls-auth keys, made by {@code openvpn --genkey}.
 * A multi-client test asks for more client certificates, one per common name, with {@link #issueClient}.
 */
final class InteropPki {
    final Path dir;
    private final TestPki.Issued ca;

    private InteropPki(Path dir, TestPki.Issued ca) {
        this.dir = dir;
        this.ca = ca;
    }

    static InteropPki create(Path dir) throws Exception {
        TestPki.Issued ca = TestPki.ca("Culvert Test CA");
        Files.writeString(dir.resolve("ca.crt"), ca.certificatePem());
        InteropPki pki = new InteropPki(dir, ca);
        TestPki.leaf(ca, "server", TestPki.Usage.SERVER).write(dir.resolve("server.crt"), dir.resolve("server.key"));
        pki.issueClient("client");
        run(dir, "openvpn", "--genkey", "tls-crypt", "tc.key");
        run(dir, "openvpn", "--genkey", "tls-auth", "ta.key");
        return pki;
    }

    /** Issues {@code cn.crt} and {@code cn.key}: a client certificate whose common name is {@code cn}. */
    void issueClient(String cn) throws Exception {
        if (!cn.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("a plain lower-case name, also used as the file name: " + cn);
        }
        TestPki.leaf(ca, cn, TestPki.Usage.CLIENT).write(dir.resolve(cn + ".crt"), dir.resolve(cn + ".key"));
    }

    private static void run(Path dir, String... command) throws IOException {
        List<String> inDir = new ArrayList<>(List.of("sh", "-c", "cd \"$0\" && exec \"$@\"", dir.toString()));
        inDir.addAll(List.of(command));
        IpTool.runCommand(inDir, 30, TimeUnit.SECONDS);
    }

    Path file(String name) {
        return dir.resolve(name);
    }
}
