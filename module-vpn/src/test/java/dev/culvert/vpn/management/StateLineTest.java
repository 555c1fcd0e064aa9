package dev.culvert.vpn.management;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The fields of a state line as manage.c's log_entry_print lays them out after {@code time,NAME,}. */
class StateLineTest {
    @Test
    void aStateWithoutAddressesLeavesEveryFieldEmpty() {
        assertEquals(",,,,,", StateLine.of("WAIT", null).fields(), "detail, tunnel IP, server IP and port, local IP and port");
        assertEquals("SIGUSR1,,,,,", StateLine.of("RECONNECTING", "SIGUSR1").fields());
    }

    @Test
    void connectedNamesTheTunnelTheServerAndTheLocalSocket() throws Exception {
        StateLine line = new StateLine("CONNECTED", "SUCCESS", InetAddress.getByName("10.8.0.6"),
                new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 1194), new InetSocketAddress(InetAddress.getByName("192.0.2.9"), 40000),
                null);
        assertEquals("SUCCESS,10.8.0.6,192.0.2.1,1194,192.0.2.9,40000", line.fields());
    }

    @Test
    void aWildcardLocalSocketIsLeftEmptyAsAnUndefinedOne() throws Exception {
        StateLine line = new StateLine("CONNECTED", "SUCCESS", InetAddress.getByName("10.8.0.6"),
                new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 1194), new InetSocketAddress(0), null);
        assertEquals("SUCCESS,10.8.0.6,192.0.2.1,1194,,", line.fields());
    }

    @Test
    void theTunnelsIpv6AddressComesLastInInetNtopForm() throws Exception {
        StateLine line = new StateLine("ASSIGN_IP", null, InetAddress.getByName("10.8.0.6"), null, null,
                (Inet6Address) InetAddress.getByName("fd00:8:0:0:0:0:0:1000"));
        assertEquals(",10.8.0.6,,,,,fd00:8::1000", line.fields());
        StateLine v6server = new StateLine("CONNECTED", "SUCCESS", null,
                new InetSocketAddress(InetAddress.getByName("2001:db8:0:0:0:0:0:1"), 1194), null, null);
        assertEquals("SUCCESS,,2001:db8::1,1194,,", v6server.fields());
    }

    @Test
    void theServerRecordsTheNameThenTheFields() {
        History state = new History(4);
        state.add(1700000000, "WAIT," + StateLine.of("WAIT", null).fields());
        assertEquals("1700000000,WAIT,,,,,,", state.last(1).get(0).format(), "2.6's >STATE:1700000000,WAIT,,,,,,");
    }
}
