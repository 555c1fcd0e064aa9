package dev.culvert.vpn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.vpn.config.ManagementConfig;
import dev.culvert.vpn.management.ManagementServer;
import dev.culvert.vpn.management.StateLine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client's management interface before its node is attached: 2.6's first state, the statistics block, one EXITING. */
class ClientManagementTest {
    @TempDir
    Path dir;

    @Test
    void itStartsConnectingAnswersAsAClientAndTellsOneReasonToExit() throws Exception {
        Path socket = dir.resolve("m.sock");
        ManagementConfig config = new ManagementConfig(new ManagementServer.Listen(null, socket), Optional.empty(), 10, false, true, true);
        try (ClientManagement m = ClientManagement.start(config);
             SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            OutputStream out = Channels.newOutputStream(channel);
            assertTrue(in.readLine().startsWith(">INFO:OpenVPN Management Interface Version 5"));
            m.state(StateLine.of("EXITING", "auth-failure"));
            m.state(StateLine.of("EXITING", "SIGTERM"));
            out.write("state all\nstatus 2\nkill alice\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            List<String> states = until(in, "END");
            assertEquals(2, states.size(), states.toString());
            assertTrue(states.get(0).matches("\\d+,CONNECTING,,,,,,"), states.get(0));
            assertTrue(states.get(1).matches("\\d+,EXITING,auth-failure,,,,,"), "only the first reason: " + states);
            List<String> status = until(in, "END");
            assertEquals("OpenVPN STATISTICS", status.get(0));
            assertTrue(status.get(1).matches("Updated,\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"), status.get(1));
            assertEquals(List.of("TUN/TAP read bytes,0", "TUN/TAP write bytes,0", "TCP/UDP read bytes,0", "TCP/UDP write bytes,0",
                    "Auth read bytes,0"), status.subList(2, status.size()));
            assertEquals("ERROR: The 'kill' command is not supported by the current daemon mode", in.readLine());
        }
    }

    private static List<String> until(BufferedReader in, String end) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String line = in.readLine(); line != null && !line.equals(end); line = in.readLine()) {
            lines.add(line);
        }
        return lines;
    }
}
