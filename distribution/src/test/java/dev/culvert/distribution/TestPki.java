package dev.culvert.distribution;

import dev.culvert.core.io.tun.IpTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PKI made with openssl for one test run, as an operator's easy-rsa would make it:
 * an EC P-256 CA, a server certificate with the TLS server EKU (what {@code remote-cert-tls server}
 * asks for), a client certificate with the client EKU, and OpenVPN's tls-crypt and tls-auth keys.
 * A multi-client test asks for more client certificates, one per common name, with
 * {@link #issueClient}.
 */
final class TestPki {
    final Path dir;

    private TestPki(Path dir) {
        this.dir = dir;
    }

    static TestPki create(Path dir) throws IOException {
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "ca.key", "-out", "ca.crt", "-days", "3650", "-subj", "/CN=Culvert Test CA");
        leaf(dir, "server", "serverAuth");
        leaf(dir, "client", "clientAuth");
        run(dir, "openvpn", "--genkey", "tls-crypt", "tc.key");
        run(dir, "openvpn", "--genkey", "tls-auth", "ta.key");
        return new TestPki(dir);
    }

    /** Issues {@code cn.crt} and {@code cn.key}: a client certificate whose common name is {@code cn}. */
    void issueClient(String cn) throws IOException {
        if (!cn.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("a plain lower-case name, also used as the file name: " + cn);
        }
        leaf(dir, cn, "clientAuth");
    }

    private static void leaf(Path dir, String name, String usage) throws IOException {
        Files.writeString(dir.resolve(name + ".ext"), "basicConstraints=CA:FALSE\n"
                + "keyUsage=critical,digitalSignature,keyAgreement\nextendedKeyUsage=" + usage + "\n");
        openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name);
        openssl(dir, "x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", name + ".crt", "-days", "3650", "-extfile", name + ".ext");
    }

    private static void openssl(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        run(dir, command.toArray(String[]::new));
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
