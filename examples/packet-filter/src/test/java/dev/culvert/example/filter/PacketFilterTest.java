package dev.culvert.example.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.culvert.core.config.Config;
import dev.culvert.core.embed.Culvert;
import dev.culvert.core.embed.Stack;
import dev.culvert.core.graph.DropReason;
import dev.culvert.core.link.VirtualLink;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.spi.feature.FeatureArcs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PacketFilterTest {
    static final int CLIENT = 0x0A080002;   // 10.8.0.2
    static final int MAIL = 0xC0000219;     // 192.0.2.25
    static final int WEB = 0xC6336450;      // 198.51.100.80

    final PacketPool pool = new PacketPool("filter-test", 16);
    final PacketFilter filter = new PacketFilter();

    @AfterEach
    void poolBalances() {
        assertEquals(0, pool.outstanding());
    }

    /** An IPv4 packet: protocol, addresses, and for TCP/UDP the destination port; {@code length} bytes in all. */
    static byte[] ipv4(int protocol, int src, int dst, int port, int length) {
        byte[] b = new byte[length];
        b[0] = 0x45;
        b[2] = (byte) (length >>> 8);
        b[3] = (byte) length;
        b[8] = 64;
        b[9] = (byte) protocol;
        put(b, 12, src);
        put(b, 16, dst);
        if (length >= 24) {
            b[20] = (byte) 0xC3;
            b[21] = 0x50;
            b[22] = (byte) (port >>> 8);
            b[23] = (byte) port;
        }
        return b;
    }

    static byte[] tcp(int dst, int port) {
        return ipv4(6, CLIENT, dst, port, 40);
    }

    static void put(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (24 - 8 * i));
        }
    }

    DropReason verdict(byte[] bytes) {
        Packet p = pool.acquire();
        try {
            p.setContents(bytes, 0, bytes.length);
            return filter.apply(p);
        } finally {
            p.release();
        }
    }

    void rules(String... lines) throws Exception {
        List<FilterRule> list = new java.util.ArrayList<>();
        for (String line : lines) {
            list.add(FilterRuleParserTest.rule(line));
        }
        filter.setRules(list);
    }

    @Test
    void itJoinsTheArcAfterTheInsideL3CheckUnderItsName() {
        assertEquals(FeatureArcs.AFTER_INSIDE_L3, filter.arc());
        assertEquals("packet-filter", filter.name());
    }

    @Test
    void dropTcpPort25DropsExactlyTcpToPort25() throws Exception {
        rules("culvert-filter drop tcp port 25");
        assertEquals(PacketFilter.DENIED, verdict(tcp(MAIL, 25)));
        assertNull(verdict(tcp(MAIL, 80)), "another TCP port");
        assertNull(verdict(ipv4(17, CLIENT, MAIL, 25, 28)), "UDP to port 25");
        assertNull(verdict(ipv4(1, CLIENT, MAIL, 0, 28)), "ICMP");
    }

    @Test
    void prefixesNarrowARule() throws Exception {
        rules("culvert-filter drop any from 10.8.0.0/24 to 192.0.2.0/24", "culvert-filter drop udp port 53 to 198.51.100.80");
        assertEquals(PacketFilter.DENIED, verdict(tcp(MAIL, 443)));
        assertNull(verdict(tcp(WEB, 443)));
        assertEquals(PacketFilter.DENIED, verdict(ipv4(17, CLIENT, WEB, 53, 28)));
        assertNull(verdict(ipv4(17, CLIENT, WEB, 54, 28)));
        assertNull(verdict(ipv4(6, 0x0A090002, MAIL, 443, 40)), "source outside 10.8.0.0/24");
    }

    @Test
    void aPortItCannotSeeIsDroppedAsUnreadableSoNothingSlipsPastAPortRule() throws Exception {
        rules("culvert-filter drop tcp port 25");
        byte[] laterFragment = tcp(MAIL, 25);
        laterFragment[7] = 8; // fragment offset 64 bytes: no TCP header here
        assertEquals(PacketFilter.UNREADABLE, verdict(laterFragment));
        assertEquals(PacketFilter.UNREADABLE, verdict(ipv4(6, CLIENT, MAIL, 25, 22)), "a TCP header cut before its ports");
        assertNull(verdict(ipv4(17, CLIENT, MAIL, 25, 22)), "no rule asks about UDP");
    }

    @Test
    void packetsThatAreNotWellFormedIpv4PassForTheL3CheckToJudge() throws Exception {
        rules("culvert-filter drop any");
        byte[] ipv6 = new byte[40];
        ipv6[0] = 0x60;
        assertNull(verdict(ipv6));
        assertNull(verdict(new byte[] {0x45, 0, 0}), "shorter than a header");
        byte[] badIhl = tcp(MAIL, 25);
        badIhl[0] = 0x4F; // a 60-byte header in a 40-byte packet
        assertNull(verdict(badIhl));
        assertEquals(PacketFilter.DENIED, verdict(tcp(MAIL, 25)));
    }

    @Test
    void withoutRulesEveryPacketPasses() {
        assertNull(verdict(tcp(MAIL, 25)));
    }

    @Test
    void theRulesComeFromTheConfiguredFileAndABadFileKeepsTheRulesInForce(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("node.conf");
        Files.writeString(file, "client\nremote vpn.example.org 1194\nculvert-filter drop tcp port 25\n");
        filter.configure(Map.of("file", file.toString()));
        assertEquals(1, filter.rules().size(), "the other directives are the node's, not the filter's");
        assertEquals(PacketFilter.DENIED, verdict(tcp(MAIL, 25)));

        Files.writeString(file, "culvert-filter drop tcp port 25\nculvert-filter drop tcp port 250000\n");
        filter.configure(Map.of("file", file.toString()));
        assertEquals(1, filter.rules().size());
        assertEquals(PacketFilter.DENIED, verdict(tcp(MAIL, 25)));

        filter.configure(Map.of());
        assertEquals(0, filter.rules().size(), "no file configured, no rules");
        assertNull(verdict(tcp(MAIL, 25)));
    }

    @Test
    void theNodeConfigurationsLinesAreAppliedWhenTheNodeIsBuiltNotJustAccepted() throws Exception {
        var links = VirtualLink.pair("filter-node", 1500, 4);
        Config node = Config.of("verb 3\nculvert-filter drop tcp port 25\n", "node.conf");
        try (Stack stack = Culvert.builder().module(filter).config(node).relay(links[0], links[1]).build()) {
            assertEquals(1, filter.rules().size());
            assertEquals(PacketFilter.DENIED, verdict(tcp(MAIL, 25)));
            assertNull(verdict(tcp(MAIL, 80)));
        }
    }

    @Test
    void theNodesRulesAndTheFilesRulesBothApply(@TempDir Path dir) throws Exception {
        filter.apply(Config.of("culvert-filter drop tcp port 25\n", "node.conf").all("culvert-filter"));
        Path file = dir.resolve("extra.conf");
        Files.writeString(file, "culvert-filter drop udp port 53\n");
        filter.configure(Map.of("file", file.toString()));
        assertEquals(2, filter.rules().size());
        assertEquals(PacketFilter.DENIED, verdict(tcp(MAIL, 25)), "the node's rule");
        assertEquals(PacketFilter.DENIED, verdict(ipv4(17, CLIENT, MAIL, 53, 28)), "the file's rule");

        filter.configure(Map.of());
        assertEquals(1, filter.rules().size(), "the file's rules leave with the file; the node's stay");
        assertEquals(PacketFilter.DENIED, verdict(tcp(MAIL, 25)));
    }
}
