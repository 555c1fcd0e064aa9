package dev.culvert.vpn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.vpn.keys.OccOptionsString;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A client's servers, as 2.6 lists them: remote lines or connection blocks, in order or shuffled. */
class ConnectionListTest {
    private static final VpnDirectives HANDLER = new VpnDirectives();

    private static ConnectionList list(String text) throws ConfigException {
        Config config = Config.of(text, "client.conf");
        assertEquals(List.of(), config.validate(List.of(HANDLER)), "the lines pass the directive checks");
        return ConnectionList.from(config, new Random(7));
    }

    @Test
    void everyRemoteLineIsAServerInTheOrderWrittenWithTheFilesProtoAndPortAsDefaults() throws Exception {
        ConnectionList l = list("client\nproto tcp-client\nport 443\nremote a.example\nremote b.example 1195 udp\nremote 192.0.2.7 80 udp6\n");
        List<RemoteEntry> e = l.entries();
        assertEquals(3, e.size());
        assertEquals("a.example", e.get(0).host());
        assertEquals(443, e.get(0).port());
        assertEquals(OccOptionsString.Transport.TCP, e.get(0).transport());
        assertEquals(1195, e.get(1).port());
        assertEquals(OccOptionsString.Transport.UDP, e.get(1).transport());
        assertEquals(0, e.get(1).family());
        assertEquals(6, e.get(2).family(), "udp6 asks for IPv6 addresses only");
        assertEquals(0, l.connectRetryMax(), "2.6 retries for ever by default");
    }

    @Test
    void twoSixDefaultsApplyWithoutRetryLines() throws Exception {
        RemoteEntry e = list("client\nremote vpn.example\n").entries().get(0);
        assertEquals(1194, e.port());
        assertEquals(OccOptionsString.Transport.UDP, e.transport());
        assertEquals(1, e.connectRetrySeconds());
        assertEquals(300, e.connectRetryMaxSeconds());
        assertEquals(120, e.serverPollSeconds());
    }

    @Test
    void retryAndPollLinesSetEveryEntryAndConnectRetryMaxBoundsTheTries() throws Exception {
        ConnectionList l = list("client\nremote a.example\nremote b.example\nconnect-retry 5 60\nserver-poll-timeout 4\nconnect-retry-max 3\n");
        for (RemoteEntry e : l.entries()) {
            assertEquals(5, e.connectRetrySeconds());
            assertEquals(60, e.connectRetryMaxSeconds());
            assertEquals(4, e.serverPollSeconds());
        }
        assertEquals(3, l.connectRetryMax());
        assertEquals(9, list("client\nremote a.example\nconnect-timeout 9\n").entries().get(0).serverPollSeconds(),
                "connect-timeout is server-poll-timeout's other name");
        assertEquals(7, list("client\nremote a.example\nconnect-retry 7 2\n").entries().get(0).connectRetryMaxSeconds(),
                "a maximum below the pause is raised to it, as 2.6 does");
    }

    @Test
    void connectionBlocksAreEntriesWhoseOwnLinesWinOverTheFilesDefaults() throws Exception {
        ConnectionList l = list("""
                client
                proto udp
                server-poll-timeout 10
                <connection>
                remote one.example 1194
                </connection>
                <connection>
                remote two.example 443
                proto tcp-client
                server-poll-timeout 3
                </connection>
                """);
        assertEquals(2, l.entries().size());
        assertEquals("one.example", l.entries().get(0).host());
        assertEquals(OccOptionsString.Transport.UDP, l.entries().get(0).transport());
        assertEquals(10, l.entries().get(0).serverPollSeconds());
        assertEquals(OccOptionsString.Transport.TCP, l.entries().get(1).transport());
        assertEquals(3, l.entries().get(1).serverPollSeconds());
    }

    @Test
    void remoteRandomShufflesTheListOnceAndKeepsEveryServer() throws Exception {
        String text = "client\nremote-random\n" + "remote s%d.example\n".repeat(1).formatted(0)
                + "remote s1.example\nremote s2.example\nremote s3.example\nremote s4.example\nremote s5.example\n";
        Set<List<String>> orders = new HashSet<>();
        for (int seed = 0; seed < 20; seed++) {
            List<String> hosts = ConnectionList.from(Config.of(text, "c.conf"), new Random(seed)).entries().stream().map(RemoteEntry::host).toList();
            assertEquals(Set.of("s0.example", "s1.example", "s2.example", "s3.example", "s4.example", "s5.example"), Set.copyOf(hosts));
            orders.add(hosts);
        }
        assertTrue(orders.size() > 1, "different runs try the servers in different orders");
        List<String> inOrder = ConnectionList.from(Config.of(text.replace("remote-random\n", ""), "c.conf"), new Random(1)).entries().stream()
                .map(RemoteEntry::host).toList();
        assertEquals("s0.example", inOrder.get(0), "without remote-random the file's order holds");
    }

    @Test
    void aClientWithoutAServerIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> list("client\n"));
        assertTrue(e.getMessage().contains("remote"), e.getMessage());
    }

    @Test
    void remoteLinesBesideConnectionBlocksAreRefusedAs2Point6Does() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> list("client\nremote a.example\n<connection>\nremote b.example\n</connection>\n"));
        assertTrue(e.getMessage().contains("client.conf:2"), e.getMessage());
    }

    @Test
    void aLineABlockCannotHoldIsRefusedNamingItsLineInTheFile() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> list("client\n<connection>\nremote a.example\ntun-mtu 1400\n</connection>\n"));
        assertTrue(e.getMessage().contains("client.conf:4"), "the block's third line is the file's fourth: " + e.getMessage());
        assertTrue(e.getMessage().contains("tun-mtu"), e.getMessage());
    }

    @Test
    void aBlockNeedsExactlyOneRemoteAndItsLinesAreChecked() {
        assertThrows(ConfigException.class, () -> list("client\n<connection>\nproto udp\n</connection>\n"));
        assertThrows(ConfigException.class, () -> list("client\n<connection>\nremote a.example\nremote b.example\n</connection>\n"));
        ConfigException port = assertThrows(ConfigException.class, () -> list("client\n<connection>\nremote a.example 70000\n</connection>\n"));
        assertTrue(port.getMessage().contains("client.conf:3"), port.getMessage());
        assertThrows(ConfigException.class, () -> list("client\n<connection>\nremote a.example 1194 tcp-server\n</connection>\n"));
    }
}
