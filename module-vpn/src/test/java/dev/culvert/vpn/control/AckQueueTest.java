package dev.culvert.vpn.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AckQueueTest {
    private final AckQueue acks = new AckQueue();
    private final long[] out = new long[8];

    private long[] take(int max) {
        return Arrays.copyOf(out, acks.take(out, max));
    }

    @Test
    void eachOwedIdOnceAndAtMostEight() {
        acks.acknowledge(5);
        acks.acknowledge(5);
        assertEquals(1, acks.pendingCount());
        for (int i = 10; i < 20; i++) {
            acks.acknowledge(i);
        }
        assertEquals(8, acks.pendingCount(), "beyond 8 an id goes unacknowledged until the peer retries");
    }

    @Test
    void piggyBackTakesFourAndLeavesTheRestOwed() {
        for (int i = 0; i < 6; i++) {
            acks.acknowledge(i);
        }
        assertEquals(4, take(4).length);
        assertEquals(2, acks.pendingCount());
        assertEquals(6, take(8).length, "the two still owed, then four recent ones");
        assertFalse(acks.hasPending());
    }

    @Test
    void recentIdsAreRepeatedMostRecentFirst() {
        acks.acknowledge(1);
        assertArrayEquals(new long[] {1}, take(8));
        acks.acknowledge(2);
        acks.acknowledge(3);
        // 2.6's copy_acks_to_mru moves each newly sent id to the front in turn.
        assertArrayEquals(new long[] {3, 2, 1}, take(8));
        acks.acknowledge(1);
        assertArrayEquals(new long[] {1, 3, 2}, take(8), "a repeated id moves to the front, not in twice");
        assertArrayEquals(new long[] {1, 3}, take(2));
    }

    @Test
    void theRecentListHoldsEight() {
        for (int i = 0; i < 12; i++) {
            acks.acknowledge(i);
            take(8);
        }
        assertArrayEquals(new long[] {11, 10, 9, 8, 7, 6, 5, 4}, take(8));
        assertTrue(take(8).length == 8);
    }
}
