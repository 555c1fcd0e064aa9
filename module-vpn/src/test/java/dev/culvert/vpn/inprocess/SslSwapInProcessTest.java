package dev.culvert.vpn.inprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.embed.ModuleBinder;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.ssl.conscrypt.ConscryptAeadProvider;
import dev.culvert.ssl.conscrypt.ConscryptTlsProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Swaps of the {@code aead} and {@code tls} slots reach a running Culvert client &lt;-&gt; Culvert
 * server tunnel ({@link InProcessTunnel}) through the registry's swap, the path
 * {@code culvert:swap} takes, while a UDP stream with sequence numbers flows both ways
 * ({@link SequencedStream}): the AEAD moves jce -&gt; conscrypt -&gt; jce twenty times with nothing
 * lost, reordered or decrypted twice and nothing renegotiated; a TLS swap makes the next
 * renegotiation's key come from the other TLS provider, with the tunnel never down. Conscrypt is
 * installed with its module's rankings: below the JCE for the aead slot, above bc for the tls slot.
 */
class SslSwapInProcessTest {
    private static final int ROUNDS = 20;
    private static final Pattern UNKNOWN_KEY = Pattern.compile("node from-net[^\\n]*vpn\\.data\\.unknown-key=(\\d+)");
    /** Datagrams that must reach the server's host after each swap, besides the swap showing on both ends. */
    private static final int PACKETS_PER_SWAP = 2_000;

    @Test
    void aeadSwapsRebindEveryContextOfTheLiveSessionWithoutLossOrRenegotiation(@TempDir Path dir) throws Exception {
        try (InProcessTunnel tunnel = new InProcessTunnel(dir)) {
            installConscrypt(tunnel);
            tunnel.startServer();
            tunnel.startClient();
            tunnel.awaitConnected(1);
            assertEquals(List.of("0", "conscrypt", "jce"), clientKey(tunnel), tunnel.clientSessions());

            SequencedStream.Result result;
            try (SequencedStream stream = new SequencedStream(tunnel)) {
                awaitArrivals(tunnel, stream, PACKETS_PER_SWAP);
                for (int round = 0; round < ROUNDS; round++) {
                    for (String target : List.of("conscrypt", "jce")) {
                        swap(tunnel, "aead", target);
                        awaitBoth(tunnel, stream, target, "round " + round);
                    }
                }
                result = stream.finish(60);
            }
            System.out.println("aead swaps jce -> conscrypt -> jce x" + ROUNDS + ": " + result);
            assertLossless(result);
            assertTrue(result.sent() >= 2L * ROUNDS * PACKETS_PER_SWAP, result.toString());
            assertEquals("0", clientKey(tunnel).get(0), "nothing was renegotiated: " + tunnel.clientSessions());
            assertTrue(tunnel.clientStatus().contains("sessions started: 1\n"), "the session never restarted: " + tunnel.clientStatus());
        }
    }

    @Test
    void aTlsSwapMakesTheNextRenegotiationsKeyComeFromTheOtherProviderWithTheTunnelUp(@TempDir Path dir) throws Exception {
        try (InProcessTunnel tunnel = new InProcessTunnel(dir)) {
            installConscrypt(tunnel);
            tunnel.startServer();
            tunnel.startClient("reneg-sec 2");
            tunnel.awaitConnected(1);
            assertEquals("conscrypt", clientKey(tunnel).get(1), tunnel.clientSessions());

            SequencedStream.Result result;
            try (SequencedStream stream = new SequencedStream(tunnel)) {
                awaitArrivals(tunnel, stream, PACKETS_PER_SWAP);
                swap(tunnel, "tls", "bc");
                // A handshake already under way finishes on Conscrypt; the next one is bc's on both ends.
                await(tunnel, () -> "bc".equals(clientKey(tunnel).get(1)) && "bc".equals(serverKey(tunnel).get(1)),
                        "a renegotiated key made by bc's handshake on both ends");
                int bcKey = Integer.parseInt(clientKey(tunnel).get(0));
                long from = stream.arrived();
                await(tunnel, () -> stream.arrived() >= from + PACKETS_PER_SWAP, "traffic on the new key");
                swap(tunnel, "tls", "conscrypt");
                await(tunnel, () -> "conscrypt".equals(clientKey(tunnel).get(1)) && Integer.parseInt(clientKey(tunnel).get(0)) != bcKey,
                        "the next key made by Conscrypt again");
                result = stream.finish(60);
            }
            long unknownKey = unknownKeyDrops(tunnel.clientStatus()) + unknownKeyDrops(tunnel.serverStatus());
            System.out.println("tls swaps conscrypt -> bc -> conscrypt across renegotiations: " + result + "; dropped for a key not yet installed: "
                    + unknownKey);
            System.out.println("client:\n" + tunnel.clientSessions() + "server:\n" + tunnel.serverSessions());
            assertNull(result.failure(), result.toString());
            assertFalse(result.stuck(), result.toString());
            assertEquals(0, result.upOutOfOrder() + result.downOutOfOrder(), "nothing reordered or decrypted twice: " + result);
            // A renegotiation's first packets may reach a peer that has not installed the new key
            // yet (the session core's, not the swap's doing): the only losses allowed are those.
            assertTrue(result.roundTripsLost() <= unknownKey,
                    "nothing lost but packets sealed with a key the peer did not have yet: " + result + "; " + unknownKey);
            assertTrue(tunnel.clientStatus().contains("sessions started: 1\n"), "the tunnel was never down: " + tunnel.clientStatus());
        }
    }

    @Test
    void aHigherRankedAeadModuleArrivingAndLeavingMovesTheLiveSessionThereAndBack(@TempDir Path dir) throws Exception {
        try (InProcessTunnel tunnel = new InProcessTunnel(dir)) {
            tunnel.startServer();
            tunnel.startClient();
            tunnel.awaitConnected(1);
            SequencedStream.Result result;
            try (SequencedStream stream = new SequencedStream(tunnel)) {
                awaitArrivals(tunnel, stream, PACKETS_PER_SWAP);
                for (int round = 0; round < 3; round++) {
                    // What Declarative Services does when a bundle that outranks jce is dropped into deploy/, and when it leaves.
                    List<ConscryptAeadProvider> installed = List.of(new ConscryptAeadProvider(), new ConscryptAeadProvider());
                    ModuleBinder.bind(tunnel.clientSlots(), installed.get(0), "conscrypt", 0);
                    ModuleBinder.bind(tunnel.serverSlots(), installed.get(1), "conscrypt", 0);
                    awaitBoth(tunnel, stream, "conscrypt", "round " + round + ": the arriving module");
                    ModuleBinder.unbind(tunnel.clientSlots(), installed.get(0));
                    ModuleBinder.unbind(tunnel.serverSlots(), installed.get(1));
                    awaitBoth(tunnel, stream, "jce", "round " + round + ": back to jce once it left");
                }
                result = stream.finish(60);
            }
            System.out.println("aead module bound and unbound x3: " + result);
            assertLossless(result);
            assertEquals("0", clientKey(tunnel).get(0), "nothing was renegotiated: " + tunnel.clientSessions());
            tunnel.close();
            for (SlotRegistry slots : List.of(tunnel.serverSlots(), tunnel.clientSlots())) {
                assertEquals(0, slots.slot(SlotNames.AEAD, AeadProvider.class).listenerCount(), "stopped nodes stop following the aead slot");
                assertEquals(0, slots.slot(SlotNames.TLS, TlsProvider.class).listenerCount(), "nor the tls slot");
            }
        }
    }

    /** Waits for traffic after a change and for both ends to seal and open with {@code aead} on key 0. */
    private static void awaitBoth(InProcessTunnel tunnel, SequencedStream stream, String aead, String what) {
        long from = stream.arrived();
        await(tunnel, () -> stream.arrived() >= from + PACKETS_PER_SWAP
                && sealsAndOpensWith(clientKey(tunnel), aead)
                && sealsAndOpensWith(serverKey(tunnel), aead),
                what + ": both ends seal and open with " + aead + " on key 0");
    }

    /** Key 0 (nothing renegotiated), its AEAD contexts from {@code aead}, whichever TLS provider made it. */
    private static boolean sealsAndOpensWith(List<String> key, String aead) {
        return "0".equals(key.get(0)) && aead.equals(key.get(2));
    }

    private static void assertLossless(SequencedStream.Result result) {
        assertNull(result.failure(), result.toString());
        assertFalse(result.stuck(), result.toString());
        assertEquals(result.sent(), result.arrived(), "every datagram reached the server's host: " + result);
        assertEquals(result.sent(), result.echoed(), "every echo reached the client's host: " + result);
        assertEquals(0, result.upMissing() + result.upOutOfOrder() + result.downMissing() + result.downOutOfOrder(),
                "nothing lost, reordered or decrypted twice: " + result);
    }

    /** Data packets the status's open nodes ("from-net") dropped for a key id they had no key for. */
    private static long unknownKeyDrops(String status) {
        Matcher m = UNKNOWN_KEY.matcher(status);
        long sum = 0;
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }

    /** Binds Conscrypt's AEAD and TLS providers into both nodes' slots at their own rankings, as its bundle does. */
    private static void installConscrypt(InProcessTunnel tunnel) {
        for (SlotRegistry slots : List.of(tunnel.serverSlots(), tunnel.clientSlots())) {
            ModuleBinder.bind(slots, new ConscryptAeadProvider(), "conscrypt", null);
            ModuleBinder.bind(slots, new ConscryptTlsProvider(), "conscrypt", null);
        }
    }

    /** {@code culvert:swap SLOT NAME} on both nodes. */
    private static void swap(InProcessTunnel tunnel, String slot, String name) {
        tunnel.clientSlots().swap(slot, name);
        tunnel.serverSlots().swap(slot, name);
    }

    private static void awaitArrivals(InProcessTunnel tunnel, SequencedStream stream, long count) {
        await(tunnel, () -> stream.arrived() >= count, count + " datagrams through the tunnel");
    }

    /** Key id, TLS backend and AEAD provider of the client's current key, from its {@code culvert:sessions}. */
    static List<String> clientKey(InProcessTunnel tunnel) {
        return keyColumns(tunnel.clientSessions());
    }

    static List<String> serverKey(InProcessTunnel tunnel) {
        return keyColumns(tunnel.serverSessions());
    }

    /** The three columns after the cipher on the first session line. */
    private static List<String> keyColumns(String sessions) {
        for (String line : sessions.split("\n")) {
            List<String> fields = List.of(line.trim().split("\\s+"));
            for (int i = 0; i + 3 < fields.size(); i++) {
                if (fields.get(i).endsWith("-GCM") || fields.get(i).equals("CHACHA20-POLY1305")) {
                    return fields.subList(i + 1, i + 4);
                }
            }
        }
        return List.of("-", "-", "-");
    }

    private static void await(InProcessTunnel tunnel, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 60 s for " + what + "; client:\n" + tunnel.clientSessions() + "server:\n"
                        + tunnel.serverSessions());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }
}
