package dev.culvert.vpn.session;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * One direction between two sessions held in the same process, on one thread (the demo's tunnel,
 * a server's rehearsal of its own sessions): it keeps what one session sends until the loop hands
 * it to the other, and what that session reported. Without loss or reordering.
 */
public final class MemoryWire implements SessionOutput {
    private final ArrayDeque<byte[]> packets = new ArrayDeque<>();
    private SessionEvent.Connected connected;
    private boolean connectedUnseen;
    private String failure;

    @Override
    public void sendToPeer(byte[] buf, int off, int len) {
        packets.add(Arrays.copyOfRange(buf, off, off + len));
    }

    @Override
    public void event(SessionEvent event) {
        switch (event) {
            case SessionEvent.Connected c -> {
                connected = c;
                connectedUnseen = true;
            }
            case SessionEvent.Failed f -> failure = f.reason();
            case SessionEvent.Restart r -> failure = r.reason();
            case SessionEvent.Halted h -> failure = h.reason();
            default -> {
            }
        }
    }

    @Override
    public void dataPayloadDue(DataPlane.ControlPayload payload) {
        // keepalive pings: none falls due in the seconds such a session lives
    }

    /** The sending session's first keys, or null before them. */
    public SessionEvent.Connected connected() {
        return connected;
    }

    /** Whether the sending session connected since the last call (a server's runtime pushes then). */
    public boolean takeConnected() {
        boolean unseen = connectedUnseen;
        connectedUnseen = false;
        return unseen;
    }

    /** Why the sending session failed, restarted or halted; null while it has not. */
    public String failure() {
        return failure;
    }

    /** Whether nothing waits to be delivered. */
    public boolean idle() {
        return packets.isEmpty();
    }

    /** The next waiting packet, taken off the wire, or null when none waits: for a peer that is not a session of this process's own. */
    public byte[] poll() {
        return packets.poll();
    }

    /** Hands every waiting packet to {@code to}: data packets to its data side, the rest to its control side. */
    public void deliverTo(VpnSession to, PacketPool pool, long nowNanos) {
        for (byte[] b; (b = packets.poll()) != null; ) {
            if (VpnSession.isDataPacket(b[0] & 0xff)) {
                Packet p = pool.acquire();
                try {
                    p.setContents(b, 0, b.length);
                    to.dataPlane().open(p, nowNanos);
                } finally {
                    p.release();
                }
            } else {
                to.receive(b, 0, b.length, nowNanos);
            }
        }
    }
}
