package dev.culvert.vpn.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A session's one-line progress, which a load generator prints for a client that never connected:
 * it tells a stalled negotiation (what was sent and not acknowledged, what is awaited) from one
 * whose packets were refused (by reason).
 */
class SessionProgressTest {

    @Test
    void aClientThatSentItsHardResetAwaitsTheServersAnswer() throws Exception {
        SessionPair pair = new SessionPair();
        pair.client.start(pair.now);
        assertEquals("state CONNECTING; key 0: TLS not started, key-method-2 not sent, not received; channel: next to send 1,"
                + " 1 unacknowledged, 0 B to cut; next expected 0, 0 B unread; refused {}", pair.client.progress());
    }

    @Test
    void aClientBetweenItsKeyMethod2AndTheServersSaysSo() throws Exception {
        SessionPair pair = new SessionPair();
        pair.client.start(pair.now);
        String between = null;
        for (int step = 0; step < 200 && between == null && pair.client.state() != VpnSession.State.CONNECTED; step++) {
            pair.stepOnePacketEachWay();
            String progress = pair.client.progress();
            if (progress.contains("key-method-2 sent, not received")) {
                between = progress;
            }
        }
        assertTrue(between != null && between.startsWith("state CONNECTING; key 0: TLS done, key-method-2 sent, not received;"), between);
    }

    @Test
    void aConnectedClientHasItsKeyInUseAndNothingInFlight() throws Exception {
        SessionPair pair = new SessionPair();
        pair.client.start(pair.now);
        pair.run(3_000);
        String progress = pair.client.progress();
        assertTrue(progress.startsWith("state CONNECTED; key 0: TLS done, key-method-2 let go, data key in use;"
                + " channel: next to send "), progress);
        assertTrue(progress.contains(" 0 unacknowledged, 0 B to cut;"), progress);
    }

    @Test
    void refusedPacketsAreListedByReason() throws Exception {
        SessionPair pair = new SessionPair();
        pair.client.start(pair.now);
        byte[] unknownOpcode = {(byte) 0xF8, 0, 0, 0};
        assertEquals(SessionDrops.BAD_OPCODE, pair.client.receive(unknownOpcode, 0, unknownOpcode.length, pair.now));
        pair.client.receive(unknownOpcode, 0, unknownOpcode.length, pair.now);
        assertTrue(pair.client.progress().endsWith("; refused {" + SessionDrops.BAD_OPCODE.name() + "=2}"), pair.client.progress());
    }
}
