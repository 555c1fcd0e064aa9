package dev.culvert.vpn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.route.Prefix;
import org.junit.jupiter.api.Test;

/** add, update and delete as 2.6 tells them to learn-address. */
class LearnedAddressesTest {
    private static final Prefix HOST = Prefix.parse("10.8.0.2/32");

    @Test
    void anAddressNoOneHoldsIsAddedOneStillHeldIsUpdated() {
        LearnedAddresses learned = new LearnedAddresses();
        ServerClient first = new ServerClient(1, 0, 1, false, 0, new java.net.InetSocketAddress("192.0.2.1", 1), 1L, null, null, 0);
        ServerClient second = new ServerClient(2, 0, 2, false, 0, new java.net.InetSocketAddress("192.0.2.1", 2), 2L, null, null, 0);
        assertEquals("add", learned.operationFor(HOST));
        learned.learned(HOST, first);
        assertEquals("update", learned.operationFor(HOST), "the first client left but its delete was not told yet");
        learned.learned(HOST, second);
        assertFalse(learned.forget(HOST, first), "the first client's delete is not told: the address moved on");
        assertTrue(learned.forget(HOST, second));
        assertEquals("add", learned.operationFor(HOST));
    }

    @Test
    void addressesAreWrittenAs26WritesThem() {
        assertEquals("10.8.0.2", LearnedAddresses.text(HOST));
        assertEquals("fd00::1000", LearnedAddresses.text(Prefix.parse("fd00::1000/128")));
        assertEquals("192.168.20.0/24", LearnedAddresses.text(Prefix.parse("192.168.20.0/24")));
    }
}
