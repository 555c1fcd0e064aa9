package dev.culvert.vpn.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OpcodeTest {
    @Test
    void byte0PutsTheOpcodeInTheHighFiveBitsAndTheKeyIdInTheLowThree() {
        assertEquals(0x38, Opcode.CONTROL_HARD_RESET_CLIENT_V2.byte0(0));
        assertEquals(0x40, Opcode.CONTROL_HARD_RESET_SERVER_V2.byte0(0));
        assertEquals(0x28, Opcode.ACK_V1.byte0(0));
        assertEquals(0x4f, Opcode.DATA_V2.byte0(7));
        assertEquals(0x1b, Opcode.CONTROL_SOFT_RESET_V1.byte0(3));
        for (Opcode op : Opcode.values()) {
            for (int kid = 0; kid < 8; kid++) {
                assertEquals(op, Opcode.ofByte0(op.byte0(kid)));
                assertEquals(kid, Opcode.keyIdOf(op.byte0(kid)));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Opcode.CONTROL_V1.byte0(8));
    }

    @Test
    void elevenOpcodesNumberedOneToEleven() {
        assertEquals(11, Opcode.values().length);
        for (Opcode op : Opcode.values()) {
            assertEquals(op.ordinal() + 1, op.code());
        }
        assertNull(Opcode.ofByte0(0x00));
        assertNull(Opcode.ofByte0(0x60));
        assertNull(Opcode.ofByte0(0xff));
    }

    @Test
    void legalControlOpcodesAreThreeToElevenWithoutData() {
        assertFalse(Opcode.CONTROL_HARD_RESET_CLIENT_V1.isLegalControl());
        assertFalse(Opcode.CONTROL_HARD_RESET_SERVER_V1.isLegalControl());
        assertFalse(Opcode.DATA_V1.isLegalControl());
        assertFalse(Opcode.DATA_V2.isLegalControl());
        assertTrue(Opcode.CONTROL_SOFT_RESET_V1.isLegalControl());
        assertTrue(Opcode.CONTROL_WKC_V1.isLegalControl());
        assertTrue(Opcode.CONTROL_HARD_RESET_CLIENT_V3.isLegalControl());
        assertFalse(Opcode.ACK_V1.hasMessageId());
        assertTrue(Opcode.CONTROL_SOFT_RESET_V1.hasMessageId());
    }

    @Test
    void sessionIdIsNeverZero() {
        assertThrows(IllegalArgumentException.class, () -> new SessionId(0));
        assertNull(SessionId.read(new byte[8], 0));
        Random zerosFirst = new Random() {
            private int calls;

            @Override
            public long nextLong() {
                return calls++ < 3 ? 0 : 42;
            }
        };
        assertEquals(42, SessionId.random(zerosFirst).value());
        byte[] b = new byte[8];
        new SessionId(0x0102030405060708L).write(b, 0);
        assertEquals(0x0102030405060708L, SessionId.read(b, 0).value());
        assertEquals("0102030405060708", new SessionId(0x0102030405060708L).toString());
    }

    @Test
    void theResetsAreKeyMethod2sHardAndSoftResets() {
        java.util.Set<Opcode> resets = java.util.EnumSet.of(Opcode.CONTROL_HARD_RESET_CLIENT_V2, Opcode.CONTROL_HARD_RESET_SERVER_V2,
                Opcode.CONTROL_HARD_RESET_CLIENT_V3, Opcode.CONTROL_SOFT_RESET_V1);
        for (Opcode op : Opcode.values()) {
            org.junit.jupiter.api.Assertions.assertEquals(resets.contains(op), op.isReset(), op.name());
        }
    }
}
