package dev.culvert.vpn.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.graph.DropReason;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A verifier that answers later (tls-verify): each key state waits after its handshake, before key
 * method 2 either way, and goes on only when the runtime hands the answer back.
 */
class CertificateVerifierWaitTest {
    private static final byte[] PING = Icmp.echoRequest("10.8.0.2", "10.8.0.1", 1, 1);
    private static final DropReason SCRIPT_SAID_NO = DropReason.of("vpn.cert.test-script");
    /** Never asked by the session itself: the runtime (here the test) runs it. */
    private static final PeerCertificateVerifier SCRIPT = (chain, peer) -> new CompletableFuture<>();

    private static SessionPair serverVerifying(int renegSeconds) throws Exception {
        SessionPair pair = SessionPair.verifying(PeerCertificateVerifier.NONE, SCRIPT, renegSeconds);
        pair.client.start(pair.now);
        pair.run(3_000);
        return pair;
    }

    private static SessionEvent.CertificateToVerify asked(RecordingOutput out, int index) {
        return out.eventsOf(SessionEvent.CertificateToVerify.class).get(index);
    }

    @Test
    void theServerWaitsWithTheClientsChainAndNeitherSideHasKeys() throws Exception {
        SessionPair pair = serverVerifying(0);
        SessionEvent.CertificateToVerify asked = asked(pair.serverOut, 0);
        assertEquals(0, asked.keyId());
        assertEquals("pair-client", PeerCertificateName.commonName(asked.chain().get(0)));
        assertTrue(pair.serverOut.eventsOf(SessionEvent.Connected.class).isEmpty());
        assertTrue(pair.clientOut.eventsOf(SessionEvent.Connected.class).isEmpty());
        assertNull(pair.serverSeals(PING));
        assertEquals(VpnSession.State.CONNECTING, pair.server.state());
    }

    @Test
    void aPassLetsTheHeldKeyMethod2ThroughAndTheTunnelComesUp() throws Exception {
        SessionPair pair = serverVerifying(0);
        assertTrue(pair.server.certificateVerified(asked(pair.serverOut, 0), null, pair.now));
        pair.run(500);
        assertEquals(1, pair.serverOut.eventsOf(SessionEvent.Connected.class).size(), () -> "server: " + pair.serverOut.events);
        assertEquals(1, pair.clientOut.eventsOf(SessionEvent.Connected.class).size(), () -> "client: " + pair.clientOut.events);
        assertArrayEquals(PING, pair.serverOpens(pair.clientSeals(PING)));
    }

    @Test
    void aRefusalIsCountedAndFailsTheSessionAsATlsFailure() throws Exception {
        SessionPair pair = serverVerifying(0);
        PeerRefusal no = new PeerRefusal(SCRIPT_SAID_NO, "tls-verify /bin/false exited 1 for depth=0, CN=pair-client");
        assertTrue(pair.server.certificateVerified(asked(pair.serverOut, 0), no, pair.now));
        pair.run(500);
        assertEquals(VpnSession.State.FAILED, pair.server.state());
        SessionEvent.Failed failed = pair.serverOut.eventsOf(SessionEvent.Failed.class).get(0);
        assertTrue(failed.tlsNegotiation() && failed.reason().contains("exited 1 for depth=0"), failed.toString());
        assertEquals(1, pair.server.drops().get(SCRIPT_SAID_NO));
        assertTrue(pair.clientOut.eventsOf(SessionEvent.Connected.class).isEmpty());
    }

    @Test
    void anAnswerIsTakenOnceAndNotAfterTheHandWindow() throws Exception {
        SessionPair pair = serverVerifying(0);
        SessionEvent.CertificateToVerify asked = asked(pair.serverOut, 0);
        pair.run(61_000);
        assertFalse(pair.serverOut.eventsOf(SessionEvent.Restart.class).isEmpty(), () -> "server: " + pair.serverOut.events);
        assertFalse(pair.server.certificateVerified(asked, null, pair.now), "too late");
    }

    @Test
    void aClientWaitsBeforeSendingItsKeyMethod2() throws Exception {
        SessionPair pair = SessionPair.verifying(SCRIPT, PeerCertificateVerifier.NONE, 0);
        pair.client.start(pair.now);
        pair.run(3_000);
        SessionEvent.CertificateToVerify asked = asked(pair.clientOut, 0);
        assertEquals("pair-server", PeerCertificateName.commonName(asked.chain().get(0)));
        assertTrue(pair.serverOut.eventsOf(SessionEvent.Connected.class).isEmpty(), "the server has no key-method-2 message yet");
        assertTrue(pair.client.certificateVerified(asked, null, pair.now));
        assertFalse(pair.client.certificateVerified(asked, null, pair.now), "answered already");
        pair.run(500);
        assertEquals(1, pair.clientOut.eventsOf(SessionEvent.Connected.class).size(), () -> "client: " + pair.clientOut.events);
    }

    @Test
    void everyRenegotiationIsVerifiedAgainWhileTheOldKeyCarriesTraffic() throws Exception {
        SessionPair pair = serverVerifying(5);
        pair.server.certificateVerified(asked(pair.serverOut, 0), null, pair.now);
        pair.run(6_000);
        SessionEvent.CertificateToVerify again = asked(pair.serverOut, 1);
        assertEquals(1, again.keyId());
        assertArrayEquals(PING, pair.clientOpens(pair.serverSeals(PING)), "the old key still seals");
        assertTrue(pair.server.certificateVerified(again, null, pair.now));
        pair.run(2_000);
        assertEquals(1, pair.server.primaryKeyId(), () -> "server: " + pair.serverOut.events);
    }
}
