package dev.culvert.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.embed.ModuleBinder;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.l3.L3Metadata;
import dev.culvert.spi.route.Prefix;
import dev.culvert.spi.route.RouteTable;
import dev.culvert.spi.route.Router;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Node A of a mesh owns 192.168.1.0/24 and 2001:db8:1::/48 (LOCAL); peer B (handle 2) owns
 * 192.168.2.0/24 and its tunnel address 10.9.0.2; peer C (handle 3) owns 192.168.3.0/24 and
 * 2001:db8:3::/48; a leaf L (handle 4) owns 10.9.0.50.
 */
class MeshRouterTest {
    private static final long B = 2;
    private static final long C = 3;
    private static final long LEAF = 4;

    private final MeshRouter router = new MeshRouter();
    private final L3Metadata meta = new L3Metadata();

    @BeforeEach
    void mesh() {
        RouteTable t = router.table();
        t.put(Prefix.parse("192.168.1.0/24"), Router.LOCAL);
        t.put(Prefix.parse("2001:db8:1::/48"), Router.LOCAL);
        t.setPeer(B, List.of(Prefix.parse("192.168.2.0/24"), Prefix.parse("10.9.0.2/32")));
        t.setPeer(C, List.of(Prefix.parse("192.168.3.0/24"), Prefix.parse("2001:db8:3::/48")));
        t.setPeer(LEAF, List.of(Prefix.parse("10.9.0.50/32")));
    }

    private L3Metadata v4(String src, String dst) {
        meta.setIpv4((int) Prefix.parse(src).lo(), (int) Prefix.parse(dst).lo(), 1, 20, false);
        return meta;
    }

    private L3Metadata v6(String src, String dst) {
        Prefix s = Prefix.parse(src);
        Prefix d = Prefix.parse(dst);
        meta.setIpv6(s.hi(), s.lo(), d.hi(), d.lo(), 58, 40, false);
        return meta;
    }

    /** The dead peer's networks become black holes, as the mesh role does on keepalive expiry. */
    private void peerDies(long peer) {
        RouteTable t = router.table();
        List<Prefix> owned = t.entries().entrySet().stream().filter(e -> e.getValue() == peer).map(e -> e.getKey()).toList();
        t.removePeer(peer);
        owned.forEach(p -> t.put(p, Router.UNREACHABLE));
    }

    @Test
    void fromTheTunAPacketGoesToThePeerOwningTheLongestMatch() {
        assertEquals(B, router.route(Router.LOCAL, v4("192.168.1.1", "192.168.2.7")));
        assertEquals(C, router.route(Router.LOCAL, v4("192.168.1.1", "192.168.3.7")));
        assertEquals(C, router.route(Router.LOCAL, v6("2001:db8:1::1", "2001:db8:3:4::1")));
        router.table().setPeer(B, List.of(Prefix.parse("192.168.2.0/24"), Prefix.parse("10.9.0.2/32"), Prefix.parse("192.168.3.128/25")));
        assertEquals(B, router.route(Router.LOCAL, v4("192.168.1.1", "192.168.3.200")), "the longer prefix wins");
        assertEquals(C, router.route(Router.LOCAL, v4("192.168.1.1", "192.168.3.100")));
    }

    @Test
    void fromTheTunThisNodesOwnNetworksAndUnknownDestinationsAreUnreachable() {
        assertEquals(Router.UNREACHABLE, router.route(Router.LOCAL, v4("192.168.1.1", "192.168.1.9")), "would loop back to the TUN");
        assertEquals(Router.UNREACHABLE, router.route(Router.LOCAL, v4("192.168.1.1", "8.8.8.8")));
        assertEquals(Router.UNREACHABLE, router.route(Router.LOCAL, v6("2001:db8:1::1", "2001:db8:9::1")));
    }

    @Test
    void aDeadPeersNetworksFailFastAndTheOthersStayUp() {
        peerDies(C);
        assertEquals(Router.UNREACHABLE, router.route(Router.LOCAL, v4("192.168.1.1", "192.168.3.7")));
        assertEquals(Router.UNREACHABLE, router.route(Router.LOCAL, v6("2001:db8:1::1", "2001:db8:3::1")));
        assertEquals(Router.UNREACHABLE, router.route(B, v4("192.168.2.7", "192.168.3.7")), "not to the host either");
        assertEquals(B, router.route(Router.LOCAL, v4("192.168.1.1", "192.168.2.7")));
        assertEquals(Router.LOCAL, router.route(B, v4("192.168.2.7", "192.168.1.1")));
    }

    @Test
    void aRejoinedPeerTakesItsNetworksBackFromTheBlackHole() {
        peerDies(C);
        router.table().setPeer(C, List.of(Prefix.parse("192.168.3.0/24"), Prefix.parse("2001:db8:3::/48")));
        assertEquals(C, router.route(Router.LOCAL, v4("192.168.1.1", "192.168.3.7")));
        assertTrue(router.sourceAllowed(C, v4("192.168.3.7", "192.168.1.1")));
    }

    @Test
    void fromAPeerAPacketToAnotherPeersNetworkIsForwardedPeerToPeer() {
        assertEquals(C, router.route(LEAF, v4("10.9.0.50", "192.168.3.7")), "a leaf reaches a LAN behind another node");
        assertEquals(LEAF, router.route(C, v4("192.168.3.7", "10.9.0.50")), "and the answer comes back");
        assertFalse(router.table().clientToClient(), "a mesh forwards without client-to-client");
    }

    @Test
    void fromAPeerThisNodesNetworksAndUnknownDestinationsGoToTheTun() {
        assertEquals(Router.LOCAL, router.route(B, v4("192.168.2.7", "192.168.1.9")));
        assertEquals(Router.LOCAL, router.route(C, v6("2001:db8:3::1", "2001:db8:1::1")));
        assertEquals(Router.LOCAL, router.route(B, v4("192.168.2.7", "8.8.8.8")), "the host decides");
    }

    @Test
    void aPacketIsNeverSentBackToThePeerItCameFrom() {
        assertEquals(Router.UNREACHABLE, router.route(B, v4("192.168.2.7", "192.168.2.8")));
    }

    @Test
    void aPeerMaySendOnlyFromTheNetworksItOwns() {
        assertTrue(router.sourceAllowed(B, v4("192.168.2.7", "192.168.1.1")));
        assertTrue(router.sourceAllowed(LEAF, v4("10.9.0.50", "192.168.3.1")));
        assertFalse(router.sourceAllowed(B, v4("192.168.3.7", "192.168.1.1")), "C's network");
        assertFalse(router.sourceAllowed(B, v4("192.168.1.7", "192.168.1.1")), "this node's own network");
        assertFalse(router.sourceAllowed(B, v4("8.8.8.8", "192.168.1.1")), "nobody's");
        assertFalse(router.sourceAllowed(Router.LOCAL, v4("192.168.1.7", "192.168.2.1")));
    }

    @Test
    void takingOverFromTheHubRouterKeepsTheEntries() {
        ClientServerRouter hub = new ClientServerRouter();
        hub.table().setPeer(B, List.of(Prefix.parse("192.168.2.0/24")));
        MeshRouter mesh = new MeshRouter();
        mesh.takeOver(hub);
        assertEquals(B, mesh.route(Router.LOCAL, v4("192.168.1.1", "192.168.2.7")));
    }

    @Test
    void aHubNeverPicksItUpByRankingTheMeshRoleSelectsItByName() {
        SlotRegistry registry = new SlotRegistry();
        ModuleBinder.discover(registry, MeshRouterTest.class.getClassLoader());
        var slot = registry.slot(SlotNames.ROUTE, Router.class);
        assertTrue(slot.active().orElseThrow() instanceof ClientServerRouter);
        assertTrue(slot.select(MeshRouter.NAME));
        assertTrue(slot.active().orElseThrow() instanceof MeshRouter);
    }
}
