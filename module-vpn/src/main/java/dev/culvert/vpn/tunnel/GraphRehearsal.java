package dev.culvert.vpn.tunnel;

import dev.culvert.core.checksum.InternetChecksum;
import dev.culvert.core.compress.CompressNode;
import dev.culvert.core.compress.DecompressNode;
import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Graph;
import dev.culvert.core.l3.L3Node;
import dev.culvert.core.link.VirtualLink;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.slot.Binding;
import dev.culvert.core.slot.Slot;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.core.worker.Worker;
import dev.culvert.spi.compress.Compressor;
import dev.culvert.spi.feature.Feature;
import dev.culvert.spi.l3.L3Metadata;
import dev.culvert.spi.l3.L3Policy;
import dev.culvert.spi.l3.L3Protocol;
import dev.culvert.spi.l3.Side;
import dev.culvert.spi.route.AddressText;
import dev.culvert.spi.route.RouteTable;
import dev.culvert.spi.route.Router;
import dev.culvert.spi.transport.Transport;
import dev.culvert.spi.transport.TransportFactory;
import dev.culvert.spi.transport.TransportOptions;
import dev.culvert.vpn.data.AeadSource;
import dev.culvert.vpn.data.KeyContext;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.Key2Splitter;
import dev.culvert.vpn.keys.Role;
import dev.culvert.vpn.replay.ReplayWindow;
import dev.culvert.vpn.session.DataKeySet;
import dev.culvert.vpn.session.DataPlane;
import dev.culvert.vpn.session.DropCounts;
import dev.culvert.vpn.wire.DataPacketView;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends made-up packets both ways between two copies of the one-peer graph ({@link OnePeerGraph}),
 * each on a worker of its own, so that HotSpot compiles the nodes a packet crosses (the L3 checks,
 * the feature arcs, sealing and opening, the sinks, the worker's loop and the UDP transport's
 * marshalling) before a tunnel's own packets find them interpreted. Warming the AEAD alone left
 * them there: at a ping's rate the nodes stayed in C1's slowest tier for over a minute, because the
 * graph calls every node through one call site (BENCHMARKS.md, "The idle p50"). A server's graph
 * has more nodes (routing, the hand-off to a peer's owner); the ones it shares with this graph are
 * the ones warmed.
 *
 * <p>The traffic must take the branches a node's real traffic takes, or HotSpot compiles a branch
 * as never taken and the first real packet that takes it sends the node back to the interpreter.
 * So it has IPv6 beside IPv4 (a TUN device sends some on any tunnel), and the tunnel side checks
 * sources (a server checks them, a client does not). Between bursts, now and then, each worker
 * runs a posted task (a server's control threads post them: keys, new sessions) and a stranger's
 * hard reset arrives from an address neither copy knows (a server's every new client starts so):
 * without them the worker's loop and the opcode check were compiled as never meeting either, and
 * a fresh server's first client threw both back to the interpreter. Every few strangers both
 * copies start a new session, with fresh keys and replay windows: the window's check was compiled
 * as never meeting a window not yet started, which each new client's first packet finds. Its
 * sockets take the family of the node's own ({@code ::1} beside a {@code proto udp} server's
 * dual-stack {@code ::}, else {@code 127.0.0.1}): the transport's address reading and the peer
 * table's lookup branch on the family, and an IPv4 rehearsal left a {@code ::} server's first
 * client to throw both back. It has no TCP SYN, whose MSS the L3 check clamps, and compresses
 * nothing: a node's first such packet may still cost that code its compilation.
 *
 * <p>Nothing real sees the packets. The rehearsal has a slot registry of its own, holding only the
 * node's L3 protocols and UDP transport: an installed feature, the node's router and its
 * compressors never see a made-up packet, and drops are counted in the rehearsal's own graphs.
 * Each copy has a virtual cable where the TUN device would be, and the two talk over a UDP socket
 * pair on the loopback address; where {@code ::1} cannot be bound (IPv6 off on the loopback
 * interface), on {@code 127.0.0.1}, and the log line says why. The keys are random and retired at
 * the end. The workers run at the lowest CPU priority: the rehearsal takes only what the node's
 * own traffic and handshakes leave over.
 */
public final class GraphRehearsal {
    /**
     * Round trips per rehearsal: past HotSpot's thresholds for the optimising compiler in every node
     * twice over. Half of it compiles the nodes; the rest compiles again what a late deoptimisation
     * threw back (a server's L3 check lost its compiled code to one with 0.3 s of a 20,000-packet
     * rehearsal left, and real traffic at a ping's rate took 16 s to bring it back).
     */
    static final int ROUND_TRIPS = 40_000;
    /** How long one packet may take to come round before it counts as lost; loopback needs microseconds. */
    private static final long WAIT_MILLIS = 1_000;
    /**
     * Lost packets after which the rehearsal stops: something is wrong, and it only warms. It stops
     * at the first loss if nothing has come round yet (a namespace whose loopback is down).
     */
    private static final int MAX_LOST = 16;
    /** Inside packets as a tunnel carries them: a full UDP datagram, a TCP ACK, a ping, a mid-sized one. */
    private static final int[] SIZES = {1400, 52, 84, 576};
    private static final int[] PROTOCOLS = {17, 6, 1, 17};
    /** Packets in flight at once: a ping's one, and the short trains of a transfer. */
    private static final int[] BURSTS = {1, 1, 2, 4};
    /** Packets made for the rehearsal, sent in turn: a multiple of the kinds and of the IPv6 turn. */
    private static final int DISTINCT_PACKETS = 64;
    private static final int PEER_ID = 1;
    /** Every how many bursts the workers run a posted task and a stranger's datagram arrives. */
    static final int STRANGER_EVERY = 16;
    /** Every how many strangers both copies start a new session: fresh keys and replay windows, as each new client has. */
    static final int NEW_SESSION_EVERY = 4;
    /** A client's first datagram as 2.6 sends it without tls-auth: P_CONTROL_HARD_RESET_CLIENT_V2, a session id, no acks, packet id 1. */
    private static final byte[] HARD_RESET = {0x38, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0, 1};
    private static final int POOL_PACKETS = 256;
    private static final InetAddress IPV4_LOOPBACK = loopback(new byte[] {127, 0, 0, 1});
    private static final InetAddress IPV6_LOOPBACK = loopback(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});

    private GraphRehearsal() {
    }

    /**
     * Rehearses {@code roundTrips} round trips with the L3 protocols and the UDP transport bound in
     * {@code node}'s registry, sealed with {@code cipher} (an AEAD cipher) from {@code aead}, checked
     * as {@code policy} says, over sockets of {@code family} (the family of the node's own socket);
     * returns the line the node logs.
     */
    public static String run(SlotRegistry registry, L3Policy policy, DataCipher cipher, AeadSource aead, int roundTrips,
                             StandardProtocolFamily family) {
        return run(registry, policy, cipher, aead, roundTrips, family == StandardProtocolFamily.INET6 ? IPV6_LOOPBACK : IPV4_LOOPBACK);
    }

    /** As {@link #run(SlotRegistry, L3Policy, DataCipher, AeadSource, int, StandardProtocolFamily)}, on {@code loopback}. */
    static String run(SlotRegistry registry, L3Policy policy, DataCipher cipher, AeadSource aead, int roundTrips, InetAddress loopback) {
        if (!cipher.isAead()) {
            return "data path not rehearsed: " + cipher.openvpnName() + " is 2.6's CBC fallback, which the rehearsal leaves to the tunnels that use it";
        }
        long started = System.nanoTime();
        try {
            Outcome outcome = rehearse(registry, policy, cipher, aead, roundTrips, loopback);
            if (outcome.intact == 0) {
                return "data path not rehearsed (" + cipher.openvpnName() + "): no packet came round between the two copies of the"
                        + " one-peer graph over UDP on loopback " + outcome.where + " (" + outcome.lost + " lost; is the loopback interface up?)";
            }
            return "data path rehearsed in " + (System.nanoTime() - started) / 1_000_000 + " ms: " + outcome.intact + " of "
                    + outcome.sent + " packets came round intact through two copies of the one-peer graph (" + cipher.openvpnName()
                    + ", UDP on loopback " + outcome.where + ") in " + outcome.sessions + " sessions, with " + outcome.tasks
                    + " posted tasks run by its workers and " + outcome.strangers + " strangers' resets sent in"
                    + (outcome.lost > 0 ? "; " + outcome.lost + " lost" : "");
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return "data path not rehearsed (" + cipher.openvpnName() + "): " + e;
        }
    }

    /**
     * The family of a node's socket bound to {@code local}: an IPv6 address, the dual-stack {@code ::}
     * among them, is INET6; an IPv4 address, or none known ({@code null}), INET.
     */
    public static StandardProtocolFamily familyOf(InetSocketAddress local) {
        return local != null && local.getAddress() instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    /**
     * What came round, the posted tasks run, the strangers' resets and the sessions, and
     * {@code where}: the loopback address the sockets were bound to, with why if it is not the one
     * asked for.
     */
    private record Outcome(int sent, int intact, int lost, int tasks, int strangers, int sessions, String where) {
    }

    private static Outcome rehearse(SlotRegistry node, L3Policy policy, DataCipher cipher, AeadSource aead, int roundTrips,
                                    InetAddress wanted) throws IOException, GeneralSecurityException {
        SlotRegistry registry = ownRegistry(node);
        List<AutoCloseable> opened = new ArrayList<>();
        SecureRandom random = new SecureRandom();
        try {
            TransportFactory udp = RuntimeSlots.transport(registry, "udp");
            String where = text(wanted);
            Transport farNet;
            try {
                farNet = keep(opened, udp.open(new InetSocketAddress(wanted, 0), null, TransportOptions.DEFAULT));
            } catch (IOException e) {
                if (wanted.equals(IPV4_LOOPBACK)) {
                    throw e;
                }
                // A namespace or host with IPv6 off on its loopback interface: the other family still warms the rest.
                farNet = keep(opened, udp.open(new InetSocketAddress(IPV4_LOOPBACK, 0), null, TransportOptions.DEFAULT));
                where = text(IPV4_LOOPBACK) + " (" + text(wanted) + " could not be bound: " + e.getMessage() + ")";
            }
            InetSocketAddress loopback = new InetSocketAddress(farNet.localAddress().getAddress(), 0);
            Transport nearNet = keep(opened, udp.open(loopback, farNet.localAddress(), TransportOptions.DEFAULT));
            VirtualLink[] nearTun = VirtualLink.pair("rehearsal-near", policy.mtu(), POOL_PACKETS);
            VirtualLink[] farTun = VirtualLink.pair("rehearsal-far", policy.mtu(), POOL_PACKETS);
            opened.add(nearTun[0]);
            opened.add(nearTun[1]);
            opened.add(farTun[0]);
            opened.add(farTun[1]);
            KeyContext[] keys = sessionKeys(cipher, aead, random);
            Peer near = keep(opened, new Peer(keys[0], nearNet.handleOf(farNet.localAddress())));
            Peer far = keep(opened, new Peer(keys[1], farNet.handleOf(nearNet.localAddress())));
            Worker nearWorker = start(opened, "culvert-rehearsal-near", registry, policy, near, nearTun[0], nearNet);
            Worker farWorker = start(opened, "culvert-rehearsal-far", registry, policy, far, farTun[0], farNet);
            DatagramChannel stranger = keep(opened, DatagramChannel.open(familyOf(loopback)).bind(loopback));
            ByteBuffer hardReset = ByteBuffer.wrap(HARD_RESET);
            AtomicInteger tasksRun = new AtomicInteger();
            AtomicInteger strangers = new AtomicInteger();
            AtomicInteger sessions = new AtomicInteger(1);
            // Tasks of three classes: a server's tasks are of many, and a call site that met one or two
            // would be compiled to expect them and trap on every other class.
            Runnable[] tasks = {tasksRun::incrementAndGet, () -> tasksRun.addAndGet(1), new CountingTask(tasksRun)};
            Runnable meanwhile = () -> {
                // Between bursts nothing is in flight: each copy may take a new session's keys.
                if (strangers.get() % NEW_SESSION_EVERY == NEW_SESSION_EVERY - 1) {
                    try {
                        KeyContext[] next = sessionKeys(cipher, aead, random);
                        near.newSession(next[0]);
                        far.newSession(next[1]);
                        sessions.incrementAndGet();
                    } catch (GeneralSecurityException e) {
                        // the keys in force stay; the rehearsal only warms
                    }
                }
                Runnable task = tasks[strangers.get() % tasks.length];
                nearWorker.post(task);
                farWorker.post(task);
                try {
                    strangers.addAndGet(stranger.send(hardReset.clear(), nearNet.localAddress()) > 0 ? 1 : 0);
                } catch (IOException e) {
                    // a rehearsal's datagram; the packets that matter are the tunnel's
                }
            };
            boolean v6 = registry.slot(SlotNames.L3, L3Protocol.class).all().stream().anyMatch(b -> b.implementation().ipVersion() == 6);
            Outcome outcome = traffic(nearTun[1], farTun[1], roundTrips, v6, meanwhile);
            return new Outcome(outcome.sent, outcome.intact, outcome.lost, tasksRun.get(), strangers.get(), sessions.get(), where);
        } finally {
            closeAll(opened);
        }
    }

    /**
     * A session's keys, the client's and the server's, from random key material wiped at once, each
     * with a fresh replay window: a real session's first packet finds its window not yet started.
     */
    private static KeyContext[] sessionKeys(DataCipher cipher, AeadSource aead, SecureRandom random) throws GeneralSecurityException {
        byte[] key2 = new byte[Key2Splitter.KEY2_LENGTH];
        try {
            random.nextBytes(key2);
            KeyContext client = new KeyContext(0, Key2Splitter.split(key2, cipher, Role.CLIENT), new ReplayWindow(), aead);
            try {
                return new KeyContext[] {client, new KeyContext(0, Key2Splitter.split(key2, cipher, Role.SERVER), new ReplayWindow(), aead)};
            } catch (GeneralSecurityException | RuntimeException e) {
                client.close();
                throw e;
            }
        } finally {
            Arrays.fill(key2, (byte) 0);
        }
    }

    /** The node's L3 protocols and UDP transport, and a router that lets every source through (so the check runs). */
    private static SlotRegistry ownRegistry(SlotRegistry node) throws IOException {
        SlotRegistry own = new SlotRegistry();
        Slot<L3Protocol> protocols = own.slot(SlotNames.L3, L3Protocol.class);
        for (Binding<L3Protocol> b : node.slot(SlotNames.L3, L3Protocol.class).all()) {
            protocols.bind(b.implementation(), b.name(), b.ranking());
        }
        own.slot(SlotNames.TRANSPORT, TransportFactory.class).bind(RuntimeSlots.transport(node, "udp"), "udp", 0);
        own.slot(SlotNames.ROUTE, Router.class).bind(new EverySource(), "rehearsal", 0);
        return own;
    }

    /** As OpenVPN prints addresses: {@code ::1}, not the JDK's {@code 0:0:0:0:0:0:0:1}. */
    private static String text(InetAddress address) {
        return address instanceof Inet6Address ? AddressText.ipv6(address.getAddress()) : address.getHostAddress();
    }

    private static InetAddress loopback(byte[] address) {
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 and 16 bytes are addresses", e);
        }
    }

    private static <T extends AutoCloseable> T keep(List<AutoCloseable> opened, T resource) {
        opened.add(resource);
        return resource;
    }

    /** One copy of the one-peer graph on its own idle-priority worker, over {@code tun} and {@code net}. */
    private static Worker start(List<AutoCloseable> opened, String name, SlotRegistry registry, L3Policy policy, Peer peer, VirtualLink tun,
                                Transport net) throws IOException {
        Slot<Compressor> codecs = registry.slot(SlotNames.COMPRESS, Compressor.class);
        Graph graph = OnePeerGraph.build(registry.slot(SlotNames.FEATURE, Feature.class), new L3Node(registry, Side.LINK, policy),
                new L3Node(registry, Side.TUNNEL, policy, true), new CompressNode(codecs, null, false), new DecompressNode(codecs, null),
                peer, peer);
        opened.add(graph::close);
        Worker worker = new Worker(0, name, graph, new PacketPool(name, POOL_PACKETS), 64);
        opened.add(() -> {
            worker.stopAndJoin(5, TimeUnit.SECONDS);
            worker.close();
        });
        worker.addLink(tun, OnePeerGraph.FROM_TUN);
        worker.addTransport(net, OnePeerGraph.FROM_NET);
        worker.startAtIdlePriority();
        return worker;
    }

    /**
     * Writes packets into the near copy's cable in bursts; each comes out of the far copy's, is
     * written back into it as the far side's answer, and must come out of the near cable as it was
     * sent. Every {@link #STRANGER_EVERY} bursts, {@code meanwhile} runs.
     */
    private static Outcome traffic(VirtualLink nearApp, VirtualLink farApp, int roundTrips, boolean v6, Runnable meanwhile) {
        PacketPool pool = new PacketPool("rehearsal-traffic", 2 * BURSTS[BURSTS.length - 1] + 2);
        // A ring of distinct packets, made once: tens of thousands of fresh arrays would grow the
        // node's heap for a warm-up. Any burst's packets still differ from one another.
        byte[][] ring = new byte[DISTINCT_PACKETS][];
        for (int seq = 0; seq < ring.length; seq++) {
            ring[seq] = insidePacket(seq, v6);
        }
        byte[][] sent = new byte[BURSTS[BURSTS.length - 1]][];
        byte[] received = new byte[2048];
        int count = 0;
        int intact = 0;
        int lost = 0;
        try {
            for (int round = 0; count < roundTrips && lost < MAX_LOST && (lost == 0 || intact > 0); round++) {
                if (round % STRANGER_EVERY == STRANGER_EVERY - 1) {
                    meanwhile.run();
                }
                int burst = Math.min(BURSTS[round % BURSTS.length], roundTrips - count);
                int offered = 0;
                for (int i = 0; i < burst; i++, count++) {
                    byte[] packet = ring[count % ring.length];
                    if (nearApp.send(packet, 0, packet.length, pool)) {
                        sent[offered++] = packet;
                    } else {
                        lost++;
                    }
                }
                int answered = 0;
                for (int i = 0; i < offered; i++) {
                    int n = farApp.receive(received, WAIT_MILLIS, TimeUnit.MILLISECONDS);
                    if (n >= 0 && farApp.send(received, 0, n, pool)) {
                        answered++;
                    } else {
                        lost++;
                    }
                }
                for (int i = 0; i < answered; i++) {
                    int n = nearApp.receive(received, WAIT_MILLIS, TimeUnit.MILLISECONDS);
                    if (n < 0) {
                        lost++;
                    } else if (sentOneOf(sent, offered, received, n)) {
                        intact++;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Outcome(count, intact, lost, 0, 0, 0, "");
    }

    /** Whether {@code received} is one of the burst's {@code offered} packets: in order unless one of them was lost. */
    private static boolean sentOneOf(byte[][] sent, int offered, byte[] received, int length) {
        for (int i = 0; i < offered; i++) {
            if (Arrays.equals(received, 0, length, sent[i], 0, sent[i].length)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Packet {@code seq}: mostly IPv4 from 192.0.2.1 to 198.51.100.1 (documentation ranges), UDP, TCP or
     * ICMP by turns, and with {@code v6} every eighth one IPv6 (2001:db8::1 to 2001:db8::2). A TUN
     * device carries some IPv6 even on an IPv4 tunnel (router solicitations): a branch the rehearsal
     * never took would be compiled as never taken, and the first real IPv6 packet would throw the
     * L3 check's compiled code away.
     */
    static byte[] insidePacket(int seq, boolean v6) {
        int kind = seq % SIZES.length;
        boolean ipv6 = v6 && seq % 8 == 7;
        byte[] p = ipv6 ? ipv6Header(SIZES[kind]) : ipv4Header(SIZES[kind], seq, PROTOCOLS[kind]);
        int l4 = ipv6 ? 40 : 20;
        ByteBuffer b = ByteBuffer.wrap(p);
        switch (ipv6 ? 17 : PROTOCOLS[kind]) {
            case 17 -> b.putShort(l4, (short) 50_000).putShort(l4 + 2, (short) 1234).putShort(l4 + 4, (short) (p.length - l4));
            case 6 -> b.putShort(l4, (short) 50_000).putShort(l4 + 2, (short) 80).putInt(l4 + 4, seq).put(l4 + 12, (byte) 0x50)
                    .put(l4 + 13, (byte) 0x10).putShort(l4 + 14, (short) 0xFFFF);
            default -> p[l4] = 8; // ICMP echo request
        }
        for (int i = l4 + 20; i < p.length; i++) {
            p[i] = (byte) (seq + i);
        }
        return p;
    }

    private static byte[] ipv4Header(int size, int seq, int protocol) {
        byte[] p = new byte[size];
        p[0] = 0x45;
        p[2] = (byte) (size >>> 8);
        p[3] = (byte) size;
        p[4] = (byte) (seq >>> 8);
        p[5] = (byte) seq;
        p[8] = 64;
        p[9] = (byte) protocol;
        ByteBuffer.wrap(p).putInt(12, 0xC000_0201).putInt(16, 0xC633_6401);
        int checksum = InternetChecksum.finish(InternetChecksum.add(0, ByteBuffer.wrap(p), 0, 20));
        p[10] = (byte) (checksum >>> 8);
        p[11] = (byte) checksum;
        return p;
    }

    /** A UDP packet's IPv6 header: {@code size} bytes in all, at least the 48 of the two headers. */
    private static byte[] ipv6Header(int size) {
        byte[] p = new byte[Math.max(size, 48)];
        ByteBuffer.wrap(p).putInt(0, 0x6000_0000).putShort(4, (short) (p.length - 40)).put(6, (byte) 17).put(7, (byte) 64)
                .putLong(8, 0x2001_0db8_0000_0000L).putLong(16, 1).putLong(24, 0x2001_0db8_0000_0000L).putLong(32, 2);
        return p;
    }

    private static void closeAll(List<AutoCloseable> opened) {
        // Workers first (they were added last), then what they used.
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                // A rehearsal's leftovers; the node itself is unaffected.
            }
        }
    }

    /** A posted task of a class of its own. */
    private record CountingTask(AtomicInteger count) implements Runnable {
        @Override
        public void run() {
            count.incrementAndGet();
        }
    }

    /** The rehearsal's router: every source is the peer's own, and nothing is routed (the one-peer graph has no route node). */
    private static final class EverySource implements Router {
        @Override
        public long route(long from, L3Metadata meta) {
            return UNREACHABLE;
        }

        @Override
        public boolean sourceAllowed(long peer, L3Metadata meta) {
            return true;
        }

        @Override
        public RouteTable table() {
            throw new UnsupportedOperationException("a rehearsal's router has no table: nothing takes over from it");
        }
    }

    /**
     * Either copy's one peer, the other copy: keyed with the rehearsal's keys, reached on the
     * loopback socket. Closing it retires the keys in force.
     */
    private static final class Peer implements TunnelPeer, PeerDirectory, AutoCloseable {
        private volatile DataPlane data;
        private volatile KeyContext keys;
        private final int handle;

        Peer(KeyContext keys, int handle) {
            this.handle = handle;
            newSession(keys);
        }

        /** Takes {@code next} as a new session's keys, in a data plane of its own, and retires the last session's. */
        void newSession(KeyContext next) {
            KeyContext last = keys;
            data = DataPlane.keyedWith(new DataKeySet(List.of(next), 0, PEER_ID), new DropCounts(), System.nanoTime());
            keys = next;
            if (last != null) {
                last.close();
            }
        }

        @Override
        public void close() {
            keys.close();
        }

        @Override
        public DataPlane data() {
            return data;
        }

        @Override
        public void addressTo(Packet packet) {
            packet.setRemote(handle);
        }

        @Override
        public TunnelPeer sender(DataPacketView view, Packet packet, Emitter out) {
            return this;
        }

        @Override
        public void malformed(Packet packet, DropReason why, Emitter out) {
            out.drop(packet, why);
        }

        @Override
        public void control(Packet packet, long nowNanos, Emitter out) {
            out.drop(packet, TunnelDrops.NO_PEER); // the rehearsal has no control channel, and nothing sends it control packets
        }
    }
}
