package dev.culvert.vpn.fragment;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;
import java.util.function.Consumer;

/**
 * Puts back together the packets a peer split, as 2.6's {@code fragment_incoming} does, within
 * fixed bounds: a window of 25 sequence ids (a part of a packet 25 or more ids behind the newest
 * starts over), at most {@code maxPacket} bytes per packet, and 10 s from a packet's last part to
 * its expiry. A packet is complete when every part up to the last has arrived, in any order.
 * Buffers are made on the first split packet, so a peer that never splits costs nothing.
 *
 * <p>One thread at a time: the session's opening side.
 */
public final class FragmentReassembly {
    /** Packets in reassembly at a time (2.6's {@code N_FRAG_BUF}). */
    public static final int SLOTS = 25;
    /** A packet whose parts stop arriving is dropped this long after its last part (2.6's {@code FRAG_TTL_SEC}). */
    public static final long TTL_NANOS = 10_000_000_000L;
    private static final long REAP_INTERVAL_NANOS = 1_000_000_000L;
    private static final int ALL_PARTS = -1;

    /** What became of a fragment. */
    public enum Outcome {
        /** The packet's window is now a whole payload: it came whole, or it was the part that completed one. */
        DELIVER,
        /** A part kept until the rest arrives; the caller releases the packet. */
        HELD,
        /** Refused for {@link #lastDrop()}. */
        DROPPED,
    }

    private final int maxPacket;
    private final Consumer<DropReason> lost;
    private Slot[] slots;
    /** The newest sequence id in the window, and the slot that holds it. */
    private int newest;
    private int newestSlot;
    private long lastReap;
    private DropReason lastDrop;

    /**
     * @param maxPacket the largest packet put back together, in bytes
     * @param lost      counts the packets dropped while incomplete ({@link FragmentDrops#EXPIRED}, {@link FragmentDrops#OVERTAKEN})
     */
    public FragmentReassembly(int maxPacket, Consumer<DropReason> lost) {
        if (maxPacket < 68) {
            throw new IllegalArgumentException("maxPacket " + maxPacket);
        }
        this.maxPacket = maxPacket;
        this.lost = lost;
    }

    /** Takes the payload in {@code packet}'s window, which starts with the fragment header. */
    public Outcome accept(Packet packet, long now) {
        reap(now);
        if (packet.length() < FragmentHeader.LENGTH) {
            return drop(FragmentDrops.TRUNCATED);
        }
        int word = packet.getInt(0);
        switch (FragmentHeader.type(word)) {
            case FragmentHeader.WHOLE -> {
                if (FragmentHeader.spuriousWhole(word)) {
                    return drop(FragmentDrops.SPURIOUS_WHOLE);
                }
                packet.trimFront(FragmentHeader.LENGTH);
                return Outcome.DELIVER;
            }
            case FragmentHeader.TEST -> {
                return drop(FragmentDrops.TEST_TYPE);
            }
            default -> {
                return part(packet, word, now);
            }
        }
    }

    /** Why the last {@link Outcome#DROPPED} was. */
    public DropReason lastDrop() {
        return lastDrop;
    }

    /** Packets in reassembly now; for status and tests. */
    public int pending() {
        int n = 0;
        if (slots != null) {
            for (Slot s : slots) {
                n += s.inUse ? 1 : 0;
            }
        }
        return n;
    }

    private Outcome part(Packet packet, int word, long now) {
        boolean last = FragmentHeader.type(word) == FragmentHeader.LAST;
        int length = packet.length() - FragmentHeader.LENGTH;
        int size = last ? FragmentHeader.partSize(word) : length;
        if (size == 0 || size % FragmentHeader.SIZE_UNIT != 0) {
            return drop(FragmentDrops.BAD_SIZE);
        }
        int index = FragmentHeader.index(word);
        long start = (long) index * size;
        if (start + length > maxPacket) {
            return drop(FragmentDrops.OVERFLOW);
        }
        Slot slot = slotFor(FragmentHeader.sequence(word));
        if (!slot.inUse || slot.partSize != size) {
            if (slot.inUse) {
                lost.accept(FragmentDrops.OVERTAKEN);
            }
            slot.begin(size);
        }
        packet.getBytes(FragmentHeader.LENGTH, slot.bytes, (int) start, length);
        slot.length = Math.max(slot.length, (int) start + length);
        slot.received |= last ? ALL_PARTS << index : 1 << index;
        slot.touched = now;
        if (slot.received != ALL_PARTS) {
            return Outcome.HELD;
        }
        slot.inUse = false;
        int at = Math.min(packet.headroom(), packet.capacity() - slot.length);
        if (at < 0) {
            return drop(FragmentDrops.OVERFLOW);
        }
        packet.setWindow(at, slot.length);
        packet.putBytes(0, slot.bytes, 0, slot.length);
        return Outcome.DELIVER;
    }

    /** The slot for {@code sequence}, sliding the window forward to it as 2.6's {@code fragment_list_get_buf} does. */
    private Slot slotFor(int sequence) {
        if (slots == null) {
            slots = new Slot[SLOTS];
            for (int i = 0; i < SLOTS; i++) {
                slots[i] = new Slot(maxPacket);
            }
            newest = sequence;
        }
        int ahead = Math.floorMod(sequence - newest + FragmentHeader.SEQUENCE_IDS / 2, FragmentHeader.SEQUENCE_IDS)
                - FragmentHeader.SEQUENCE_IDS / 2;
        if (Math.abs(ahead) >= SLOTS) {
            for (Slot s : slots) {
                abandon(s);
            }
            newestSlot = 0;
            newest = sequence;
            ahead = 0;
        }
        for (; ahead > 0; ahead--) {
            newestSlot = (newestSlot + 1) % SLOTS;
            abandon(slots[newestSlot]);
            newest = (newest + 1) % FragmentHeader.SEQUENCE_IDS;
        }
        return slots[Math.floorMod(newestSlot + ahead, SLOTS)];
    }

    private void abandon(Slot s) {
        if (s.inUse) {
            s.inUse = false;
            lost.accept(FragmentDrops.OVERTAKEN);
        }
    }

    private void reap(long now) {
        if (slots == null || now - lastReap < REAP_INTERVAL_NANOS) {
            return;
        }
        lastReap = now;
        for (Slot s : slots) {
            if (s.inUse && now - s.touched >= TTL_NANOS) {
                s.inUse = false;
                lost.accept(FragmentDrops.EXPIRED);
            }
        }
    }

    private Outcome drop(DropReason why) {
        lastDrop = why;
        return Outcome.DROPPED;
    }

    /** One packet in reassembly. */
    private static final class Slot {
        final byte[] bytes;
        boolean inUse;
        int partSize;
        /** Bit n set: part n arrived; the last part sets its own bit and every bit above it. */
        int received;
        int length;
        long touched;

        Slot(int maxPacket) {
            bytes = new byte[maxPacket];
        }

        void begin(int size) {
            inUse = true;
            partSize = size;
            received = 0;
            length = 0;
        }
    }
}
