package dev.culvert.vpn.pem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A CA and a client certificate made for a key pair the server already holds, as a PKIX check sees them. */
class StandInClientCertificateTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    private static KeyPair pair(String algorithm) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.equals("P-384") ? "EC" : algorithm);
        switch (algorithm) {
            case "RSA" -> generator.initialize(2048);
            case "EC" -> generator.initialize(new ECGenParameterSpec("secp256r1"));
            case "P-384" -> generator.initialize(new ECGenParameterSpec("secp384r1"));
            default -> {
            }
        }
        return generator.generateKeyPair();
    }

    private static StandInClientCertificate issue(KeyPair pair, Instant now) {
        return StandInClientCertificate.issue(pair.getPublic(), pair.getPrivate(), now, new SecureRandom()).orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "EC", "P-384", "Ed25519", "Ed448"})
    void theClientCertificateChainsToItsAuthorityUnderPkix(String algorithm) throws Exception {
        StandInClientCertificate standIn = issue(pair(algorithm), NOW);
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(standIn.authority(), null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(NOW));
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(standIn.client())), parameters);
    }

    @Test
    void theAuthorityIsASelfSignedCaThatSignsCertificates() throws Exception {
        KeyPair pair = pair("EC");
        X509Certificate authority = issue(pair, NOW).authority();
        authority.verify(pair.getPublic());
        assertEquals(authority.getSubjectX500Principal(), authority.getIssuerX500Principal());
        assertEquals("CN=" + StandInClientCertificate.AUTHORITY_NAME, authority.getSubjectX500Principal().getName());
        assertEquals(Integer.MAX_VALUE, authority.getBasicConstraints(), "CA:TRUE without a path length");
        assertTrue(authority.getKeyUsage()[5], "keyCertSign");
        assertTrue(authority.getCriticalExtensionOIDs().containsAll(Set.of("2.5.29.19", "2.5.29.15")));
    }

    @Test
    void theClientCertificateCarriesWhatRemoteCertTlsClientAsksFor() throws Exception {
        X509Certificate client = issue(pair("RSA"), NOW).client();
        assertEquals(3, client.getVersion());
        assertEquals("CN=" + StandInClientCertificate.CLIENT_NAME, client.getSubjectX500Principal().getName());
        assertEquals("CN=" + StandInClientCertificate.AUTHORITY_NAME, client.getIssuerX500Principal().getName());
        assertTrue(client.getKeyUsage()[0], "digitalSignature");
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), client.getExtendedKeyUsage());
        assertEquals(-1, client.getBasicConstraints(), "not a CA");
        assertEquals("SHA256withRSA", client.getSigAlgName());
        assertTrue(client.getSerialNumber().signum() > 0);
    }

    @Test
    void twoIssuesHaveDifferentSerials() throws Exception {
        KeyPair pair = pair("EC");
        assertTrue(!issue(pair, NOW).client().getSerialNumber().equals(issue(pair, NOW).client().getSerialNumber()));
    }

    @Test
    void validFromAnHourAgoForADay() throws Exception {
        X509Certificate client = issue(pair("EC"), NOW).client();
        client.checkValidity(Date.from(NOW.minus(Duration.ofMinutes(59))));
        client.checkValidity(Date.from(NOW.plus(Duration.ofHours(23))));
        assertThrows(CertificateNotYetValidException.class, () -> client.checkValidity(Date.from(NOW.minus(Duration.ofHours(2)))));
        assertThrows(CertificateExpiredException.class, () -> client.checkValidity(Date.from(NOW.plus(Duration.ofDays(2)))));
    }

    @Test
    void datesFrom2050AreGeneralizedTimes() throws Exception {
        Instant late = Instant.parse("2049-12-31T12:00:00Z");
        X509Certificate client = issue(pair("EC"), late).client();
        assertEquals(Date.from(late.plus(Duration.ofDays(1))), client.getNotAfter());
        assertEquals(Date.from(late.minus(Duration.ofHours(1))), client.getNotBefore());
    }

    @Test
    void aPairThatDoesNotMatchIssuesNothing() throws Exception {
        assertTrue(StandInClientCertificate.issue(pair("EC").getPublic(), pair("EC").getPrivate(), NOW, new SecureRandom()).isEmpty());
    }

    @Test
    void aKeyItCannotSignWithIssuesNothing() throws Exception {
        KeyPair pss = pair("RSASSA-PSS");
        assertTrue(StandInClientCertificate.issue(pss.getPublic(), pss.getPrivate(), NOW, new SecureRandom()).isEmpty());
    }
}
