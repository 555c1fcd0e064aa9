package dev.culvert.spi.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The host's route to an address, read from what `ip route get` prints. */
class HostRouteTest {
    @Test
    void aGatewayAndADevice() {
        assertEquals(Optional.of(new HostRoute("192.168.1.1", "eth0")),
                HostRoute.parse("203.0.113.9 via 192.168.1.1 dev eth0 src 192.168.1.20 uid 0 \n    cache \n"));
    }

    @Test
    void aDirectlyConnectedNetworkHasNoGateway() {
        HostRoute r = HostRoute.parse("192.0.2.1 dev ul0 src 192.0.2.2 uid 0\n    cache").orElseThrow();
        assertTrue(r.direct());
        assertEquals("ul0", r.device());
    }

    @Test
    void whatCannotBeRoutedBackIsEmpty() {
        assertEquals(Optional.empty(), HostRoute.parse("local 127.0.0.1 dev lo table local src 127.0.0.1 uid 0"));
        assertEquals(Optional.empty(), HostRoute.parse("unreachable 10.0.0.1"));
        assertEquals(Optional.empty(), HostRoute.parse(""));
        assertEquals(Optional.empty(), HostRoute.parse("10.0.0.1 via inet6 fe80::1 dev eth0"));
    }
}
