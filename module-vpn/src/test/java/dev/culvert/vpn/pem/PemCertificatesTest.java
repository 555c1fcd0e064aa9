package dev.culvert.vpn.pem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Certificates of {@code ca} and {@code cert}: one or several per text, in order, and what is refused. */
class PemCertificatesTest {
    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    @Test
    void readsOneCertificate() throws PemException {
        List<X509Certificate> certificates = PemCertificates.read(Fixtures.text("ca-rsa.crt"), "ca.crt");
        assertEquals(1, certificates.size());
        assertEquals("CN=Culvert Test CA", subject(certificates.get(0)));
    }

    @Test
    void readsSeveralCertificatesOfOneBlockInOrder() throws PemException {
        List<X509Certificate> certificates = PemCertificates.read(Fixtures.text("two-certs.pem"), "client.ovpn:12");
        assertEquals(List.of("CN=Culvert Test CA", "CN=Culvert Test EC"), certificates.stream().map(PemCertificatesTest::subject).toList());
    }

    @Test
    void ignoresTextAroundBlocksAndWindowsLineEnds() throws PemException {
        String text = "Certificate:\n    Data: (dump)\n" + Fixtures.text("ec.crt").replace("\n", "\r\n") + "trailing words\n";
        assertEquals("CN=Culvert Test EC", subject(PemCertificates.read(text, "ec.crt").get(0)));
    }

    @Test
    void ignoresTheKeyOfACombinedFile() throws PemException {
        String text = Fixtures.text("rsa-pkcs8.pem") + Fixtures.text("ca-rsa.crt");
        assertEquals(1, PemCertificates.read(text, "combined.pem").size());
    }

    @Test
    void aKeyIsNotACertificate() {
        PemException e = assertThrows(PemException.class, () -> PemCertificates.read(Fixtures.text("ec-sec1-with-params.pem"), "ca.crt"));
        assertEquals("ca.crt: holds no certificate (found EC PARAMETERS, EC PRIVATE KEY); name a file with -----BEGIN CERTIFICATE----- blocks",
                e.getMessage());
    }

    @Test
    void emptyTextHoldsNoCertificate() {
        PemException e = assertThrows(PemException.class, () -> PemCertificates.read("", "client.ovpn:3"));
        assertEquals("client.ovpn:3", e.source());
        assertEquals("holds no certificate", e.problem());
    }

    @Test
    void aCertificateCutShortIsRefusedAndNamesItsBlock() {
        String text = Fixtures.text("two-certs.pem");
        // Drop the last few lines of the second certificate's base64, keeping its END line.
        int end = text.lastIndexOf("-----END CERTIFICATE-----");
        int cut = text.lastIndexOf('\n', text.lastIndexOf('\n', text.lastIndexOf('\n', end - 1) - 1) - 1);
        String damaged = text.substring(0, cut + 1) + text.substring(end);
        PemException e = assertThrows(PemException.class, () -> PemCertificates.read(damaged, "ca.crt"));
        int secondBlockLine = (int) Fixtures.text("ca-rsa.crt").lines().count() + 1;
        assertTrue(e.problem().startsWith("the CERTIFICATE block on line " + secondBlockLine + " is not a valid X.509 certificate"), e.problem());
    }

    @Test
    void trailingBytesAfterTheCertificateAreRefused() {
        String text = Fixtures.text("ec.crt");
        byte[] der = Base64.getMimeDecoder().decode(PemPrivateKeysTest.between(text, "CERTIFICATE"));
        byte[] longer = Arrays.copyOf(der, der.length + 3);
        String padded = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(longer) + "\n-----END CERTIFICATE-----\n";
        PemException e = assertThrows(PemException.class, () -> PemCertificates.read(padded, "ec.crt"));
        assertTrue(e.problem().contains("3 unexpected bytes"), e.problem());
    }

    @Test
    void anOpenSslTrustedCertificateIsRefusedWithTheConversion() {
        String text = Fixtures.text("ec.crt").replace("CERTIFICATE", "TRUSTED CERTIFICATE");
        PemException e = assertThrows(PemException.class, () -> PemCertificates.read(text, "ca.crt"));
        assertTrue(e.fix().contains("openssl x509"), e.fix());
    }
}
