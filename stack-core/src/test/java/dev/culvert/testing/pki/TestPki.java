package dev.culvert.testing.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The one test PKI of every module's tests: certificates made in the test with bcpkix, so no date
 * in a committed file can ever expire under the tests. A CA, and leaves with whatever dates and
 * usages a test needs, as Easy-RSA issues them (Key Usage digitalSignature, keyEncipherment and
 * keyAgreement; EKU serverAuth or clientAuth). EC P-256 throughout, RSA where asked. The
 * BouncyCastle provider is an instance passed explicitly, never installed globally.
 */
public final class TestPki {
    private static final Provider BC = new BouncyCastleProvider();
    private static final AtomicLong SERIAL = new AtomicLong(1);
    private static final Duration LIFETIME = Duration.ofDays(36500);

    /** What a leaf is issued for; NONE leaves the EKU extension out. */
    public enum Usage { SERVER, CLIENT, NONE }

    /** A certificate and its key pair. */
    public record Issued(X509Certificate certificate, KeyPair keys) {
        public String certificatePem() {
            return pem(certificate);
        }

        /** The private key as PKCS#8 PEM, which OpenSSL 3 and Culvert's PEM reader both read. */
        public String keyPem() {
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
        }

        /** Writes the certificate and the key as PEM files. */
        public void write(Path certificateFile, Path keyFile) throws IOException {
            Files.writeString(certificateFile, certificatePem());
            Files.writeString(keyFile, keyPem());
        }
    }

    /**
     * What most TLS tests need: a CA ("Culvert Test CA"), a server certificate it issued
     * ("vpn.example", serverAuth) and a client certificate ("alice", clientAuth).
     */
    public record ServerAndClient(Issued ca, Issued server, Issued client) {
        /** A fresh set; unchecked, so that a test class can hold it in a static final field. */
        public static ServerAndClient issue() {
            try {
                Issued ca = TestPki.ca("Culvert Test CA");
                return new ServerAndClient(ca, leaf(ca, "vpn.example", Usage.SERVER), leaf(ca, "alice", Usage.CLIENT));
            } catch (Exception e) {
                throw new IllegalStateException("cannot issue the test PKI", e);
            }
        }
    }

    private TestPki() {
    }

    public static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    public static KeyPair rsaKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** A self-signed CA valid from a day ago for a hundred years. */
    public static Issued ca(String commonName) throws Exception {
        KeyPair keys = ecKeys();
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = builder("CN=" + commonName, commonName, keys, now.minus(Duration.ofDays(1)), now.plus(LIFETIME));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new Issued(sign(builder, keys), keys);
    }

    /** A leaf with a fresh EC key, valid from a day ago for a hundred years. */
    public static Issued leaf(Issued ca, String commonName, Usage usage) throws Exception {
        Instant now = Instant.now();
        return leaf(ca, commonName, usage, now.minus(Duration.ofDays(1)), now.plus(LIFETIME));
    }

    /** A leaf with a fresh EC key, valid from {@code notBefore} to {@code notAfter}. */
    public static Issued leaf(Issued ca, String commonName, Usage usage, Instant notBefore, Instant notAfter) throws Exception {
        return leaf(ca, commonName, usage, ecKeys(), notBefore, notAfter, true);
    }

    /** A leaf for {@code keys}; without {@code keyUsage} the Key Usage extension is left out. */
    public static Issued leaf(Issued ca, String commonName, Usage usage, KeyPair keys, Instant notBefore, Instant notAfter, boolean keyUsage)
            throws Exception {
        X509v3CertificateBuilder builder = builder(ca.certificate().getSubjectX500Principal().getName(), commonName, keys, notBefore, notAfter);
        builder.addExtension(Extension.basicConstraints, false, new BasicConstraints(false));
        if (keyUsage) {
            builder.addExtension(Extension.keyUsage, false, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyAgreement));
        }
        switch (usage) {
            case SERVER -> builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            case CLIENT -> builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            case NONE -> { }
        }
        return new Issued(sign(builder, ca.keys()), keys);
    }

    /** What a test adds to a leaf beyond Basic Constraints: extensions in any form. */
    @FunctionalInterface
    public interface Extensions {
        void add(X509v3CertificateBuilder builder) throws Exception;
    }

    /**
     * A leaf with a fresh EC key and exactly the subject and extensions a test gives, e.g.
     * {@code "C=US,ST=CA,O=Example,CN=server"} (RDNs encoded in the order written).
     */
    public static Issued leaf(Issued ca, String subject, Extensions extensions) throws Exception {
        KeyPair keys = ecKeys();
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
                BigInteger.valueOf(SERIAL.getAndIncrement()), Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(LIFETIME)),
                new X500Name(subject), keys.getPublic());
        builder.addExtension(Extension.basicConstraints, false, new BasicConstraints(false));
        extensions.add(builder);
        return new Issued(sign(builder, ca.keys()), keys);
    }

    /** A CRL of {@code ca} listing {@code revoked}, issued a day ago, next update in thirty days. */
    public static X509CRL crl(Issued ca, X509Certificate... revoked) throws Exception {
        Instant now = Instant.now();
        return crl(ca, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), revoked);
    }

    /** A CRL signed with {@code ca}'s key, with these dates, listing {@code revoked} (reason keyCompromise). */
    public static X509CRL crl(Issued ca, Instant thisUpdate, Instant nextUpdate, X509Certificate... revoked) throws Exception {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
                Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(nextUpdate));
        for (X509Certificate certificate : revoked) {
            builder.addCRLEntry(certificate.getSerialNumber(), Date.from(thisUpdate), CRLReason.keyCompromise);
        }
        String algorithm = ca.keys().getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaX509CRLConverter().setProvider(BC)
                .getCRL(builder.build(new JcaContentSignerBuilder(algorithm).setProvider(BC).build(ca.keys().getPrivate())));
    }

    /** PEM text of a certificate, key or other object bcpkix can write. */
    public static String pem(Object o) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }

    private static X509v3CertificateBuilder builder(String issuer, String subject, KeyPair keys, Instant notBefore, Instant notAfter) {
        return new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(SERIAL.getAndIncrement()), Date.from(notBefore),
                Date.from(notAfter), new X500Name("CN=" + subject), keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys) throws OperatorCreationException, GeneralSecurityException {
        String algorithm = issuerKeys.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaX509CertificateConverter().setProvider(BC)
                .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).setProvider(BC).build(issuerKeys.getPrivate())));
    }
}
