package dev.culvert.vpn.fragment;

import dev.culvert.core.packet.Packet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The sending side of {@code fragment}: decides whether a payload goes whole or in parts, picks
 * the parts' size as 2.6's {@code optimal_fragment_size} does (no more parts than needed, the last
 * one not much smaller than the others), numbers the split packets, and writes each part with its
 * header. The largest part is the configured {@code fragment} size less what the data channel adds
 * to every datagram (its header, packet id and tag), as 2.6's {@code frame_calculate_fragment}.
 *
 * <p>One thread at a time: the session's sealing side.
 */
public final class FragmentSplitter {
    private final FragmentSize setting;
    /** Starts at random, as 2.6's does, so that a restarted peer's ids rarely meet the old ones in the other side's window. */
    private int sequence = ThreadLocalRandom.current().nextInt(FragmentHeader.SEQUENCE_IDS);

    public FragmentSplitter(FragmentSize setting) {
        this.setting = setting;
    }

    public FragmentSize setting() {
        return setting;
    }

    /**
     * How a payload of {@code length} bytes is sent when each datagram carries {@code channelOverhead}
     * bytes of data-channel framing: 1 (whole), the number of parts, or 0 when it would need more
     * than {@link FragmentHeader#MAX_PARTS}.
     */
    public int parts(int length, int channelOverhead) {
        int max = maxPart(channelOverhead);
        if (length <= max) {
            return 1;
        }
        int size = partSize(length, max);
        int parts = (length + size - 1) / size;
        return parts > FragmentHeader.MAX_PARTS ? 0 : parts;
    }

    /** Puts the whole-payload header in front of {@code packet}'s window (4 bytes of headroom). */
    public static void markWhole(Packet packet) {
        packet.prepend(FragmentHeader.LENGTH);
        packet.putInt(0, FragmentHeader.whole());
    }

    /** Starts a split payload; returns the sequence id its parts carry. */
    public int nextSequence() {
        sequence = (sequence + 1) % FragmentHeader.SEQUENCE_IDS;
        return sequence;
    }

    /**
     * Writes part {@code index} of {@code whole}'s window, split into {@code parts} as {@link #parts}
     * said, with its header, into {@code into}'s window (which must have room for it).
     */
    public void writePart(Packet whole, int channelOverhead, int parts, int sequence, int index, Packet into) {
        int size = partSize(whole.length(), maxPart(channelOverhead));
        int from = index * size;
        boolean last = index == parts - 1;
        int length = last ? whole.length() - from : size;
        into.setLength(FragmentHeader.LENGTH + length);
        into.putInt(0, FragmentHeader.part(last, sequence, index, size));
        whole.copyRange(from, into, FragmentHeader.LENGTH, length);
    }

    /** The largest part, a multiple of 4. */
    int maxPart(int channelOverhead) {
        int max = setting.max() - setting.outerOverhead() - channelOverhead - FragmentHeader.LENGTH;
        return Math.max(FragmentHeader.SIZE_UNIT, Math.min(max, FragmentHeader.MAX_PART_SIZE));
    }

    /** 2.6's {@code optimal_fragment_size}: smaller parts when that evens out the last one without adding a part. */
    static int partSize(int length, int maxPart) {
        int aligned = maxPart & ~(FragmentHeader.SIZE_UNIT - 1);
        int whole = length / aligned;
        int rest = length % aligned;
        if (whole > 0 && rest > 0 && rest < aligned * 3 / 4) {
            int evened = (maxPart - (maxPart - rest) / (whole + 1) + FragmentHeader.SIZE_UNIT - 1) & ~(FragmentHeader.SIZE_UNIT - 1);
            return Math.min(aligned, evened);
        }
        return aligned;
    }
}
