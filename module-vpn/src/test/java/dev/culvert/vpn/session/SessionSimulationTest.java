package dev.culvert.vpn.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import dev.culvert.vpn.push.PushReplyBuilder;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A client core and a server core over a simulated lossy network (drops, reordering, duplicates,
 * corruption) with a fixed seed, a short reneg-sec and data flowing all the time: the session
 * must stay up through every renegotiation, deliver no inside packet twice, and return every
 * pooled packet.
 */
class SessionSimulationTest {
    private static final long MS = 1_000_000L;

    /**
     * One direction of the simulated network: packets wait a random delay, some vanish, some repeat,
     * some rot. It keeps its own account of the inside packets it carries (each tagged with its
     * sequence number): which of them came out of it intact at least once.
     */
    static final class Link {
        static final int UNTRACKED = -1;

        record InFlight(long at, byte[] bytes, int tracked, boolean intact) {
        }

        final List<InFlight> queue = new ArrayList<>();
        final Random random;
        final double loss;
        final Set<Integer> arrivedIntact = new HashSet<>();
        int trackedSent;
        int trackedDropped;
        int trackedCorrupted;

        Link(Random random, double loss) {
            this.random = random;
            this.loss = loss;
        }

        void send(byte[] bytes, long now) {
            send(bytes, now, UNTRACKED);
        }

        /** Sends {@code bytes}; {@code tracked} is the inside packet's sequence number, or {@link #UNTRACKED}. */
        void send(byte[] bytes, long now, int tracked) {
            boolean counted = tracked != UNTRACKED;
            if (counted) {
                trackedSent++;
            }
            if (random.nextDouble() < loss) {
                if (counted) {
                    trackedDropped++;
                }
                return;
            }
            byte[] copy = bytes.clone();
            boolean intact = true;
            if (random.nextDouble() < 0.02 && copy.length > 0) {
                copy[random.nextInt(copy.length)] ^= (byte) (1 + random.nextInt(255));
                intact = false;
                if (counted) {
                    trackedCorrupted++;
                }
            }
            queue.add(new InFlight(now + (5 + random.nextInt(40)) * MS, copy, tracked, intact));
            if (random.nextDouble() < 0.03) {
                queue.add(new InFlight(now + (5 + random.nextInt(60)) * MS, bytes.clone(), tracked, true));
            }
        }

        List<byte[]> due(long now) {
            List<byte[]> out = new ArrayList<>();
            queue.removeIf(f -> {
                if (f.at() <= now) {
                    out.add(f.bytes());
                    if (f.tracked() != UNTRACKED && f.intact()) {
                        arrivedIntact.add(f.tracked());
                    }
                    return true;
                }
                return false;
            });
            return out;
        }
    }

    @Test
    void sessionsSurviveALossyNetworkAndManyRenegotiations() throws Exception {
        TestPki.Issued ca = TestPki.ca("sim-ca");
        TestPki.Issued serverCert = TestPki.leaf(ca, "sim-server", TestPki.Usage.SERVER);
        TestPki.Issued clientCert = TestPki.leaf(ca, "sim-client", TestPki.Usage.CLIENT);
        byte[] staticKey = new byte[StaticKey.LENGTH];
        new Random(7).nextBytes(staticKey);
        BcTlsProvider tls = new BcTlsProvider();
        SecureRandom random = new SecureRandom();

        TlsSettings clientTls = new TlsSettings(true, List.of(ca.certificate()), List.of(clientCert.certificate()),
                clientCert.keys().getPrivate(), "TLSv1.2", "TLSv1.3", false, RequiredPeerUsage.TLS_SERVER);
        TlsSettings serverTls = new TlsSettings(false, List.of(ca.certificate()), List.of(serverCert.certificate()),
                serverCert.keys().getPrivate(), "TLSv1.2", "TLSv1.3", true, RequiredPeerUsage.TLS_CLIENT);
        List<DataCipher> ciphers = List.of(DataCipher.AES_256_GCM, DataCipher.AES_128_GCM);
        PushReplySource push = (info, cipher, ekm, ccExit) -> new PushReplyBuilder()
                .push("topology subnet").push("route-gateway 10.8.0.1").push("ping 2").push("ping-restart 20")
                .ifconfig("10.8.0.2", "255.255.255.0").peerId(0).cipher(cipher)
                .protocolFlags(info.ivProto(), ccExit, ekm, false).build();
        SessionSettings clientSettings = SessionSettings.forClient(new CommonSettings(tls, clientTls,
                ControlWrapping.notTlsAuth(epoch -> TlsCrypt.forClient(StaticKey.ofBytes(staticKey), epoch)), OccOptionsString.Transport.UDP,
                DataSettings.of(ciphers, new JceAeadProvider()),
                SessionTimers.defaults().withReneg(7).withTlsTimeout(1).withPing(2).withPingRestart(20), random),
                ClientSettings.announcing("test"));
        SessionSettings serverSettings = SessionSettings.forServer(new CommonSettings(tls, serverTls,
                ControlWrapping.notTlsAuth(epoch -> TlsCrypt.forServer(StaticKey.ofBytes(staticKey), epoch)), OccOptionsString.Transport.UDP,
                DataSettings.of(ciphers, new JceAeadProvider()),
                SessionTimers.defaults().withReneg(0).withTlsTimeout(1).withPing(2).withPingRestart(40), random),
                ServerSettings.pushing(push));

        RecordingOutput clientOut = new RecordingOutput();
        RecordingOutput serverOut = new RecordingOutput();
        long now = 1_000 * MS;
        VpnSession client = new VpnSession(clientSettings, clientOut, now, 1_700_000_000L);
        VpnSession server = new VpnSession(serverSettings, serverOut, now, 1_700_000_000L);
        Random netRandom = new Random(42);
        Link toServer = new Link(netRandom, 0.05);
        Link toClient = new Link(netRandom, 0.05);
        PacketPool pool = new PacketPool("sim", 256);
        Set<Integer> delivered = new HashSet<>();
        int sent = 0;
        int duplicates = 0;

        client.start(now);
        long end = now + 120_000 * MS;
        for (; now < end; now += 10 * MS) {
            client.tick(now);
            server.tick(now);
            moveAll(clientOut, toServer, client, now, pool);
            moveAll(serverOut, toClient, server, now, pool);
            if (client.state() == VpnSession.State.CONNECTED && client.dataPlane().ready()) {
                Packet p = pool.acquire();
                p.setLength(8);
                p.putInt(0, 0x45000008);
                p.putInt(4, ++sent);
                var refused = client.dataPlane().seal(p, now);
                byte[] sealed = p.toByteArray();
                p.release();
                assertEquals(null, refused, "inside packet " + sent + " could not be sealed");
                toServer.send(sealed, now, sent);
            }
            for (byte[] b : toServer.due(now)) {
                if (deliver(server, b, now, pool, delivered)) {
                    duplicates++;
                }
            }
            for (byte[] b : toClient.due(now)) {
                deliver(client, b, now, pool, null);
            }
        }

        assertTrue(clientOut.eventsOf(SessionEvent.Restart.class).isEmpty(), () -> "client restarted: " + clientOut.events
                + " client drops " + client.drops() + " server drops " + server.drops() + " server events " + serverOut.events);
        assertTrue(clientOut.eventsOf(SessionEvent.Failed.class).isEmpty(), () -> "client failed: " + clientOut.events);
        assertTrue(serverOut.eventsOf(SessionEvent.Failed.class).isEmpty(), () -> "server failed: " + serverOut.events);
        assertEquals(VpnSession.State.CONNECTED, client.state());
        SessionEvent.Connected connected = clientOut.eventsOf(SessionEvent.Connected.class).get(0);
        assertNotNull(connected.pushReply().ifconfig());
        assertEquals(0, connected.peerId());
        int renegotiations = clientOut.eventsOf(SessionEvent.Renegotiated.class).size();
        assertTrue(renegotiations >= 10, "only " + renegotiations + " renegotiations");
        assertEquals(0, duplicates, "an inside packet was delivered twice");
        // Exactly what the link let through: every inside packet of which an intact copy came out
        // of it, and nothing else. A packet the tunnel lost on its own fails this.
        Set<Integer> lostInTheTunnel = new TreeSet<>(toServer.arrivedIntact);
        lostInTheTunnel.removeAll(delivered);
        assertEquals(Set.of(), lostInTheTunnel, "the link delivered these intact, the tunnel did not pass them on");
        assertEquals(toServer.arrivedIntact, delivered, "delivered exactly what the link let through");
        assertEquals(sent, toServer.trackedSent, "every inside packet went onto the link");
        assertTrue(toServer.trackedDropped > 0 && toServer.trackedCorrupted > 0,
                "the link dropped " + toServer.trackedDropped + " and corrupted " + toServer.trackedCorrupted + " of " + sent);
        assertTrue(server.drops().get(dev.culvert.vpn.data.DataDrops.AUTH_FAILED) > 0, "corruption was seen and counted");
        assertFalse(serverOut.eventsOf(SessionEvent.Connected.class).isEmpty());
        client.dispose();
        server.dispose();
        assertEquals(0, pool.outstanding(), "every packet went back to the pool");
    }

    private static void moveAll(RecordingOutput out, Link link, VpnSession session, long now, PacketPool pool) {
        for (byte[] b; (b = out.toPeer.poll()) != null; ) {
            link.send(b, now);
        }
        for (DataPlane.ControlPayload payload; (payload = out.payloads.poll()) != null; ) {
            Packet p = pool.acquire();
            if (session.dataPlane().sealControlPayload(payload, p, now) == null) {
                link.send(p.toByteArray(), now);
            }
            p.release();
        }
    }

    /** Hands a datagram to the right side; true if it delivered an inside packet seen before. */
    private static boolean deliver(VpnSession session, byte[] bytes, long now, PacketPool pool, Set<Integer> delivered) {
        if (bytes.length > 0 && VpnSession.isDataPacket(bytes[0] & 0xff)) {
            Packet p = pool.acquire();
            p.setContents(bytes, 0, bytes.length);
            boolean duplicate = false;
            if (session.dataPlane().open(p, now) == DataPlane.Opened.TUNNEL && delivered != null) {
                duplicate = !delivered.add(p.getInt(4));
            }
            p.release();
            return duplicate;
        }
        session.receive(bytes, 0, bytes.length, now);
        return false;
    }
}
