package dev.culvert.vpn.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A server that checks usernames and passwords: each key's data keys wait for the runtime's
 * verdict, as 2.6 defers key generation until the client is authenticated.
 */
class CredentialsVerdictTest {
    private static final byte[] PING = Icmp.echoRequest("10.8.0.2", "10.8.0.1", 1, 1);

    private static SessionPair connecting(int serverRenegSeconds) throws Exception {
        SessionPair pair = SessionPair.checkingCredentials(new ClientCredentialsSessionTest.Recording(), serverRenegSeconds);
        pair.client.start(pair.now);
        pair.run(3_000);
        return pair;
    }

    private static SessionEvent.CredentialsToCheck asked(SessionPair pair, int index) {
        return pair.serverOut.eventsOf(SessionEvent.CredentialsToCheck.class).get(index);
    }

    @Test
    void theFirstKeyWaitsForTheVerdictWithNoTunnelOnEitherSide() throws Exception {
        SessionPair pair = connecting(0);
        SessionEvent.CredentialsToCheck asked = asked(pair, 0);
        assertEquals(0, asked.keyId());
        assertEquals("alice", asked.credentials().username());
        assertArrayEquals("s3cret".getBytes(StandardCharsets.UTF_8), asked.credentials().password(), "the runtime's own copy");
        assertEquals("t", asked.peerInfo().get("IV_VER"));
        assertTrue(pair.serverOut.eventsOf(SessionEvent.Connected.class).isEmpty(), "no data keys before the verdict");
        assertTrue(pair.clientOut.eventsOf(SessionEvent.Connected.class).isEmpty(), "no PUSH_REPLY before the verdict");
        assertNull(pair.serverSeals(PING), "the server has nothing to seal with");
        assertEquals(VpnSession.State.CONNECTING, pair.server.state());
    }

    @Test
    void aUsernameReachesTheRuntimeOnOneLineAs26RemapsIt() throws Exception {
        ClientCredentialsSessionTest.Recording sneaky = new ClientCredentialsSessionTest.Recording() {
            @Override
            public dev.culvert.vpn.keys.Credentials next() {
                return dev.culvert.vpn.keys.Credentials.of("eve\nTLS Auth Error: forged", "pw");
            }
        };
        SessionPair pair = SessionPair.checkingCredentials(sneaky, 0);
        pair.client.start(pair.now);
        pair.run(3_000);
        assertEquals("eve_TLS Auth Error: forged", asked(pair, 0).credentials().username());
    }

    @Test
    void anAcceptedClientConnectsAndItsHeldBackPushRequestIsAnswered() throws Exception {
        SessionPair pair = connecting(0);
        assertTrue(pair.server.credentialsChecked(0, true, null, pair.now));
        pair.run(200);
        assertEquals(1, pair.serverOut.eventsOf(SessionEvent.Connected.class).size());
        // The server's runtime pushes at once, as it does on Connected.
        assertTrue(pair.server.pushIfClientAllows(pair.now));
        pair.run(200);
        assertEquals(1, pair.clientOut.eventsOf(SessionEvent.Connected.class).size(), () -> "client: " + pair.clientOut.events);
        byte[] sealed = pair.clientSeals(PING);
        assertNotNull(sealed);
        assertArrayEquals(PING, pair.serverOpens(sealed));
    }

    @Test
    void aRefusedClientIsToldAuthFailedWithTheReasonAndGetsNoKeys() throws Exception {
        SessionPair pair = connecting(0);
        assertTrue(pair.server.credentialsChecked(0, false, "account expired", pair.now));
        pair.run(500);
        SessionEvent.Failed clientFailed = pair.clientOut.eventsOf(SessionEvent.Failed.class).get(0);
        assertTrue(clientFailed.authFailed() && clientFailed.reason().contains("account expired"), clientFailed.toString());
        assertEquals(VpnSession.State.FAILED, pair.server.state());
        assertTrue(pair.serverOut.eventsOf(SessionEvent.Connected.class).isEmpty());
        assertNull(pair.serverSeals(PING));
    }

    @Test
    void aBareRefusalIsABareAuthFailed() throws Exception {
        SessionPair pair = connecting(0);
        pair.server.credentialsChecked(0, false, null, pair.now);
        pair.run(500);
        assertEquals("AUTH_FAILED", pair.clientOut.eventsOf(SessionEvent.Failed.class).get(0).reason());
    }

    @Test
    void aVerdictForAKeyThatDoesNotWaitChangesNothing() throws Exception {
        SessionPair pair = connecting(0);
        assertFalse(pair.server.credentialsChecked(1, true, null, pair.now), "key 1 does not wait");
        assertTrue(pair.server.credentialsChecked(0, true, null, pair.now));
        assertFalse(pair.server.credentialsChecked(0, false, null, pair.now), "key 0 has its verdict already");
        pair.run(200);
        assertEquals(VpnSession.State.CONNECTED, pair.server.state());
    }

    @Test
    void theHandWindowEndsAWaitThatNeverGetsAVerdict() throws Exception {
        SessionPair pair = connecting(0);
        pair.run(61_000);
        assertFalse(pair.serverOut.eventsOf(SessionEvent.Restart.class).isEmpty(), () -> "server: " + pair.serverOut.events);
        assertFalse(pair.server.credentialsChecked(0, true, null, pair.now), "too late");
    }

    @Test
    void aRenegotiationAsksAgainWhileTheServerSealsWithTheOldKey() throws Exception {
        SessionPair pair = connecting(5);
        pair.server.credentialsChecked(0, true, null, pair.now);
        pair.server.pushIfClientAllows(pair.now);
        pair.run(6_000);
        SessionEvent.CredentialsToCheck again = asked(pair, 1);
        assertEquals(1, again.keyId());
        assertEquals("alice", again.credentials().username());
        assertTrue(pair.serverOut.eventsOf(SessionEvent.Renegotiated.class).isEmpty(), "the new key waits");
        assertArrayEquals(PING, pair.clientOpens(pair.serverSeals(PING)), "the server still seals with the old key");
        // The client seals with its new key once the server acknowledged its message, as a 2.6 client does; like a 2.6
        // server deferring authentication, this one opens that key only after the verdict.
        assertNull(pair.serverOpens(pair.clientSeals(PING)));
        assertTrue(pair.server.credentialsChecked(1, true, null, pair.now));
        pair.run(2_000);
        assertEquals(1, pair.serverOut.eventsOf(SessionEvent.Renegotiated.class).size(), () -> "server: " + pair.serverOut.events);
        assertEquals(1, pair.server.primaryKeyId());
        assertArrayEquals(PING, pair.serverOpens(pair.clientSeals(PING)));
    }

    @Test
    void aRefusalAtARenegotiationEndsTheSession() throws Exception {
        SessionPair pair = connecting(5);
        pair.server.credentialsChecked(0, true, null, pair.now);
        pair.server.pushIfClientAllows(pair.now);
        pair.run(6_000);
        assertTrue(pair.server.credentialsChecked(1, false, null, pair.now));
        pair.run(500);
        assertEquals(VpnSession.State.FAILED, pair.server.state());
        assertTrue(pair.clientOut.eventsOf(SessionEvent.Failed.class).get(0).authFailed(), () -> "client: " + pair.clientOut.events);
    }
}
