package dev.culvert.vpn.peercert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.pki.TestPki;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The variables 2.6's verify_cert_set_env gives tls-verify for each certificate of the chain. */
class CertificateVariablesTest {
    private static TestPki.Issued ca;
    private static X509Certificate alice;

    @BeforeAll
    static void pki() throws Exception {
        ca = TestPki.ca("vars-ca");
        alice = TestPki.leaf(ca, "C=DE,O=Example,OU=ops,OU=night shift,CN=alice,emailAddress=alice@example.org", b -> { }).certificate();
    }

    /** A leaf with exactly {@code subject}, control characters and all, as a hostile CA could issue it. */
    static X509Certificate hostile(X500Name subject) throws Exception {
        java.security.KeyPair keys = TestPki.ecKeys();
        java.time.Instant now = java.time.Instant.now();
        var builder = new JcaX509v3CertificateBuilder(X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
                BigInteger.valueOf(4242), java.util.Date.from(now.minusSeconds(3600)), java.util.Date.from(now.plusSeconds(3600)), subject,
                keys.getPublic());
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(ca.keys().getPrivate())));
    }

    private static Map<String, String> chain(Optional<List<X509Track>> track) {
        Map<String, String> env = new LinkedHashMap<>();
        CertificateVariables.add(env, ca.certificate(), 1, track);
        CertificateVariables.add(env, alice, 0, track);
        return env;
    }

    @Test
    void everySubjectAttributeOfEveryDepthByOpenSslShortName() {
        Map<String, String> env = chain(Optional.empty());
        assertEquals("vars-ca", env.get("X509_1_CN"));
        assertEquals("alice", env.get("X509_0_CN"));
        assertEquals("DE", env.get("X509_0_C"));
        assertEquals("Example", env.get("X509_0_O"));
        assertEquals("alice@example.org", env.get("X509_0_emailAddress"));
        assertEquals("ops", env.get("X509_0_OU"), "the first of a repeated attribute");
        assertEquals("night shift", env.get("X509_0_OU_1"), "the next one numbered, as setenv_str_incr does");
        assertEquals("C=DE, O=Example, OU=ops, OU=night shift, CN=alice, emailAddress=alice@example.org", env.get("tls_id_0"));
        assertEquals("CN=vars-ca", env.get("tls_id_1"));
    }

    @Test
    void serialsAndFingerprintsAreWrittenAs26WritesThem() throws Exception {
        Map<String, String> env = chain(Optional.empty());
        BigInteger serial = alice.getSerialNumber();
        assertEquals(serial.toString(), env.get("tls_serial_0"));
        String hex = env.get("tls_serial_hex_0");
        assertTrue(hex.matches("[0-9a-f]{2}(:[0-9a-f]{2})*"), hex);
        assertEquals(serial, new BigInteger(hex.replace(":", ""), 16));
        assertEquals(HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("SHA-1").digest(alice.getEncoded())), env.get("tls_digest_0"));
        assertEquals(HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("SHA-256").digest(alice.getEncoded())),
                env.get("tls_digest_sha256_0"));
        assertEquals(32 * 3 - 1, env.get("tls_digest_sha256_1").length());
    }

    @Test
    void x509TrackReplacesTheAttributesWithTheTrackedOnesAndPlusMeansTheWholeChain() {
        Map<String, String> env = chain(Optional.of(List.of(X509Track.parse("emailAddress"), X509Track.parse("+SHA256"),
                X509Track.parse("+CN"))));
        assertEquals("alice@example.org", env.get("X509_0_emailAddress"));
        assertFalse(env.containsKey("X509_1_emailAddress"), "the CA has none");
        assertEquals("vars-ca", env.get("X509_1_CN"));
        assertEquals("alice", env.get("X509_0_CN"));
        assertFalse(env.containsKey("X509_0_O"), "untracked attributes are left out");
        assertTrue(env.get("X509_1_SHA256").matches("[0-9A-F]{2}(:[0-9A-F]{2}){31}"), "upper case, as FHE_CAPS: " + env.get("X509_1_SHA256"));
        assertEquals(env.get("tls_digest_sha256_0").toUpperCase(), env.get("X509_0_SHA256"));
        assertTrue(env.containsKey("tls_serial_0") && env.containsKey("tls_id_1"), "the tls_ variables stay");
    }

    @Test
    void withoutPlusOnlyThePeersOwnCertificateIsTracked() {
        Map<String, String> env = chain(Optional.of(List.of(X509Track.parse("CN"))));
        assertEquals("alice", env.get("X509_0_CN"));
        assertFalse(env.containsKey("X509_1_CN"));
    }

    @Test
    void hostileFieldsCannotAddALineOrAVariable() throws Exception {
        X509Certificate evil = hostile(new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "a\"b'c")
                .addRDN(BCStyle.CN, "mallory\r\nX509_0_CN=admin").build());
        Map<String, String> env = new LinkedHashMap<>();
        CertificateVariables.add(env, evil, 0, Optional.empty());
        CertificateVariables.add(env, evil, 1, Optional.of(List.of(X509Track.parse("+CN"))));
        assertEquals("mallory__X509_0_CN=admin", env.get("X509_0_CN"), "CR and LF made '_' as x509_setenv does");
        assertEquals("mallory??X509_0_CN=admin", env.get("X509_1_CN"), "a tracked value has CR and LF made '?' as do_setenv_x509 does");
        assertEquals("a\"b'c", env.get("X509_0_O"), "quotes are printable: they stay, and no shell reads them");
        assertEquals("O=a\"b'c, CN=mallory\\0D\\0AX509_0_CN=admin", env.get("tls_id_0"), "control characters escaped as OpenSSL prints them");
        env.values().forEach(v -> assertTrue(v.chars().noneMatch(c -> c < 0x20 || c == 0x7f), v));
        env.keySet().forEach(k -> assertTrue(k.matches("[A-Za-z0-9_]+"), k));
    }
}
