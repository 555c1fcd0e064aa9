package dev.culvert.vpn.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** A lease is a value: equal when the client, its address and the second ifconfig operand are. */
class LeaseTest {
    private static final int CLIENT = 0x0A080002;
    private static final int NETMASK = 0xFFFFFF00;

    @Test
    void equalLeasesAreEqualWithOneHash() {
        assertEquals(new Lease("alice", CLIENT, NETMASK), new Lease("alice", CLIENT, NETMASK));
        assertEquals(new Lease("alice", CLIENT, NETMASK).hashCode(), new Lease("alice", CLIENT, NETMASK).hashCode());
        assertEquals(new Lease(null, CLIENT, NETMASK), new Lease(null, CLIENT, NETMASK));
    }

    @Test
    void eachFieldCounts() {
        Lease lease = new Lease("alice", CLIENT, NETMASK);
        assertNotEquals(lease, new Lease("bob", CLIENT, NETMASK));
        assertNotEquals(lease, new Lease(null, CLIENT, NETMASK));
        assertNotEquals(lease, new Lease("alice", CLIENT + 1, NETMASK));
        assertNotEquals(lease, new Lease("alice", CLIENT, 0x0A080001));
    }
}
