package dev.culvert.vpn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.spi.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's {@code float}: only a data packet that opened, from another address than the server's, moves it. */
class ClientPeerFloatTest {
    private static final int SERVER_HANDLE = 3;
    private final PacketPool pool = new PacketPool("client-float", 4);
    private final List<Packet> moves = new ArrayList<>();

    private Packet from(int handle) {
        Packet p = pool.acquire();
        p.setRemote(handle);
        return p;
    }

    @Test
    void anAuthenticPacketFromElsewhereMovesTheClientWithFloat() {
        ClientPeer peer = new ClientPeer(null, () -> null, s -> { }, () -> SERVER_HANDLE, moves::add);
        Packet elsewhere = from(Transport.UNKNOWN_PEER);
        assertSame(peer, peer.sender(null, elsewhere, null));
        peer.opened(10);
        assertEquals(List.of(elsewhere), moves);
        elsewhere.release();
    }

    @Test
    void aPacketThatDidNotOpenOrCameFromTheServerMovesNothing() {
        ClientPeer peer = new ClientPeer(null, () -> null, s -> { }, () -> SERVER_HANDLE, moves::add);
        Packet forged = from(Transport.UNKNOWN_PEER);
        peer.sender(null, forged, null); // the open node drops it: opened is never called
        Packet fromServer = from(SERVER_HANDLE);
        peer.sender(null, fromServer, null);
        peer.opened(10);
        assertTrue(moves.isEmpty(), "a forged packet, then one from the server itself: " + moves);
        forged.release();
        fromServer.release();
    }

    @Test
    void withoutFloatNothingMoves() {
        ClientPeer peer = new ClientPeer(null, () -> null, s -> { }, () -> SERVER_HANDLE, null);
        Packet elsewhere = from(Transport.UNKNOWN_PEER);
        peer.sender(null, elsewhere, null);
        peer.opened(10);
        assertTrue(moves.isEmpty());
        elsewhere.release();
    }
}
