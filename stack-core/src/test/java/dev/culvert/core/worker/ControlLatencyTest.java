package dev.culvert.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.io.transport.UdpTransport;
import dev.culvert.core.io.transport.UdpTransportFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A slow control task (200 ms of RSA signing, as a TLS handshake would do) does not stall
 * forwarding: datagrams keep crossing a worker (UDP in, graph, UDP out) while it runs. The
 * latency percentiles with and without the task are printed, not asserted: timing depends on the
 * machine; what is asserted is that forwarding continued during the task.
 */
class ControlLatencyTest {
    private static final long RSA_MILLIS = 200;

    /** When the control task ran, by the clock of System.nanoTime(). */
    private record Window(long start, long end, boolean onDataPlane) {
    }

    @Test
    void forwardingContinuesWhileAControlTaskDoesRsaWork() throws Exception {
        PacketPool pool = new PacketPool("latency", 1024);
        UdpTransport socket = new UdpTransportFactory().open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, 1)[0];
        Worker worker = new Worker(0, "latency-worker", WorkerFixtures.echoGraph(), pool, 64);
        worker.addTransport(socket, "from-udp");
        worker.start();
        try (ControlExecutor control = new ControlExecutor(1, 16);
             DatagramSocket client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            client.setSoTimeout(1000);
            KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();

            List<Long> warmUp = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                ping(client, socket.localAddress(), warmUp, null);
            }
            List<Long> baseline = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                ping(client, socket.localAddress(), baseline, null);
            }

            CompletableFuture<Window> task = control.submit("200 ms of RSA signatures", () -> {
                long start = System.nanoTime();
                Signature signer = Signature.getInstance("SHA256withRSA");
                byte[] data = new byte[256];
                while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(RSA_MILLIS)) {
                    signer.initSign(rsa.getPrivate());
                    signer.update(data);
                    data[0] = signer.sign()[0];
                }
                return new Window(start, System.nanoTime(), DataPlaneThread.isCurrent());
            });
            List<long[]> during = new ArrayList<>();
            long bound = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!task.isDone() && System.nanoTime() < bound) {
                ping(client, socket.localAddress(), null, during);
            }
            Window window = ControlExecutor.await(task, 30, TimeUnit.SECONDS);
            assertFalse(window.onDataPlane());

            List<Long> inside = new ArrayList<>();
            for (long[] sample : during) {
                if (sample[0] >= window.start() && sample[0] + sample[1] <= window.end()) {
                    inside.add(sample[1]);
                }
            }
            System.out.println("forwarding latency (UDP in -> worker -> UDP out, loopback round trip), microseconds:");
            System.out.println("  without control task: " + percentiles(baseline));
            System.out.println("  during " + RSA_MILLIS + " ms RSA task:  " + percentiles(inside)
                    + " (task ran " + TimeUnit.NANOSECONDS.toMillis(window.end() - window.start()) + " ms)");
            assertTrue(inside.size() >= 10, "only " + inside.size() + " datagrams crossed the worker while the task ran");
            assertEquals(0, worker.sourceErrors());
        } finally {
            assertTrue(worker.stopAndJoin(5, TimeUnit.SECONDS));
            worker.close();
            socket.close();
        }
        assertEquals(0, pool.outstanding());
    }

    /** One round trip; records its latency, or nothing if it was lost. */
    private static void ping(DatagramSocket client, InetSocketAddress to, List<Long> into, List<long[]> timed) throws Exception {
        byte[] out = new byte[64];
        long sent = System.nanoTime();
        ByteBuffer.wrap(out).putLong(sent);
        client.send(new DatagramPacket(out, out.length, to));
        DatagramPacket reply = new DatagramPacket(new byte[64], 64);
        try {
            client.receive(reply);
        } catch (SocketTimeoutException lost) {
            return;
        }
        long rtt = System.nanoTime() - ByteBuffer.wrap(reply.getData()).getLong();
        if (into != null) {
            into.add(rtt);
        }
        if (timed != null) {
            timed.add(new long[] {sent, rtt});
        }
    }

    private static String percentiles(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "no samples";
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return String.format("n=%d p50=%.0f p90=%.0f p99=%.0f max=%.0f", sorted.size(), at(sorted, 0.50), at(sorted, 0.90),
                at(sorted, 0.99), sorted.get(sorted.size() - 1) / 1000.0);
    }

    private static double at(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size()))) / 1000.0;
    }
}
