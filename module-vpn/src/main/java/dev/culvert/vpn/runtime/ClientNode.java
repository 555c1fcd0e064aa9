package dev.culvert.vpn.runtime;

import dev.culvert.core.compress.CompressNode;
import dev.culvert.core.compress.DecompressNode;
import dev.culvert.core.config.Config;
import dev.culvert.core.config.ConfigException;
import dev.culvert.core.graph.Graph;
import dev.culvert.core.graph.NodeCounters;
import dev.culvert.core.graph.arc.ArcNodes;
import dev.culvert.core.l3.L3Node;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.slot.Slot;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.core.io.transport.TcpTransport;
import dev.culvert.core.worker.LinkSink;
import dev.culvert.core.worker.TransportSink;
import dev.culvert.core.worker.Worker;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.spi.compress.CompressionFraming;
import dev.culvert.spi.compress.CompressionSettings;
import dev.culvert.spi.compress.Compressor;
import dev.culvert.spi.l3.L3Policy;
import dev.culvert.spi.l3.Side;
import dev.culvert.spi.link.Link;
import dev.culvert.spi.link.LinkFactory;
import dev.culvert.spi.node.RunningNode;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.transport.Transport;
import dev.culvert.spi.transport.TransportFactory;
import dev.culvert.vpn.config.ClientConfig;
import dev.culvert.vpn.keys.OccOptionsString;
import dev.culvert.vpn.push.PushReply;
import dev.culvert.vpn.session.DataPlane;
import dev.culvert.vpn.session.SessionEvent;
import dev.culvert.vpn.session.SessionOutput;
import dev.culvert.vpn.session.VpnSession;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OpenVPN client on real devices: one TUN device, one UDP or TCP transport towards the
 * server, a data-plane worker that seals and opens, and a control thread that owns the session's
 * control side (TLS, key exchange, timers). Reconnects with a fresh session when the server asks
 * for a restart or ping-restart fires; stops trying after a fatal failure (a refused certificate,
 * AUTH_FAILED), which only a changed configuration can cure.
 */
public final class ClientNode implements RunningNode {
    private static final System.Logger LOG = System.getLogger(ClientNode.class.getName());
    static final String VERSION = "2.6.14";
    private static final long RECONNECT_DELAY_MS = 2_000;
    private static final long RETRY_AFTER_FAILURE_MS = 5_000;
    private static final int CONTROL_BACKLOG = 1_024;
    private static final int POOL_PACKETS = 4_096;
    private static final int TUN_MTU = 1500;

    private final ClientConfig config;
    /** The client's own compression lines; pushed ones are read after them, so the server's win. */
    private final List<String> compressionLines;
    private final SlotRegistry registry;
    /** No framing until the server's PUSH_REPLY says which (OpenVPN 2.6's default is none). */
    private final CompressNode compress;
    private final DecompressNode decompress;
    private final TlsProvider tls;
    private final AeadProvider aead;
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService control;
    private final AtomicInteger backlog = new AtomicInteger();
    private final AtomicLong sessionsStarted = new AtomicLong();
    private final PacketPool pool = new PacketPool("vpn-client", POOL_PACKETS);
    private final CountDownLatch closed = new CountDownLatch(1);

    private Link tun;
    private InetSocketAddress remote;
    private Transport transport;
    private int peerHandle;
    private Graph graph;
    private Worker worker;
    private volatile VpnSession session;
    private volatile String state = "starting";
    private ScheduledFuture<?> tick;
    private volatile boolean stopping;

    private ClientNode(ClientConfig config, List<String> compressionLines, SlotRegistry registry, TlsProvider tls, AeadProvider aead) {
        this.config = config;
        this.compressionLines = List.copyOf(compressionLines);
        this.registry = registry;
        Slot<Compressor> codecs = registry.slot(SlotNames.COMPRESS, Compressor.class);
        this.compress = new CompressNode(codecs, null, false);
        this.decompress = new DecompressNode(codecs, null);
        this.tls = tls;
        this.aead = aead;
        this.control = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "culvert-vpn-control");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens the device and the transport, starts the worker, and begins connecting in the
     * background. {@code compressionLines} are the client's own {@code allow-compression},
     * {@code compress} and {@code comp-lzo} lines, as written.
     */
    public static ClientNode start(ClientConfig config, List<String> compressionLines, SlotRegistry registry) throws IOException {
        TlsProvider tls = registry.slot(SlotNames.TLS, TlsProvider.class).active().orElseThrow(
                () -> new IOException("no TLS module is installed: install module-ssl-bc (or module-ssl-conscrypt)"));
        AeadProvider aead = registry.slot(SlotNames.AEAD, AeadProvider.class).active().orElseThrow(
                () -> new IOException("no AEAD provider is bound (the kernel's JCE default is missing)"));
        ClientNode node = new ClientNode(config, compressionLines, registry, tls, aead);
        try {
            node.open();
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
        node.control.execute(node::connect);
        return node;
    }

    private void open() throws IOException {
        LinkFactory tunFactory = registry.slot(SlotNames.LINK, LinkFactory.class).find("tun").orElseThrow(
                () -> new IOException("no TUN link factory is bound in the kernel"));
        tun = tunFactory.open("tun%d", TUN_MTU, 1)[0];
        InetAddress address = InetAddress.getByName(config.remoteHost());
        remote = new InetSocketAddress(address, config.remotePort());
        openTransport();
    }

    /** A transport and the worker that drives it; rebuilt on reconnect over TCP, whose connection died. */
    private void openTransport() throws IOException {
        String protocol = config.transport() == OccOptionsString.Transport.TCP ? "tcp" : "udp";
        TransportFactory factory = registry.slot(SlotNames.TRANSPORT, TransportFactory.class).find(protocol).orElseThrow(
                () -> new IOException("no " + protocol + " transport is bound in the kernel"));
        transport = factory.open(null, remote);
        peerHandle = transport.handleOf(remote);
        L3Policy policy = new L3Policy(TUN_MTU, 0, L3Policy.DEFAULT.icmpPerSecond());
        graph = ArcNodes.addTo(Graph.builder(), registry, ArcNodes.BEFORE_SEAL, "compress", "from-tunnel") // feature arcs
                .node("from-tun", new L3Node(registry, Side.LINK, policy))
                .node("compress", compress)
                .node("seal", new SealNode(this::dataPlane, peerHandle))
                .node("to-net", new TransportSink(0))
                .node("from-net", new OpenNode(this::dataPlane, this::offerControl))
                .node("decompress", decompress)
                .node("from-tunnel", new L3Node(registry, Side.TUNNEL, policy, false))
                .node("to-tun", new LinkSink(0))
                .wire("from-tun", "accept", ArcNodes.AFTER_INSIDE_L3)
                .wire("from-tun", "icmp", "to-tun")
                .wire("compress", "seal")
                .wire("seal", "to-net")
                .wire("from-net", "inside", "decompress")
                .wire("decompress", ArcNodes.AFTER_OPEN)
                .wire("from-tunnel", "accept", "to-tun")
                .wire("from-tunnel", "icmp", ArcNodes.BEFORE_SEAL)
                .build();
        worker = new Worker(0, "vpn-client", graph, pool, 1_024);
        worker.addLink(tun, "from-tun");
        worker.addTransport(transport, "from-net");
        worker.start();
    }

    private void closeTransport() {
        Worker w = worker;
        worker = null;
        if (w != null) {
            try {
                w.stopAndJoin(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            w.close();
        }
        if (graph != null) {
            graph.close();
        }
        if (transport != null) {
            try {
                transport.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "closing the transport failed", e);
            }
            transport = null;
        }
    }

    private DataPlane dataPlane() {
        VpnSession s = session;
        return s == null ? null : s.dataPlane();
    }

    /** The worker's hand-off of a control packet: runs the session on the control thread, bounded. */
    private boolean offerControl(byte[] packet) {
        if (backlog.incrementAndGet() > CONTROL_BACKLOG) {
            backlog.decrementAndGet();
            return false;
        }
        try {
            control.execute(() -> {
                backlog.decrementAndGet();
                VpnSession s = session;
                if (s != null) {
                    s.receive(packet, 0, packet.length, System.nanoTime());
                    reschedule(s);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            backlog.decrementAndGet();
            return false;
        }
    }

    /** Control thread: a fresh session towards the server. */
    private void connect() {
        if (stopping) {
            return;
        }
        try {
            if (worker == null) {
                openTransport();
            }
        } catch (IOException | RuntimeException e) {
            state = "waiting to reconnect: " + e.getMessage();
            LOG.log(System.Logger.Level.WARNING, "culvert: cannot reach " + remote + ": " + e.getMessage() + "; retrying");
            control.schedule(this::connect, RETRY_AFTER_FAILURE_MS, TimeUnit.MILLISECONDS);
            return;
        }
        VpnSession old = session;
        if (old != null) {
            old.dispose();
        }
        long now = System.nanoTime();
        Output output = new Output();
        VpnSession fresh = new VpnSession(config.toSessionSettings(tls, aead, random, VERSION).withPeerInfo(compressionPeerInfo()), output, now,
                System.currentTimeMillis() / 1000);
        output.owner = fresh;
        session = fresh;
        sessionsStarted.incrementAndGet();
        state = "connecting to " + remote;
        LOG.log(System.Logger.Level.INFO, "culvert: connecting to " + remote + " (" + config.transport() + ")");
        fresh.start(now);
        reschedule(fresh);
    }

    /** Control thread: runs the session's timers now and arranges the next call. */
    private void reschedule(VpnSession s) {
        if (s != session || stopping) {
            return;
        }
        if (transport instanceof TcpTransport tcp && tcp.closedConnections() > 0) {
            // The server closed the stream (a restart): no ping-restart wait, reconnect now.
            s.transportFailed("the TCP connection to " + remote + " closed");
            return;
        }
        long now = System.nanoTime();
        long next = s.tick(now);
        long delay = Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(next - now, TimeUnit.SECONDS.toNanos(1)));
        if (tick != null) {
            tick.cancel(false);
        }
        tick = control.schedule(() -> reschedule(s), delay, TimeUnit.NANOSECONDS);
    }

    /** Sends raw OpenVPN packet bytes to the server; runs on the worker, which owns the transport. */
    private void sendOnWorker(byte[] bytes) {
        Packet packet = pool.acquire();
        if (packet == null) {
            return; // the control side retransmits; the pool's exhaustion counter records it
        }
        packet.setContents(bytes, 0, bytes.length);
        transmit(packet);
    }

    private void transmit(Packet packet) {
        Transport t = transport;
        try {
            if (t == null || !t.send(packet, peerHandle)) {
                packet.release();
                return;
            }
            t.flush();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "send to " + remote + " failed", e);
        }
    }

    /** What one session produces; output of a session that is no longer current is ignored. */
    private final class Output implements SessionOutput {
        volatile VpnSession owner;

        @Override
        public void sendToPeer(byte[] buf, int off, int len) {
            Worker w = worker;
            if (w == null) {
                return;
            }
            byte[] copy = java.util.Arrays.copyOfRange(buf, off, off + len);
            w.post(() -> sendOnWorker(copy));
        }

        @Override
        public void dataPayloadDue(DataPlane.ControlPayload payload) {
            Worker w = worker;
            VpnSession s = owner;
            if (w == null || s == null) {
                return;
            }
            w.post(() -> {
                Packet packet = pool.acquire();
                if (packet == null) {
                    return;
                }
                if (s.dataPlane().sealControlPayload(payload, packet, System.nanoTime()) == null) {
                    packet.setFlow(peerHandle);
                    transmit(packet);
                } else {
                    packet.release();
                }
            });
        }

        @Override
        public void event(SessionEvent event) {
            if (owner != null && owner != session) {
                return;
            }
            onEvent(event);
        }
    }

    /** Control thread: what the session reported. */
    private void onEvent(SessionEvent event) {
        switch (event) {
            case SessionEvent.Connected c -> {
                try {
                    if (c.pushReply() != null) {
                        applyCompression(c.pushReply());
                        TunAddressing.apply(tun.name(), c.pushReply());
                    }
                    state = "connected to " + remote + " on " + tun.name() + ": cipher " + c.cipher().openvpnName()
                            + ", keys by " + c.keyDerivation() + ", " + c.tlsProtocol() + ", peer-id " + c.peerId();
                    LOG.log(System.Logger.Level.INFO, "culvert: " + state + "; Initialization Sequence Completed");
                } catch (IOException | RuntimeException e) {
                    state = "connected, but the pushed addresses could not be applied: " + e.getMessage();
                    LOG.log(System.Logger.Level.ERROR, "culvert: " + state);
                }
            }
            case SessionEvent.Renegotiated r -> LOG.log(System.Logger.Level.INFO,
                    "culvert: renegotiated, key id " + r.keyId() + " (" + r.keyDerivation() + ", " + r.tlsProtocol() + ")");
            case SessionEvent.Restart r -> restart("restart: " + r.reason(), RECONNECT_DELAY_MS);
            case SessionEvent.PeerExited p -> restart("the server went away (" + p.how() + ")", RECONNECT_DELAY_MS);
            case SessionEvent.Failed f -> {
                if (f.fatal()) {
                    state = "failed: " + f.reason() + " (not retrying: fix the configuration or the server)";
                    LOG.log(System.Logger.Level.ERROR, "culvert: " + state);
                } else {
                    restart("failed: " + f.reason(), RETRY_AFTER_FAILURE_MS);
                }
            }
            case SessionEvent.Halted h -> {
                state = "halted by the server: " + h.reason();
                LOG.log(System.Logger.Level.WARNING, "culvert: " + state);
            }
            case SessionEvent.Closed c -> state = "closed";
        }
    }

    /**
     * The compression framings this client can speak, announced as OpenVPN 2.6 does: the stubs
     * whenever framing is possible, LZ4 too when {@code allow-compression yes} and the codec is
     * installed. A server pushes {@code compress ...} only to clients that announce it.
     */
    private Map<String, String> compressionPeerInfo() {
        Slot<Compressor> codecs = registry.slot(SlotNames.COMPRESS, Compressor.class);
        Map<String, String> info = new java.util.TreeMap<>();
        info.put("IV_LZO_STUB", "1");
        info.put("IV_COMP_STUB", "1");
        info.put("IV_COMP_STUBv2", "1");
        boolean allowed = compressionLines.stream().anyMatch(l -> l.equals("allow-compression yes"));
        if (allowed && codecs.find("lz4").isPresent()) {
            info.put("IV_LZ4", "1");
            info.put("IV_LZ4v2", "1");
        }
        return info;
    }

    /**
     * Frames the data channel as the server pushed ({@code compress lz4-v2}, {@code compress
     * stub-v2}, {@code comp-lzo no}...), decided by the same rules as a configuration file, with
     * the client's own {@code allow-compression}: without {@code yes}, received packets are
     * decompressed but sent ones are not, as OpenVPN 2.6 does.
     */
    private void applyCompression(PushReply reply) throws IOException {
        List<String> lines = new ArrayList<>(compressionLines);
        for (String option : reply.rawOptions()) {
            if (option.equals("compress") || option.startsWith("compress ") || option.equals("comp-lzo") || option.startsWith("comp-lzo ")) {
                lines.add(option);
            }
        }
        try {
            Optional<CompressionSettings> settings = CompressionSettings.from(Config.of(String.join("\n", lines), "PUSH_REPLY from " + remote));
            CompressionFraming framing = settings.map(cs -> new CompressionFraming(cs.format())).orElse(null);
            compress.configure(framing, settings.map(CompressionSettings::compressOutgoing).orElse(false), settings.map(CompressionSettings::codec).orElse(null));
            decompress.setFraming(framing);
            settings.ifPresent(cs -> LOG.log(System.Logger.Level.INFO, "culvert: data channel framing " + cs.format()
                    + ", codec " + cs.codec() + (cs.compressOutgoing() ? "" : ", sending uncompressed")));
        } catch (ConfigException e) {
            throw new IOException("the server's compression settings cannot be used: " + e.getMessage(), e);
        }
    }

    private void restart(String why, long delayMillis) {
        if (stopping) {
            return;
        }
        state = "reconnecting (" + why + ")";
        LOG.log(System.Logger.Level.WARNING, "culvert: " + state);
        if (config.transport() == OccOptionsString.Transport.TCP) {
            closeTransport(); // the stream is gone; connect() opens a new one
        }
        control.schedule(this::connect, delayMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public String status() {
        StringBuilder out = new StringBuilder();
        out.append("openvpn client: ").append(state).append('\n');
        out.append("  sessions started: ").append(sessionsStarted.get()).append('\n');
        VpnSession s = session;
        if (s != null) {
            out.append("  session drops: ").append(s.drops().snapshot()).append('\n');
        }
        Graph g = graph;
        if (g != null) {
            for (NodeCounters c : g.counters()) {
                out.append("  node ").append(c.describe()).append('\n');
            }
        }
        out.append("  pool: ").append(pool).append('\n');
        return out.toString();
    }

    /** Tells the server (explicit-exit-notify), then stops the worker and closes the device and the socket. */
    @Override
    public void close() {
        if (stopping) {
            return;
        }
        try {
            control.submit(() -> {
                VpnSession s = session;
                if (s != null) {
                    s.close(System.nanoTime());
                    reschedule(s);
                }
            }).get(2, TimeUnit.SECONDS);
            long waitMillis = Math.min(3_000, Math.max(200, config.explicitExitNotify() * 1_000L));
            long deadline = System.currentTimeMillis() + waitMillis;
            while (System.currentTimeMillis() < deadline && !"closed".equals(state)) {
                Thread.sleep(20);
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "exit notification did not finish", e);
        }
        stopping = true;
        control.shutdownNow();
        // Counters at exit, so that nothing the node dropped goes unreported. Written to stderr,
        // because on SIGTERM java.util.logging may already have closed its handlers.
        System.err.println("culvert: stopping; " + status().strip().replace("\n", "; "));
        closeTransport();
        VpnSession s = session;
        if (s != null) {
            s.dispose();
        }
        if (tun != null) {
            try {
                tun.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + tun.name() + " failed", e);
            }
        }
        closed.countDown();
    }
}
