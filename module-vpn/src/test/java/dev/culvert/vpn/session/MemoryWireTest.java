package dev.culvert.vpn.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.packet.PacketPool;
import org.junit.jupiter.api.Test;

/** A wire between two sessions in one process keeps what one sent, as sent, and why it ended. */
class MemoryWireTest {
    @Test
    void keepsACopyOfEachPacketBecauseTheSendersBufferIsOnlyLentForTheCall() throws Exception {
        SessionPair pair = new SessionPair();
        MemoryWire wire = new MemoryWire();
        byte[] lent = {0x38, 1, 2, 3};
        wire.sendToPeer(lent, 0, lent.length);
        lent[0] = 0; // opcode 0: a bad opcode, had the wire kept the buffer itself
        assertFalse(wire.idle());
        wire.deliverTo(pair.server, new PacketPool("wire", 4), pair.now);
        assertTrue(wire.idle());
        assertEquals(java.util.Map.of("vpn.control.wrap-truncated", 1L), pair.server.drops().snapshot(),
                "the server read the copy: a hard reset too short for its tls-crypt wrapping");
    }

    @Test
    void saysWhyTheSenderEndedWhetherItFailedRestartedOrWasHalted() {
        MemoryWire failed = new MemoryWire();
        MemoryWire restarted = new MemoryWire();
        MemoryWire halted = new MemoryWire();
        assertNull(failed.failure());
        failed.event(new SessionEvent.Failed("tls error", false));
        restarted.event(new SessionEvent.Restart("hand-window"));
        halted.event(new SessionEvent.Halted("server said HALT"));
        assertEquals("tls error", failed.failure());
        assertEquals("hand-window", restarted.failure());
        assertEquals("server said HALT", halted.failure());
        assertNull(failed.connected());
        assertFalse(failed.takeConnected());
    }
}
