package dev.culvert.vpn.inprocess;

import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.core.config.Config;
import dev.culvert.core.embed.ModuleBinder;
import dev.culvert.core.io.memory.MemoryNetwork;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.ipv4.Ipv4Protocol;
import dev.culvert.ipv6.Ipv6Protocol;
import dev.culvert.routing.ClientServerRouter;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.spi.node.RunningNode;
import dev.culvert.ssl.bc.BcTlsProvider;
import dev.culvert.vpn.client.VpnClientRole;
import dev.culvert.vpn.server.VpnServerRole;
import dev.culvert.vpn.session.TestPkiAccess;
import dev.culvert.core.io.memory.MemoryTransport;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * A Culvert server and a Culvert client, each with its own slot registry, whole in one JVM: their
 * TUN devices are {@link InMemoryTun}s and their UDP sockets endpoints of one
 * {@link MemoryNetwork}, injected through the link and transport slots where the real TUN and UDP
 * factories would be. Everything else (TLS, the data channel, IPv4, IPv6, routing) is the real module.
 */
final class InProcessTunnel implements AutoCloseable {
    static final int SERVER_ADDRESS = Ping.tunnelAddress(1);
    /** The first address of the server's pool in subnet topology: the one client's. */
    static final int CLIENT_ADDRESS = Ping.tunnelAddress(2);

    /** Room for thousands of strangers' addresses besides the server's and the client's. */
    private final MemoryNetwork network = new MemoryNetwork(1_024, 16_384);
    private final Path pki;
    /** The CA and certificates written into the directory, for tests that issue more (another client, a CRL). */
    final TestPkiAccess.RuntimePki issued;
    /** Strangers' datagrams wait in the server's queues in these buffers until it reads them. */
    private final PacketPool strangersPool = new PacketPool("strangers", 2_048);
    final InMemoryTun serverTun = new InMemoryTun("server-tun");
    final InMemoryTun clientTun = new InMemoryTun("client-tun");
    private final SlotRegistry serverSlots = registry(serverTun);
    private final SlotRegistry clientSlots = registry(clientTun);
    private RunningNode server;
    private RunningNode client;

    InProcessTunnel(Path dir) throws Exception {
        this.pki = dir;
        this.issued = TestPkiAccess.writeRuntimePki(dir);
    }

    private SlotRegistry registry(InMemoryTun tun) {
        SlotRegistry registry = new SlotRegistry();
        ModuleBinder.bind(registry, new JceAeadProvider(), "jce", AeadProvider.DEFAULT_RANKING);
        ModuleBinder.bind(registry, new BcTlsProvider(), null, null);
        ModuleBinder.bind(registry, new Ipv4Protocol(), null, null);
        ModuleBinder.bind(registry, new Ipv6Protocol(), null, null);
        ModuleBinder.bind(registry, new ClientServerRouter(), null, null);
        ModuleBinder.bind(registry, tun, "tun", 0);
        ModuleBinder.bind(registry, network.transportFactory("udp"), "udp", 0);
        return registry;
    }

    private String credentials(String who) {
        return "ca " + pki.resolve("ca.crt") + "\ncert " + pki.resolve(who + ".crt") + "\nkey " + pki.resolve(who + ".key") + "\n";
    }

    /** Starts (or starts again) the server: two workers, explicit-exit-notify, and {@code extra} lines. */
    void startServer(String... extra) throws Exception {
        String text = "port 1194\nproto udp\ndev tun\n" + credentials("server") + "dh none\nremote-cert-tls client\n"
                + "server 10.8.0.0 255.255.255.0\ntopology subnet\nkeepalive 10 60\nexplicit-exit-notify 1\nculvert-workers 2\n"
                + String.join("\n", extra) + "\n";
        server = new VpnServerRole().start(Config.of(text, "server.conf"), serverSlots);
    }

    /** Starts the client towards the server's port, with {@code extra} lines. */
    void startClient(String... extra) throws Exception {
        String text = "client\ndev tun\nproto udp\nremote 127.0.0.1 1194\nnobind\n" + credentials("client")
                + "remote-cert-tls server\n" + String.join("\n", extra) + "\n";
        client = new VpnClientRole().start(Config.of(text, "client.conf"), clientSlots);
    }

    /** The server's slots, where a test binds what a module would install (a feature at an arc). */
    SlotRegistry serverSlots() {
        return serverSlots;
    }

    SlotRegistry clientSlots() {
        return clientSlots;
    }

    void stopServer() {
        server.close();
        server = null;
    }

    String clientStatus() {
        return client.status();
    }

    String serverStatus() {
        return server == null ? "(stopped)" : server.status();
    }

    /** Waits until the client says it is connected with {@code sessions} sessions started. */
    void awaitConnected(int sessions) {
        await(() -> clientStatus().contains("openvpn client: connected to")
                && clientStatus().contains("sessions started: " + sessions + "\n"), "the client to connect (session " + sessions + ")");
    }

    /** Waits until the server's status (its {@code culvert:status} text) contains {@code text}. */
    void awaitServerSays(String text) {
        await(() -> serverStatus().contains(text), "the server's status to say '" + text + "'");
    }

    /** Waits until the client's status contains {@code text}. */
    void awaitClientSays(String text) {
        await(() -> clientStatus().contains(text), "the client's status to say '" + text + "'");
    }

    /** Waits until the client's data channel sends with key id {@code keyId} or later. */
    void awaitKeyId(int keyId) {
        await(() -> keyId() >= keyId, "the data channel to move to key id " + keyId);
    }

    private int keyId() {
        for (String line : clientStatus().split("\n")) {
            if (line.startsWith("  data channel key id: ")) {
                return Integer.parseInt(line.substring("  data channel key id: ".length()).trim());
            }
        }
        return -1;
    }

    /**
     * One ping through the tunnel and its answer back: an echo request enters the client's TUN,
     * must come out of the server's TUN, and the echo reply the server's host writes there must
     * come out of the client's TUN. A request lost on the way is sent again, up to five times.
     */
    boolean ping(int sequence) throws InterruptedException {
        for (int attempt = 0; attempt < 5; attempt++) {
            if (!clientTun.write(Ping.echo(Ping.ECHO_REQUEST, CLIENT_ADDRESS, SERVER_ADDRESS, sequence))) {
                continue;
            }
            byte[] request = serverTun.read(5, TimeUnit.SECONDS);
            if (request == null || Ping.type(request) != Ping.ECHO_REQUEST || Ping.sequence(request) != sequence) {
                continue;
            }
            serverTun.write(Ping.echo(Ping.ECHO_REPLY, Ping.destination(request), Ping.source(request), sequence));
            byte[] reply = clientTun.read(5, TimeUnit.SECONDS);
            if (reply != null && Ping.type(reply) == Ping.ECHO_REPLY && Ping.sequence(reply) == sequence
                    && Ping.source(reply) == SERVER_ADDRESS && Ping.destination(reply) == CLIENT_ADDRESS) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sends one datagram from each of {@code count} fresh source ports to the server's port, as a
     * flood of strangers does: {@code payload} says what stranger {@code i} sends. Each stranger's
     * endpoint is closed right after, so answers to it are lost (and counted by the server).
     */
    void strangers(int count, IntFunction<byte[]> payload) throws Exception {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1194);
        for (int i = 0; i < count; i++) {
            MemoryTransport stranger = network.transportFactory("udp").open(null, server, 1)[0];
            byte[] bytes = payload.apply(i);
            Packet p = strangersPool.acquire(); // back in the pool once the server read it
            p.setContents(bytes, 0, bytes.length);
            if (!stranger.send(p, stranger.handleOf(server))) {
                p.release();
            }
            stranger.flush();
            stranger.close();
        }
    }

    /** The client's {@code culvert:sessions} table. */
    String clientSessions() {
        return client == null ? "(stopped)" : client.sessions();
    }

    /** The server's {@code culvert:sessions} table. */
    String serverSessions() {
        return server == null ? "(stopped)" : server.sessions();
    }

    /** The client's address as the server's sessions table shows it (its real address), or null if none is shown. */
    InetSocketAddress clientAddressSeenByServer() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(" 127\\.0\\.0\\.1:(\\d+) ").matcher(serverSessions());
        return m.find() ? new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(m.group(1))) : null;
    }

    /** Gives the client's socket a new source port, as a NAT that dropped its mapping would; returns the new address. */
    InetSocketAddress rebindClient(InetSocketAddress current) throws Exception {
        return network.rebind(current);
    }

    /** Shows every datagram on the network to {@code tap}. */
    void tap(MemoryNetwork.Tap tap) {
        network.tap(tap);
    }

    /** Packets the server's listener has read so far, over all its workers (from its status). */
    long serverPacketsIn() {
        return sumOfListenerCounter(" in=");
    }

    /** Packets the server's listener node dropped so far, over all its workers, for any reason. */
    long serverListenerDrops() {
        return sumOfListenerCounter(" dropped=");
    }

    private long sumOfListenerCounter(String counter) {
        long sum = 0;
        for (String line : serverStatus().split("\\n")) {
            if (line.startsWith("  worker ") && line.contains(" node from-net-0 in=")) {
                String rest = line.substring(line.indexOf(counter) + counter.length());
                int end = rest.indexOf(' ');
                sum += Long.parseLong(end < 0 ? rest : rest.substring(0, end));
            }
        }
        return sum;
    }

    /** Waits until the server's listener has dropped at least {@code packets} packets. */
    void awaitServerListenerDrops(long packets) {
        await(() -> serverListenerDrops() >= packets, packets + " packets dropped by the server's listener");
    }

    /** Waits until the server's listener has read at least {@code packets} packets. */
    void awaitServerPacketsIn(long packets) {
        await(() -> serverPacketsIn() >= packets, packets + " packets read by the server");
    }

    /** The {@code ip} commands the client gave its TUN device, to check what the server pushed. */
    List<List<String>> clientTunCommands() {
        return clientTun.configured();
    }

    private void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 60 s for " + what + "; client: " + clientStatus() + "; server: " + serverStatus());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
