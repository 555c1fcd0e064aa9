package dev.culvert.core.io.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class PeerTableTest {
    private static InetSocketAddress at(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    @Test
    void oneAddressHasOneHandleAndBack() throws Exception {
        PeerTable table = new PeerTable(16);
        int a = table.handleOf(at("192.0.2.1", 1194));
        assertEquals(a, table.handleOf(at("192.0.2.1", 1194)));
        assertEquals(at("192.0.2.1", 1194), table.addressOf(a));
        assertEquals(1, table.size());
    }

    @Test
    void portFamilyAndAddressEachMakeADifferentPeer() throws Exception {
        PeerTable table = new PeerTable(16);
        int v4 = table.handleOf(at("192.0.2.1", 1194));
        int otherPort = table.handleOf(at("192.0.2.1", 1195));
        int otherAddress = table.handleOf(at("192.0.2.2", 1194));
        int v6 = table.handleOf(at("2001:db8::1", 1194));
        // An IPv4-mapped address seen on an IPv6 socket is not the same peer as on an IPv4 socket.
        byte[] raw = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 1};
        int mapped = table.handleOf(new InetSocketAddress(java.net.Inet6Address.getByAddress(null, raw, -1), 1194));
        assertEquals(5, java.util.stream.IntStream.of(v4, otherPort, otherAddress, v6, mapped).distinct().count());
        assertEquals(at("2001:db8::1", 1194), table.addressOf(v6));
    }

    @Test
    void aFullTableGivesNoHandleAndForgettingMakesRoom() throws Exception {
        PeerTable table = new PeerTable(2);
        int a = table.handleOf(at("192.0.2.1", 1));
        int b = table.handleOf(at("192.0.2.1", 2));
        assertNotEquals(a, b);
        assertEquals(-1, table.handleOf(at("192.0.2.1", 3)));
        table.forget(a);
        assertNull(table.addressOf(a));
        int c = table.handleOf(at("192.0.2.1", 3));
        assertEquals(a, c, "the freed handle is reused");
        assertEquals(b, table.handleOf(at("192.0.2.1", 2)), "other peers keep their handles");
    }

    @Test
    void manyPeersStayFindableAsTheIndexGrows() throws Exception {
        PeerTable table = new PeerTable(5000);
        int[] handles = new int[5000];
        for (int i = 0; i < handles.length; i++) {
            handles[i] = table.handleOf(at("198.51.100." + (i % 250), 1000 + i));
        }
        for (int i = 0; i < handles.length; i++) {
            assertEquals(handles[i], table.handleOf(at("198.51.100." + (i % 250), 1000 + i)));
        }
        assertEquals(5000, table.size());
    }
}
