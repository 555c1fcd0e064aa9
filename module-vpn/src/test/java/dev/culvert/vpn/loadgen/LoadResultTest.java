package dev.culvert.vpn.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadResultTest {
    @Test
    void datagramsThatArrivedAndWereNotTakenAreCountedByReasonAndSummed() {
        LoadResult result = new LoadResult(10, 10, 0, Map.of(), 0, Map.of(), 20, 40, 50, 60.0, 600, 600, 590, 10_000, 10_100,
                10_200, 0, 0, 0, 0, 20_000, 1.5, Map.of("no packet buffer free", 3L, "data packet refused by the session", 2L));
        String text = result.text();
        assertEquals(5, result.notReceivedCount());
        assertTrue(text.contains("0 datagrams not sent, 5 not taken"), text);
        assertTrue(text.contains("not taken      3  no packet buffer free"), text);
        assertTrue(text.contains("not taken      2  data packet refused by the session"), text);
        assertTrue(text.contains(" not_sent=0 not_received=5 "), text);
    }
}
