package dev.culvert.ssl.bc;

import java.math.BigInteger;
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
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made in the test with bcpkix, so no date in a committed file can ever expire under
 * the tests: a CA, and leaves with whatever dates and usages a test needs, as Easy-RSA issues them
 * (Key Usage digitalSignature+keyEncipherment, EKU serverAuth or clientAuth). EC P-256 throughout,
 * RSA where asked. The BouncyCastle provider is an instance passed explicitly, as in the module.
 */
final class TestPki {
    private static final Provider BC = new BouncyCastleProvider();
    private static final AtomicLong SERIAL = new AtomicLong(1);

    /** What a leaf is issued for; NONE leaves the EKU extension out. */
    enum Usage { SERVER, CLIENT, NONE }

    record Issued(X509Certificate certificate, KeyPair keys) {
    }

    private TestPki() {
    }

    static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static KeyPair rsaKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** A self-signed CA valid from a day ago for a hundred years. */
    static Issued ca(String commonName) throws Exception {
        KeyPair keys = ecKeys();
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = builder(commonName, commonName, keys, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(36500)));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new Issued(sign(builder, keys), keys);
    }

    /** A leaf valid from a day ago for a hundred years. */
    static Issued leaf(Issued ca, String commonName, Usage usage) throws Exception {
        Instant now = Instant.now();
        return leaf(ca, commonName, usage, ecKeys(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(36500)), true);
    }

    static Issued leaf(Issued ca, String commonName, Usage usage, KeyPair keys, Instant notBefore, Instant notAfter, boolean keyUsage)
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

    private static X509v3CertificateBuilder builder(String issuer, String subject, KeyPair keys, Instant notBefore, Instant notAfter) {
        X500Name issuerName = new X500Name(issuer.startsWith("CN=") ? issuer : "CN=" + issuer);
        return new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(SERIAL.getAndIncrement()), Date.from(notBefore),
                Date.from(notAfter), new X500Name("CN=" + subject), keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys) throws OperatorCreationException, GeneralSecurityException {
        String algorithm = issuerKeys.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaX509CertificateConverter().setProvider(BC)
                .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).setProvider(BC).build(issuerKeys.getPrivate())));
    }
}
