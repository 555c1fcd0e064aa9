package dev.culvert.vpn.session;

import static dev.culvert.vpn.session.SessionFuzzChecks.assertCarriesTraffic;
import static dev.culvert.vpn.session.SessionFuzzChecks.assertNoInternalError;
import static dev.culvert.vpn.session.SessionFuzzChecks.connect;
import static dev.culvert.vpn.session.SessionFuzzChecks.feed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.culvert.vpn.keys.DataCipher;
import java.util.List;

/**
 * Jazzer target for the session's incoming-bytes entry: arbitrary datagrams go to a client core
 * mid-handshake (its hard reset answered, TLS under way), to a connected one, and to a connected
 * one without control-channel wrapping (so the bytes reach the reliability layer), on the control
 * side and the data side. No exception may escape, none may be swallowed as an internal error,
 * and every packet goes back to the pool. A connected session must shrug the bytes off: after
 * them it is still connected and still carries traffic both ways, so garbage that tears a
 * session down (a denial of service) is a finding. Each input gets fresh sessions, so a finding
 * is the input's own and no input fuzzes a session an earlier one broke. A normal build runs it
 * over the kept corpus; {@code -Pfuzz} fuzzes it. {@link ServerSessionFuzzTest} does the same to
 * the server role.
 */
class SessionFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void receive(byte[] datagram) throws Exception {
        SessionPair handshaking = new SessionPair();
        handshaking.client.start(handshaking.now);
        handshaking.run(20);
        List<DataCipher> aes = List.of(DataCipher.AES_256_GCM);
        SessionPair connected = connect(new SessionPair());
        SessionPair unwrapped = connect(new SessionPair(aes, aes, 0, 0, true));

        for (SessionPair pair : new SessionPair[] {handshaking, connected, unwrapped}) {
            feed(pair, pair.client, datagram);
            assertNoInternalError(pair.clientOut.events);
            assertEquals(0, pair.pool.outstanding());
        }
        for (SessionPair pair : new SessionPair[] {connected, unwrapped}) {
            pair.run(100); // whatever the bytes made the client say reaches the server, and back
            assertNoInternalError(pair.clientOut.events);
            assertEquals(VpnSession.State.CONNECTED, pair.client.state(), () -> "the input tore the session down: " + pair.clientOut.events);
            assertCarriesTraffic(pair);
            assertEquals(0, pair.pool.outstanding());
        }
    }
}
