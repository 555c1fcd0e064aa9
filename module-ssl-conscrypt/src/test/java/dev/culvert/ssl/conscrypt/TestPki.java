package dev.culvert.ssl.conscrypt;

import java.math.BigInteger;
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
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates issued in the test (bcpkix, a provider instance passed explicitly), so no committed
 * date can expire under the tests: an EC P-256 CA and leaves shaped as Easy-RSA issues them (Key
 * Usage digitalSignature+keyEncipherment+keyAgreement, EKU serverAuth or clientAuth).
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

    static KeyPair ecKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static Issued ca(String commonName) throws Exception {
        KeyPair keys = ecKeys();
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = builder("CN=" + commonName, commonName, keys, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(36500)));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new Issued(sign(builder, keys), keys);
    }

    static Issued leaf(Issued ca, String commonName, Usage usage) throws Exception {
        Instant now = Instant.now();
        return leaf(ca, commonName, usage, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(36500)));
    }

    static Issued leaf(Issued ca, String commonName, Usage usage, Instant notBefore, Instant notAfter) throws Exception {
        KeyPair keys = ecKeys();
        X509v3CertificateBuilder builder = builder(ca.certificate().getSubjectX500Principal().getName(), commonName, keys, notBefore, notAfter);
        builder.addExtension(Extension.basicConstraints, false, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, false, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyAgreement));
        switch (usage) {
            case SERVER -> builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            case CLIENT -> builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            case NONE -> { }
        }
        return new Issued(sign(builder, ca.keys()), keys);
    }

    private static X509v3CertificateBuilder builder(String issuer, String subject, KeyPair keys, Instant notBefore, Instant notAfter) {
        return new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(SERIAL.getAndIncrement()), Date.from(notBefore),
                Date.from(notAfter), new X500Name("CN=" + subject), keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys) throws Exception {
        return new JcaX509CertificateConverter().setProvider(BC)
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(issuerKeys.getPrivate())));
    }
}
