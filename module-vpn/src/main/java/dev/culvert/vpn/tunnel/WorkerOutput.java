package dev.culvert.vpn.tunnel;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.worker.Worker;
import dev.culvert.spi.transport.Transport;
import dev.culvert.vpn.session.DataPlane;
import dev.culvert.vpn.session.SessionEvent;
import dev.culvert.vpn.session.SessionOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * What one session produces, taken to where it belongs: bytes for the peer and the keepalive and
 * exit payloads go out on the worker that drives the peer's transport (posted, so the transport is
 * only ever driven by its worker and the control side never waits for it); events go to the
 * role. Packets that find no worker, no free buffer or a refusing transport are lost: the
 * session's reliability layer and timers send again.
 */
public final class WorkerOutput implements SessionOutput {
    private static final System.Logger LOG = System.getLogger(WorkerOutput.class.getName());

    private final PeerEndpoint endpoint;
    private final Supplier<DataPlane> data;
    private final IntConsumer sealedBytes;
    private final Consumer<SessionEvent> events;
    private final Runnable controlSent;

    /**
     * @param data        the session's data plane, for the payloads it asks to be sealed
     * @param sealedBytes told the wire length of each payload sealed
     * @param events      the role's handling of the session's events, called as the session reports them
     */
    public WorkerOutput(PeerEndpoint endpoint, Supplier<DataPlane> data, IntConsumer sealedBytes, Consumer<SessionEvent> events) {
        this(endpoint, data, sealedBytes, events, () -> { });
    }

    /** @param controlSent told of each control packet the session sends, from inside the session's call ({@link TickTimer#soon}) */
    public WorkerOutput(PeerEndpoint endpoint, Supplier<DataPlane> data, IntConsumer sealedBytes, Consumer<SessionEvent> events,
                        Runnable controlSent) {
        this.endpoint = endpoint;
        this.data = data;
        this.sealedBytes = sealedBytes;
        this.events = events;
        this.controlSent = controlSent;
    }

    @Override
    public void sendToPeer(byte[] buf, int off, int len) {
        controlSent.run();
        Worker w = endpoint.worker();
        if (w == null) {
            return;
        }
        byte[] copy = Arrays.copyOfRange(buf, off, off + len);
        w.post(() -> {
            Packet packet = w.pool().acquire();
            if (packet == null) {
                return; // the reliability layer retransmits; the pool counts its exhaustion
            }
            packet.setContents(copy, 0, copy.length);
            send(w, packet);
        });
    }

    @Override
    public void dataPayloadDue(DataPlane.ControlPayload payload) {
        Worker w = endpoint.worker();
        if (w == null) {
            return;
        }
        w.post(() -> {
            DataPlane plane = data.get();
            Packet packet = w.pool().acquire();
            if (packet == null) {
                return;
            }
            if (plane == null || plane.sealControlPayload(payload, packet, System.nanoTime()) != null) {
                packet.release();
                return;
            }
            sealedBytes.accept(packet.length());
            send(w, packet);
        });
    }

    @Override
    public void event(SessionEvent event) {
        events.accept(event);
    }

    private void send(Worker w, Packet packet) {
        Transport t = endpoint.transport(w);
        try {
            if (t == null || !t.send(packet, endpoint.handle())) {
                packet.release();
                return;
            }
            t.flush();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "sending to handle " + endpoint.handle() + " failed", e);
        }
    }
}
