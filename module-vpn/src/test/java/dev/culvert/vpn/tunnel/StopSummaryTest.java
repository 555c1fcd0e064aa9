package dev.culvert.vpn.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The stop summary is readable lines under one heading, not one line of two thousand characters. */
class StopSummaryTest {
    @Test
    void eachPartOfTheReportIsALineOfItsOwnUnderTheHeading() {
        String status = "openvpn server: 0 clients connected (max 1024)\n  clients: admitted 1, connected 1\n"
                + "  worker 0 node from-net-0 in=5 bytes=500 out=4 dropped=1 {vpn.data.replay=1}\n";
        assertEquals("""
                stopping; the counters (nodes that counted nothing left out):
                  openvpn server: 0 clients connected (max 1024)
                    clients: admitted 1, connected 1
                    worker 0 node from-net-0 in=5 bytes=500 out=4 dropped=1 {vpn.data.replay=1}""", StopSummary.of(status));
    }

    @Test
    void noLineIsLongerThanTheLongestLineOfTheReport() {
        StringBuilder status = new StringBuilder("openvpn client: connected\n");
        for (int i = 0; i < 40; i++) {
            status.append("  node n").append(i).append(" in=1 bytes=100 out=1 dropped=0\n");
        }
        StopSummary.of(status.toString()).lines().forEach(l -> assertTrue(l.length() < 100, l));
    }
}
