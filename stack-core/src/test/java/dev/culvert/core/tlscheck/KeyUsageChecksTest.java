package dev.culvert.core.tlscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.pki.TestPki;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/** remote-cert-ku and remote-cert-eku as 2.6 reads them with OpenSSL: usage bits as a byte, purposes by OID or OpenSSL's long name. */
class KeyUsageChecksTest {
    private static X509Certificate leaf(int keyUsage, KeyPurposeId... purposes) throws Exception {
        TestPki.Issued ca = TestPki.ca("ku-ca");
        return TestPki.leaf(ca, "CN=peer", b -> {
            if (keyUsage >= 0) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            }
            if (purposes.length > 0) {
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
            }
        }).certificate();
    }

    @Test
    void withoutValuesOnlyTheExtensionMustBeThere() throws Exception {
        assertNull(KeyUsageCheck.problem(leaf(KeyUsage.keyCertSign), List.of(), "peer", "remote-cert-ku"));
        String problem = KeyUsageCheck.problem(leaf(-1), List.of(), "peer certificate CN=peer", "remote-cert-ku");
        assertEquals("peer certificate CN=peer has no Key Usage extension (remote-cert-ku requires one)", problem);
    }

    @Test
    void oneValueWhoseBitsAreAllThereIsEnough() throws Exception {
        X509Certificate signAndEncipher = leaf(KeyUsage.digitalSignature | KeyUsage.keyEncipherment); // a0
        assertNull(KeyUsageCheck.problem(signAndEncipher, List.of(0xa0), "peer", "remote-cert-ku a0"));
        assertNull(KeyUsageCheck.problem(signAndEncipher, List.of(0x88, 0x80), "peer", "remote-cert-ku 88 80"));
        String problem = KeyUsageCheck.problem(signAndEncipher, List.of(0x88), "peer", "remote-cert-ku 88");
        assertTrue(problem.contains("key usage a0") && problem.contains("none of 88"), problem);
    }

    @Test
    void purposesMatchByOidOrByOpenSslsLongNameButNotItsShortName() throws Exception {
        X509Certificate client = leaf(KeyUsage.digitalSignature, KeyPurposeId.id_kp_clientAuth);
        assertNull(ExtendedKeyUsageCheck.problem(client, "1.3.6.1.5.5.7.3.2", "peer", "remote-cert-eku"));
        assertNull(ExtendedKeyUsageCheck.problem(client, "TLS Web Client Authentication", "peer", "remote-cert-eku"));
        assertTrue(ExtendedKeyUsageCheck.problem(client, "clientAuth", "peer", "remote-cert-eku").contains("has no clientAuth EKU"));
        String problem = ExtendedKeyUsageCheck.problem(client, "1.3.6.1.5.5.7.3.1", "peer certificate CN=peer", "remote-cert-eku 1.3.6.1.5.5.7.3.1");
        assertEquals("peer certificate CN=peer has no TLS Web Server Authentication EKU (remote-cert-eku 1.3.6.1.5.5.7.3.1)", problem);
        assertTrue(ExtendedKeyUsageCheck.problem(leaf(KeyUsage.digitalSignature), "Code Signing", "peer", "remote-cert-eku")
                .contains("has no Code Signing EKU"));
    }
}
