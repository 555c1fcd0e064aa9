package dev.culvert.vpn.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.pki.TestPki;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Key id 0 locks the peer's common name and certificates; a later key must present the same, as in 2.6. */
class PeerIdentityLockTest {
    @Test
    void theSameCertificateAtEveryKeyPasses() throws Exception {
        TestPki.Issued ca = TestPki.ca("lock-ca");
        TestPki.Issued alice = TestPki.leaf(ca, "alice", TestPki.Usage.CLIENT);
        PeerIdentityLock lock = new PeerIdentityLock();
        assertNull(lock.check(0, List.of(alice.certificate())));
        assertNull(lock.check(1, List.of(alice.certificate())));
        assertNull(lock.check(2, List.of(alice.certificate())));
    }

    @Test
    void anotherCommonNameIsRefused() throws Exception {
        TestPki.Issued ca = TestPki.ca("lock-ca");
        PeerIdentityLock lock = new PeerIdentityLock();
        assertNull(lock.check(0, List.of(TestPki.leaf(ca, "alice", TestPki.Usage.CLIENT).certificate())));
        PeerRefusal refusal = lock.check(1, List.of(TestPki.leaf(ca, "mallory", TestPki.Usage.CLIENT).certificate()));
        assertEquals(SessionDrops.COMMON_NAME_CHANGED, refusal.reason());
        assertTrue(refusal.detail().contains("from 'alice' to 'mallory'") && refusal.detail().contains("key id 1"), refusal.detail());
    }

    @Test
    void anotherCertificateUnderTheSameCommonNameIsRefused() throws Exception {
        TestPki.Issued ca = TestPki.ca("lock-ca");
        PeerIdentityLock lock = new PeerIdentityLock();
        assertNull(lock.check(0, List.of(TestPki.leaf(ca, "alice", TestPki.Usage.CLIENT).certificate())));
        TestPki.Issued second = TestPki.leaf(ca, "alice", TestPki.Usage.CLIENT);
        PeerRefusal refusal = lock.check(1, List.of(second.certificate()));
        assertEquals(SessionDrops.CERTIFICATE_CHANGED, refusal.reason());
        assertTrue(refusal.detail().contains("serial " + second.certificate().getSerialNumber()), refusal.detail());
    }
}
