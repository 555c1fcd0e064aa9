package dev.culvert.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.l3.L3Metadata;
import dev.culvert.spi.route.Prefix;
import dev.culvert.spi.route.RouteTable;
import dev.culvert.spi.route.Router;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenVPN's server: clients 1 (10.8.0.2, fd00::2, iroute 192.168.1.0/24 and 2001:db8:1::/48) and
 * 2 (10.8.0.3, fd00::3, iroute 192.168.1.128/25 inside client 1's), the server's own networks
 * 10.8.0.0/24 and fd00::/64 are LOCAL.
 */
class ClientServerRouterTest {
    private static final long ONE = 1;
    private static final long TWO = 2;

    private final ClientServerRouter router = new ClientServerRouter();
    private final L3Metadata meta = new L3Metadata();

    @BeforeEach
    void clients() {
        RouteTable t = router.table();
        t.put(Prefix.parse("10.8.0.0/24"), Router.LOCAL);
        t.put(Prefix.parse("fd00::/64"), Router.LOCAL);
        t.setPeer(ONE, List.of(Prefix.parse("10.8.0.2/32"), Prefix.parse("fd00::2/128"),
                Prefix.parse("192.168.1.0/24"), Prefix.parse("2001:db8:1::/48")));
        t.setPeer(TWO, List.of(Prefix.parse("10.8.0.3/32"), Prefix.parse("fd00::3/128"), Prefix.parse("192.168.1.128/25")));
    }

    private L3Metadata v4(String src, String dst) {
        meta.setIpv4((int) Prefix.parse(src).lo(), (int) Prefix.parse(dst).lo(), 17, 20, false);
        return meta;
    }

    private L3Metadata v6(String src, String dst) {
        Prefix s = Prefix.parse(src);
        Prefix d = Prefix.parse(dst);
        meta.setIpv6(s.hi(), s.lo(), d.hi(), d.lo(), 17, 40, false);
        return meta;
    }

    @Test
    void fromTheTunAPacketGoesToTheClientOwningItsDestination() {
        assertEquals(ONE, router.route(Router.LOCAL, v4("10.8.0.1", "10.8.0.2")));
        assertEquals(ONE, router.route(Router.LOCAL, v4("10.8.0.1", "192.168.1.7")), "client 1's iroute");
        assertEquals(TWO, router.route(Router.LOCAL, v4("10.8.0.1", "192.168.1.200")), "the longer iroute wins");
        assertEquals(ONE, router.route(Router.LOCAL, v6("fd00::1", "2001:db8:1:5::9")));
        assertEquals(TWO, router.route(Router.LOCAL, v6("fd00::1", "fd00::3")));
    }

    @Test
    void fromTheTunAnythingNoClientOwnsIsUnreachable() {
        assertEquals(Router.UNREACHABLE, router.route(Router.LOCAL, v4("10.8.0.1", "10.8.0.99")), "the server's own network");
        assertEquals(Router.UNREACHABLE, router.route(Router.LOCAL, v4("10.8.0.1", "8.8.8.8")), "no entry at all");
        assertEquals(Router.UNREACHABLE, router.route(Router.LOCAL, v6("fd00::1", "2001:db8:2::1")));
        meta.clear();
        assertEquals(Router.UNREACHABLE, router.route(Router.LOCAL, meta), "no L3 protocol filled it");
    }

    @Test
    void withoutClientToClientAClientsPacketsGoToTheTun() {
        assertFalse(router.table().clientToClient(), "off unless configured, as in OpenVPN");
        assertEquals(Router.LOCAL, router.route(ONE, v4("10.8.0.2", "10.8.0.3")));
        assertEquals(Router.LOCAL, router.route(ONE, v4("10.8.0.2", "8.8.8.8")));
        assertEquals(Router.LOCAL, router.route(TWO, v6("fd00::3", "fd00::2")));
    }

    @Test
    void withClientToClientAClientReachesAnotherDirectly() {
        router.table().setClientToClient(true);
        assertEquals(TWO, router.route(ONE, v4("10.8.0.2", "10.8.0.3")));
        assertEquals(TWO, router.route(ONE, v4("10.8.0.2", "192.168.1.130")));
        assertEquals(ONE, router.route(TWO, v6("fd00::3", "2001:db8:1::1")));
        assertEquals(Router.LOCAL, router.route(ONE, v4("10.8.0.2", "8.8.8.8")), "no client owns it: the host routes it");
        assertEquals(Router.LOCAL, router.route(ONE, v4("10.8.0.2", "10.8.0.1")));
        router.table().setClientToClient(false);
        assertEquals(Router.LOCAL, router.route(ONE, v4("10.8.0.2", "10.8.0.3")));
    }

    @Test
    void aBlackHoleIsUnreachableFromBothSides() {
        router.table().put(Prefix.parse("10.66.0.0/16"), Router.UNREACHABLE);
        assertEquals(Router.UNREACHABLE, router.route(Router.LOCAL, v4("10.8.0.1", "10.66.1.1")));
        assertEquals(Router.UNREACHABLE, router.route(ONE, v4("10.8.0.2", "10.66.1.1")));
    }

    @Test
    void aClientMaySendFromItsOwnAddressesAndIroutes() {
        assertTrue(router.sourceAllowed(ONE, v4("10.8.0.2", "10.8.0.1")));
        assertTrue(router.sourceAllowed(ONE, v4("192.168.1.77", "10.8.0.1")));
        assertTrue(router.sourceAllowed(ONE, v6("fd00::2", "fd00::1")));
        assertTrue(router.sourceAllowed(ONE, v6("2001:db8:1:ffff::1", "fd00::1")));
        assertTrue(router.sourceAllowed(TWO, v4("192.168.1.200", "10.8.0.1")));
    }

    @Test
    void aClientMayNotSendFromAnyOtherAddress() {
        assertFalse(router.sourceAllowed(ONE, v4("10.8.0.3", "10.8.0.1")), "another client's address");
        assertFalse(router.sourceAllowed(ONE, v4("192.168.1.200", "10.8.0.1")), "inside its iroute, but client 2 owns the longer one");
        assertFalse(router.sourceAllowed(ONE, v4("10.8.0.1", "10.8.0.3")), "the server's own address");
        assertFalse(router.sourceAllowed(ONE, v4("8.8.8.8", "10.8.0.1")), "no entry at all");
        assertFalse(router.sourceAllowed(ONE, v6("fd00::3", "fd00::1")));
        assertFalse(router.sourceAllowed(ONE, v6("fe80::1", "fd00::1")), "link-local is not its own either (2.6 drops it too)");
        assertFalse(router.sourceAllowed(3, v4("10.8.0.2", "10.8.0.1")), "an unknown peer owns nothing");
        assertFalse(router.sourceAllowed(Router.LOCAL, v4("10.8.0.99", "10.8.0.1")), "LOCAL is not a peer");
        meta.clear();
        assertFalse(router.sourceAllowed(ONE, meta));
    }

    @Test
    void aClientThatLeftOwnsNothing() {
        router.table().removePeer(ONE);
        assertFalse(router.sourceAllowed(ONE, v4("10.8.0.2", "10.8.0.1")));
        assertEquals(Router.UNREACHABLE, router.route(Router.LOCAL, v4("10.8.0.1", "192.168.1.7")));
        assertEquals(TWO, router.route(Router.LOCAL, v4("10.8.0.1", "192.168.1.200")));
    }

    @Test
    void aNewRouterTakesOverTheTableAndTheClientToClientSetting() {
        router.table().setClientToClient(true);
        ClientServerRouter next = new ClientServerRouter();
        next.takeOver(router);
        assertEquals(router.table().entries(), next.table().entries());
        assertTrue(next.table().clientToClient());
        assertEquals(TWO, next.route(ONE, v4("10.8.0.2", "10.8.0.3")));
        assertTrue(next.sourceAllowed(ONE, v4("192.168.1.77", "10.8.0.1")));
        // The copy is the new router's own: later changes to either do not leak.
        router.table().removePeer(TWO);
        assertEquals(TWO, next.route(Router.LOCAL, v4("10.8.0.1", "10.8.0.3")));
    }

    @Test
    void takingOverFromARouterOfAnotherKindCopiesItsEntries() {
        Map<Prefix, Long> theirs = Map.of(Prefix.parse("10.9.0.2/32"), 7L, Prefix.parse("0.0.0.0/0"), Router.LOCAL);
        Router other = foreignRouter(theirs);
        ClientServerRouter next = new ClientServerRouter();
        next.takeOver(other);
        assertEquals(theirs, next.table().entries());
        assertEquals(7, next.route(Router.LOCAL, v4("10.9.0.1", "10.9.0.2")));
    }

    @Test
    void aTargetMustBeAPeerLocalOrUnreachable() {
        assertThrows(IllegalArgumentException.class, () -> router.table().put(Prefix.parse("10.1.0.0/16"), -7));
        assertThrows(IllegalArgumentException.class, () -> router.table().setPeer(-1, List.of()));
    }

    /** A router that only has a table, as a point-to-point or mesh module might. */
    private static Router foreignRouter(Map<Prefix, Long> entries) {
        LpmTable table = new LpmTable();
        entries.forEach(table::put);
        RouteTable view = new RouteTable() {
            @Override
            public void put(Prefix prefix, long target) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean remove(Prefix prefix) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void setPeer(long peer, java.util.Collection<Prefix> prefixes) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<Prefix, Long> entries() {
                return table.entries();
            }

            @Override
            public boolean clientToClient() {
                return false;
            }

            @Override
            public void setClientToClient(boolean enabled) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void copyFrom(RouteTable other) {
                throw new UnsupportedOperationException();
            }
        };
        return new Router() {
            @Override
            public long route(long from, L3Metadata meta) {
                return UNREACHABLE;
            }

            @Override
            public boolean sourceAllowed(long peer, L3Metadata meta) {
                return false;
            }

            @Override
            public RouteTable table() {
                return view;
            }
        };
    }
}
