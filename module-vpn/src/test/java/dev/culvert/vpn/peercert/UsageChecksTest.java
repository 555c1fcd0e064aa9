package dev.culvert.vpn.peercert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.pki.TestPki;
import dev.culvert.vpn.session.PeerRefusal;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.misc.MiscObjectIdentifiers;
import org.bouncycastle.asn1.misc.NetscapeCertType;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/** remote-cert-ku, remote-cert-eku and the legacy ns-cert-type as checks of the policy, with their counters and words. */
class UsageChecksTest {
    private static X509Certificate leaf(String cn, TestPki.Extensions extensions) throws Exception {
        return TestPki.leaf(TestPki.ca("usage-ca"), "CN=" + cn, extensions).certificate();
    }

    @Test
    void remoteCertKuRefusesACertificateWithoutTheBits() throws Exception {
        X509Certificate agreeOnly = leaf("bob", b -> b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyAgreement)));
        assertNull(new RemoteKeyUsageCheck(List.of()).check(List.of(agreeOnly)));
        assertNull(new RemoteKeyUsageCheck(List.of(0xa0, 0x08)).check(List.of(agreeOnly)));
        PeerRefusal refusal = new RemoteKeyUsageCheck(List.of(0xa0)).check(List.of(agreeOnly));
        assertEquals(CertificateDrops.KEY_USAGE, refusal.reason());
        assertTrue(refusal.detail().contains("CN=bob") && refusal.detail().contains("remote-cert-ku a0"), refusal.detail());
    }

    @Test
    void remoteCertEkuRefusesACertificateWithoutThePurpose() throws Exception {
        X509Certificate server = leaf("vpn", b -> b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth)));
        assertNull(new RemoteExtendedKeyUsageCheck("TLS Web Server Authentication").check(List.of(server)));
        PeerRefusal refusal = new RemoteExtendedKeyUsageCheck("TLS Web Client Authentication").check(List.of(server));
        assertEquals(CertificateDrops.EXTENDED_KEY_USAGE, refusal.reason());
        assertTrue(refusal.detail().contains("CN=vpn") && refusal.detail().contains("has no TLS Web Client Authentication EKU"), refusal.detail());
    }

    @Test
    void nsCertTypeServerTakesTheNetscapeBitOrAnyCertificateFitForServerUse() throws Exception {
        X509Certificate legacy = leaf("legacy", b -> b.addExtension(MiscObjectIdentifiers.netscapeCertType, false,
                new NetscapeCertType(NetscapeCertType.sslServer)));
        X509Certificate modern = leaf("modern", b -> b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth)));
        X509Certificate plain = leaf("plain", b -> { });
        NsCertTypeCheck server = new NsCertTypeCheck(true);
        assertEquals(0x40, NsCertTypeCheck.netscapeCertType(legacy));
        assertNull(server.check(List.of(legacy)));
        assertNull(server.check(List.of(modern)));
        assertNull(server.check(List.of(plain)), "no EKU, no KU, no Netscape type: OpenSSL's purpose check passes it, as in 2.6");
    }

    @Test
    void nsCertTypeServerRefusesAClientCertificate() throws Exception {
        X509Certificate client = leaf("alice", b -> b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth)));
        X509Certificate clientType = leaf("carol", b -> b.addExtension(MiscObjectIdentifiers.netscapeCertType, false,
                new NetscapeCertType(NetscapeCertType.sslClient)));
        PeerRefusal refusal = new NsCertTypeCheck(true).check(List.of(client));
        assertEquals(CertificateDrops.NS_CERT_TYPE, refusal.reason());
        assertTrue(refusal.detail().contains("ns-cert-type server") && refusal.detail().contains("CN=alice")
                && refusal.detail().contains("lacks serverAuth"), refusal.detail());
        assertEquals(CertificateDrops.NS_CERT_TYPE, new NsCertTypeCheck(true).check(List.of(clientType)).reason());
        assertNull(new NsCertTypeCheck(false).check(List.of(clientType)));
        assertNull(new NsCertTypeCheck(false).check(List.of(client)));
    }

    @Test
    void nsCertTypeClientRefusesAKeyUsageForEnciphermentOnly() throws Exception {
        X509Certificate encipherOnly = leaf("dave", b -> b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyEncipherment)));
        assertEquals(CertificateDrops.NS_CERT_TYPE, new NsCertTypeCheck(false).check(List.of(encipherOnly)).reason());
        assertNull(new NsCertTypeCheck(true).check(List.of(encipherOnly)), "a server may use keyEncipherment (RSA key exchange)");
    }
}
