package dev.culvert.vpn.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Prometheus endpoint: the official client's HTTP server on one address, serving
 * {@code /metrics} from a registry of its own (the node's {@link MetricsCollector} and the JVM's
 * metrics), so two nodes in one process never mix their series.
 *
 * <p>Requests are answered by one thread of its own, {@value #THREAD} (the JDK server's dispatcher
 * thread accepts them): a scrape reads counters the
 * workers publish and never runs on a data-plane worker or the control executor, and a slow or
 * hostile scraper costs that thread only.
 */
public final class MetricsServer implements AutoCloseable {
    static final String THREAD = "culvert-metrics";

    private final HTTPServer http;
    private final ExecutorService executor;

    private MetricsServer(HTTPServer http, ExecutorService executor) {
        this.http = http;
        this.executor = executor;
    }

    /**
     * Listens on {@code at} and serves {@code target}'s metrics.
     *
     * @throws IOException if the address cannot be bound
     */
    public static MetricsServer start(InetSocketAddress at, MetricsTarget target) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new MetricsCollector(target, ClientLabels.MAX_CLIENTS));
        JvmMetrics.builder().register(registry);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, THREAD);
            t.setDaemon(true);
            return t;
        });
        try {
            HTTPServer http = HTTPServer.builder().inetAddress(at.getAddress()).port(at.getPort()).registry(registry)
                    .executorService(executor).buildAndStart();
            return new MetricsServer(http, executor);
        } catch (IOException | RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
    }

    /** The port it listens on. */
    public int port() {
        return http.getPort();
    }

    @Override
    public void close() {
        http.close();
        executor.shutdownNow();
    }
}
