package dev.culvert.testing.netns;

import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Graph;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.io.transport.TcpTransport;
import dev.culvert.core.io.transport.TcpTransportFactory;
import dev.culvert.core.io.transport.UdpTransport;
import dev.culvert.core.io.transport.UdpTransportFactory;
import dev.culvert.core.io.tun.IpTool;
import dev.culvert.core.io.tun.LinkUp;
import dev.culvert.core.io.tun.TunLinkFactory;
import dev.culvert.core.io.tun.TunQueue;
import dev.culvert.core.worker.ControlExecutor;
import dev.culvert.core.link.LinkSink;
import dev.culvert.core.worker.OwnerHandoff;
import dev.culvert.core.worker.TransportSink;
import dev.culvert.core.worker.WorkerGroup;
import dev.culvert.core.worker.Workers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tunnel node that only forwards: every IP packet read from its TUN device goes to one fixed
 * UDP peer as is, and every datagram from the peer is written to the TUN device. It stands in
 * for the VPN module in the namespace tests and the benchmark, and lives in test sources only.
 *
 * <p>Arguments: {@code --tun NAME --addr CIDR --mtu N --local IP:PORT --remote IP:PORT
 * --workers N --seconds N --proto udp|tcp-server|tcp-client}. Over TCP a peer's connection
 * belongs to one worker, so packets read on the other workers' TUN queues are handed to it
 * ({@link OwnerHandoff}). It prints {@code READY} once forwarding, a {@code STATS} line every
 * half second, and exits by itself after {@code --seconds} so a lost node cannot linger.
 */
public final class PassThroughNode {
    private PassThroughNode() {
    }

    /** Tags every packet with the one peer's handle, so the transport sink knows where to send it. */
    private static final class ToPeer implements Node {
        private final AtomicInteger handle;

        ToPeer(AtomicInteger handle) {
            this.handle = handle;
        }

        @Override
        public void process(PacketBatch batch, Emitter out) {
            int peer = handle.get();
            for (int i = 0; i < batch.size(); i++) {
                // No tunnel protocol here: the peer is the far end itself (for TCP, its connection).
                batch.get(i).setRemote(peer);
                batch.get(i).setDestinationPeer(peer);
                out.forward(batch.get(i));
            }
        }
    }

    /** Remembers the handle packets arrive from (a TCP server learns its peer's connection this way). */
    private static final class LearnPeer implements Node {
        private final AtomicInteger handle;

        LearnPeer(AtomicInteger handle) {
            this.handle = handle;
        }

        @Override
        public void process(PacketBatch batch, Emitter out) {
            for (int i = 0; i < batch.size(); i++) {
                int from = batch.get(i).remote();
                if (from != dev.culvert.spi.transport.Transport.UNKNOWN_PEER && handle.get() != from) {
                    handle.set(from);
                }
                out.forward(batch.get(i));
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        String tunName = options.getOrDefault("tun", "cv0");
        int mtu = Integer.parseInt(options.getOrDefault("mtu", "1400"));
        int workers = options.containsKey("workers") ? Integer.parseInt(options.get("workers")) : Workers.defaultCount();
        long seconds = Long.parseLong(options.getOrDefault("seconds", "120"));
        InetSocketAddress local = address(options.get("local"));
        InetSocketAddress remote = options.containsKey("remote") ? address(options.get("remote")) : null;

        try (ControlExecutor control = ControlExecutor.withDefaults()) {
            // Opening the device and running `ip` block: they belong on the control executor.
            TunQueue[] queues = ControlExecutor.await(control.submit("open TUN " + tunName, () -> {
                boolean offloads = !"off".equals(options.getOrDefault("offloads", "on"));
                TunQueue[] opened = new TunLinkFactory(offloads).openQueues(tunName, mtu, workers);
                LinkUp.setMtuAndUp(opened[0].name(), mtu);
                if (options.containsKey("addr")) {
                    IpTool.addAddress(opened[0].name(), options.get("addr"));
                }
                return opened;
            }), 30, TimeUnit.SECONDS);
            String proto = options.getOrDefault("proto", "udp");
            dev.culvert.spi.transport.Transport[] sockets;
            AtomicInteger peer = new AtomicInteger(-1);
            OwnerHandoff handoff = null;
            switch (proto) {
                case "udp" -> {
                    UdpTransport[] udp = new UdpTransportFactory().open(local, null, workers);
                    peer.set(udp[0].handleOf(remote));
                    sockets = udp;
                }
                case "tcp-server" -> sockets = new TcpTransportFactory().open(local, null, workers);
                case "tcp-client" -> {
                    TcpTransport client = new TcpTransportFactory().open(null, remote);
                    peer.set(client.connectionHandles().get(0));
                    sockets = new dev.culvert.spi.transport.Transport[] {client};
                }
                default -> throw new IllegalArgumentException("--proto udp|tcp-server|tcp-client, not " + proto);
            }
            Graph.Builder builder = Graph.builder()
                    .node("from-tun", new ToPeer(peer))
                    .node("to-net", new TransportSink(0))
                    .node("from-net", new LearnPeer(peer))
                    .node("to-tun", LinkSink.ofWorker(0))
                    .wire("from-net", "to-tun");
            if (proto.equals("udp")) {
                builder.wire("from-tun", "to-net");
            } else {
                // A TCP peer's connection lives on one worker: hand its packets to that worker.
                handoff = new OwnerHandoff(TcpTransportFactory.owners());
                builder.node("handoff", handoff).wire("from-tun", "handoff").wire("handoff", "owned", "to-net");
            }
            Graph graph = builder.build();
            WorkerGroup group = new WorkerGroup("culvert-worker", workers, graph, 4096, 1024);
            for (int w = 0; w < workers; w++) {
                group.worker(w).addLink(queues[w], "from-tun");
                if (w < sockets.length) {
                    group.worker(w).addTransport(sockets[w], "from-net");
                }
            }
            group.setInboxEntry("to-net");
            if (handoff != null) {
                handoff.setWorkers(group.workers());
            }
            group.start();
            System.out.println("READY tun=" + queues[0].name() + " workers=" + workers + " proto=" + proto);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                Thread.sleep(500);
                printStats(queues, sockets, graph);
            }
            group.close();
            printStats(queues, sockets, graph);
            for (TunQueue q : queues) {
                q.close();
            }
            for (dev.culvert.spi.transport.Transport s : sockets) {
                s.close();
            }
        }
    }

    private static void printStats(TunQueue[] queues, dev.culvert.spi.transport.Transport[] sockets, Graph graph) {
        long tunRead = 0;
        long tunWritten = 0;
        long sent = 0;
        long received = 0;
        long transportDrops = 0;
        long superPackets = 0;
        long segments = 0;
        long tunDrops = 0;
        long superWritten = 0;
        StringBuilder perWorker = new StringBuilder();
        for (int i = 0; i < queues.length; i++) {
            tunRead += queues[i].readPackets();
            tunWritten += queues[i].writtenPackets();
            superPackets += queues[i].superPackets();
            segments += queues[i].segments();
            superWritten += queues[i].superPacketsWritten();
            tunDrops += queues[i].dropCounts().values().stream().mapToLong(Long::longValue).sum();
            perWorker.append(" w").append(i).append(".tun.read=").append(queues[i].readPackets());
        }
        for (dev.culvert.spi.transport.Transport t : sockets) {
            if (t instanceof UdpTransport u) {
                sent += u.sentPackets();
                received += u.receivedPackets();
                transportDrops = u.drops().total();
            } else if (t instanceof TcpTransport c) {
                sent += c.sentPackets();
                received += c.receivedPackets();
                transportDrops = c.drops().total();
            }
        }
        for (TunQueue q : queues) {
            System.out.println("LINK " + q.status());
        }
        System.out.println("STATS tun.read=" + tunRead + " net.sent=" + sent + " net.received=" + received + " tun.written="
                + tunWritten + " graph.drops=" + graph.dropsTotal() + " transport.drops=" + transportDrops + " tun.super=" + superPackets + " tun.segments=" + segments + " tun.drops=" + tunDrops
                + " tun.super-written=" + superWritten + perWorker);
    }

    /** The counters of a "STATS name=value ..." line this node prints. */
    public static Map<String, Long> parseStats(String line) {
        Map<String, Long> values = new java.util.TreeMap<>();
        for (String field : line.substring("STATS ".length()).split(" ")) {
            String[] kv = field.split("=");
            values.put(kv[0], Long.parseLong(kv[1]));
        }
        return values;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    static InetSocketAddress address(String text) throws java.net.UnknownHostException {
        if (text == null) {
            throw new IllegalArgumentException("--local and --remote are required (IP:PORT or [IPv6]:PORT)");
        }
        int colon = text.lastIndexOf(':');
        String host = text.substring(0, colon).replace("[", "").replace("]", "");
        return new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(text.substring(colon + 1)));
    }
}
