package dev.culvert.vpn.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.vpn.keys.Credentials;
import dev.culvert.vpn.keys.DataCipher;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A client session with auth-user-pass: what it asks its credentials for, and what it hands back. */
class ClientCredentialsSessionTest {
    /** Hands out a fresh copy per message and records every one, and what the session told it. */
    static class Recording implements ClientCredentials {
        final List<Credentials> handedOut = new ArrayList<>();
        final List<String> tokens = new ArrayList<>();
        int connected;

        @Override
        public Credentials next() {
            Credentials c = Credentials.of("alice", "s3cret");
            handedOut.add(c);
            return c;
        }

        @Override
        public void tokenPushed(String token, String tokenUserBase64) {
            tokens.add(token + "/" + tokenUserBase64);
        }

        @Override
        public void connected() {
            connected++;
        }
    }

    private static SessionPair pair(Recording credentials, int serverRenegSeconds) throws Exception {
        return new SessionPair(List.of(DataCipher.AES_256_GCM), List.of(DataCipher.AES_256_GCM), serverRenegSeconds, 0, false,
                credentials);
    }

    @Test
    void everyKeyMethod2MessageTakesFreshCredentialsAndWipesThemOnceWritten() throws Exception {
        Recording credentials = new Recording();
        SessionPair pair = pair(credentials, 5);
        pair.client.start(pair.now);
        pair.run(3_000);
        assertEquals(1, pair.clientOut.eventsOf(SessionEvent.Connected.class).size());
        assertEquals(1, credentials.handedOut.size(), "one message, one copy");
        assertArrayEquals(new byte[6], credentials.handedOut.get(0).password(), "wiped once written");
        pair.run(4_000);
        assertEquals(1, pair.clientOut.eventsOf(SessionEvent.Renegotiated.class).size());
        assertEquals(2, credentials.handedOut.size(), "a renegotiation sends them again, as 2.6 does");
        assertArrayEquals(new byte[6], credentials.handedOut.get(1).password());
        assertEquals(1, credentials.connected, "connected once, at the first PUSH_REPLY");
    }

    @Test
    void aPushedAuthTokenIsHandedToTheCredentials() throws Exception {
        Recording credentials = new Recording();
        SessionPair pair = pair(credentials, 0);
        pair.pushExtra.add("auth-token SESS_ID_AT_xyz");
        pair.pushExtra.add("auth-token-user YWxpY2U=");
        pair.client.start(pair.now);
        pair.run(3_000);
        assertEquals(List.of("SESS_ID_AT_xyz/YWxpY2U="), credentials.tokens);
        SessionEvent.Connected c = pair.clientOut.eventsOf(SessionEvent.Connected.class).get(0);
        assertTrue(!c.pushReply().toString().contains("SESS_ID_AT_xyz"), "a reply's text withholds the token: " + c.pushReply());
    }

    @Test
    void authFailedIsReportedAsSuchForAuthRetryToAnswer() throws Exception {
        Recording credentials = new Recording();
        SessionPair pair = new SessionPair(List.of(DataCipher.AES_256_GCM), List.of(DataCipher.CHACHA20_POLY1305), 0, 0, false,
                credentials);
        pair.client.start(pair.now);
        pair.run(3_000);
        SessionEvent.Failed f = pair.clientOut.eventsOf(SessionEvent.Failed.class).get(0);
        assertTrue(f.authFailed() && f.reason().startsWith("AUTH_FAILED"), f.toString());
        assertEquals(0, credentials.connected);
    }
}
