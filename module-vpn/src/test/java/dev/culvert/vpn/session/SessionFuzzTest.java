package dev.culvert.vpn.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.culvert.core.packet.Packet;
import dev.culvert.spi.aead.AeadAlgorithm;
import java.util.List;

/**
 * Jazzer target for the session's incoming-bytes entry: arbitrary datagrams go to a client core
 * mid-handshake (its hard reset answered, TLS under way), to a connected one, and to a connected
 * one without control-channel wrapping (so the bytes reach the reliability layer), on the control
 * side and the data side. No exception may escape, none may be swallowed as an internal error,
 * and every packet goes back to the pool. A normal build runs it over the kept corpus; {@code -Pfuzz}
 * fuzzes it.
 */
class SessionFuzzTest {
    private static SessionPair handshaking;
    private static SessionPair connected;
    private static SessionPair unwrapped;

    private static synchronized void setUp() throws Exception {
        if (connected == null) {
            handshaking = new SessionPair();
            handshaking.client.start(handshaking.now);
            handshaking.run(20);
            connected = new SessionPair();
            connected.client.start(connected.now);
            connected.run(3_000);
            assertEquals(VpnSession.State.CONNECTED, connected.client.state(), () -> "events " + connected.clientOut.events);
            List<AeadAlgorithm> aes = List.of(AeadAlgorithm.AES_256_GCM);
            unwrapped = new SessionPair(aes, aes, 0, 0, true);
            unwrapped.client.start(unwrapped.now);
            unwrapped.run(3_000);
            assertEquals(VpnSession.State.CONNECTED, unwrapped.client.state());
        }
    }

    @FuzzTest(maxDuration = "30s")
    void receive(byte[] datagram) throws Exception {
        setUp();
        for (SessionPair pair : new SessionPair[] {handshaking, connected, unwrapped}) {
            VpnSession client = pair.client;
            client.receive(datagram, 0, datagram.length, pair.now);
            Packet p = pair.pool.acquire();
            int n = Math.min(datagram.length, p.capacity() - p.offset() - 32);
            p.setContents(datagram, 0, n);
            client.dataPlane().open(p, pair.now);
            p.release();
            client.tick(pair.now);
            for (SessionEvent e : pair.clientOut.events) {
                assertTrue(!(e instanceof SessionEvent.Failed f) || !f.reason().startsWith("internal error"), e::toString);
            }
            assertEquals(0, pair.pool.outstanding());
        }
    }
}
