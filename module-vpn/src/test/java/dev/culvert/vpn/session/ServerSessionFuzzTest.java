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
 * Jazzer target for the server role's session: arbitrary datagrams reach a server session before
 * its client has said anything, while the handshake is under way, and once connected (with
 * tls-crypt, and unwrapped so the bytes reach the reliability layer and TLS), on the control side
 * and the data side. No exception may escape, none may be swallowed as an internal error, and
 * every packet goes back to the pool. The bytes must not break the session for its real client:
 * one that has not connected yet still connects afterwards, and a connected one stays connected
 * and carries traffic both ways. Each input gets fresh sessions, so a finding is the input's own.
 * A normal build runs it over the kept corpus; {@code -Pfuzz} fuzzes it.
 */
class ServerSessionFuzzTest {
    private static final List<DataCipher> AES = List.of(DataCipher.AES_256_GCM);

    @FuzzTest(maxDuration = "30s")
    void receive(byte[] datagram) throws Exception {
        SessionPair beforeClient = new SessionPair();
        SessionPair handshaking = new SessionPair();
        handshaking.client.start(handshaking.now);
        handshaking.run(20);
        SessionPair connected = connect(new SessionPair());
        SessionPair unwrapped = connect(new SessionPair(AES, AES, 0, 0, true));
        SessionPair[] all = {beforeClient, handshaking, connected, unwrapped};

        for (SessionPair pair : all) {
            feed(pair, pair.server, datagram);
            assertNoInternalError(pair.serverOut.events);
            assertEquals(0, pair.pool.outstanding());
        }
        beforeClient.client.start(beforeClient.now);
        for (SessionPair pair : new SessionPair[] {beforeClient, handshaking}) {
            pair.run(3_000);
            assertEquals(VpnSession.State.CONNECTED, pair.client.state(), () -> "the input kept the real client from connecting: client "
                    + pair.clientOut.events + ", server " + pair.serverOut.events);
        }
        for (SessionPair pair : all) {
            pair.run(100); // whatever the bytes made the server say reaches the client, and back
            assertNoInternalError(pair.serverOut.events);
            assertEquals(VpnSession.State.CONNECTED, pair.server.state(), () -> "the input tore the server's session down: " + pair.serverOut.events);
            assertCarriesTraffic(pair);
            assertEquals(0, pair.pool.outstanding());
        }
    }
}
