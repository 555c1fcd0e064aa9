package dev.culvert.vpn.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DataPacketViewTest {
    private final PacketPool pool = new PacketPool("data-view-test", 4);
    private final DataPacketView view = new DataPacketView();

    private Packet packet(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        Packet p = pool.acquire();
        p.setContents(bytes, 0, bytes.length);
        return p;
    }

    @Test
    void readsAV2HeadInPlace() {
        // opcode 9, key id 2; peer id 0x0A0B0C; packet id 0x00000105; then tag bytes
        Packet p = packet("4a0a0b0c00000105" + "ff".repeat(16));
        assertNull(view.wrap(p));
        assertEquals(Opcode.DATA_V2, view.opcode());
        assertEquals(2, view.keyId());
        assertTrue(view.hasPeerId());
        assertEquals(0x0A0B0C, view.peerId());
        assertEquals(4, view.headerLength());
        assertEquals(0x105, view.packetId());
        p.release();
    }

    @Test
    void readsAV1HeadWhichCarriesNoPeerId() {
        Packet p = packet("3580000001" + "00");
        assertNull(view.wrap(p));
        assertEquals(Opcode.DATA_V1, view.opcode());
        assertEquals(5, view.keyId());
        assertFalse(view.hasPeerId());
        assertEquals(-1, view.peerId());
        assertEquals(1, view.headerLength());
        assertEquals(0x80000001L, view.packetId(), "the packet id is unsigned");
        p.release();
    }

    @Test
    void theNoPeerIdValueIsReadAsWritten() {
        Packet p = packet("48ffffff00000001");
        assertNull(view.wrap(p));
        assertEquals(DataPacketView.NO_PEER_ID, view.peerId());
        p.release();
    }

    @Test
    void refusesAHeadCutShort() {
        for (String hex : new String[] {"", "48", "48ffff", "48ffffff", "48ffffff000000", "30", "30000000"}) {
            Packet p = packet(hex);
            assertSame(DataPacketDrops.TRUNCATED, view.wrap(p), "'" + hex + "'");
            p.release();
        }
    }

    @Test
    void refusesEveryOpcodeButTheTwoDataOnes() {
        for (int byte0 = 0; byte0 < 256; byte0++) {
            Opcode op = Opcode.ofByte0(byte0);
            Packet p = packet(String.format("%02x", byte0) + "00".repeat(24));
            if (op == Opcode.DATA_V1 || op == Opcode.DATA_V2) {
                assertNull(view.wrap(p));
            } else {
                assertSame(DataPacketDrops.NOT_DATA, view.wrap(p), "byte0 " + byte0);
            }
            p.release();
        }
    }

    @Test
    void hostileBytesAreEitherRefusedWithAReasonOrReadWithinTheirLength() {
        Random random = new Random(17);
        for (int round = 0; round < 10_000; round++) {
            byte[] bytes = new byte[random.nextInt(12)];
            random.nextBytes(bytes);
            Packet p = pool.acquire();
            p.setContents(bytes, 0, bytes.length);
            if (view.wrap(p) == null) {
                assertTrue(view.headerLength() + DataPacketView.PACKET_ID_LENGTH <= bytes.length);
                assertTrue(view.keyId() >= 0 && view.keyId() <= 7);
                assertTrue(view.peerId() >= -1 && view.peerId() <= DataPacketView.NO_PEER_ID);
                assertTrue(view.packetId() >= 0);
            }
            p.release();
        }
    }
}
