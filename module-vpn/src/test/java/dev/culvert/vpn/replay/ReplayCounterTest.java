package dev.culvert.vpn.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ReplayCounterTest {
    @Test
    void idsStartAtOneAndRiseByOneWithAFixedTime() {
        ReplayCounter counter = new ReplayCounter(1_700_000_000L);
        assertEquals(1, counter.next());
        assertEquals(2, counter.next());
        assertEquals(1_700_000_000L, counter.time());
    }

    @Test
    void skippingMovesOnlyForward() {
        ReplayCounter counter = new ReplayCounter(0);
        counter.skipThrough(10);
        assertEquals(11, counter.next());
        counter.skipThrough(3);
        assertEquals(12, counter.next());
    }

    @Test
    void theLastIdIsSentOnceAndThenTheCounterRefusesToWrap() {
        ReplayCounter counter = new ReplayCounter(0);
        counter.skipThrough(0xFFFF_FFFEL);
        assertEquals(0xFFFF_FFFFL, counter.next());
        assertThrows(IllegalStateException.class, counter::next);
    }

    @Test
    void timesAndIdsMustFitIn32Bits() {
        assertThrows(IllegalArgumentException.class, () -> new ReplayCounter(0x1_0000_0000L));
        assertThrows(IllegalArgumentException.class, () -> new ReplayCounter(0).skipThrough(-1));
    }
}
