package dev.culvert.vpn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.culvert.core.io.memory.MemoryNetwork;
import dev.culvert.core.io.memory.MemoryTransport;
import dev.culvert.core.packet.RemoteAddress;
import dev.culvert.spi.transport.Transport;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** What moving a floating client does to the client table and the transport's peers. */
class FloatingTest {
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 1194);
    private static final InetSocketAddress ALICE = new InetSocketAddress("192.0.2.1", 5000);
    private static final InetSocketAddress BOB = new InetSocketAddress("192.0.2.2", 5000);
    private static final InetSocketAddress ALICE_NEW = new InetSocketAddress("198.51.100.7", 6000);

    private final MemoryTransport transport;
    private final ClientTable table = new ClientTable(4);
    private final Floating floating = new Floating(table);
    private final ServerClient alice;
    private final ServerClient bob;

    FloatingTest() throws Exception {
        transport = new MemoryNetwork(8, 16).bind(SERVER, null, 1)[0];
        int aliceHandle = transport.handleOf(ALICE);
        int bobHandle = transport.handleOf(BOB);
        alice = table.admit(i -> new ServerClient(i, 0, aliceHandle, false, 0, ALICE, 1L, null, null, 0));
        bob = table.admit(i -> new ServerClient(i, 0, bobHandle, false, 0, BOB, 2L, null, null, 0));
    }

    private static RemoteAddress at(InetSocketAddress address) {
        RemoteAddress remote = RemoteAddress.holder();
        remote.set(address);
        return remote;
    }

    @Test
    void aClientMovesToANewAddressAndItsOldOneIsForgotten() {
        int old = alice.handle;
        floating.move(alice, Transport.UNKNOWN_PEER, at(ALICE_NEW), transport);

        assertEquals(ALICE_NEW, alice.realAddress);
        assertSame(alice, table.byEndpoint(0, alice.handle), "found at its new address");
        assertNull(table.byEndpoint(0, old), "and no more at the old one");
        assertEquals(2, transport.peerCount(), "the new address was learned, the old one forgotten");
        assertEquals(1, floating.moved());
    }

    @Test
    void aMoveOntoAnotherClientsAddressIsRefusedAndCounted() {
        int aliceHandle = alice.handle;
        floating.move(alice, bob.handle, at(BOB), transport);

        assertEquals(aliceHandle, alice.handle, "alice stays where she was");
        assertEquals(ALICE, alice.realAddress);
        assertSame(alice, table.byEndpoint(0, aliceHandle));
        assertSame(bob, table.byEndpoint(0, bob.handle), "bob keeps his address");
        assertEquals(0, floating.moved());
        assertEquals(1, floating.refusedTaken());
        assertEquals(2, transport.peerCount());
    }

    @Test
    void aRemovedClientDoesNotMove() {
        alice.removed = true;
        floating.move(alice, Transport.UNKNOWN_PEER, at(ALICE_NEW), transport);
        assertEquals(ALICE, alice.realAddress);
        assertEquals(0, floating.moved());
        assertEquals(2, transport.peerCount(), "nothing was learned");
    }
}
