package dev.culvert.vpn.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

/**
 * A TLS session that is over is closed in both directions at once: a native engine (Conscrypt)
 * frees its SSL, and the pipe that SSL holds, only then, and otherwise not before the garbage
 * collector finds it, which on a server with clients coming and going can run it out of
 * descriptors.
 */
class TlsEngineCloseTest {
    @Test
    void aRetiredKeysEngineAndAnEndedSessionsEnginesAreClosedBothWays() throws Exception {
        SessionPair pair = SessionPair.afterConnect(5);
        assertEquals(VpnSession.State.CONNECTED, pair.server.state());
        assertEquals(2, pair.engines.size());
        pair.engines.forEach(engine -> assertFalse(closed(engine), "a live key's engine stays open"));

        pair.run(30_000); // reneg-sec 5: a new key every 5 s, the one before it kept as the lame duck until the next
        int made = pair.engines.size();
        assertTrue(made >= 10, made + " engines");
        for (int i = 0; i < made - 4; i++) {
            assertTrue(closed(pair.engines.get(i)), "engine " + i + " of " + made + ", a retired key's, is closed in both directions");
        }
        pair.engines.subList(made - 2, made).forEach(engine -> assertFalse(closed(engine), "the primary key's engines stay open"));

        pair.server.close(pair.now);
        pair.client.close(pair.now);
        pair.engines.forEach(engine -> assertTrue(closed(engine), "an ended session leaves no engine half open"));
    }

    private static boolean closed(SSLEngine engine) {
        return ((RecordingTls.Recorded) engine).closedBothWays();
    }
}
