package dev.culvert.vpn.client;

import dev.culvert.core.graph.Graph;
import dev.culvert.core.graph.NodeCounters;
import dev.culvert.core.l3.L3Node;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.core.worker.Worker;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.spi.feature.Feature;
import dev.culvert.spi.l3.L3Policy;
import dev.culvert.spi.l3.Side;
import dev.culvert.spi.link.Link;
import dev.culvert.spi.link.LinkFactory;
import dev.culvert.spi.transport.Transport;
import dev.culvert.vpn.config.OnePeerConfig;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.OccOptionsString;
import dev.culvert.vpn.tunnel.DataPathWarmUp;
import dev.culvert.vpn.tunnel.OnePeerGraph;
import dev.culvert.vpn.tunnel.PeerDirectory;
import dev.culvert.vpn.tunnel.PeerEndpoint;
import dev.culvert.vpn.tunnel.RuntimeSlots;
import dev.culvert.vpn.tunnel.TunnelPeer;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The client's data path: one TUN device, one UDP or TCP transport towards the server, and the
 * data-plane worker that drives both through the graph (TUN → L3 check → feature arcs → compress
 * → seal → network; network → open → decompress → feature arc → L3 check → TUN). The TUN device
 * lives as long as the client; the transport and its worker are rebuilt when a reconnect over TCP
 * needs a new stream.
 */
final class ClientDataPath implements PeerEndpoint {
    private static final System.Logger LOG = System.getLogger(ClientDataPath.class.getName());
    private static final int POOL_PACKETS = 4_096;

    private final OnePeerConfig config;
    private final SlotRegistry registry;
    private final PushedCompression compression;
    private final TunnelPeer peer;
    private final PeerDirectory peers;
    private final PacketPool pool = new PacketPool("vpn-client", POOL_PACKETS);

    private LinkFactory tunFactory;
    private Link tun;
    private volatile InetSocketAddress remote;
    private InetSocketAddress local;
    /** UDP or TCP: the configuration's, or the current entry's of a client's connection list. */
    private volatile OccOptionsString.Transport kind;
    private volatile Transport transport;
    private volatile int peerHandle;
    private volatile Graph graph;
    private volatile Worker worker;
    /** The L3 checks of both directions, whose MSS clamp follows the pushed framing. */
    private volatile L3Node fromTun;
    private volatile L3Node fromTunnel;

    ClientDataPath(OnePeerConfig config, SlotRegistry registry, PushedCompression compression, TunnelPeer peer, PeerDirectory peers) {
        this.config = config;
        this.registry = registry;
        this.compression = compression;
        this.peer = peer;
        this.peers = peers;
        this.kind = config.transport();
    }

    /**
     * Opens the TUN device and sets it up as the configuration says (a point-to-point peer's own
     * addresses and routes), resolves the peer if the configuration names one, and opens the
     * transport with its worker.
     */
    void open() throws IOException {
        tunFactory = RuntimeSlots.tun(registry);
        tun = tunFactory.open("tun%d", config.tunMtu(), config.txQueueLength(), 1)[0];
        for (List<String> command : config.tunCommands(tun.name())) {
            tunFactory.configure(command);
        }
        if (config.connections() != null) {
            return; // a client resolves its current server on each attempt, and then opens the transport (retarget)
        }
        if (config.remoteHost() != null) {
            remote = new InetSocketAddress(InetAddress.getByName(config.remoteHost()), config.remotePort());
        }
        if (config.localPort() > 0) {
            boolean v6 = remote != null && remote.getAddress() instanceof Inet6Address;
            local = new InetSocketAddress(InetAddress.getByName(v6 ? "::" : "0.0.0.0"), config.localPort());
        }
        openTransport();
    }

    /** A transport and the worker that drives it; again after {@link #closeTransport}. */
    void openTransport() throws IOException {
        String protocol = kind == OccOptionsString.Transport.TCP ? "tcp" : "udp";
        Transport t = RuntimeSlots.transport(registry, protocol).open(local, remote, config.transportOptions());
        transport = t;
        peerHandle = remote == null ? Transport.UNKNOWN_PEER : t.handleOf(remote);
        L3Policy policy = new L3Policy(config.tunMtu(), mssClamp(), L3Policy.DEFAULT.icmpPerSecond());
        fromTun = new L3Node(registry, Side.LINK, policy);
        fromTunnel = new L3Node(registry, Side.TUNNEL, policy, false);
        Graph g = OnePeerGraph.build(registry.slot(SlotNames.FEATURE, Feature.class), fromTun, fromTunnel, compression.compressNode(),
                compression.decompressNode(), peer, peers);
        graph = g;
        Worker w = new Worker(0, "vpn-client", g, pool, 1_024);
        w.addLink(tun, OnePeerGraph.FROM_TUN);
        w.addTransport(t, OnePeerGraph.FROM_NET);
        w.start();
        worker = w;
    }

    /**
     * Warms what the client's packets cross, once connected (by then the cipher is the negotiated
     * one): {@link DataPathWarmUp}, with this connection's L3 policy.
     */
    void warmUp(DataCipher cipher, AeadProvider aead) {
        L3Node tun = fromTun;
        Transport t = transport;
        if (tun != null && t != null) {
            InetSocketAddress bound = t.localAddress();
            DataPathWarmUp.start(tunFactory, registry, tun.policy(), Optional.of(cipher), aead, bound != null ? bound : remote);
        }
    }

    /**
     * The MSS clamp for this connection: the {@code mssfix} setting over the server's address
     * family and the transport, with the byte a v1 compression framing adds if the server set one.
     */
    private int mssClamp() {
        boolean tcp = kind == OccOptionsString.Transport.TCP;
        return config.mssfix().clamp(remote != null && remote.getAddress() instanceof Inet6Address, tcp, compression.v1Framing());
    }

    /** Clamps to what the framing the server just pushed allows (2.6 computes its frame again after a push too). */
    void framingChanged() {
        L3Node tun = fromTun;
        L3Node tunnel = fromTunnel;
        if (tun != null && tunnel != null) {
            L3Policy policy = tun.policy().withMssClamp(mssClamp());
            tun.setPolicy(policy);
            tunnel.setPolicy(policy);
        }
    }

    /**
     * Aims the transport at {@code to} over {@code over}: the next server of a client's list, or
     * the next address of its name. The old transport and its worker are closed first; the TUN
     * device stays. On the client's control strand, between sessions.
     */
    void retarget(InetSocketAddress to, OccOptionsString.Transport over) throws IOException {
        closeTransport();
        remote = to;
        kind = over;
        local = config.localBindToward(to).orElse(null);
        openTransport();
    }

    OccOptionsString.Transport transportKind() {
        return kind;
    }

    /** The graph nodes whose input {@link #byteCounts} adds up: TUN read, TUN write, network read, network write. */
    private static final String[] COUNTED = {"from-tun", "to-tun", "from-net", "to-net"};
    /** What the graphs of closed transports counted, so that the counts run on across reconnects, as 2.6's do. */
    private final long[] closedCounts = new long[COUNTED.length];

    /**
     * Bytes read from and written to the TUN device, and received from and sent to the network
     * (the data channel; a control packet a session sends itself is not counted), since the
     * client started.
     */
    synchronized long[] byteCounts() {
        long[] out = closedCounts.clone();
        add(graph, out);
        return out;
    }

    private static void add(Graph g, long[] into) {
        if (g == null) {
            return;
        }
        for (NodeCounters c : g.counters()) {
            for (int i = 0; i < COUNTED.length; i++) {
                if (COUNTED[i].equals(c.node())) {
                    into[i] += c.bytesIn();
                }
            }
        }
    }

    /** Stops the worker and closes the transport; the TUN device stays. */
    void closeTransport() {
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
        Graph g = graph;
        if (g != null) {
            synchronized (this) {
                add(g, closedCounts);
                graph = null;
            }
            g.close();
        }
        Transport t = transport;
        transport = null;
        if (t != null) {
            try {
                t.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "closing the transport failed", e);
            }
        }
    }

    boolean transportOpen() {
        return worker != null;
    }

    /** Whether the server closed the TCP stream (a restart): then there is no point waiting for ping-restart. */
    boolean streamClosed() {
        return transport != null && transport.isStream() && transport.closedConnections() > 0;
    }

    /** The peer's address: configured, or learned ({@link #learn}); null before a peer without {@code remote} showed up. */
    InetSocketAddress remote() {
        Transport t = transport;
        int handle = peerHandle;
        if (remote == null && t != null && handle >= 0) {
            return t.addressOf(handle);
        }
        return remote;
    }

    /** What {@link #remote} says, or the local port this side waits on for its first peer. */
    String peerText() {
        InetSocketAddress r = remote();
        return r != null ? String.valueOf(r) : "the first peer on port " + config.localPort();
    }

    /**
     * A peer-less TLS server's first peer: sealed and control packets go to {@code from} from
     * now on. Posted to the worker ahead of what the session answers, so the answer goes there.
     */
    void learn(InetSocketAddress from) {
        Worker w = worker;
        if (w == null) {
            return;
        }
        w.post(() -> {
            Transport t = transport;
            if (t == null) {
                return;
            }
            int handle = t.handleOf(from);
            if (handle >= 0 && handle != peerHandle) {
                peerHandle = handle;
            }
        });
    }

    /** The address the transport is bound to ({@code local}, {@code lport}), or null for the kernel's choice. */
    InetSocketAddress localBind() {
        return local;
    }

    String tunName() {
        return tun.name();
    }

    /** The factory that opened the TUN device, which also sets its addresses and routes. */
    LinkFactory tunFactory() {
        return tunFactory;
    }

    /**
     * {@code float}: the server answered from another address with an authentic data packet, so
     * sealed packets go there from now on (learned by the transport). On the worker; rare.
     */
    void floatTo(Packet authentic) {
        Transport t = transport;
        if (t == null || t.isStream()) {
            return;
        }
        int handle = authentic.remote();
        if (handle == Transport.UNKNOWN_PEER) {
            handle = t.handleOf(authentic.remoteAddress());
        }
        if (handle >= 0 && handle != peerHandle) {
            LOG.log(System.Logger.Level.INFO, "the server floated to " + t.addressOf(handle));
            peerHandle = handle;
        }
    }

    /** The server's handle on the current transport: what sealed packets are sent to. */
    int peerHandle() {
        return peerHandle;
    }

    @Override
    public Worker worker() {
        return worker;
    }

    @Override
    public Transport transport(Worker on) {
        return transport;
    }

    @Override
    public int handle() {
        return peerHandle;
    }

    /** Per-node counters and the pool, one line each; nodes that counted nothing only if {@code idleToo}. */
    void describe(StringBuilder out, boolean idleToo) {
        Link.describe(out, tun);
        Transport.describe(out, transport);
        Worker w = worker;
        if (w != null) {
            out.append("  worker ").append(w.describe()).append('\n');
        }
        Graph g = graph;
        if (g != null) {
            for (NodeCounters c : g.counters()) {
                if (idleToo || !c.idle()) {
                    out.append("  node ").append(c.describe()).append('\n');
                }
            }
        }
        out.append("  pool: ").append(pool).append('\n');
    }

    /** Closes the transport, its worker and the TUN device. */
    void close() {
        closeTransport();
        if (tun != null) {
            try {
                tun.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + tun.name() + " failed", e);
            }
        }
    }
}
