package dev.culvert.testing.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The harness's own checks catch the faults they exist for, injected on purpose: forwarding
 * switched on in a namespace, and a TUN device carrying the wrong address or one too many.
 */
class NetnsHarnessTest {
    private NetnsHarness net;
    private String ns;

    @BeforeEach
    void namespace() throws Exception {
        net = NetnsHarness.open();
        ns = net.namespace("check");
    }

    @AfterEach
    void cleanUp() {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void everyNamespaceItCreatesHasForwardingOff() throws Exception {
        assertEquals("0", net.exec(ns, "sysctl", "-n", "net.ipv4.ip_forward").trim());
        assertEquals("0", net.exec(ns, "sysctl", "-n", "net.ipv6.conf.all.forwarding").trim());
        net.requireNoForwarding(ns);
    }

    @Test
    void ipv4ForwardingSwitchedOnIsCaught() throws Exception {
        net.exec(ns, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        AssertionError e = assertThrows(AssertionError.class, () -> net.requireNoForwarding(ns));
        assertTrue(e.getMessage().contains("net.ipv4.ip_forward=1"), e.getMessage());
    }

    @Test
    void ipv6ForwardingSwitchedOnIsCaught() throws Exception {
        net.exec(ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.forwarding=1");
        AssertionError e = assertThrows(AssertionError.class, () -> net.requireNoForwarding(ns));
        assertTrue(e.getMessage().contains("net.ipv6.conf.all.forwarding=1"), e.getMessage());
    }

    @Test
    void theAddressesOnATunDeviceAreReadBackExactly() throws Exception {
        tunWith("10.9.0.2/24", "fd00:9::2/64");
        net.requireAddresses(ns, "tun0", "10.9.0.2/24", "fd00:9::2/64");
        net.requireAddresses(ns, "tun0", "fd00:9::2/64", "10.9.0.2/24");
    }

    @Test
    void aTunDeviceWithTheWrongAddressIsCaught() throws Exception {
        tunWith("10.9.0.1/24"); // the gateway's address instead of the pushed one
        AssertionError e = assertThrows(AssertionError.class, () -> net.requireAddresses(ns, "tun0", "10.9.0.2/24"));
        assertTrue(e.getMessage().contains("[10.9.0.1/24]"), e.getMessage());
    }

    @Test
    void aTunDeviceThatAlsoCarriesTheGatewaysAddressIsCaught() throws Exception {
        // With the gateway's address on its own device, a node's kernel would answer pings to it.
        tunWith("10.9.0.2/24", "10.9.0.1/24");
        assertThrows(AssertionError.class, () -> net.requireAddresses(ns, "tun0", "10.9.0.2/24"));
    }

    @Test
    void aTunDeviceMissingItsIpv6AddressIsCaught() throws Exception {
        tunWith("10.9.0.2/24");
        assertThrows(AssertionError.class, () -> net.requireAddresses(ns, "tun0", "10.9.0.2/24", "fd00:9::2/64"));
    }

    private void tunWith(String... cidrs) throws Exception {
        net.ip("-n", ns, "tuntap", "add", "dev", "tun0", "mode", "tun");
        for (String cidr : cidrs) {
            net.addAddress(ns, "tun0", cidr);
        }
    }
}
