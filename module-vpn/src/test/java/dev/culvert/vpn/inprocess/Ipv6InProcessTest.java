package dev.culvert.vpn.inprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.route.Prefix;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IPv6 inside the tunnel, a Culvert client and a Culvert server in one JVM: with
 * {@code server-ipv6 fd00:8::/64} the server's device gets fd00:8::1/64, the client is pushed
 * fd00:8::1000/64 and puts it on its device, datagrams cross both ways, and one the client sends
 * from an address that is not its own never reaches the server's device: it is dropped and counted
 * as {@code l3.spoofed-source}.
 */
class Ipv6InProcessTest {
    private static final Prefix SERVER = Prefix.parse("fd00:8::1/128");
    private static final Prefix CLIENT = Prefix.parse("fd00:8::1000/128");
    private static final Prefix NOT_THE_CLIENTS = Prefix.parse("fd00:8::dead/128");

    @Test
    void serverIpv6GivesBothDevicesTheirAddressesAndCarriesTheClientsOwnPacketsOnly(@TempDir Path dir) throws Exception {
        try (InProcessTunnel tunnel = new InProcessTunnel(dir)) {
            tunnel.startServer("server-ipv6 fd00:8::/64");
            tunnel.startClient();
            tunnel.awaitConnected(1);
            assertTrue(tunnel.serverTun.configured().stream().anyMatch(c -> c.subList(0, 4).equals(List.of("-6", "addr", "replace", "fd00:8::1/64"))),
                    "the server's device: " + tunnel.serverTun.configured());
            assertTrue(tunnel.clientTunCommands().stream().anyMatch(c -> c.subList(0, 4).equals(List.of("-6", "addr", "add", "fd00:8::1000/64"))),
                    "the client's device: " + tunnel.clientTunCommands());

            byte[] in = across(tunnel.clientTun, tunnel.serverTun, Udp6.of(CLIENT, SERVER, "to the server"));
            assertEquals(CLIENT, Udp6.source(in));
            assertEquals("to the server", Udp6.text(in));
            byte[] out = across(tunnel.serverTun, tunnel.clientTun, Udp6.of(SERVER, CLIENT, "to the client"));
            assertEquals(CLIENT, Udp6.destination(out));

            tunnel.clientTun.write(Udp6.of(NOT_THE_CLIENTS, SERVER, "spoofed"));
            tunnel.awaitServerSays("l3.spoofed-source=1");
            byte[] next;
            while ((next = tunnel.serverTun.read(200, TimeUnit.MILLISECONDS)) != null) {
                assertTrue(!Udp6.isIpv6(next) || !Udp6.text(next).equals("spoofed"), "a spoofed datagram reached the server's device");
            }
        }
    }

    /** Writes {@code packet} into one device until a datagram with its text comes out of the other (up to five tries). */
    private static byte[] across(InMemoryTun from, InMemoryTun to, byte[] packet) throws InterruptedException {
        String text = Udp6.text(packet);
        for (int attempt = 0; attempt < 5; attempt++) {
            if (!from.write(packet)) {
                continue;
            }
            byte[] got;
            while ((got = to.read(5, TimeUnit.SECONDS)) != null) {
                if (Udp6.isIpv6(got) && Udp6.text(got).equals(text)) {
                    return got;
                }
            }
        }
        throw new AssertionError("'" + text + "' did not cross the tunnel in five attempts");
    }
}
