package dev.culvert.vpn.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The node's metrics as the Prometheus client's snapshots, made anew from one {@link Sample} at
 * each scrape: the client only renders them, so no instrument sits on the data path and a series
 * whose client left simply stops. Names follow Prometheus's conventions ({@code culvert_} prefix,
 * base units, {@code _total} counters, which the client's text format appends).
 */
public final class MetricsCollector implements MultiCollector {
    private final MetricsTarget target;
    private final int maxClients;

    /** Per-client series bounded to {@code maxClients} names (see {@link ClientLabels}). */
    public MetricsCollector(MetricsTarget target, int maxClients) {
        this.target = target;
        this.maxClients = maxClients;
    }

    @Override
    public MetricSnapshots collect() {
        Sample s = target.sample();
        MetricSnapshots.Builder out = MetricSnapshots.builder();
        nodes(out, s.nodes());
        clients(out, ClientLabels.bound(s.clients(), maxClients));
        out.metricSnapshot(counter("culvert_handshakes", "First key negotiations that ended in a connected client.", null)
                .dataPoint(count(s.handshakesOk(), Labels.EMPTY)).build());
        CounterSnapshot.Builder failed = counter("culvert_handshake_failures",
                "First key negotiations that ended without a connected client, by reason.", null);
        new TreeMap<>(s.handshakesFailed()).forEach((reason, n) -> failed.dataPoint(count(n, Labels.of("reason", reason))));
        out.metricSnapshot(failed.build());
        out.metricSnapshot(gauge("culvert_sessions", "Client sessions by state.", null)
                .dataPoint(value(s.sessionsConnected(), Labels.of("state", "connected")))
                .dataPoint(value(s.sessionsConnecting(), Labels.of("state", "connecting"))).build());
        out.metricSnapshot(gauge("culvert_sessions_max", "The most clients the server admits (max-clients).", null)
                .dataPoint(value(s.maxClients(), Labels.EMPTY)).build());
        out.metricSnapshot(gauge("culvert_workers", "Data-plane workers.", null).dataPoint(value(s.workers(), Labels.EMPTY)).build());
        pools(out, s.pools());
        scheduling(out, s.scheduling());
        return out.build();
    }

    private static void nodes(MetricSnapshots.Builder out, List<Sample.Node> nodes) {
        CounterSnapshot.Builder packets = counter("culvert_node_packets", "Packets into a graph node, per worker.", null);
        CounterSnapshot.Builder bytes = counter("culvert_node_bytes", "Bytes into a graph node, per worker.", Unit.BYTES);
        CounterSnapshot.Builder drops = counter("culvert_node_drops", "Packets a graph node dropped, per worker and reason.", null);
        for (Sample.Node n : nodes) {
            Labels at = Labels.of("node", n.node(), "worker", Integer.toString(n.worker()));
            packets.dataPoint(count(n.packets(), at));
            bytes.dataPoint(count(n.bytes(), at));
            new TreeMap<>(n.drops()).forEach((reason, count) -> drops.dataPoint(count(count, at.add("reason", reason))));
        }
        out.metricSnapshot(packets.build()).metricSnapshot(bytes.build()).metricSnapshot(drops.build());
    }

    private static void clients(MetricSnapshots.Builder out, List<Sample.Client> clients) {
        perClient(out, clients, "culvert_client_received_bytes", "Tunnel bytes opened from a client.", Unit.BYTES, Sample.Client::receivedBytes);
        perClient(out, clients, "culvert_client_sent_bytes", "Tunnel bytes sealed for a client.", Unit.BYTES, Sample.Client::sentBytes);
        perClient(out, clients, "culvert_client_received_packets", "Tunnel packets opened from a client.", null, Sample.Client::receivedPackets);
        perClient(out, clients, "culvert_client_sent_packets", "Tunnel packets sealed for a client.", null, Sample.Client::sentPackets);
    }

    private static void perClient(MetricSnapshots.Builder out, List<Sample.Client> clients, String name, String help, Unit unit,
                                  ToLongFunction<Sample.Client> value) {
        CounterSnapshot.Builder counter = counter(name, help + " Labelled by common name, bounded: see README.", unit);
        for (Sample.Client c : clients) {
            counter.dataPoint(count(value.applyAsLong(c), Labels.of("client", c.commonName())));
        }
        out.metricSnapshot(counter.build());
    }

    private static void pools(MetricSnapshots.Builder out, List<Sample.Pool> pools) {
        GaugeSnapshot.Builder buffers = gauge("culvert_pool_buffers", "Packet buffers of a worker's pool, free or in use.", null);
        GaugeSnapshot.Builder capacity = gauge("culvert_pool_capacity_buffers", "Packet buffers a worker's pool may hold.", null);
        GaugeSnapshot.Builder size = gauge("culvert_pool_buffer_size_bytes", "One packet buffer's size.", Unit.BYTES);
        CounterSnapshot.Builder exhausted = counter("culvert_pool_exhaustions", "Times a worker found its pool empty.", null);
        for (Sample.Pool p : pools) {
            Labels worker = Labels.of("worker", Integer.toString(p.worker()));
            buffers.dataPoint(value(p.free(), worker.add("state", "free"))).dataPoint(value(p.inUse(), worker.add("state", "in_use")));
            capacity.dataPoint(value(p.capacity(), worker));
            size.dataPoint(value(p.bufferBytes(), worker));
            exhausted.dataPoint(count(p.exhaustions(), worker));
        }
        out.metricSnapshot(buffers.build()).metricSnapshot(capacity.build()).metricSnapshot(size.build()).metricSnapshot(exhausted.build());
    }

    private static void scheduling(MetricSnapshots.Builder out, List<Sample.Scheduling> workers) {
        GaugeSnapshot.Builder realtime = gauge("culvert_worker_realtime",
                "1 while a worker runs in the realtime scheduling class (culvert-worker-scheduling), else 0.", null);
        CounterSnapshot.Builder refusals = counter("culvert_worker_realtime_refusals",
                "Times the kernel refused a worker the realtime class; see the log line for the fix.", null);
        CounterSnapshot.Builder demotions = counter("culvert_worker_realtime_demotions",
                "Times a worker left the realtime class for being busy.", null);
        CounterSnapshot.Builder returns = counter("culvert_worker_realtime_returns",
                "Times a worker went back to the realtime class after a busy spell.", null);
        for (Sample.Scheduling w : workers) {
            Labels worker = Labels.of("worker", Integer.toString(w.worker()));
            realtime.dataPoint(value(w.realtime() ? 1 : 0, worker));
            refusals.dataPoint(count(w.refusals(), worker));
            demotions.dataPoint(count(w.demotions(), worker));
            returns.dataPoint(count(w.returns(), worker));
        }
        out.metricSnapshot(realtime.build()).metricSnapshot(refusals.build()).metricSnapshot(demotions.build())
                .metricSnapshot(returns.build());
    }

    private static CounterSnapshot.Builder counter(String name, String help, Unit unit) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        return unit == null ? b : b.unit(unit);
    }

    private static GaugeSnapshot.Builder gauge(String name, String help, Unit unit) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        return unit == null ? b : b.unit(unit);
    }

    private static CounterDataPointSnapshot count(long n, Labels labels) {
        return CounterDataPointSnapshot.builder().value(n).labels(labels).build();
    }

    private static GaugeDataPointSnapshot value(long n, Labels labels) {
        return GaugeDataPointSnapshot.builder().value(n).labels(labels).build();
    }
}
