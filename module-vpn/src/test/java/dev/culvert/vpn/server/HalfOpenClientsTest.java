package dev.culvert.vpn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.core.config.Config;
import dev.culvert.core.embed.ModuleBinder;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.core.worker.ControlExecutor;
import dev.culvert.routing.ClientServerRouter;
import dev.culvert.spi.route.Router;
import dev.culvert.ssl.bc.BcTlsProvider;
import dev.culvert.vpn.config.ServerConfig;
import dev.culvert.vpn.config.ServerFiles;
import dev.culvert.vpn.preauth.ConnectRateLimit;
import dev.culvert.vpn.wire.ControlPacket;
import dev.culvert.vpn.wire.ControlPacketWriter;
import dev.culvert.vpn.wire.Opcode;
import dev.culvert.vpn.wire.SessionId;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that has started its handshake and not finished it (half-open) holds a place under
 * {@code max-clients} (as 2.6 counts instances), until {@code hand-window} ends its session: then
 * it is removed, counted, and its place is free again.
 */
class HalfOpenClientsTest {
    private static final InetSocketAddress FIRST = new InetSocketAddress("192.0.2.1", 40_001);
    private static final InetSocketAddress SECOND = new InetSocketAddress("192.0.2.2", 40_002);

    private final ControlExecutor control = new ControlExecutor(1, 64);
    private ClientLifecycle lifecycle;
    private ClientTable clients;

    @AfterEach
    void close() {
        if (lifecycle != null) {
            lifecycle.stop(false);
        }
        control.close();
    }

    private void start(String extra) throws Exception {
        String text = "<ca>\n" + ServerFiles.demo("ca.crt") + "</ca>\n<cert>\n" + ServerFiles.demo("server.crt") + "</cert>\n<key>\n"
                + ServerFiles.demo("server.key") + "</key>\ndev tun\nserver 10.8.0.0 255.255.255.0\nmax-clients 1\n" + extra;
        ServerConfig config = ServerConfig.from(Config.of(text, "s.conf"));
        SlotRegistry registry = new SlotRegistry();
        ModuleBinder.bind(registry, new ClientServerRouter(), null, null);
        clients = new ClientTable(config.clients().maxClients());
        dev.culvert.vpn.hook.Scripts scripts = dev.culvert.vpn.hook.Scripts.of(java.util.Map.of(), config.userAuth().tmpDir(),
                java.time.Duration.ofSeconds(60));
        lifecycle = new ClientLifecycle(config, new BcTlsProvider(), new JceAeadProvider(), clients, null, null,
                ConnectRateLimit.unlimited(), control, new RouteEntries(registry.slot(SlotNames.ROUTE, Router.class), false),
                new CredentialCheck(config.userAuth(), registry, scripts), new ClientHooks(config.hookScripts(), registry, scripts));
    }

    /** A client's opening hard reset, as the gate lets it through on TCP. */
    private static byte[] reset(long sid) {
        return ControlPacketWriter.toBytes(new ControlPacket(Opcode.CONTROL_HARD_RESET_CLIENT_V2, 0, new SessionId(sid), new long[0],
                null, 0, new byte[0]));
    }

    private void admit(int handle, InetSocketAddress source, long sid, Object expected) {
        assertSame(expected, lifecycle.admit(0, handle, false, 0, source, sid, 0, reset(sid)));
    }

    @Test
    void aHalfOpenClientHoldsItsPlaceUnderMaxClients() throws Exception {
        start("");
        admit(1, FIRST, 11, null);
        admit(2, SECOND, 22, ServerDrops.MAX_CLIENTS);
        ServerClient first = clients.byEndpoint(0, 1);
        assertFalse(first.connected, "it has not finished its handshake");
        assertFalse(first.removed);
    }

    @Test
    void handWindowEndsAHalfOpenClientCountedAndFreesItsPlace() throws Exception {
        start("hand-window 1\n");
        admit(1, FIRST, 11, null);
        ServerClient first = clients.byEndpoint(0, 1);
        await(() -> first.removed, "the half-open client to be removed by hand-window");
        assertEquals(1, lifecycle.handWindowExpired(), lifecycle.counters());
        await(() -> clients.byIndex(first.index) == null, "its place to be released");
        admit(2, SECOND, 22, null);
        assertNull(clients.byEndpoint(0, 1));
    }

    @Test
    void theMetricsCountAHalfOpenClientAsConnectingAndItsHandWindowEndAsAFailedHandshake() throws Exception {
        start("hand-window 1\n");
        ServerMetrics metrics = new ServerMetrics(clients, lifecycle, java.util.List.of(), java.util.List.of());
        admit(1, FIRST, 11, null);
        dev.culvert.vpn.metrics.Sample before = metrics.sample();
        assertEquals(1, before.sessionsConnecting());
        assertEquals(0, before.sessionsConnected());
        assertEquals(1, before.maxClients());
        assertEquals(java.util.List.of(), before.clients(), "no common name yet, no series");
        ServerClient first = clients.byEndpoint(0, 1);
        await(() -> first.removed, "the half-open client to be removed by hand-window");
        dev.culvert.vpn.metrics.Sample after = metrics.sample();
        assertEquals(0, after.sessionsConnecting());
        assertEquals(0, after.handshakesOk());
        assertEquals(java.util.Map.of("refused", 0L, "hand_window", 1L, "tls", 0L, "auth", 0L, "session", 0L), after.handshakesFailed());
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "waited 30 s for " + what);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
