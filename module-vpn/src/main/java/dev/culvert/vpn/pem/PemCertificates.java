package dev.culvert.vpn.pem;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the X.509 certificates of a {@code ca} or {@code cert} file or inline block, in the
 * order written (for {@code cert}: this side's certificate first, then intermediates). Blocks of
 * other types, such as the key of a combined file, are ignored, as OpenSSL ignores them.
 * Validity dates are not checked here: that is the TLS handshake's business.
 */
public final class PemCertificates {
    private PemCertificates() {
    }

    /**
     * The certificates in {@code text}; at least one.
     *
     * @param source where the text came from, for messages: a file path, or {@code file:line} of an inline block
     */
    public static List<X509Certificate> read(String text, String source) throws PemException {
        List<PemBlock> blocks = PemReader.read(text, source);
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certificates = new ArrayList<>();
            List<String> others = new ArrayList<>();
            for (PemBlock block : blocks) {
                switch (block.type()) {
                    case "CERTIFICATE", "X509 CERTIFICATE" -> certificates.add(parse(factory, block, source));
                    case "TRUSTED CERTIFICATE" -> throw new PemException(source, block.describe()
                            + " is an OpenSSL trusted certificate, which carries trust settings after the certificate",
                            "convert it with 'openssl x509 -in ca.pem -out ca-plain.pem'");
                    default -> others.add(block.type());
                }
            }
            if (certificates.isEmpty()) {
                throw new PemException(source, "holds no certificate" + (others.isEmpty() ? "" : " (found " + String.join(", ", others) + ")"),
                        "name a file with -----BEGIN CERTIFICATE----- blocks");
            }
            return List.copyOf(certificates);
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        } finally {
            // A combined file's key was decoded with the rest: wipe it too.
            PemReader.wipe(blocks);
        }
    }

    /** {@link #read(String, String)} on a file's content; the path is the source in messages. */
    public static List<X509Certificate> readFile(Path file) throws PemException {
        return read(PemText.readFile(file), file.toString());
    }

    private static X509Certificate parse(CertificateFactory factory, PemBlock block, String source) throws PemException {
        try {
            // The factory reads one certificate and ignores what follows: insist the block holds exactly one.
            DerReader whole = new DerReader(block.der());
            whole.enter(DerReader.SEQUENCE);
            whole.expectEnd();
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der()));
        } catch (DerReader.MalformedDerException e) {
            throw invalid(block, source, e.getMessage(), e);
        } catch (CertificateException e) {
            throw invalid(block, source, String.valueOf(e.getMessage()), e);
        }
    }

    private static PemException invalid(PemBlock block, String source, String detail, Exception cause) {
        return new PemException(source, block.describe() + " is not a valid X.509 certificate (" + detail + ")",
                "copy the file again, or check it with 'openssl x509 -in FILE -noout -text'", cause);
    }
}
