package dev.culvert.vpn.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.vpn.wire.Opcode;
import org.junit.jupiter.api.Test;

class ReliableSendTest {
    private static final long S = 1_000_000_000L;
    private final ReliableSend send = new ReliableSend();

    private ReliableSend.Entry sendDue(long now) {
        ReliableSend.Entry e = send.due(now);
        send.sent(e, now);
        return e;
    }

    @Test
    void idsStartAtZeroAndIncreaseByOne() {
        assertEquals(0, send.enqueue(Opcode.CONTROL_HARD_RESET_CLIENT_V2, new byte[0]));
        assertEquals(1, send.enqueue(Opcode.CONTROL_V1, new byte[1]));
        assertEquals(2, send.enqueue(Opcode.CONTROL_V1, new byte[1]));
    }

    @Test
    void atMostSixUnacknowledged() {
        for (int i = 0; i < 6; i++) {
            assertTrue(send.canEnqueue());
            send.enqueue(Opcode.CONTROL_V1, new byte[1]);
        }
        assertFalse(send.canEnqueue());
        assertThrows(IllegalStateException.class, () -> send.enqueue(Opcode.CONTROL_V1, new byte[1]));
        send.acknowledge(0);
        assertTrue(send.canEnqueue());
    }

    @Test
    void aNewIdWaitsForTheOldestUnackedEvenIfLaterOnesWereAcked() {
        for (int i = 0; i < 6; i++) {
            send.enqueue(Opcode.CONTROL_V1, new byte[1]);
        }
        for (int i = 1; i < 6; i++) {
            send.acknowledge(i);
        }
        assertEquals(1, send.inFlight());
        assertFalse(send.canEnqueue(), "next id 6 - oldest unacked 0 is not below 6");
        send.acknowledge(0);
        assertTrue(send.canEnqueue());
    }

    @Test
    void theTimeoutStartsAtTlsTimeoutAndDoubles() {
        send.enqueue(Opcode.CONTROL_V1, new byte[1]);
        assertEquals(0, sendDue(0).id());
        assertNull(send.due(2 * S - 1));
        assertEquals(2 * S, send.nextDeadline(0));
        assertEquals(2, sendDue(2 * S).transmissions());
        assertNull(send.due(6 * S - 1));
        assertEquals(3, sendDue(6 * S).transmissions());
        assertNull(send.due(14 * S - 1));
        assertEquals(4, sendDue(14 * S).transmissions());
    }

    @Test
    void threeAcksForHigherIdsTriggerAFastRetransmit() {
        for (int i = 0; i < 4; i++) {
            send.enqueue(Opcode.CONTROL_V1, new byte[1]);
            sendDue(0);
        }
        send.acknowledge(1);
        send.acknowledge(2);
        assertNull(send.due(1));
        send.acknowledge(3);
        ReliableSend.Entry again = send.due(1);
        assertEquals(0, again.id());
        send.sent(again, 1);
        assertNull(send.due(2), "the count starts over after the retransmission");
    }

    @Test
    void acksForUnknownOrAlreadyAckedIdsAreHarmless() {
        send.enqueue(Opcode.CONTROL_V1, new byte[1]);
        send.acknowledge(0);
        send.acknowledge(0);
        send.acknowledge(77);
        assertEquals(0, send.inFlight());
        assertEquals(Long.MAX_VALUE, send.nextDeadline(0));
    }

    @Test
    void theLowestDueIdGoesFirst() {
        send.enqueue(Opcode.CONTROL_V1, new byte[1]);
        send.enqueue(Opcode.CONTROL_V1, new byte[1]);
        assertEquals(0, sendDue(0).id());
        assertEquals(1, sendDue(S).id());
        ReliableSend.Entry both = send.due(10 * S);
        assertSame(0L, both.id());
    }
}
