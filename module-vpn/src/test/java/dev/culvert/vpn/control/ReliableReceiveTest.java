package dev.culvert.vpn.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.vpn.control.ReliableReceive.Verdict;
import dev.culvert.vpn.wire.Opcode;
import org.junit.jupiter.api.Test;

class ReliableReceiveTest {
    private final ReliableReceive receive = new ReliableReceive();

    private static byte[] p(int b) {
        return new byte[] {(byte) b};
    }

    @Test
    void deliversStrictlyInOrder() {
        assertEquals(Verdict.ACCEPTED, receive.offer(2, Opcode.CONTROL_V1, p(2)));
        assertEquals(Verdict.ACCEPTED, receive.offer(1, Opcode.CONTROL_V1, p(1)));
        assertFalse(receive.hasNext());
        assertNull(receive.take());
        assertEquals(Verdict.ACCEPTED, receive.offer(0, Opcode.CONTROL_HARD_RESET_SERVER_V2, p(0)));
        assertEquals(Opcode.CONTROL_HARD_RESET_SERVER_V2, receive.peekOpcode());
        assertEquals(0, receive.take()[0]);
        assertEquals(1, receive.take()[0]);
        assertEquals(2, receive.take()[0]);
        assertNull(receive.take());
        assertEquals(3, receive.nextExpected());
    }

    @Test
    void duplicatesAreAckedButNotDeliveredAgain() {
        receive.offer(0, Opcode.CONTROL_V1, p(0));
        receive.offer(3, Opcode.CONTROL_V1, p(3));
        assertEquals(Verdict.DUPLICATE, receive.offer(3, Opcode.CONTROL_V1, p(9)), "still buffered");
        receive.take();
        assertEquals(Verdict.DUPLICATE, receive.offer(0, Opcode.CONTROL_V1, p(9)), "already delivered");
        assertTrue(Verdict.DUPLICATE.mustAck());
    }

    @Test
    void twelveAheadIsOutOfWindowAndNotAcked() {
        assertEquals(Verdict.ACCEPTED, receive.offer(11, Opcode.CONTROL_V1, p(11)));
        assertEquals(Verdict.OUT_OF_WINDOW, receive.offer(12, Opcode.CONTROL_V1, p(12)));
        assertEquals(Verdict.OUT_OF_WINDOW, receive.offer(0xFFFF_FFFFL, Opcode.CONTROL_V1, p(0)));
        assertFalse(Verdict.OUT_OF_WINDOW.mustAck());
        receive.offer(0, Opcode.CONTROL_V1, p(0));
        receive.take();
        assertEquals(Verdict.ACCEPTED, receive.offer(12, Opcode.CONTROL_V1, p(12)), "the window moved");
    }
}
