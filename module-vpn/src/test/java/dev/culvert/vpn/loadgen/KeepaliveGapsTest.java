package dev.culvert.vpn.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What one client's keepalives add to the run's figures, on a clock the test sets. */
class KeepaliveGapsTest {
    private static final long S = 1_000_000_000L;
    /** ping 10 plus 2 s of slack. */
    private static final long LIMIT = 12 * S;

    private final IdleWindow window = new IdleWindow();
    private final GapTally tally = new GapTally();
    private final KeepaliveGaps client = new KeepaliveGaps(LIMIT);

    @Test
    void gapsBetweenKeepalivesInTheWindowAreCountedAndOnlyThoseOverTheLimitAreLate() {
        window.open(100 * S);
        client.received(105 * S, window, tally);
        client.received(115 * S, window, tally);
        client.received(128 * S, window, tally); // 13 s: late
        client.received(138 * S, window, tally);
        window.close(140 * S);
        client.windowClosed(window, tally);

        assertEquals(4, tally.received());
        assertEquals(3, tally.gapCount());
        assertEquals(1, tally.late());
        assertEquals(13 * S, tally.longestNanos());
        assertEquals(10 * S, tally.percentileNanos(50));
        assertEquals(0, tally.silentAtEnd());
    }

    @Test
    void keepalivesBeforeOrAfterTheWindowAreNotCounted() {
        client.received(95 * S, window, tally);
        window.open(100 * S);
        client.received(110 * S, window, tally);
        window.close(111 * S);
        client.received(120 * S, window, tally);

        assertEquals(1, tally.received());
        assertEquals(0, tally.gapCount());
    }

    @Test
    void aClientTheServerStoppedPingingCountsAsSilentAtTheEndWithItsSilence() {
        window.open(100 * S);
        client.received(104 * S, window, tally);
        window.close(160 * S);
        client.windowClosed(window, tally);

        assertEquals(1, tally.silentAtEnd());
        assertEquals(56 * S, tally.longestNanos());
        assertEquals(0, tally.late());
    }

    @Test
    void aClientThatHeardNothingAtAllIsSilentForTheWholeWindow() {
        window.open(100 * S);
        window.close(130 * S);
        client.windowClosed(window, tally);

        assertEquals(1, tally.silentAtEnd());
        assertEquals(30 * S, tally.longestNanos());
    }

    @Test
    void aClientHeardRecentlyEnoughIsNotSilent() {
        window.open(100 * S);
        client.received(125 * S, window, tally);
        window.close(137 * S); // exactly the limit
        client.windowClosed(window, tally);

        assertEquals(0, tally.silentAtEnd());
    }
}
