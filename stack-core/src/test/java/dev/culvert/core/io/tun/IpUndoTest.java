package dev.culvert.core.io.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What takes back each thing a node adds to a device. */
class IpUndoTest {
    @Test
    void anAddedOrReplacedAddressIsDeleted() {
        assertEquals(Optional.of(List.of("addr", "del", "10.8.0.1/24", "dev", "tun0")),
                IpUndo.of(List.of("addr", "replace", "10.8.0.1/24", "dev", "tun0")));
        assertEquals(Optional.of(List.of("addr", "del", "10.8.0.1", "peer", "10.8.0.2", "dev", "tun0")),
                IpUndo.of(List.of("addr", "add", "10.8.0.1", "peer", "10.8.0.2", "dev", "tun0")));
        assertEquals(Optional.of(List.of("-6", "addr", "del", "fd00::1/64", "dev", "tun0")),
                IpUndo.of(List.of("-6", "addr", "add", "fd00::1/64", "dev", "tun0")));
    }

    @Test
    void anAddedOrReplacedRouteIsDeleted() {
        assertEquals(Optional.of(List.of("route", "del", "10.8.0.0/24", "via", "10.8.0.2", "dev", "tun0")),
                IpUndo.of(List.of("route", "replace", "10.8.0.0/24", "via", "10.8.0.2", "dev", "tun0")));
        assertEquals(Optional.of(List.of("-6", "route", "del", "2001:db8::/32", "dev", "tun0")),
                IpUndo.of(List.of("-6", "route", "replace", "2001:db8::/32", "dev", "tun0")));
    }

    @Test
    void whatAddsNothingHasNothingToTakeBack() {
        assertEquals(Optional.empty(), IpUndo.of(List.of("addr", "flush", "dev", "tun0")));
        assertEquals(Optional.empty(), IpUndo.of(List.of("link", "set", "dev", "tun0", "mtu", "1400")));
        assertEquals(Optional.empty(), IpUndo.of(List.of("route", "del", "10.0.0.0/8", "dev", "tun0")));
        assertEquals(Optional.empty(), IpUndo.of(List.of("addr", "add")));
        assertEquals(Optional.empty(), IpUndo.of(List.of("-6")));
        assertEquals(Optional.empty(), IpUndo.of(List.of()));
    }

    @Test
    void theDeviceIsTheWordAfterDev() {
        assertEquals(Optional.of("tun0"), IpUndo.device(List.of("addr", "add", "10.8.0.1/24", "dev", "tun0")));
        assertEquals(Optional.empty(), IpUndo.device(List.of("addr", "add", "10.8.0.1/24", "dev")));
        assertEquals(Optional.empty(), IpUndo.device(List.of("route", "flush", "cache")));
    }
}
