package dev.culvert.vpn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ClientTableTest {
    private static ServerClient client(int index, int listener, int handle, int owner) {
        return new ServerClient(index, listener, handle, false, owner, new InetSocketAddress("192.0.2.1", 1000 + handle), 77L,
                null, null, 0);
    }

    @Test
    void findsAClientByPeerIdAndByEndpoint() {
        ClientTable table = new ClientTable(4);
        ServerClient c = table.admit(i -> client(i, 1, 9, 0));
        assertSame(c, table.byIndex(c.index));
        assertSame(c, table.byEndpoint(1, 9));
        assertNull(table.byEndpoint(0, 9), "another listener's handle 9 is another peer");
        assertNull(table.byIndex(-1));
        assertNull(table.byIndex(4));
    }

    @Test
    void admitsAtMostMaxClientsAndReusesIndexesOnlyAfterRelease() {
        ClientTable table = new ClientTable(2);
        ServerClient a = table.admit(i -> client(i, 0, 1, 0));
        ServerClient b = table.admit(i -> client(i, 0, 2, 0));
        assertNotNull(a);
        assertNotNull(b);
        assertNull(table.admit(i -> client(i, 0, 3, 0)), "max-clients reached");
        table.release(a);
        ServerClient c = table.admit(i -> client(i, 0, 3, 0));
        assertNotNull(c);
        assertEquals(a.index, c.index);
        assertNull(table.byEndpoint(0, 1));
    }

    @Test
    void forgettingAnEndpointKeepsTheIndexUntilRelease() {
        ClientTable table = new ClientTable(2);
        ServerClient a = table.admit(i -> client(i, 0, 1, 1));
        table.forgetEndpoint(a);
        assertNull(table.byEndpoint(0, 1));
        assertSame(a, table.byIndex(a.index), "packets in flight still find its keys");
        assertEquals(1, table.ownerOf(a.index));
    }

    @Test
    void aNewClientAtTheSameEndpointIsNotForgottenByTheOldOnesRemoval() {
        ClientTable table = new ClientTable(2);
        ServerClient old = table.admit(i -> client(i, 0, 5, 0));
        table.forgetEndpoint(old);
        ServerClient fresh = table.admit(i -> client(i, 0, 5, 0));
        table.release(old);
        assertSame(fresh, table.byEndpoint(0, 5));
    }

    @Test
    void unknownFlowsHaveNoOwner() {
        ClientTable table = new ClientTable(2);
        assertEquals(-1, table.ownerOf(0));
        assertEquals(-1, table.ownerOf(-1));
        assertEquals(-1, table.ownerOf(Long.MAX_VALUE));
    }
}
