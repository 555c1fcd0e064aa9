package dev.culvert.vpn.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static java.net.StandardProtocolFamily.INET;
import static java.net.StandardProtocolFamily.INET6;

import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.core.embed.ModuleBinder;
import dev.culvert.core.graph.DropReason;
import dev.culvert.core.io.transport.UdpTransportFactory;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.ipv4.Ipv4Protocol;
import dev.culvert.ipv6.Ipv6Protocol;
import dev.culvert.spi.feature.Feature;
import dev.culvert.spi.feature.FeatureArcs;
import dev.culvert.spi.l3.L3Metadata;
import dev.culvert.spi.l3.L3Policy;
import dev.culvert.spi.route.RouteTable;
import dev.culvert.spi.route.Router;
import dev.culvert.vpn.data.AeadSource;
import dev.culvert.vpn.keys.DataCipher;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GraphRehearsalTest {
    static final L3Policy POLICY = new L3Policy(1500, 0, L3Policy.DEFAULT.icmpPerSecond());
    static final AeadSource JCE = AeadSource.of(new JceAeadProvider());

    static SlotRegistry slots() {
        SlotRegistry registry = new SlotRegistry();
        ModuleBinder.bind(registry, new Ipv4Protocol(), null, null);
        ModuleBinder.bind(registry, new UdpTransportFactory(), "udp", 0);
        return registry;
    }

    @Test
    void everyMadeUpPacketComesRoundIntactThroughTwoCopiesOfTheOnePeerGraph() {
        for (DataCipher cipher : DataCipher.AEAD) {
            String line = GraphRehearsal.run(slots(), POLICY, cipher, JCE, 400, INET);
            assertTrue(line.startsWith("data path rehearsed in "), line);
            assertTrue(line.contains(": 400 of 400 packets came round intact through two copies of the one-peer graph (" + cipher.openvpnName()
                    + ", UDP on loopback 127.0.0.1) in "), line);
            assertTrue(!line.contains("lost"), line);
        }
    }

    @Test
    void aNodeWhoseSocketIsIpv6RehearsesOverTheIpv6LoopbackSoTheAddressCodeMeetsTheFamilyItsClientsArriveIn() throws IOException {
        String line = GraphRehearsal.run(slots(), POLICY, DataCipher.AES_256_GCM, JCE, 400, INET6);
        assertTrue(line.contains(": 400 of 400 packets came round intact"), line);
        if (ipv6LoopbackBinds()) {
            assertTrue(line.contains("(AES-256-GCM, UDP on loopback ::1) in "), line);
        } else {
            assertTrue(line.contains("(AES-256-GCM, UDP on loopback 127.0.0.1 (::1 could not be bound: "), line);
        }
    }

    @Test
    void whereTheNodesFamilyCannotBeBoundOnTheLoopbackTheRehearsalTakesIpv4AndTheLineSaysWhy() throws IOException {
        // No interface has a documentation address: binding it fails as ::1 does where IPv6 is off.
        InetAddress unbindable = InetAddress.getByName("2001:db8::1");
        String line = GraphRehearsal.run(slots(), POLICY, DataCipher.AES_256_GCM, JCE, 100, unbindable);
        assertTrue(line.contains(": 100 of 100 packets came round intact"), line);
        assertTrue(line.contains("UDP on loopback 127.0.0.1 (2001:db8::1 could not be bound: "), line);
    }

    @Test
    void theFamilyIsTheNodeSocketsOwnAndTheDualStackWildcardIsIpv6() throws IOException {
        assertEquals(INET6, GraphRehearsal.familyOf(new InetSocketAddress(InetAddress.getByName("::"), 1194)));
        assertEquals(INET6, GraphRehearsal.familyOf(new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 1194)));
        assertEquals(INET, GraphRehearsal.familyOf(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 1194)));
        assertEquals(INET, GraphRehearsal.familyOf(new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 1194)));
        assertEquals(INET, GraphRehearsal.familyOf(null), "a socket bound to nothing known rehearses over IPv4");
    }

    private static boolean ipv6LoopbackBinds() {
        try (DatagramChannel probe = DatagramChannel.open(INET6)) {
            probe.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    @Test
    void betweenBurstsItsWorkersRunPostedTasksAndStrangersResetsArriveWithoutDisturbingTheTunnel() {
        // 400 packets take 200 bursts (1, 1, 2, 4 in turn): a stranger every 16th burst, a task on each worker with it.
        String line = GraphRehearsal.run(slots(), POLICY, DataCipher.AES_256_GCM, JCE, 400, INET);
        int strangers = 200 / GraphRehearsal.STRANGER_EVERY;
        assertTrue(line.contains(": 400 of 400 packets came round intact"), line);
        assertTrue(line.endsWith("with " + 2 * strangers + " posted tasks run by its workers and " + strangers + " strangers' resets sent in"), line);
    }

    @Test
    void everyFewStrangersBothCopiesStartANewSessionAndNoPacketIsLostToTheChange() {
        // 12 strangers: a new session with the 4th, 8th and 12th, each with fresh keys and replay windows on both sides.
        String line = GraphRehearsal.run(slots(), POLICY, DataCipher.CHACHA20_POLY1305, JCE, 400, INET);
        int strangers = 200 / GraphRehearsal.STRANGER_EVERY;
        assertTrue(line.contains(": 400 of 400 packets came round intact"), line);
        assertTrue(line.contains("(CHACHA20-POLY1305, UDP on loopback 127.0.0.1) in " + (1 + strangers / GraphRehearsal.NEW_SESSION_EVERY)
                + " sessions, with "), line);
        assertTrue(!line.contains("lost"), line);
    }

    @Test
    void aFeatureBoundInTheNodesRegistrySeesNoneOfTheRehearsalsPackets() {
        SlotRegistry registry = slots();
        AtomicInteger seen = new AtomicInteger();
        for (String arc : FeatureArcs.ALL) {
            registry.slot(SlotNames.FEATURE, Feature.class).bind(counting(arc, seen), "counter-" + arc, 1);
        }
        String line = GraphRehearsal.run(registry, POLICY, DataCipher.AES_256_GCM, JCE, 100, INET);
        assertTrue(line.contains("100 of 100 packets came round intact"), line);
        assertEquals(0, seen.get(), "an installed feature never sees a made-up packet");
    }

    @Test
    void theNodesRouterSeesNoneOfTheRehearsalsPacketsYetSourcesAreChecked() {
        SlotRegistry registry = slots();
        AtomicInteger asked = new AtomicInteger();
        registry.slot(SlotNames.ROUTE, Router.class).bind(new Router() {
            @Override
            public long route(long from, L3Metadata meta) {
                asked.incrementAndGet();
                return UNREACHABLE;
            }

            @Override
            public boolean sourceAllowed(long peer, L3Metadata meta) {
                asked.incrementAndGet();
                return false;
            }

            @Override
            public RouteTable table() {
                throw new UnsupportedOperationException();
            }
        }, "refuses-all", 1);
        String line = GraphRehearsal.run(registry, POLICY, DataCipher.AES_256_GCM, JCE, 100, INET);
        assertTrue(line.contains("100 of 100 packets came round intact"), line);
        assertEquals(0, asked.get(), "the node's router, which would refuse every made-up source, was never asked");
    }

    @Test
    void aCbcCipherIsLeftToTheTunnelsThatUseItAndTheLineSaysSo() {
        String line = GraphRehearsal.run(slots(), POLICY, DataCipher.AES_256_CBC, JCE, 100, INET);
        assertEquals("data path not rehearsed: AES-256-CBC is 2.6's CBC fallback, which the rehearsal leaves to the tunnels that use it", line);
    }

    @Test
    void withoutAUdpTransportNothingIsRehearsedAndTheLineSaysWhy() {
        SlotRegistry registry = new SlotRegistry();
        ModuleBinder.bind(registry, new Ipv4Protocol(), null, null);
        String line = GraphRehearsal.run(registry, POLICY, DataCipher.AES_128_GCM, JCE, 100, INET);
        assertTrue(line.startsWith("data path not rehearsed (AES-128-GCM): "), line);
    }

    @Test
    void theRehearsalsWorkersAreGoneWhenItReturns() {
        GraphRehearsal.run(slots(), POLICY, DataCipher.AES_256_GCM, JCE, 50, INET);
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("culvert-rehearsal-")),
                "the near and far workers were stopped and joined");
    }

    @Test
    void theMadeUpPacketsAreIpv4WithAValidHeaderChecksumAndTheirStatedLength() {
        for (int seq = 0; seq < 16; seq++) {
            byte[] p = GraphRehearsal.insidePacket(seq, false);
            assertEquals(0x45, p[0] & 0xff);
            assertEquals(p.length, ((p[2] & 0xff) << 8) | (p[3] & 0xff));
            long sum = 0;
            for (int i = 0; i < 20; i += 2) {
                sum += ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
            }
            while ((sum >>> 16) != 0) {
                sum = (sum & 0xffff) + (sum >>> 16);
            }
            assertEquals(0xffff, sum, "header checksum of packet " + seq);
        }
    }

    @Test
    void whereTheNodeHasIpv6EveryEighthPacketIsAnIpv6DatagramWithItsPayloadLength() {
        for (int seq = 0; seq < 16; seq++) {
            byte[] p = GraphRehearsal.insidePacket(seq, true);
            int version = (p[0] & 0xff) >>> 4;
            assertEquals(seq % 8 == 7 ? 6 : 4, version, "packet " + seq);
            if (version == 6) {
                assertEquals(p.length - 40, ((p[4] & 0xff) << 8) | (p[5] & 0xff));
                assertEquals(17, p[6]);
            }
        }
    }

    @Test
    void withIpv6BoundTheIpv6PacketsComeRoundToo() {
        SlotRegistry registry = slots();
        ModuleBinder.bind(registry, new Ipv6Protocol(), null, null);
        String line = GraphRehearsal.run(registry, POLICY, DataCipher.AES_256_GCM, JCE, 160, INET);
        assertTrue(line.contains(": 160 of 160 packets came round intact"), line);
    }

    private static Feature counting(String arc, AtomicInteger seen) {
        return new Feature() {
            @Override
            public String name() {
                return "counter";
            }

            @Override
            public String arc() {
                return arc;
            }

            @Override
            public DropReason apply(Packet packet) {
                seen.incrementAndGet();
                return null;
            }
        };
    }
}
