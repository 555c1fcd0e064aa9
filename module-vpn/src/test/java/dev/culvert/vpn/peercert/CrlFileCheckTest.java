package dev.culvert.vpn.peercert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.pki.TestPki;
import dev.culvert.vpn.session.PeerRefusal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** crl-verify FILE: what a CRL revokes, when it cannot vouch for a peer, and that a changed file counts from the next check on. */
class CrlFileCheckTest {
    @TempDir
    Path dir;
    private TestPki.Issued ca;
    private TestPki.Issued alice;
    private TestPki.Issued bob;
    private Path file;

    @BeforeEach
    void pki() throws Exception {
        ca = TestPki.ca("crl-ca");
        alice = TestPki.leaf(ca, "alice", TestPki.Usage.CLIENT);
        bob = TestPki.leaf(ca, "bob", TestPki.Usage.CLIENT);
        file = dir.resolve("crl.pem");
    }

    private CrlFileCheck check() {
        return new CrlFileCheck(new CrlFile(file), List.of(ca.certificate()), Clock.systemUTC());
    }

    private static List<X509Certificate> chain(TestPki.Issued leaf) {
        return List.of(leaf.certificate());
    }

    @Test
    void aRevokedSerialIsRefusedAndNamedWithItsFile() throws Exception {
        Files.writeString(file, TestPki.pem(TestPki.crl(ca, alice.certificate())));
        PeerRefusal refusal = check().check(chain(alice));
        assertEquals(CertificateDrops.REVOKED, refusal.reason());
        assertTrue(refusal.detail().contains("CN=alice") && refusal.detail().contains("serial " + alice.certificate().getSerialNumber())
                && refusal.detail().contains(file.toString()), refusal.detail());
        assertNull(check().check(chain(bob)), "bob is not in the CRL");
    }

    @Test
    void aDerCrlIsReadToo() throws Exception {
        Files.write(file, TestPki.crl(ca, alice.certificate()).getEncoded());
        assertEquals(CertificateDrops.REVOKED, check().check(chain(alice)).reason());
    }

    @Test
    void aRewrittenFileAppliesAtTheNextCheckWithoutANewCheck() throws Exception {
        Files.writeString(file, TestPki.pem(TestPki.crl(ca)));
        CrlFileCheck check = check();
        assertNull(check.check(chain(alice)));
        Files.writeString(file, TestPki.pem(TestPki.crl(ca, alice.certificate())));
        assertEquals(CertificateDrops.REVOKED, check.check(chain(alice)).reason());
    }

    @Test
    void aCrlWhoseSignatureIsNotTheCasRefusesEveryoneItWouldCover() throws Exception {
        TestPki.Issued impostor = TestPki.ca("crl-ca"); // same name, other key
        Files.writeString(file, TestPki.pem(TestPki.crl(impostor)));
        PeerRefusal refusal = check().check(chain(bob));
        assertEquals(CertificateDrops.CRL_UNUSABLE, refusal.reason());
        assertTrue(refusal.detail().contains("does not verify"), refusal.detail());
    }

    @Test
    void anExpiredCrlRefusesAsOpenSslDoes() throws Exception {
        Instant now = Instant.now();
        Files.writeString(file, TestPki.pem(TestPki.crl(ca, now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(1)))));
        PeerRefusal refusal = check().check(chain(bob));
        assertEquals(CertificateDrops.CRL_UNUSABLE, refusal.reason());
        assertTrue(refusal.detail().contains("expired"), refusal.detail());
    }

    @Test
    void aCrlOfAnotherCaDoesNotVouchForThisCasCertificates() throws Exception {
        TestPki.Issued other = TestPki.ca("other-ca");
        Files.writeString(file, TestPki.pem(TestPki.crl(other)));
        PeerRefusal refusal = new CrlFileCheck(new CrlFile(file), List.of(ca.certificate(), other.certificate()), Clock.systemUTC())
                .check(chain(bob));
        assertEquals(CertificateDrops.CRL_UNUSABLE, refusal.reason());
        assertTrue(refusal.detail().contains("has no CRL from CN=crl-ca"), refusal.detail());
    }

    @Test
    void aFileThatStopsParsingRefusesEveryoneFailClosed() throws Exception {
        Files.writeString(file, TestPki.pem(TestPki.crl(ca)));
        CrlFileCheck check = check();
        assertNull(check.check(chain(bob)));
        Files.writeString(file, "-----BEGIN X509 CRL-----\nnot base64 at all\n-----END X509 CRL-----\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        PeerRefusal refusal = check.check(chain(bob));
        assertEquals(CertificateDrops.CRL_UNUSABLE, refusal.reason());
        assertTrue(refusal.detail().contains("every peer is refused"), refusal.detail());
    }

    @Test
    void aFileThatVanishesKeepsTheCrlLastRead() throws Exception {
        Files.writeString(file, TestPki.pem(TestPki.crl(ca, alice.certificate())));
        CrlFileCheck check = check();
        Files.delete(file);
        assertEquals(CertificateDrops.REVOKED, check.check(chain(alice)).reason());
        assertNull(check.check(chain(bob)));
    }

    @Test
    void severalCrlsInOneFileAreAllRead() throws Exception {
        TestPki.Issued other = TestPki.ca("other-ca");
        TestPki.Issued carol = TestPki.leaf(other, "carol", TestPki.Usage.CLIENT);
        Files.writeString(file, TestPki.pem(TestPki.crl(ca)) + TestPki.pem(TestPki.crl(other, carol.certificate())));
        CrlFileCheck check = new CrlFileCheck(new CrlFile(file), List.of(ca.certificate(), other.certificate()), Clock.systemUTC());
        assertNull(check.check(chain(bob)));
        assertEquals(CertificateDrops.REVOKED, check.check(chain(carol)).reason());
    }
}
