package dev.culvert.vpn.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a scrape of a node shows, rendered by the Prometheus client from one sample, without a network. */
class MetricsCollectorTest {
    static final Sample SAMPLE = new Sample(2, 1, 10, 2, 5, Map.of("refused", 1L, "hand_window", 0L, "tls", 3L, "session", 0L),
            List.of(new Sample.Node(0, "from-net-0", 7, 700, Map.of("openvpn.replay", 2L)), new Sample.Node(1, "to-tun", 3, 300, Map.of())),
            List.of(new Sample.Pool(0, 4096, 4000, 96, 1, 2048)),
            List.of(new Sample.Scheduling(0, true, 0, 3, 2), new Sample.Scheduling(1, false, 1, 0, 0)),
            List.of(new Sample.Client("alice", 1000, 2000, 10, 20), new Sample.Client("bob", 5, 6, 1, 1)));

    static String scrape(Sample sample, int maxClients) throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new MetricsCollector(() -> sample, maxClients));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void countersGaugesAndDropsByReason() throws Exception {
        String text = scrape(SAMPLE, ClientLabels.MAX_CLIENTS);
        for (String line : List.of(
                "culvert_node_packets_total{node=\"from-net-0\",worker=\"0\"} 7.0",
                "culvert_node_bytes_total{node=\"to-tun\",worker=\"1\"} 300.0",
                "culvert_node_drops_total{node=\"from-net-0\",reason=\"openvpn.replay\",worker=\"0\"} 2.0",
                "culvert_client_received_bytes_total{client=\"alice\"} 1000.0",
                "culvert_client_sent_bytes_total{client=\"bob\"} 6.0",
                "culvert_client_sent_packets_total{client=\"alice\"} 20.0",
                "culvert_handshakes_total 5.0",
                "culvert_handshake_failures_total{reason=\"tls\"} 3.0",
                "culvert_handshake_failures_total{reason=\"refused\"} 1.0",
                "culvert_sessions{state=\"connected\"} 2.0",
                "culvert_sessions{state=\"connecting\"} 1.0",
                "culvert_sessions_max 10.0",
                "culvert_workers 2.0",
                "culvert_pool_buffers{state=\"in_use\",worker=\"0\"} 96.0",
                "culvert_pool_buffers{state=\"free\",worker=\"0\"} 4000.0",
                "culvert_pool_capacity_buffers{worker=\"0\"} 4096.0",
                "culvert_pool_buffer_size_bytes{worker=\"0\"} 2048.0",
                "culvert_pool_exhaustions_total{worker=\"0\"} 1.0",
                "culvert_worker_realtime{worker=\"0\"} 1.0",
                "culvert_worker_realtime{worker=\"1\"} 0.0",
                "culvert_worker_realtime_refusals_total{worker=\"1\"} 1.0",
                "culvert_worker_realtime_demotions_total{worker=\"0\"} 3.0",
                "culvert_worker_realtime_returns_total{worker=\"0\"} 2.0")) {
            assertTrue(text.contains(line + "\n"), line + " in\n" + text);
        }
    }

    @Test
    void perClientSeriesStayWithinTheBound() throws Exception {
        List<Sample.Client> many = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            many.add(new Sample.Client("client-" + i, 1, 1, 1, 1));
        }
        Sample sample = new Sample(250, 0, 300, 1, 250, Map.of(), List.of(), List.of(), List.of(), many);
        String text = scrape(sample, ClientLabels.MAX_CLIENTS);
        long series = text.lines().filter(l -> l.startsWith("culvert_client_received_bytes_total{")).count();
        assertEquals(ClientLabels.MAX_CLIENTS + 1, series);
        assertTrue(text.contains("culvert_client_received_bytes_total{client=\"(other)\"} 150.0\n"), text);
        assertFalse(text.contains("client=\"client-100\""), text);
    }

    @Test
    void aLeftClientsSeriesIsGoneAtTheNextScrape() throws Exception {
        Sample without = new Sample(0, 0, 10, 1, 1, Map.of(), List.of(), List.of(), List.of(), List.of());
        assertFalse(scrape(without, ClientLabels.MAX_CLIENTS).contains("client=\"alice\""));
    }
}
