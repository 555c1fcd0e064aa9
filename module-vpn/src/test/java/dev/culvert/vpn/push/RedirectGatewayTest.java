package dev.culvert.vpn.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.vpn.push.RedirectGateway.Flag;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** redirect-gateway's flags, from a file's line or a push, added together as 2.6 ORs them. */
class RedirectGatewayTest {
    @Test
    void ipv4IsOnUnlessNotIpv4() {
        assertEquals(Set.of(Flag.IPV4, Flag.REROUTE), RedirectGateway.parse(List.of()).flags());
        assertEquals(Set.of(Flag.IPV4, Flag.DEF1, Flag.BYPASS_DHCP, Flag.REROUTE), RedirectGateway.parse(List.of("def1", "bypass-dhcp")).flags());
        assertEquals(Set.of(Flag.IPV6, Flag.REROUTE), RedirectGateway.parse(List.of("ipv6", "!ipv4")).flags());
        assertEquals(Set.of(Flag.IPV6, Flag.REROUTE), RedirectGateway.parse(List.of("!ipv4", "ipv6")).flags(), "order does not matter");
        assertEquals(Set.of(Flag.IPV4), RedirectGateway.parsePrivate(List.of()).flags(), "redirect-private reroutes no gateway");
    }

    @Test
    void anUnknownFlagInAFileIsRefusedAndInAPushLeftOut() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RedirectGateway.parse(List.of("def2")));
        assertTrue(e.getMessage().contains("def2"));
        RedirectGateway pushed = RedirectGateway.pushed(PushReplyParser.parse("PUSH_REPLY,redirect-gateway def2 !ipv4 ipv6,ping 10").reply());
        assertEquals(Set.of(Flag.IPV6, Flag.REROUTE), pushed.flags());
    }

    @Test
    void theFilesLineAndThePushedOneAddTheirFlags() {
        RedirectGateway own = RedirectGateway.parse(List.of("local"));
        RedirectGateway pushed = RedirectGateway.pushed(PushReplyParser.parse("PUSH_REPLY,redirect-gateway def1 ipv6").reply());
        RedirectGateway both = RedirectGateway.union(own, pushed);
        assertEquals(Set.of(Flag.IPV4, Flag.LOCAL, Flag.DEF1, Flag.IPV6, Flag.REROUTE), both.flags());
        assertTrue(RedirectGateway.union(null, own) == own);
        assertNull(RedirectGateway.union(null, null));
        assertNull(RedirectGateway.pushed(PushReplyParser.parse("PUSH_REPLY,ping 10").reply()));
        assertFalse(own.has(Flag.DEF1));
    }
}
