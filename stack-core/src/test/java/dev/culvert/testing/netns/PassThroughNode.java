package dev.culvert.testing.netns;

import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Graph;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.transport.UdpTransport;
import dev.culvert.core.transport.UdpTransportFactory;
import dev.culvert.core.tun.IpTool;
import dev.culvert.core.tun.TunLinkFactory;
import dev.culvert.core.tun.TunQueue;
import dev.culvert.core.worker.ControlExecutor;
import dev.culvert.core.worker.LinkSink;
import dev.culvert.core.worker.TransportSink;
import dev.culvert.core.worker.Worker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A tunnel node that only forwards: every IP packet read from its TUN device goes to one fixed
 * UDP peer as is, and every datagram from the peer is written to the TUN device. It stands in
 * for the VPN module in the namespace tests and the benchmark, and lives in test sources only.
 *
 * <p>Arguments: {@code --tun NAME --addr CIDR --mtu N --local IP:PORT --remote IP:PORT
 * --workers N --seconds N}. It prints {@code READY} once forwarding, a {@code STATS} line every
 * half second, and exits by itself after {@code --seconds} so a lost node cannot linger.
 */
public final class PassThroughNode {
    private PassThroughNode() {
    }

    /** Tags every packet with the one peer's handle, so the transport sink knows where to send it. */
    private static final class ToPeer implements Node {
        private final int handle;

        ToPeer(int handle) {
            this.handle = handle;
        }

        @Override
        public void process(PacketBatch batch, Emitter out) {
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).setFlow(handle);
                out.forward(batch.get(i));
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        String tunName = options.getOrDefault("tun", "cv0");
        int mtu = Integer.parseInt(options.getOrDefault("mtu", "1400"));
        int workers = Integer.parseInt(options.getOrDefault("workers", Integer.toString(Runtime.getRuntime().availableProcessors())));
        long seconds = Long.parseLong(options.getOrDefault("seconds", "120"));
        InetSocketAddress local = address(options.get("local"));
        InetSocketAddress remote = address(options.get("remote"));

        try (ControlExecutor control = ControlExecutor.withDefaults()) {
            // Opening the device and running `ip` block: they belong on the control executor.
            TunQueue[] queues = ControlExecutor.await(control.submit("open TUN " + tunName, () -> {
                TunQueue[] opened = new TunLinkFactory().openQueues(tunName, mtu, workers);
                IpTool.setMtuAndUp(opened[0].name(), mtu);
                if (options.containsKey("addr")) {
                    IpTool.addAddress(opened[0].name(), options.get("addr"));
                }
                return opened;
            }), 30, TimeUnit.SECONDS);
            UdpTransport[] sockets = new UdpTransportFactory().open(local, null, workers);
            int peer = sockets[0].handleOf(remote);

            Graph graph = Graph.builder()
                    .node("from-tun", new ToPeer(peer))
                    .node("to-udp", new TransportSink(0))
                    .node("from-udp", new Node() {
                        @Override
                        public void process(PacketBatch batch, Emitter out) {
                            for (int i = 0; i < batch.size(); i++) {
                                out.forward(batch.get(i));
                            }
                        }
                    })
                    .node("to-tun", new LinkSink(0))
                    .wire("from-tun", "to-udp")
                    .wire("from-udp", "to-tun")
                    .build();
            List<Worker> all = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                Worker worker = new Worker(w, "culvert-worker-" + w, graph, new PacketPool("worker-" + w, 4096), 1024);
                worker.addLink(queues[w], "from-tun");
                worker.addTransport(sockets[w], "from-udp");
                all.add(worker);
            }
            all.forEach(Worker::start);
            System.out.println("READY tun=" + queues[0].name() + " workers=" + workers + " local=" + sockets[0].localAddress());
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                Thread.sleep(500);
                printStats(queues, sockets, graph);
            }
            for (Worker w : all) {
                w.stopAndJoin(2, TimeUnit.SECONDS);
                w.close();
            }
            printStats(queues, sockets, graph);
            for (TunQueue q : queues) {
                q.close();
            }
            for (UdpTransport s : sockets) {
                s.close();
            }
        }
    }

    private static void printStats(TunQueue[] queues, UdpTransport[] sockets, Graph graph) {
        long tunRead = 0;
        long tunWritten = 0;
        long sent = 0;
        long received = 0;
        StringBuilder perWorker = new StringBuilder();
        for (int i = 0; i < queues.length; i++) {
            tunRead += queues[i].readPackets();
            tunWritten += queues[i].writtenPackets();
            sent += sockets[i].sentPackets();
            received += sockets[i].receivedPackets();
            perWorker.append(" w").append(i).append(".tun.read=").append(queues[i].readPackets());
        }
        System.out.println("STATS tun.read=" + tunRead + " udp.sent=" + sent + " udp.received=" + received + " tun.written="
                + tunWritten + " graph.drops=" + graph.dropsTotal() + " transport.drops=" + sockets[0].drops().total()
                + perWorker);
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
