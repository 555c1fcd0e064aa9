package dev.culvert.vpn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.culvert.spi.route.Prefix;
import dev.culvert.vpn.ccd.ClientOverrides;
import dev.culvert.vpn.ccd.IfconfigPush;
import dev.culvert.vpn.config.IfconfigIpv6;
import dev.culvert.vpn.config.TunnelNetwork6;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which IPv6 address a client gets, in 2.6's order of preference. */
class ClientIpv6Test {
    private static final Optional<TunnelNetwork6> NET = Optional.of(new TunnelNetwork6(0xfd00_0008_0000_0000L, 0, 64));
    private static final IfconfigIpv6 FIXED = new IfconfigIpv6(Prefix.parse("fd00:8::77/128"), 64, null);

    private static ClientOverrides withIpv6Push() {
        return new ClientOverrides(Optional.empty(), List.of(), List.of(), false, false, Optional.of(FIXED));
    }

    @Test
    void withoutServerIpv6NoClientGetsAnIpv6Address() {
        assertInstanceOf(ClientIpv6.NoAddress.class, ClientIpv6.choose(Optional.empty(), withIpv6Push(), 0));
    }

    @Test
    void theClientConfigDirFilesAddressComesFirst() {
        assertEquals(new ClientIpv6.Assigned(FIXED), ClientIpv6.choose(NET, withIpv6Push(), 3));
    }

    @Test
    void elseTheAddressTiedToItsIpv4PoolEntryWithTheNetworksLength() {
        assertEquals(new ClientIpv6.Assigned(new IfconfigIpv6(Prefix.parse("fd00:8::1003/128"), 64, null)),
                ClientIpv6.choose(NET, ClientOverrides.NONE, 3));
    }

    @Test
    void aFixedIpv4AddressWithoutIfconfigIpv6PushGetsNoIpv6Address() {
        ClientOverrides fixedV4 = new ClientOverrides(Optional.of(new IfconfigPush(0x0A08000A, 0xFFFFFF00)), List.of(), List.of(), false, false);
        assertInstanceOf(ClientIpv6.NoAddress.class, ClientIpv6.choose(NET, fixedV4, -1));
    }

    @Test
    void anIpv6PoolSmallerThanTheIpv4EntryRefusesTheClient() {
        Optional<TunnelNetwork6> tiny = Optional.of(new TunnelNetwork6(0xfd00_0008_0000_0000L, 0, 124));
        assertEquals(new ClientIpv6.PoolTooSmall(14, 14), ClientIpv6.choose(tiny, ClientOverrides.NONE, 14));
    }
}
