package dev.culvert.vpn.peercert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.pki.TestPki;
import dev.culvert.vpn.session.PeerRefusal;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** verify-x509-name in its three forms, and the subject written as 2.6 writes it. */
class X509NameCheckTest {
    private static X509Certificate server;

    @BeforeAll
    static void pki() throws Exception {
        TestPki.Issued ca = TestPki.ca("name-ca");
        server = TestPki.leaf(ca, "C=US,ST=CA,L=San Francisco,O=Example\\, Inc.,OU=VPN,CN=vpn-server-01,emailAddress=ops@example.org", b -> { })
                .certificate();
    }

    @Test
    void theSubjectIsWrittenAsOpenVpnPrintsItInEncodingOrder() {
        assertEquals("C=US, ST=CA, L=San Francisco, O=Example, Inc., OU=VPN, CN=vpn-server-01, emailAddress=ops@example.org",
                OpenSslSubject.of(server));
    }

    @Test
    void utf8StaysAndControlCharactersAreRemappedAs26Does() throws Exception {
        X509Certificate odd = TestPki.leaf(TestPki.ca("odd-ca"), "CN=Zürich", b -> { }).certificate();
        assertEquals("CN=Zürich", OpenSslSubject.of(odd), "UTF-8 as a stock 2.6 prints it (TlsVerifyIT compares)");
        assertEquals("-Z_rich", OpenSslSubject.remap("-Z\u0007rich"), "the common name keeps a leading dash");
        assertEquals("Z_rich", OpenSslSubject.remap("Z\u007frich"), "DEL is a control character");
        X509Certificate dashed = TestPki.leaf(TestPki.ca("odd-ca"), "OU=-ops,CN=x", b -> { }).certificate();
        assertEquals("OU=-ops, CN=x", OpenSslSubject.of(dashed), "a dash inside the subject stays");
    }

    @Test
    void subjectFormComparesTheWholeSubject() {
        String subject = "C=US, ST=CA, L=San Francisco, O=Example, Inc., OU=VPN, CN=vpn-server-01, emailAddress=ops@example.org";
        assertNull(new X509NameCheck(subject, X509NameCheck.Form.SUBJECT).check(List.of(server)));
        PeerRefusal refusal = new X509NameCheck("CN=vpn-server-01", X509NameCheck.Form.SUBJECT).check(List.of(server));
        assertEquals(CertificateDrops.X509_NAME, refusal.reason());
        assertTrue(refusal.detail().contains("its subject is '" + subject + "'"), refusal.detail());
    }

    @Test
    void nameFormComparesTheCommonNameExactly() {
        assertNull(new X509NameCheck("vpn-server-01", X509NameCheck.Form.NAME).check(List.of(server)));
        assertEquals(CertificateDrops.X509_NAME, new X509NameCheck("vpn-server", X509NameCheck.Form.NAME).check(List.of(server)).reason());
        assertEquals(CertificateDrops.X509_NAME, new X509NameCheck("VPN-SERVER-01", X509NameCheck.Form.NAME).check(List.of(server)).reason());
    }

    @Test
    void namePrefixFormWantsTheCommonNameToStartWithIt() {
        assertNull(new X509NameCheck("vpn-server-", X509NameCheck.Form.NAME_PREFIX).check(List.of(server)));
        PeerRefusal refusal = new X509NameCheck("db-", X509NameCheck.Form.NAME_PREFIX).check(List.of(server));
        assertEquals(CertificateDrops.X509_NAME, refusal.reason());
        assertTrue(refusal.detail().contains("its common name is 'vpn-server-01'") && refusal.detail().contains("name-prefix"), refusal.detail());
    }
}
