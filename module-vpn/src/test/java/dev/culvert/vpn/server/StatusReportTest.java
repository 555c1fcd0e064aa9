package dev.culvert.vpn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.route.AddressText;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What culvert:sessions shows an operator. */
class StatusReportTest {
    @Test
    void listsEachClientWithItsNameAddressesWorkerAndTraffic() {
        ClientTable table = new ClientTable(8);
        ServerClient alice = table.admit(i -> new ServerClient(i, 0, 3, false, 1, new InetSocketAddress("192.0.2.11", 40000), 5L, null, null, 0));
        alice.commonName = "alice";
        alice.virtualAddress = AddressText.ipv4OrNull("10.8.0.2");
        alice.cipher = "AES-256-GCM";
        alice.connected = true;
        alice.connectedEpochSeconds = 1_795_316_875L;
        alice.bytesIn.add(888);
        alice.bytesOut.add(752);
        table.admit(i -> new ServerClient(i, 1, 7, true, 0, new InetSocketAddress("192.0.2.12", 41000), 6L, null, null, 0));

        List<String> lines = new StatusReport(null, table, List.of(), null, 0).sessions().lines().toList();

        assertEquals(4, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("id"), lines.get(0));
        List<String> a = List.of(lines.get(1).trim().split("\\s+"));
        assertEquals(List.of("0", "alice", "192.0.2.11:40000", "10.8.0.2", "AES-256-GCM", "-", "-", "-", "1", "888", "752", "2026-11-22T03:07:55Z"), a);
        List<String> b = List.of(lines.get(2).trim().split("\\s+"));
        assertEquals(List.of("1", "-", "192.0.2.12:41000/tcp", "-", "-", "-", "-", "-", "0", "0", "0", "(connecting)"), b);
        assertEquals("2 sessions", lines.get(3));
    }
}
