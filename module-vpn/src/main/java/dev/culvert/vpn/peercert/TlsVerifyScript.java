package dev.culvert.vpn.peercert;

import dev.culvert.vpn.hook.ScriptCommand;
import dev.culvert.vpn.hook.Scripts;
import dev.culvert.vpn.session.PeerCertificateName;
import dev.culvert.vpn.session.PeerCertificateVerifier;
import dev.culvert.vpn.session.PeerRefusal;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code tls-verify CMD}, as 2.6's {@code verify_cert_call_command} runs it: once for each
 * certificate of the peer's verified chain, from the deepest (the CA) to the peer's own (depth 0),
 * as {@code CMD DEPTH SUBJECT} with the subject as 2.6 prints it ({@link OpenSslSubject}). Each
 * call sees the variables of its certificate and of the deeper ones ({@link CertificateVariables}),
 * {@code common_name} once at depth 0, {@code untrusted_ip}/{@code untrusted_port} and
 * {@code script_type=tls-verify}. A call that exits non-zero, cannot start or outlives its time
 * limit (killed) refuses the peer; the later calls are not made.
 *
 * <p>With {@code tls-export-cert DIR}, each call's certificate is written as PEM to a new file in
 * {@code DIR} (readable by the node's user only), named by {@code peer_cert}, and removed once the
 * call ended; a file that cannot be written refuses the peer, as in 2.6.
 *
 * <p>The chain is the one TLS verified: the certificates the peer sent, completed with the
 * configured CA certificates, as OpenSSL builds it (trusted certificates first).
 */
public final class TlsVerifyScript implements PeerCertificateVerifier {
    /** 2.6's {@code MAX_CERT_DEPTH}: a deeper chain is refused. */
    static final int MAX_DEPTH = 16;

    private final ScriptCommand command;
    private final Optional<Path> exportDir;
    private final Optional<List<X509Track>> track;
    private final List<X509Certificate> anchors;
    private final Scripts scripts;

    /**
     * @param exportDir {@code tls-export-cert}'s directory, if any
     * @param track     the {@code x509-track} lines, or empty for every subject attribute
     * @param anchors   the configured CA certificates, which complete the chain the peer sent
     */
    public TlsVerifyScript(ScriptCommand command, Optional<Path> exportDir, Optional<List<X509Track>> track, List<X509Certificate> anchors,
                           Scripts scripts) {
        this.command = command;
        this.exportDir = exportDir;
        this.track = track.map(List::copyOf);
        this.anchors = List.copyOf(anchors);
        this.scripts = scripts;
    }

    @Override
    public CompletionStage<PeerRefusal> verify(List<X509Certificate> chain, InetSocketAddress untrusted) {
        try {
            List<X509Certificate> path = verifiedPath(chain, anchors);
            if (path.isEmpty()) {
                return refused("the peer sent no certificate");
            }
            if (path.size() > MAX_DEPTH) {
                return refused("the peer's chain is " + path.size() + " certificates deep, more than 2.6's " + MAX_DEPTH);
            }
            return call(path, path.size() - 1, new LinkedHashMap<>(), untrusted);
        } catch (RuntimeException e) {
            return refused("the check failed: " + e);
        }
    }

    /** Runs the call for {@code depth}, then the next one down. */
    private CompletionStage<PeerRefusal> call(List<X509Certificate> path, int depth, Map<String, String> certificates,
                                              InetSocketAddress untrusted) {
        X509Certificate certificate = path.get(depth);
        CertificateVariables.add(certificates, certificate, depth, track);
        if (depth == 0) {
            String cn = PeerCertificateName.commonName(certificate);
            if (cn != null) {
                CertificateVariables.set(certificates, "common_name", OpenSslSubject.remap(cn));
            }
        }
        Map<String, String> env = new LinkedHashMap<>(scripts.environment().tlsVerify(untrusted, certificates));
        String subject = OpenSslSubject.of(certificate);
        Path exported = null;
        if (exportDir.isPresent()) {
            try {
                exported = export(exportDir.get(), certificate);
            } catch (IOException | CertificateEncodingException e) {
                return refused("tls-export-cert could not write the certificate at depth " + depth + " to " + exportDir.get() + " ("
                        + e.getMessage() + ")");
            }
            env.put("peer_cert", exported.toString());
        }
        Path written = exported;
        return scripts.runner().run(command.with(Integer.toString(depth), subject), env, scripts.limit()).thenCompose(outcome -> {
            remove(written);
            if (!outcome.exitedWith(0)) {
                return refused("tls-verify " + command.program() + " " + outcome.describe(scripts.limit()) + " for depth=" + depth + ", "
                        + subject);
            }
            return depth == 0 ? CompletableFuture.<PeerRefusal>completedFuture(null) : call(path, depth - 1, certificates, untrusted);
        }).exceptionally(e -> new PeerRefusal(CertificateDrops.TLS_VERIFY, "tls-verify " + command.program() + " failed: " + e));
    }

    /**
     * The chain as OpenSSL verifies it: from the peer's own certificate, each issuer taken from the
     * configured CA certificates first, else from what the peer sent, until a self-signed one or
     * none is found.
     */
    static List<X509Certificate> verifiedPath(List<X509Certificate> sent, List<X509Certificate> anchors) {
        List<X509Certificate> path = new ArrayList<>();
        if (sent.isEmpty()) {
            return path;
        }
        path.add(sent.get(0));
        while (path.size() <= MAX_DEPTH) {
            X509Certificate last = path.get(path.size() - 1);
            if (last.getSubjectX500Principal().equals(last.getIssuerX500Principal())) {
                break;
            }
            X509Certificate issuer = issuer(last, anchors, path);
            if (issuer == null) {
                issuer = issuer(last, sent, path);
            }
            if (issuer == null) {
                break;
            }
            path.add(issuer);
        }
        return path;
    }

    private static X509Certificate issuer(X509Certificate certificate, List<X509Certificate> candidates, List<X509Certificate> taken) {
        for (X509Certificate candidate : candidates) {
            if (!taken.contains(candidate) && candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                try {
                    certificate.verify(candidate.getPublicKey());
                    return candidate;
                } catch (GeneralSecurityException | RuntimeException e) {
                    // Same name, other key: not this certificate's issuer.
                }
            }
        }
        return null;
    }

    /** Writes {@code certificate} as PEM to a new file in {@code dir} that only the node's user may read, as 2.6 creates it. */
    private static Path export(Path dir, X509Certificate certificate) throws IOException, CertificateEncodingException {
        String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        Path file = Files.createTempFile(dir, "openvpn_pef_", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            remove(file);
            throw e;
        }
        return file;
    }

    private static void remove(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The directory went away or changed hands: nothing the node can do about the file.
        }
    }

    private static CompletionStage<PeerRefusal> refused(String detail) {
        return CompletableFuture.completedFuture(new PeerRefusal(CertificateDrops.TLS_VERIFY, detail));
    }

    @Override
    public String toString() {
        return "tls-verify " + command.text() + exportDir.map(d -> ", tls-export-cert " + d).orElse("");
    }
}
