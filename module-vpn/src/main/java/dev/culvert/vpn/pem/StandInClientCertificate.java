package dev.culvert.vpn.pem;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.EdECKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * A certificate authority of its own and a client certificate it issued, both for a key pair the
 * caller already holds (a server's own): what lets a server rehearse a client that carries a
 * certificate, the chain checked against a CA, the client's signature and its key usages, when
 * the server holds no CA key, as it should not. Made in memory, never written anywhere, and
 * trusted only by the settings the caller gives it to; valid for a day from an hour ago.
 *
 * <p>The client certificate carries what {@code remote-cert-tls client} asks for: a Key Usage
 * (digital signature) and the Extended Key Usage TLS Web Client Authentication.
 *
 * @param authority the self-signed CA certificate, to trust
 * @param client    the client certificate it issued, for the same key
 */
public record StandInClientCertificate(X509Certificate authority, X509Certificate client) {
    /** The client certificate's common name. */
    public static final String CLIENT_NAME = "culvert-rehearsal";
    static final String AUTHORITY_NAME = "Culvert rehearsal CA";
    private static final Duration BACKDATED = Duration.ofHours(1);
    private static final Duration VALID = Duration.ofDays(1);

    private static final byte[] COMMON_NAME = DerWriter.oid("2.5.4.3");
    private static final byte[] V3 = DerWriter.element(DerReader.CONTEXT_0, new byte[] {DerReader.INTEGER, 0x01, 0x02});
    private static final byte[] BASIC_CONSTRAINTS = DerWriter.oid("2.5.29.19");
    private static final byte[] KEY_USAGE = DerWriter.oid("2.5.29.15");
    private static final byte[] EXTENDED_KEY_USAGE = DerWriter.oid("2.5.29.37");
    private static final byte[] CLIENT_AUTH = DerWriter.oid("1.3.6.1.5.5.7.3.2");
    /** keyCertSign and cRLSign: bits 5 and 6, so one unused bit. */
    private static final byte[] SIGNS_CERTIFICATES = {DerWriter.BIT_STRING, 0x02, 0x01, 0x06};
    /** digitalSignature: bit 0, so seven unused bits. */
    private static final byte[] SIGNS_DATA = {DerWriter.BIT_STRING, 0x02, 0x07, (byte) 0x80};
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    /**
     * A CA and a client certificate for {@code publicKey} and {@code privateKey}, its pair, signed
     * with the key; empty for a key this cannot sign with (RSASSA-PSS, a key held outside the JDK's
     * providers) or a pair that does not match.
     */
    public static Optional<StandInClientCertificate> issue(PublicKey publicKey, PrivateKey privateKey, Instant now, SecureRandom random) {
        Optional<SignatureAlgorithm> algorithm = SignatureAlgorithm.of(publicKey);
        if (algorithm.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] authorityName = name(AUTHORITY_NAME);
            byte[] authorityExtensions = extensions(
                    extension(BASIC_CONSTRAINTS, DerWriter.element(DerReader.SEQUENCE, DerWriter.TRUE)),
                    extension(KEY_USAGE, SIGNS_CERTIFICATES));
            byte[] clientExtensions = extensions(
                    extension(KEY_USAGE, SIGNS_DATA),
                    extension(EXTENDED_KEY_USAGE, DerWriter.element(DerReader.SEQUENCE, CLIENT_AUTH)));
            X509Certificate authority = sign(algorithm.get(), privateKey,
                    tbs(algorithm.get(), random, authorityName, now, authorityName, publicKey, authorityExtensions));
            X509Certificate client = sign(algorithm.get(), privateKey,
                    tbs(algorithm.get(), random, authorityName, now, name(CLIENT_NAME), publicKey, clientExtensions));
            client.verify(publicKey);
            return Optional.of(new StandInClientCertificate(authority, client));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static byte[] tbs(SignatureAlgorithm algorithm, SecureRandom random, byte[] issuer, Instant now, byte[] subject,
                              PublicKey key, byte[] extensions) {
        byte[] serial = new byte[16];
        random.nextBytes(serial);
        serial[0] = (byte) ((serial[0] & 0x3F) | 0x40); // positive, and no leading byte DER would strip
        byte[] validity = DerWriter.element(DerReader.SEQUENCE, time(now.minus(BACKDATED)), time(now.plus(VALID)));
        return DerWriter.element(DerReader.SEQUENCE, V3, DerWriter.element(DerReader.INTEGER, serial), algorithm.identifier,
                issuer, validity, subject, key.getEncoded(), extensions);
    }

    private static X509Certificate sign(SignatureAlgorithm algorithm, PrivateKey key, byte[] tbs) throws GeneralSecurityException {
        Signature signer = Signature.getInstance(algorithm.jcaName);
        signer.initSign(key);
        signer.update(tbs);
        byte[] signature = signer.sign();
        byte[] bits = new byte[signature.length + 1]; // a leading 0: no unused bits
        System.arraycopy(signature, 0, bits, 1, signature.length);
        byte[] der = DerWriter.element(DerReader.SEQUENCE, tbs, algorithm.identifier, DerWriter.element(DerWriter.BIT_STRING, bits));
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    /** A distinguished name of one common name. */
    private static byte[] name(String commonName) {
        byte[] attribute = DerWriter.element(DerReader.SEQUENCE, COMMON_NAME,
                DerWriter.element(DerWriter.UTF8_STRING, commonName.getBytes(StandardCharsets.UTF_8)));
        return DerWriter.element(DerReader.SEQUENCE, DerWriter.element(DerWriter.SET, attribute));
    }

    /** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
    private static byte[] time(Instant at) {
        boolean utc = at.atZone(ZoneOffset.UTC).getYear() < 2050;
        String text = (utc ? UTC_TIME : GENERALIZED_TIME).format(at);
        return DerWriter.element(utc ? DerWriter.UTC_TIME : DerWriter.GENERALIZED_TIME, text.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] extensions(byte[]... each) {
        return DerWriter.element(DerWriter.CONTEXT_3, DerWriter.element(DerReader.SEQUENCE, each));
    }

    /** A critical extension. */
    private static byte[] extension(byte[] oid, byte[] value) {
        return DerWriter.element(DerReader.SEQUENCE, oid, DerWriter.TRUE, DerWriter.element(DerReader.OCTET_STRING, value));
    }

    /** How a key of each algorithm signs a certificate, and how the certificate says so. */
    private record SignatureAlgorithm(String jcaName, byte[] identifier) {
        static Optional<SignatureAlgorithm> of(PublicKey key) {
            if (key instanceof EdECKey ed) {
                String curve = ed.getParams().getName();
                return switch (curve) {
                    case "Ed25519" -> Optional.of(new SignatureAlgorithm("Ed25519", DerWriter.element(DerReader.SEQUENCE, KeyAlgorithms.ED25519)));
                    case "Ed448" -> Optional.of(new SignatureAlgorithm("Ed448", DerWriter.element(DerReader.SEQUENCE, KeyAlgorithms.ED448)));
                    default -> Optional.empty();
                };
            }
            return switch (key.getAlgorithm()) {
                case "RSA" -> Optional.of(new SignatureAlgorithm("SHA256withRSA",
                        DerWriter.element(DerReader.SEQUENCE, DerWriter.oid("1.2.840.113549.1.1.11"), KeyAlgorithms.DER_NULL)));
                case "EC" -> Optional.of(new SignatureAlgorithm("SHA256withECDSA",
                        DerWriter.element(DerReader.SEQUENCE, DerWriter.oid("1.2.840.10045.4.3.2"))));
                default -> Optional.empty();
            };
        }
    }
}
