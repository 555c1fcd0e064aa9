package dev.culvert.vpn.control;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.culvert.vpn.replay.ReplayVerdict;
import org.junit.jupiter.api.Test;

/** A replay refusal on the control channel is counted under the reason that says why. */
class WrapDropsTest {
    @Test
    void eachReplayVerdictHasItsControlDrop() {
        assertNull(WrapDrops.forReplay(ReplayVerdict.ACCEPTED));
        assertSame(WrapDrops.REPLAY_ZERO_ID, WrapDrops.forReplay(ReplayVerdict.ZERO_ID));
        assertSame(WrapDrops.REPLAY, WrapDrops.forReplay(ReplayVerdict.DUPLICATE));
        assertSame(WrapDrops.REPLAY_TOO_OLD, WrapDrops.forReplay(ReplayVerdict.TOO_OLD));
        assertSame(WrapDrops.REPLAY_EXPIRED, WrapDrops.forReplay(ReplayVerdict.EXPIRED));
        assertSame(WrapDrops.REPLAY_OLD_TIME, WrapDrops.forReplay(ReplayVerdict.OLD_TIME));
        assertSame(WrapDrops.REPLAY, WrapDrops.forReplay(ReplayVerdict.OUT_OF_RANGE));
    }
}
