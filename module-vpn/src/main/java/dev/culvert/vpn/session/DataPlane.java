package dev.culvert.vpn.session;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;
import dev.culvert.vpn.data.DataPayloads;
import dev.culvert.vpn.data.KeyContext;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The data side of one session: seals inside packets for the peer and opens data packets from it,
 * with whatever {@link DataKeySet} the control side last published. It never waits for the
 * control side. One thread at a time may seal (packet ids are assigned there) and one at a time
 * may open (the replay window); the two may be different threads. It tells the control side when
 * traffic last passed each way through volatile times, which the keepalive timers read.
 */
public final class DataPlane {
    /** Data-channel payloads the control side asks for. */
    public enum ControlPayload {
        /** A keepalive ping. */
        PING,
        /** OCC EXIT (explicit-exit-notify without cc-exit). */
        OCC_EXIT,
    }

    /** What an opened packet turned out to be. */
    public enum Opened {
        /** An inside packet: the window holds it, deliver it to the tunnel. */
        TUNNEL,
        /** Keepalive, empty or OCC: consumed, nothing to deliver. */
        CONSUMED,
        /** Refused; the reason was counted. */
        DROPPED,
    }

    private final AtomicReference<DataKeySet> keys = new AtomicReference<>(DataKeySet.EMPTY);
    private final DropCounts drops;
    private volatile long lastReceivedNanos;
    private volatile long lastSentNanos;
    /** Tunnel traffic for {@code inactive}, as 2.6 counts it: data packets sent (wire bytes), inside packets received. Each has one writer. */
    private volatile long tunnelBytesSent;
    private volatile long tunnelBytesReceived;
    private volatile boolean peerExited;
    private DropReason lastDrop;

    public DataPlane(DropCounts drops, long nowNanos) {
        this.drops = drops;
        this.lastReceivedNanos = nowNanos;
        this.lastSentNanos = nowNanos;
    }

    /** Called by the control side only. */
    void publish(DataKeySet set) {
        keys.set(set);
    }

    /** The set in force. */
    public DataKeySet keys() {
        return keys.get();
    }

    /** Whether the data channel has keys to seal with. */
    public boolean ready() {
        return keys.get().primaryKeyId() >= 0;
    }

    /** The bytes in front of the payload a sealed packet needs as headroom. */
    public int overhead() {
        return KeyContext.overhead(keys.get().peerId() >= 0);
    }

    /**
     * Seals the inside packet in {@code packet}'s window in place for the peer: on success
     * ({@code null}) the window is the OpenVPN data packet to send. Needs
     * {@link KeyContext#overhead} headroom and 16 bytes of tailroom. A refusal is counted and
     * returned; the packet is unchanged then.
     */
    public DropReason seal(Packet packet, long nowNanos) {
        DropReason why = sealAny(packet, nowNanos);
        if (why == null) {
            tunnelBytesSent += packet.length();
        }
        return why;
    }

    private DropReason sealAny(Packet packet, long nowNanos) {
        DropReason why = keys.get().channel().seal(packet);
        if (why != null) {
            drops.count(why);
            return why;
        }
        lastSentNanos = nowNanos;
        return null;
    }

    /** Writes {@code payload} into {@code packet} and seals it; as {@link #seal}. */
    public DropReason sealControlPayload(ControlPayload payload, Packet packet, long nowNanos) {
        switch (payload) {
            case PING -> DataPayloads.writePing(packet);
            case OCC_EXIT -> DataPayloads.writeOccExit(packet);
        }
        return sealAny(packet, nowNanos);
    }

    /**
     * Opens a data packet from the peer in place. For {@link Opened#TUNNEL} the window is the
     * inside packet; otherwise the caller releases the packet.
     */
    public Opened open(Packet packet, long nowNanos) {
        DropReason why = keys.get().channel().open(packet, nowNanos);
        if (why != null) {
            drops.count(why);
            lastDrop = why;
            return Opened.DROPPED;
        }
        lastReceivedNanos = nowNanos;
        switch (DataPayloads.classify(packet)) {
            case TUNNEL:
                tunnelBytesReceived += packet.length();
                return Opened.TUNNEL;
            case OCC_EXIT:
                peerExited = true;
                return Opened.CONSUMED;
            case OCC_OTHER:
                drops.count(SessionDrops.OCC_IGNORED);
                return Opened.CONSUMED;
            default:
                return Opened.CONSUMED;
        }
    }

    /** The reason of the last refusal by {@link #open} on this thread's view; for tests and logs. */
    public DropReason lastDrop() {
        return lastDrop;
    }

    /**
     * The tunnel traffic of this session both ways, as 2.6's {@code inactive} counts it: the data
     * packets sent, in bytes on the wire, and the inside packets received; pings and OCC messages
     * do not count.
     */
    public long tunnelBytes() {
        return tunnelBytesSent + tunnelBytesReceived;
    }

    long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    long lastSentNanos() {
        return lastSentNanos;
    }

    /** Control side: notes authenticated control traffic, which also keeps the peer alive. */
    void noteReceived(long nowNanos) {
        lastReceivedNanos = nowNanos;
    }

    /** Control side: takes the OCC EXIT seen by the data side, once. */
    boolean takePeerExited() {
        if (peerExited) {
            peerExited = false;
            return true;
        }
        return false;
    }
}
