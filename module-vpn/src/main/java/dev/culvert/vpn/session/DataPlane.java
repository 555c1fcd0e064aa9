package dev.culvert.vpn.session;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.vpn.data.DataDrops;
import dev.culvert.vpn.data.DataPayloads;
import dev.culvert.vpn.data.KeyContext;
import dev.culvert.vpn.fragment.FragmentDrops;
import dev.culvert.vpn.fragment.FragmentHeader;
import dev.culvert.vpn.fragment.FragmentReassembly;
import dev.culvert.vpn.fragment.FragmentSize;
import dev.culvert.vpn.fragment.FragmentSplitter;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

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

    /** The largest packet put back together from parts: what a pool's packet holds after its headroom. */
    static final int REASSEMBLED_MAX = PacketPool.DEFAULT_BUFFER_SIZE - PacketPool.DEFAULT_HEADROOM;

    private final AtomicReference<DataKeySet> keys = new AtomicReference<>(DataKeySet.EMPTY);
    private final DropCounts drops;
    private volatile long lastReceivedNanos;
    private volatile long lastSentNanos;
    /** Tunnel traffic for {@code inactive}, as 2.6 counts it: data packets sent (wire bytes), inside packets received. Each has one writer. */
    private volatile long tunnelBytesSent;
    private volatile long tunnelBytesReceived;
    private volatile boolean peerExited;
    private volatile Runnable onPeerExit;
    private DropReason lastDrop;

    /** {@code fragment}'s two sides, or null without it. */
    private final FragmentSplitter splitter;
    private final FragmentReassembly reassembly;
    /** The parts of the packet being split; the sealing side's only. */
    private Packet[] parts;

    public DataPlane(DropCounts drops, long nowNanos) {
        this(drops, nowNanos, Optional.empty());
    }

    /** A data side that splits and reassembles payloads as {@code fragment} says, when given. */
    public DataPlane(DropCounts drops, long nowNanos, Optional<FragmentSize> fragment) {
        this.drops = drops;
        this.lastReceivedNanos = nowNanos;
        this.lastSentNanos = nowNanos;
        this.splitter = fragment.map(FragmentSplitter::new).orElse(null);
        this.reassembly = fragment.isEmpty() ? null : new FragmentReassembly(REASSEMBLED_MAX, drops::count);
    }

    /**
     * A data side with {@code set} in force from the start and no session behind it: a rehearsal's,
     * whose keys are made up. Whoever made the set retires its keys ({@code KeyContext.close}).
     */
    public static DataPlane keyedWith(DataKeySet set, DropCounts drops, long nowNanos) {
        DataPlane data = new DataPlane(drops, nowNanos);
        data.publish(set);
        return data;
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

    /** The most sealing adds to a payload with the key in force (the AEAD overhead before there is one). */
    public int overhead() {
        DataKeySet set = keys.get();
        KeyContext primary = set.primary();
        boolean v2 = set.peerId() >= 0;
        return primary == null ? KeyContext.overhead(v2) : primary.maxGrowth(v2);
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
        if (splitter != null) {
            if (packet.headroom() < FragmentHeader.LENGTH) {
                drops.count(DataDrops.NO_ROOM);
                return DataDrops.NO_ROOM;
            }
            FragmentSplitter.markWhole(packet);
        }
        DropReason why = keys.get().channel().seal(packet);
        if (why != null) {
            if (splitter != null) {
                packet.trimFront(FragmentHeader.LENGTH);
            }
            drops.count(why);
            return why;
        }
        lastSentNanos = nowNanos;
        return null;
    }

    /**
     * Whether {@code packet} is too large to go whole under {@code fragment}: then it is sent with
     * {@link #sealParts}, not {@link #seal}.
     */
    public boolean mustSplit(Packet packet) {
        return splitter != null && splitter.parts(packet.length(), overhead()) != 1;
    }

    /**
     * Splits the inside packet in {@code packet}'s window into parts, each in a new packet from its
     * pool, seals them, and hands them to {@code sealed} in order. Either every part is sealed or
     * none is: a refusal is counted and returned, and no part is left out. {@code packet} itself
     * is not changed; the caller releases it.
     */
    public DropReason sealParts(Packet packet, long nowNanos, Consumer<Packet> sealed) {
        int count = splitter.parts(packet.length(), overhead());
        if (count == 0) {
            drops.count(FragmentDrops.TOO_MANY_PARTS);
            return FragmentDrops.TOO_MANY_PARTS;
        }
        if (parts == null) {
            parts = new Packet[FragmentHeader.MAX_PARTS];
        }
        int sequence = splitter.nextSequence();
        DropReason why = null;
        int made = 0;
        for (; made < count && why == null; made++) {
            Packet part = packet.pool().acquire();
            if (part == null) {
                why = FragmentDrops.NO_BUFFER;
                break;
            }
            parts[made] = part;
            part.copyTagsFrom(packet);
            splitter.writePart(packet, overhead(), count, sequence, made, part);
            why = keys.get().channel().seal(part);
        }
        if (why != null) {
            for (int i = 0; i < made; i++) {
                parts[i].release();
                parts[i] = null;
            }
            drops.count(why);
            return why;
        }
        lastSentNanos = nowNanos;
        for (int i = 0; i < count; i++) {
            tunnelBytesSent += parts[i].length();
            sealed.accept(parts[i]);
            parts[i] = null;
        }
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
        if (reassembly != null) {
            switch (reassembly.accept(packet, nowNanos)) {
                case HELD -> {
                    return Opened.CONSUMED;
                }
                case DROPPED -> {
                    lastDrop = reassembly.lastDrop();
                    drops.count(lastDrop);
                    return Opened.DROPPED;
                }
                case DELIVER -> {
                }
            }
        }
        switch (DataPayloads.classify(packet)) {
            case TUNNEL:
                tunnelBytesReceived += packet.length();
                return Opened.TUNNEL;
            case OCC_EXIT:
                peerExited = true;
                Runnable wake = onPeerExit;
                if (wake != null) {
                    wake.run();
                }
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

    /**
     * Runs {@code wake} on the data-plane thread that opens an OCC EXIT, so that a runtime whose
     * resting sessions tick seconds apart can tick this one now. It must not block.
     */
    public void whenPeerExits(Runnable wake) {
        onPeerExit = wake;
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
