package dev.culvert.vpn.peercert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.pki.TestPki;
import dev.culvert.vpn.session.PeerRefusal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** crl-verify DIR dir, as 2.6: a file named by the decimal serial means revoked, whatever it holds. */
class CrlDirCheckTest {
    @Test
    void aFileNamedByTheSerialRevokesFromTheNextCheckOn(@TempDir Path dir) throws Exception {
        TestPki.Issued ca = TestPki.ca("dir-ca");
        TestPki.Issued alice = TestPki.leaf(ca, "alice", TestPki.Usage.CLIENT);
        CrlDirCheck check = new CrlDirCheck(dir);
        assertNull(check.check(List.of(alice.certificate())));
        Files.createFile(dir.resolve(alice.certificate().getSerialNumber().toString()));
        PeerRefusal refusal = check.check(List.of(alice.certificate()));
        assertEquals(CertificateDrops.REVOKED, refusal.reason());
        assertTrue(refusal.detail().contains("CN=alice") && refusal.detail().contains(dir.toString()), refusal.detail());
        Files.delete(dir.resolve(alice.certificate().getSerialNumber().toString()));
        assertNull(check.check(List.of(alice.certificate())));
    }
}
