package dev.culvert.vpn.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.vpn.push.PushReplyParser.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushReplyParserTest {
    /** The reply 2.6.14 sent in the loopback run (openvpn.md §5.3) [verified]. */
    static final String STOCK_REPLY = "PUSH_REPLY,route-gateway 10.77.0.1,topology subnet,ping 10,ping-restart 60,"
            + "ifconfig 10.77.0.2 255.255.255.0,peer-id 0,cipher AES-256-GCM,protocol-flags cc-exit tls-ekm dyn-tls-crypt,tun-mtu 1500";

    static PushReply ok(String message) {
        PushReplyParser p = PushReplyParser.parse(message);
        assertEquals(Status.DONE, p.status(), () -> p.detail());
        return p.reply();
    }

    static void refused(String message) {
        PushReplyParser p = PushReplyParser.parse(message);
        assertEquals(Status.FAILED, p.status(), message);
        assertSame(PushRejects.BAD_OPTION, p.reject(), message);
        assertTrue(p.detail() != null && !p.detail().isEmpty());
    }

    @Test
    void readsTheStockServersReply() {
        PushReply r = ok(STOCK_REPLY);
        assertEquals("10.77.0.1", r.routeGateway());
        assertEquals(Topology.SUBNET, r.topology());
        assertEquals(10, r.ping());
        assertEquals(60, r.pingRestart());
        assertEquals("10.77.0.2", r.ifconfig().localText());
        assertEquals("255.255.255.0", r.ifconfig().secondText());
        assertTrue(r.effectiveTopology().secondIsNetmask());
        assertEquals(0xFFFFFF00, r.ifconfigNetmask());
        assertNull(r.ifconfigRemote());
        assertEquals(0, r.peerId());
        assertTrue(r.hasPeerId());
        assertEquals("AES-256-GCM", r.cipher());
        assertTrue(r.ccExit() && r.tlsEkm() && r.dynTlsCrypt());
        assertTrue(r.useTlsEkm());
        assertFalse(r.keyDerivationTlsEkm());
        assertEquals(1500, r.tunMtu());
        assertEquals(List.of(), r.warnings());
        assertEquals(List.of(), r.rawOptions());
    }

    @Test
    void anEmptyReplyIsComplete() {
        PushReply r = ok("PUSH_REPLY");
        assertNull(r.ifconfig());
        assertEquals(-1, r.peerId());
        assertEquals(-1, r.ping());
        assertEquals(Topology.NET30, r.effectiveTopology(), "2.6's default topology");
    }

    @Test
    void net30IfconfigNamesTheRemotePeer() {
        PushReply r = ok("PUSH_REPLY,ifconfig 10.8.0.6 10.8.0.5,route 10.8.0.1");
        assertNull(r.topology());
        assertFalse(r.effectiveTopology().secondIsNetmask());
        assertEquals("10.8.0.5", r.ifconfig().secondText());
        assertEquals("10.8.0.5", r.ifconfigRemote());
        assertEquals(0xFFFFFFFC, r.ifconfigNetmask(), "net30: a /30 per client");
        assertEquals(0xFFFFFFFF, ok("PUSH_REPLY,topology p2p,ifconfig 10.8.0.6 10.8.0.5").ifconfigNetmask());
        assertEquals(new PushReply.Route("10.8.0.1", null, null, null), r.routes().get(0));
    }

    @Test
    void readsIpv6RoutesAndRawOptions() {
        PushReply r = ok("PUSH_REPLY,ifconfig-ipv6 fd00::2/64 fd00::1,route-ipv6 2001:db8::/32,route 192.168.1.0 255.255.255.0 10.8.0.1 5,"
                + "dhcp-option DNS 10.8.0.1,dns server 1 address 10.8.0.1,redirect-gateway def1,key-derivation tls-ekm");
        assertEquals(new PushReply.Ifconfig6("fd00::2", 64, "fd00::1"), r.ifconfig6());
        assertEquals(new PushReply.Route6("2001:db8::/32", null, null), r.routes6().get(0));
        assertEquals(new PushReply.Route("192.168.1.0", "255.255.255.0", "10.8.0.1", "5"), r.routes().get(0));
        assertEquals(List.of("dhcp-option DNS 10.8.0.1", "dns server 1 address 10.8.0.1", "redirect-gateway def1"), r.rawOptions());
        assertTrue(r.keyDerivationTlsEkm() && r.useTlsEkm());
        assertFalse(r.tlsEkm());
    }

    @Test
    void unknownOptionsAndFlagsAreWarningsNotFailures() {
        PushReply r = ok("PUSH_REPLY,setenv FOO bar,protocol-flags cc-exit warp-drive,key-derivation quantum,,ping 5");
        assertEquals(3, r.warnings().size(), r.warnings().toString());
        assertTrue(r.ccExit());
        assertFalse(r.useTlsEkm());
        assertEquals(5, r.ping());
    }

    @Test
    void malformedKnownOptionsAreRefused() {
        refused("PUSH_REPLY,ifconfig 10.77.0.2");
        refused("PUSH_REPLY,ifconfig 10.77.0.256 255.255.255.0");
        refused("PUSH_REPLY,ifconfig 10.77.0.2 255.255.255.0 extra");
        refused("PUSH_REPLY,topology subnet,ifconfig 10.77.0.2 255.0.255.0");
        refused("PUSH_REPLY,topology star");
        refused("PUSH_REPLY,ping ten");
        refused("PUSH_REPLY,ping -1");
        refused("PUSH_REPLY,ping-restart");
        refused("PUSH_REPLY,peer-id 16777216");
        refused("PUSH_REPLY,tun-mtu 20");
        refused("PUSH_REPLY,cipher");
        refused("PUSH_REPLY,protocol-flags");
        refused("PUSH_REPLY,route");
        refused("PUSH_REPLY,route-ipv6 10.0.0.0/8");
        refused("PUSH_REPLY,route-gateway example.com");
        refused("PUSH_REPLY,ifconfig-ipv6 fd00::2/129 fd00::1");
        refused("PUSH_REPLY,ifconfig-ipv6 fd00::2/64");
        refused("PUSH_REPLY,push-continuation 3");
    }

    @Test
    void refusesOtherMessages() {
        assertSame(PushRejects.NOT_PUSH_REPLY, PushReplyParser.parse("PUSH_REQUEST").reject());
        assertSame(PushRejects.NOT_PUSH_REPLY, PushReplyParser.parse("PUSH_REPLYX,ping 1").reject());
    }

    @Test
    void accumulatesContinuationParts() {
        PushReplyParser p = new PushReplyParser();
        assertEquals(Status.MORE, p.feed("PUSH_REPLY,route 10.1.0.0 255.255.0.0,push-continuation 2"));
        assertNull(p.reply());
        assertEquals(Status.MORE, p.feed("PUSH_REPLY,route 10.2.0.0 255.255.0.0,push-continuation 2"));
        assertEquals(Status.DONE, p.feed("PUSH_REPLY,ifconfig 10.8.0.2 255.255.255.0,topology subnet,push-continuation 1"));
        assertEquals(2, p.reply().routes().size());
        assertEquals(Topology.SUBNET, p.reply().topology());
    }

    @Test
    void boundsTheNumberOfParts() {
        PushReplyParser p = new PushReplyParser();
        Status s = Status.MORE;
        int fed = 0;
        while (s == Status.MORE && fed < 1000) {
            s = p.feed("PUSH_REPLY,ping 1,push-continuation 2");
            fed++;
        }
        assertEquals(Status.FAILED, s);
        assertSame(PushRejects.TOO_LONG, p.reject());
        assertEquals(PushReplyParser.MAX_PARTS + 1, fed);
    }

    @Test
    void laterValuesWinAndSpacesAreTolerated() {
        PushReply r = ok("PUSH_REPLY, ping 10 ,ping\t20,cipher AES-128-GCM");
        assertEquals(20, r.ping());
    }
}
