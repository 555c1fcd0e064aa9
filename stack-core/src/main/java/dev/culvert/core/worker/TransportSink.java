package dev.culvert.core.worker;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Node;
import dev.culvert.core.graph.WorkerContext;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.spi.transport.Transport;
import java.io.IOException;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Queues each packet on one transport of the worker that runs it (a fixed number, or the one the
 * packet's {@link Packet#egress()} names), to the far end its {@link Packet#remote()} names. The
 * worker flushes after the batch.
 */
public final class TransportSink implements Node {
    public static final DropReason SEND_REFUSED = DropReason.of("transport.send-refused");
    /** The worker has no transport with this sink's number: a wiring mistake, counted. */
    public static final DropReason NO_SUCH_TRANSPORT = DropReason.of("worker.no-such-transport");

    private final ToIntFunction<Packet> transport;

    public TransportSink(int transport) {
        this(packet -> transport);
    }

    private TransportSink(ToIntFunction<Packet> transport) {
        this.transport = transport;
    }

    /** A sink that sends each packet on the transport its {@link Packet#egress()} names. */
    public static TransportSink toEgress() {
        return new TransportSink(Packet::egress);
    }

    @Override
    public List<String> ports() {
        return List.of();
    }

    @Override
    public void process(PacketBatch batch, Emitter out) {
        WorkerContext worker = out.worker();
        for (int i = 0; i < batch.size(); i++) {
            Packet packet = batch.get(i);
            Transport target = worker.transportOrNull(transport.applyAsInt(packet));
            if (target == null) {
                out.drop(packet, worker.isWorker() ? NO_SUCH_TRANSPORT : OwnerHandoff.NOT_ON_WORKER);
                continue;
            }
            // Consume first: once the transport takes the packet it may already be back in the pool.
            out.consume(packet);
            boolean queued;
            try {
                queued = target.send(packet, packet.remote());
            } catch (IOException | RuntimeException e) {
                queued = false;
            }
            if (!queued) {
                out.refused(packet, SEND_REFUSED);
            }
        }
    }
}
