package dev.culvert.core.graph;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A node that counted nothing is idle, so a summary may leave it out; anything counted makes it not. */
class NodeCountersIdleTest {
    @Test
    void aNodeThatSawNothingIsIdle() {
        assertTrue(new NodeCounters("n", new String[] {"out"}).idle());
    }

    @Test
    void aPacketInADropOrAThrowMakesItNotIdle() {
        NodeCounters in = new NodeCounters("n", new String[] {"out"});
        in.countIn(1, 60);
        assertFalse(in.idle());
        NodeCounters dropped = new NodeCounters("n", new String[] {"out"});
        dropped.countDrop(DropReason.UNHANDLED);
        assertFalse(dropped.idle());
        NodeCounters threw = new NodeCounters("n", new String[] {"out"});
        threw.countFailure();
        assertFalse(threw.idle());
    }
}
