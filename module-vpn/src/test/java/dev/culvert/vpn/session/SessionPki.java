package dev.culvert.vpn.session;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test PKI made in the test (EC P-256, as Easy-RSA would issue it), so no committed date can
 * expire: a CA and leaves for the server and client roles, optionally expired or without EKU.
 */
final class SessionPki {
    private static final Provider BC = new BouncyCastleProvider();
    private static final AtomicLong SERIAL = new AtomicLong(100);

    enum Usage { SERVER, CLIENT, NONE }

    record Issued(X509Certificate certificate, KeyPair keys) {
        String certificatePem() {
            return pem(certificate);
        }

        /** PKCS#8, which OpenSSL 3 and core.pem both read. */
        String keyPem() {
            return "-----BEGIN PRIVATE KEY-----\n"
                    + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                            .encodeToString(keys.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
        }

        void write(Path cert, Path key) throws IOException {
            Files.writeString(cert, certificatePem());
            Files.writeString(key, keyPem());
        }
    }

    private SessionPki() {
    }

    static Issued ca(String name) throws Exception {
        KeyPair keys = ecKeys();
        Instant now = Instant.now();
        X509v3CertificateBuilder b = builder("CN=" + name, name, keys, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new Issued(sign(b, keys), keys);
    }

    static Issued leaf(Issued ca, String name, Usage usage) throws Exception {
        Instant now = Instant.now();
        return leaf(ca, name, usage, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)));
    }

    static Issued leaf(Issued ca, String name, Usage usage, Instant notBefore, Instant notAfter) throws Exception {
        KeyPair keys = ecKeys();
        X509v3CertificateBuilder b = builder(ca.certificate().getSubjectX500Principal().getName(), name, keys, notBefore, notAfter);
        b.addExtension(Extension.basicConstraints, false, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, false, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        switch (usage) {
            case SERVER -> b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            case CLIENT -> b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            case NONE -> { }
        }
        return new Issued(sign(b, ca.keys()), keys);
    }

    private static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(String issuer, String subject, KeyPair keys, Instant from, Instant to) {
        return new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(SERIAL.getAndIncrement()), Date.from(from),
                Date.from(to), new X500Name("CN=" + subject), keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair issuer) throws Exception {
        return new JcaX509CertificateConverter().setProvider(BC)
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(issuer.getPrivate())));
    }

    static String pem(Object o) {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }
}
