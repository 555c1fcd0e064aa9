package dev.culvert.vpn.server;

import dev.culvert.core.graph.Graph;
import dev.culvert.core.graph.NodeCounters;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.worker.Worker;
import dev.culvert.vpn.metrics.MetricsTarget;
import dev.culvert.vpn.metrics.Sample;
import java.util.ArrayList;
import java.util.List;

/**
 * The server as the metrics endpoint sees it: the client table, the lifecycle's handshake
 * counts, and every worker's graph, pool and scheduling class. Everything read here is published for any thread
 * (adders, volatile fields, the table's atomic array), as {@code culvert:status} reads it.
 */
final class ServerMetrics implements MetricsTarget {
    private final ClientTable clients;
    private final ClientLifecycle lifecycle;
    private final List<Worker> workers;
    private final List<Graph> graphs;

    ServerMetrics(ClientTable clients, ClientLifecycle lifecycle, List<Worker> workers, List<Graph> graphs) {
        this.clients = clients;
        this.lifecycle = lifecycle;
        this.workers = List.copyOf(workers);
        this.graphs = List.copyOf(graphs);
    }

    @Override
    public Sample sample() {
        long connecting = 0;
        List<Sample.Client> connected = new ArrayList<>();
        for (ServerClient c : clients.all()) {
            if (c.removed) {
                continue;
            }
            String name = c.commonName;
            if (c.connected && name != null) {
                connected.add(new Sample.Client(name, c.bytesIn.sum(), c.bytesOut.sum(), c.packetsIn.sum(), c.packetsOut.sum()));
            } else if (!c.connected) {
                connecting++;
            }
        }
        List<Sample.Node> nodes = new ArrayList<>();
        for (int w = 0; w < graphs.size(); w++) {
            for (NodeCounters n : graphs.get(w).counters()) {
                nodes.add(new Sample.Node(w, n.node(), n.packetsIn(), n.bytesIn(), n.dropsByReason()));
            }
        }
        List<Sample.Pool> pools = new ArrayList<>();
        List<Sample.Scheduling> scheduling = new ArrayList<>();
        for (Worker w : workers) {
            PacketPool p = w.pool();
            pools.add(new Sample.Pool(w.index(), p.capacity(), p.available(), p.outstanding(), p.exhaustions(), p.bufferSize()));
            scheduling.add(new Sample.Scheduling(w.index(), w.realtimeNow(), w.realtimeRefusals(), w.realtimeDemotions(), w.realtimeReturns()));
        }
        return new Sample(connected.size(), connecting, clients.capacity(), workers.size(), lifecycle.connectedTotal(),
                lifecycle.handshakeFailures(), nodes, pools, scheduling, connected);
    }
}
