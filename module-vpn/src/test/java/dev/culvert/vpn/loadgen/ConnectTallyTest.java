package dev.culvert.vpn.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tally of clients that failed: every one counted by reason, the first few with where their session stood. */
class ConnectTallyTest {

    @Test
    void everyFailureIsCountedButOnlyTheFirstFewKeepTheirSessionsProgress() {
        ConnectTally tally = new ConnectTally();
        for (int i = 0; i < ConnectTally.DETAILS_KEPT + 5; i++) {
            tally.failed("no connection within 60 s", "state CONNECTING; client " + i);
        }
        tally.failed("socket: BindException");

        assertEquals(Map.of("no connection within 60 s", (long) ConnectTally.DETAILS_KEPT + 5, "socket: BindException", 1L), tally.failures());
        assertEquals(ConnectTally.DETAILS_KEPT + 6, tally.failedCount());
        assertEquals(ConnectTally.DETAILS_KEPT, tally.failedDetails().size());
        assertEquals("no connection within 60 s -- state CONNECTING; client 0", tally.failedDetails().get(0));
    }
}
