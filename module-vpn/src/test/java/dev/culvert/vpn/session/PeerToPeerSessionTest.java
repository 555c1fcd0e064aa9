package dev.culvert.vpn.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.spi.tls.RequiredPeerUsage;
import dev.culvert.spi.tls.TlsSettings;
import dev.culvert.ssl.bc.BcTlsProvider;
import dev.culvert.testing.pki.TestPki;
import dev.culvert.vpn.control.StaticKey;
import dev.culvert.vpn.control.TlsCrypt;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.OccOptionsString;
import dev.culvert.vpn.keys.Role;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Two point-to-point sessions, one in each TLS role, back to back without loss: they settle cipher,
 * keys and peer-id from each other's peer-info with no push, carry data both ways, and renegotiate.
 */
class PeerToPeerSessionTest {
    private static final long MS = 1_000_000L;

    private final RecordingOutput tlsServerOut = new RecordingOutput();
    private final RecordingOutput tlsClientOut = new RecordingOutput();
    private final PacketPool pool = new PacketPool("p2p", 64);
    private VpnSession tlsServer;
    private VpnSession tlsClient;
    private long now = 1_000 * MS;

    private void start(List<DataCipher> serverCiphers, List<DataCipher> clientCiphers, int renegSeconds) throws Exception {
        start(serverCiphers, clientCiphers, renegSeconds, 0);
    }

    private void start(List<DataCipher> serverCiphers, List<DataCipher> clientCiphers, int renegSeconds, long renegBytes)
            throws Exception {
        TestPki.Issued ca = TestPki.ca("p2p-ca");
        TestPki.Issued office = TestPki.leaf(ca, "office", TestPki.Usage.SERVER);
        TestPki.Issued home = TestPki.leaf(ca, "home", TestPki.Usage.CLIENT);
        byte[] staticKey = new byte[StaticKey.LENGTH];
        new Random(7).nextBytes(staticKey);
        BcTlsProvider tls = new BcTlsProvider();
        tlsServer = new VpnSession(SessionSettings.forPeerToPeer(new CommonSettings(tls,
                new TlsSettings(false, List.of(ca.certificate()), List.of(office.certificate()), office.keys().getPrivate(),
                        "TLSv1.2", "TLSv1.3", true, RequiredPeerUsage.TLS_CLIENT),
                ControlWrapping.notTlsAuth(epoch -> TlsCrypt.forServer(StaticKey.ofBytes(staticKey), epoch)),
                OccOptionsString.Transport.UDP, DataSettings.of(serverCiphers, new JceAeadProvider()),
                SessionTimers.defaults().withReneg(renegSeconds).withRenegBytes(renegBytes).withPing(10).withPingRestart(60),
                new SecureRandom()), PeerToPeerSettings.announcing("t")), tlsServerOut, now, 1_700_000_000L);
        tlsClient = new VpnSession(SessionSettings.forPeerToPeer(new CommonSettings(tls,
                new TlsSettings(true, List.of(ca.certificate()), List.of(home.certificate()), home.keys().getPrivate(),
                        "TLSv1.2", "TLSv1.3", false, RequiredPeerUsage.TLS_SERVER),
                ControlWrapping.notTlsAuth(epoch -> TlsCrypt.forClient(StaticKey.ofBytes(staticKey), epoch)),
                OccOptionsString.Transport.UDP, DataSettings.of(clientCiphers, new JceAeadProvider()),
                SessionTimers.defaults().withReneg(0).withPing(10).withPingRestart(60), new SecureRandom()),
                PeerToPeerSettings.announcing("t")), tlsClientOut, now, 1_700_000_000L);
        tlsServer.start(now);
        tlsClient.start(now);
    }

    private void run(int millis) {
        for (int i = 0; i < millis; i += 10, now += 10 * MS) {
            tlsClient.tick(now);
            tlsServer.tick(now);
            SessionPair.move(tlsClientOut, tlsServer, pool, now);
            SessionPair.move(tlsServerOut, tlsClient, pool, now);
        }
    }

    /** Seals {@code inside} on {@code from} and opens it on {@code to}; what came out, or null. */
    private byte[] carry(VpnSession from, VpnSession to, byte[] inside) {
        Packet p = pool.acquire();
        try {
            p.setContents(inside, 0, inside.length);
            if (from.dataPlane().seal(p, now) != null) {
                return null;
            }
            return to.dataPlane().open(p, now) == DataPlane.Opened.TUNNEL ? p.toByteArray() : null;
        } finally {
            p.release();
        }
    }

    @Test
    void bothRolesConnectWithoutAPushOnTheTlsServersFirstSharedCipher() throws Exception {
        start(List.of(DataCipher.CHACHA20_POLY1305, DataCipher.AES_128_GCM),
                List.of(DataCipher.AES_128_GCM, DataCipher.CHACHA20_POLY1305), 0);
        run(3_000);

        assertEquals(VpnSession.State.CONNECTED, tlsServer.state());
        assertEquals(VpnSession.State.CONNECTED, tlsClient.state());
        assertEquals(Role.SERVER, tlsServer.role());
        assertEquals(Role.CLIENT, tlsClient.role());
        assertEquals(DataCipher.CHACHA20_POLY1305, tlsServer.cipher());
        assertEquals(DataCipher.CHACHA20_POLY1305, tlsClient.cipher());
        SessionEvent.Connected server = tlsServerOut.eventsOf(SessionEvent.Connected.class).getFirst();
        SessionEvent.Connected client = tlsClientOut.eventsOf(SessionEvent.Connected.class).getFirst();
        assertEquals(null, server.pushReply());
        assertEquals("tls-ekm", server.keyDerivation());
        assertEquals("tls-ekm", client.keyDerivation());
        assertEquals(server.peerId(), client.peerId(), "one peer-id both ways, from the TLS exporter");
        assertTrue(server.peerId() >= 0 && server.peerId() < 0x1000000);
    }

    @Test
    void dataCrossesBothWays() throws Exception {
        start(List.of(DataCipher.AES_256_GCM), List.of(DataCipher.AES_256_GCM), 0);
        run(3_000);
        byte[] ping = Icmp.echoRequest("10.9.0.2", "10.9.0.1", 1, 1);
        assertArrayEquals(ping, carry(tlsClient, tlsServer, ping));
        assertArrayEquals(ping, carry(tlsServer, tlsClient, ping));
    }

    @Test
    void theTlsServerRenegotiatesAndDataGoesOnUnderTheNewKey() throws Exception {
        start(List.of(DataCipher.AES_256_GCM), List.of(DataCipher.AES_256_GCM), 5);
        run(3_000);
        int first = tlsClient.primaryKeyId();
        run(5_000);
        assertNotEquals(first, tlsClient.primaryKeyId());
        assertEquals(tlsServer.primaryKeyId(), tlsClient.primaryKeyId());
        assertEquals(1, tlsServerOut.eventsOf(SessionEvent.Renegotiated.class).size());
        assertEquals(1, tlsClientOut.eventsOf(SessionEvent.Renegotiated.class).size());
        byte[] ping = Icmp.echoRequest("10.9.0.2", "10.9.0.1", 1, 1);
        assertArrayEquals(ping, carry(tlsClient, tlsServer, ping));
        assertArrayEquals(ping, carry(tlsServer, tlsClient, ping));
    }

    @Test
    void renegBytesRenegotiatesOnceAKeyCarriedThatManyBytes() throws Exception {
        start(List.of(DataCipher.AES_256_GCM), List.of(DataCipher.AES_256_GCM), 0, 4_000);
        run(3_000);
        int first = tlsServer.primaryKeyId();
        byte[] ping = Icmp.echoRequest("10.9.0.2", "10.9.0.1", 1, 1);
        run(2_000);
        assertEquals(first, tlsServer.primaryKeyId(), "an idle tunnel does not renegotiate by bytes");
        for (int i = 0; i < 100; i++) {
            assertArrayEquals(ping, carry(tlsClient, tlsServer, ping));
        }
        run(2_000);
        assertNotEquals(first, tlsServer.primaryKeyId(), "100 packets of " + ping.length + " bytes and their headers passed reneg-bytes 4000");
        assertEquals(tlsServer.primaryKeyId(), tlsClient.primaryKeyId());
        assertArrayEquals(ping, carry(tlsServer, tlsClient, ping));
    }

    @Test
    void noSharedCipherFailsBothSidesForGoodWithTheReason() throws Exception {
        start(List.of(DataCipher.AES_256_GCM), List.of(DataCipher.CHACHA20_POLY1305), 0);
        run(3_000);
        SessionEvent.Failed server = tlsServerOut.eventsOf(SessionEvent.Failed.class).getFirst();
        assertTrue(server.fatal());
        assertTrue(server.reason().contains("no shared data cipher"), server.reason());
        assertEquals(VpnSession.State.FAILED, tlsServer.state());
        assertTrue(tlsServer.drops().snapshot().containsKey(dev.culvert.vpn.session.SessionDrops.NO_SHARED_CIPHER.name()),
                tlsServer.drops().snapshot().toString());
        SessionEvent.Failed client = tlsClientOut.eventsOf(SessionEvent.Failed.class).getFirst();
        assertTrue(client.fatal() && client.reason().contains("no shared data cipher"), client.reason());
    }
}
