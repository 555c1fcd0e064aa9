package dev.culvert.vpn.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The endpoint on loopback: the node's series and the JVM's on /metrics, served by its own thread. */
class MetricsServerTest {
    @Test
    void servesTheNodeAndTheJvmOnItsOwnThread() throws Exception {
        String[] scrapedOn = new String[1];
        MetricsTarget target = () -> {
            scrapedOn[0] = Thread.currentThread().getName();
            return MetricsCollectorTest.SAMPLE;
        };
        try (MetricsServer server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), target)) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("culvert_sessions{state=\"connected\"} 2"), r.body());
            assertTrue(r.body().contains("jvm_memory_used_bytes{"), r.body());
            assertEquals(MetricsServer.THREAD, scrapedOn[0]);
        }
    }

    @Test
    void aTakenPortIsAnIoError() throws Exception {
        try (MetricsServer first = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), () -> MetricsCollectorTest.SAMPLE)) {
            assertThrows(IOException.class, () -> MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), first.port()),
                    () -> MetricsCollectorTest.SAMPLE));
        }
    }
}
