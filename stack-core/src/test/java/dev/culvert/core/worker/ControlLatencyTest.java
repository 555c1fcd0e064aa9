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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A slow control task (RSA signing, as a TLS handshake would do) does not stall forwarding:
 * datagrams keep crossing a worker (UDP in, graph, UDP out) while it runs. The task signs until
 * the pings are done, so every ping is sent while it runs; none may be lost. The latency
 * percentiles with and without the task are printed, not asserted: timing depends on the machine.
 */
class ControlLatencyTest {
    private static final int PINGS_DURING = 2000;
    /** Enough to tell a stalled worker from a lost datagram; the test stops sending after this many losses. */
    private static final int LOSSES_TO_STOP = 3;

    /** What the control task saw: the signatures it made and whether it ran on a data-plane thread. */
    private record TaskRun(long signatures, boolean onDataPlane) {
    }

    @Test
    void noDatagramIsLostWhileAControlTaskDoesRsaWork() throws Exception {
        PacketPool pool = new PacketPool("latency", 1024);
        UdpTransport socket = new UdpTransportFactory().open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, 1)[0];
        Worker worker = new Worker(0, "latency-worker", WorkerFixtures.echoGraph(), pool, 64);
        worker.addTransport(socket, "from-udp");
        worker.start();
        try (ControlExecutor control = new ControlExecutor(1, 16);
             DatagramSocket client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            // Not a timing assertion: how long a datagram may take before it counts as lost.
            client.setSoTimeout(1000);
            socket.handleOf((InetSocketAddress) client.getLocalSocketAddress()); // the echo answers a peer it learned
            KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();

            List<Long> warmUp = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                ping(client, socket.localAddress(), warmUp);
            }
            List<Long> baseline = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                ping(client, socket.localAddress(), baseline);
            }

            CountDownLatch signing = new CountDownLatch(1);
            AtomicBoolean pingsDone = new AtomicBoolean();
            CompletableFuture<TaskRun> task = control.submit("RSA signatures until the pings are done", () -> {
                Signature signer = Signature.getInstance("SHA256withRSA");
                byte[] data = new byte[256];
                long signatures = 0;
                do {
                    signer.initSign(rsa.getPrivate());
                    signer.update(data);
                    data[0] = signer.sign()[0];
                    signatures++;
                    signing.countDown();
                } while (!pingsDone.get());
                return new TaskRun(signatures, DataPlaneThread.isCurrent());
            });
            assertTrue(signing.await(30, TimeUnit.SECONDS), "the control task started signing");
            List<Long> during = new ArrayList<>();
            int sent = 0;
            int lost = 0;
            for (; sent < PINGS_DURING && lost < LOSSES_TO_STOP; sent++) {
                if (!ping(client, socket.localAddress(), during)) {
                    lost++;
                }
            }
            boolean taskStillRunning = !task.isDone();
            pingsDone.set(true);
            TaskRun run = ControlExecutor.await(task, 30, TimeUnit.SECONDS);

            System.out.println("forwarding latency (UDP in -> worker -> UDP out, loopback round trip), microseconds:");
            System.out.println("  without control task: " + percentiles(baseline));
            System.out.println("  during the RSA task:  " + percentiles(during) + " (" + run.signatures() + " signatures)");
            assertEquals(0, lost, lost + " of " + sent + " datagrams lost while the control task ran");
            assertTrue(taskStillRunning, "the task was signing while every ping crossed");
            assertFalse(run.onDataPlane(), "the control task ran on a data-plane thread");
            assertEquals(PINGS_DURING, sent);
            assertEquals(0, worker.sourceErrors());
        } finally {
            assertTrue(worker.stopAndJoin(5, TimeUnit.SECONDS));
            worker.close();
            socket.close();
        }
        assertEquals(0, pool.outstanding());
    }

    /** One round trip; records its latency and returns true, or returns false if it was lost. */
    private static boolean ping(DatagramSocket client, InetSocketAddress to, List<Long> into) throws Exception {
        byte[] out = new byte[64];
        ByteBuffer.wrap(out).putLong(System.nanoTime());
        client.send(new DatagramPacket(out, out.length, to));
        DatagramPacket reply = new DatagramPacket(new byte[64], 64);
        try {
            client.receive(reply);
        } catch (SocketTimeoutException lost) {
            return false;
        }
        into.add(System.nanoTime() - ByteBuffer.wrap(reply.getData()).getLong());
        return true;
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
