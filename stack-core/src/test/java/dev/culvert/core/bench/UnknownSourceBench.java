package dev.culvert.core.bench;

import dev.culvert.core.io.transport.UdpTransport;
import dev.culvert.core.io.transport.UdpTransportFactory;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a datagram from an unknown source costs a server's UDP socket while {@code clients}
 * addresses are connected peers (issue 10): it is received, and, its sender having no client, the
 * server lets go of whatever the transport kept for it ({@code forget(remote)}, as the server's
 * listener did before senders were learned only after authentication; a no-op for a sender that
 * was never learned). The source uses only what both designs offer ({@code receive},
 * {@code handleOf}, {@code forget}), so one benchmark runs against either build (BENCHMARKS.md).
 *
 * <p>Each invocation first has {@value #STRANGERS} sockets, each on its own port, send one
 * 64-byte datagram (loopback queues it before the send returns), then times receiving and
 * handling the batch. Use {@code -prof gc}: {@code gc.alloc.rate.norm} is bytes per packet.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class UnknownSourceBench {
    static final int STRANGERS = 64;

    @Param({"2000"})
    int clients;

    private final PacketPool pool = new PacketPool("bench-unknown", 256);
    private final PacketBatch batch = new PacketBatch(STRANGERS);
    private UdpTransport server;
    private UdpTransport[] strangers;
    private int[] toServer;
    private boolean[] connected;

    @Setup(Level.Trial)
    public void open() throws IOException {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        server = new UdpTransportFactory(8_192, STRANGERS).open(loopback, null, 1)[0];
        connected = new boolean[8_192];
        for (int i = 0; i < clients; i++) {
            int handle = server.handleOf(new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 9, (byte) (i >> 8), (byte) i}),
                    20_000 + i));
            connected[handle] = true;
        }
        strangers = new UdpTransport[STRANGERS];
        toServer = new int[STRANGERS];
        for (int i = 0; i < STRANGERS; i++) {
            strangers[i] = new UdpTransportFactory().open(loopback, null, 1)[0];
            toServer[i] = strangers[i].handleOf(server.localAddress());
        }
    }

    @Setup(Level.Invocation)
    public void strangersSend() throws IOException {
        for (int i = 0; i < STRANGERS; i++) {
            Packet p = pool.acquire();
            p.setLength(64);
            if (!strangers[i].send(p, toServer[i])) {
                p.release();
            }
            strangers[i].flush();
        }
    }

    @Benchmark
    @OperationsPerInvocation(STRANGERS)
    public int receiveAndLetGo() throws IOException {
        int handled = 0;
        for (int tries = 0; handled < STRANGERS && tries < 1_000; tries++) {
            server.receive(batch, pool);
            for (int i = 0; i < batch.size(); i++) {
                int remote = batch.get(i).remote();
                if (remote < 0 || !connected[remote]) {
                    server.forget(remote);
                }
            }
            handled += batch.size();
            batch.releaseAll();
        }
        return handled;
    }

    @TearDown(Level.Trial)
    public void close() {
        if (server.peerCount() != clients) {
            throw new IllegalStateException("the peer table holds " + server.peerCount() + ", not the " + clients + " clients");
        }
        server.close();
        for (UdpTransport t : strangers) {
            t.close();
        }
    }
}
