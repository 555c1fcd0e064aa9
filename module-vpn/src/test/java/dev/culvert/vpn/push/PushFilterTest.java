package dev.culvert.vpn.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a client keeps of a push: its pull-filter lines first, in order, then route-nopull. */
class PushFilterTest {
    private static final String PUSH = "PUSH_REPLY,route 10.1.0.0 255.255.0.0,route-gateway 10.8.0.1,topology subnet,ping 10,"
            + "ping-restart 60,redirect-gateway def1,dhcp-option DNS 10.8.0.1,ifconfig 10.8.0.2 255.255.255.0,peer-id 0,cipher AES-256-GCM";

    private static PushReplyParser parse(PushFilter filter) {
        PushReplyParser p = new PushReplyParser(filter);
        p.feed(PUSH);
        return p;
    }

    @Test
    void theFirstMatchingLineDecidesByTheOptionsStart() {
        PushFilter f = new PushFilter(false, List.of(new PushFilter.Rule(PushFilter.Action.ACCEPT, "route 10.1."),
                new PushFilter.Rule(PushFilter.Action.IGNORE, "route"), new PushFilter.Rule(PushFilter.Action.REJECT, "cipher BF")));
        assertTrue(f.judge("route 10.1.0.0 255.255.0.0").keep(), "accepted before the broader ignore");
        PushFilter.Verdict gateway = f.judge("route-gateway 10.8.0.1");
        assertFalse(gateway.keep(), "'route' starts 'route-gateway' too, as 2.6 compares the beginning");
        assertFalse(gateway.refuse());
        assertTrue(f.judge("cipher BF-CBC").refuse());
        assertTrue(f.judge("cipher AES-256-GCM").keep(), "no line matches: kept");
    }

    @Test
    void ignoredOptionsLeaveTheReplyAndShowInItsWarnings() {
        PushReplyParser p = parse(new PushFilter(false, List.of(new PushFilter.Rule(PushFilter.Action.IGNORE, "route 10.1."))));
        assertEquals(PushReplyParser.Status.DONE, p.status());
        assertEquals(List.of(), p.reply().routes(), "the ignored route is gone");
        assertEquals("10.8.0.1", p.reply().routeGateway());
        assertTrue(p.reply().warnings().contains("Pushed option removed by filter: 'route 10.1.0.0 255.255.0.0'"), p.reply().warnings().toString());
    }

    @Test
    void aRejectedOptionRefusesThePushWithItsOwnReason() {
        PushReplyParser p = parse(new PushFilter(false, List.of(new PushFilter.Rule(PushFilter.Action.REJECT, "redirect-gateway"))));
        assertEquals(PushReplyParser.Status.FAILED, p.status());
        assertEquals(PushRejects.FILTERED, p.reject());
        assertTrue(p.detail().contains("redirect-gateway def1"), p.detail());
    }

    @Test
    void routeNopullDropsRoutesAndDhcpOptionsAndKeepsTheRest() {
        PushReplyParser p = parse(new PushFilter(true, List.of()));
        PushReply r = p.reply();
        assertEquals(List.of(), r.routes());
        assertTrue(r.rawOptions().stream().noneMatch(o -> o.startsWith("redirect-gateway") || o.startsWith("dhcp-option")), r.rawOptions().toString());
        assertEquals("10.8.0.1", r.routeGateway(), "route-gateway is not a route: 2.6 keeps it");
        assertEquals("10.8.0.2", r.ifconfig().localText());
        assertEquals(3, r.warnings().stream().filter(w -> w.startsWith("route-nopull")).count(), r.warnings().toString());
    }

    @Test
    void anAcceptLineLetsARouteThroughRouteNopull() {
        PushFilter f = new PushFilter(true, List.of(new PushFilter.Rule(PushFilter.Action.ACCEPT, "route 10.1.")));
        assertTrue(f.judge("route 10.1.0.0 255.255.0.0").keep(), "2.6 applies the filter first");
        assertFalse(f.judge("route 10.2.0.0 255.255.0.0").keep());
    }
}
