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
 * A multi-client test asks for more client certificates, one per common name, with {@link #issueClient},
 * and for the CA's CRL revoking some of them with {@link #writeCrl}; an untrusted-certificate test
 * asks for one signed by another CA with {@link #issueUntrusted}.
 */
final class InteropPki {
    final Path dir;
    private final TestPki.Issued ca;
    private final java.util.Map<String, TestPki.Issued> leaves = new java.util.concurrent.ConcurrentHashMap<>();
    private TestPki.Issued strangerCa;

    private InteropPki(Path dir, TestPki.Issued ca) {
        this.dir = dir;
        this.ca = ca;
    }

    static InteropPki create(Path dir) throws Exception {
        TestPki.Issued ca = TestPki.ca("Culvert Test CA");
        Files.writeString(dir.resolve("ca.crt"), ca.certificatePem());
        InteropPki pki = new InteropPki(dir, ca);
        TestPki.Issued server = TestPki.leaf(ca, "server", TestPki.Usage.SERVER);
        server.write(dir.resolve("server.crt"), dir.resolve("server.key"));
        pki.leaves.put("server", server);
        pki.issueClient("client");
        run(dir, "openvpn", "--genkey", "tls-crypt", "tc.key");
        run(dir, "openvpn", "--genkey", "tls-auth", "ta.key");
        return pki;
    }

    /** Issues {@code cn.crt} and {@code cn.key}: a client certificate whose common name is {@code cn}. */
    void issueClient(String cn) throws Exception {
        issue(cn, TestPki.Usage.CLIENT);
    }

    /** Issues {@code cn.crt} and {@code cn.key} with {@code usage}: {@code NONE} for a mesh node, a TLS server and client at once. */
    void issue(String cn, TestPki.Usage usage) throws Exception {
        if (!cn.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("a plain lower-case name, also used as the file name: " + cn);
        }
        TestPki.Issued issued = TestPki.leaf(ca, cn, usage);
        issued.write(dir.resolve(cn + ".crt"), dir.resolve(cn + ".key"));
        leaves.put(cn, issued);
    }

    /**
     * Issues {@code name.crt} and {@code name.key}: a client certificate with exactly {@code subject}
     * (RDNs in the order written, e.g. with a UTF-8 common name or a repeated OU).
     */
    void issueClient(String name, String subject) throws Exception {
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("a plain lower-case name, also used as the file name: " + name);
        }
        TestPki.Issued issued = TestPki.leaf(ca, subject, b -> b.addExtension(org.bouncycastle.asn1.x509.Extension.extendedKeyUsage, false,
                new org.bouncycastle.asn1.x509.ExtendedKeyUsage(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_clientAuth)));
        issued.write(dir.resolve(name + ".crt"), dir.resolve(name + ".key"));
        leaves.put(name, issued);
    }

    /** Writes (or replaces) {@code file} with the CA's CRL revoking the certificates of {@code revokedCns}, as easyrsa gen-crl would. */
    void writeCrl(Path file, String... revokedCns) throws Exception {
        List<java.security.cert.X509Certificate> revoked = new ArrayList<>();
        for (String cn : revokedCns) {
            revoked.add(leaves.get(cn).certificate());
        }
        Path next = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(next, TestPki.pem(TestPki.crl(ca, revoked.toArray(java.security.cert.X509Certificate[]::new))));
        // Replaced in one step, as an operator's mv does, so the server never reads half a file.
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Writes {@code cn.p12}: the certificate {@code cn} (the server's or a client's), its key and the
     * CA, in a PKCS#12 file without a password, as {@code openssl pkcs12 -export -passout pass:} would.
     */
    void writePkcs12(String cn) throws Exception {
        TestPki.Issued issued = leaves.get(cn);
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(cn, issued.keys().getPrivate(), new char[0],
                new java.security.cert.Certificate[] {issued.certificate(), ca.certificate()});
        try (var out = Files.newOutputStream(dir.resolve(cn + ".p12"))) {
            store.store(out, new char[0]);
        }
    }

    /**
     * Writes {@code v2server.key}, a tls-crypt-v2 server key, and {@code v2client.key} and
     * {@code v2client2.key}, two client keys wrapped by it, all made by {@code openvpn --genkey}.
     */
    void writeTlsCryptV2Keys() throws IOException {
        run(dir, "openvpn", "--genkey", "tls-crypt-v2-server", "v2server.key");
        run(dir, "openvpn", "--tls-crypt-v2", "v2server.key", "--genkey", "tls-crypt-v2-client", "v2client.key");
        run(dir, "openvpn", "--tls-crypt-v2", "v2server.key", "--genkey", "tls-crypt-v2-client", "v2client2.key");
    }

    /** A client key of v2server.key whose metadata is {@code userData} (type 0, as 2.6 writes it from base64), in {@code NAME}. */
    void writeTlsCryptV2ClientKey(String name, String userData) throws IOException {
        run(dir, "openvpn", "--tls-crypt-v2", "v2server.key", "--genkey", "tls-crypt-v2-client", name,
                java.util.Base64.getEncoder().encodeToString(userData.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * Issues {@code name.crt} and {@code name.key} from a second CA that no configuration here
     * trusts: a well-formed certificate with the right usage, signed by a stranger.
     */
    void issueUntrusted(String name, TestPki.Usage usage) throws Exception {
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("a plain lower-case name, also used as the file name: " + name);
        }
        TestPki.leaf(strangerCa(), name, usage).write(dir.resolve(name + ".crt"), dir.resolve(name + ".key"));
    }

    private TestPki.Issued strangerCa() throws Exception {
        if (strangerCa == null) {
            strangerCa = TestPki.ca("Culvert Test CA"); // the same name as the trusted one: only the key differs
        }
        return strangerCa;
    }

    /** Runs {@code command} in {@code dir}, bounded in time; fails with its output if it fails. */
    static void run(Path dir, String... command) throws IOException {
        List<String> inDir = new ArrayList<>(List.of("sh", "-c", "cd \"$0\" && exec \"$@\"", dir.toString()));
        inDir.addAll(List.of(command));
        IpTool.runCommand(inDir, 30, TimeUnit.SECONDS);
    }

    Path file(String name) {
        return dir.resolve(name);
    }
}
