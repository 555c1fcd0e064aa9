package dev.culvert.vpn.fragment;

/**
 * The 32-bit, big-endian word 2.6 puts in front of every data payload once {@code fragment} is on
 * (fragment.h): bits 0-1 the type, bits 2-9 the packet's sequence id (all parts of one packet share
 * it), bits 10-14 the part's index, and, in the last part only, bits 15-28 the size of every other
 * part divided by 4. A word is read with {@link #of} and its fields taken apart here; nothing else
 * in the data path knows the layout.
 */
public final class FragmentHeader {
    /** Bytes the header adds to every payload. */
    public static final int LENGTH = 4;
    /** A payload sent in one piece. */
    public static final int WHOLE = 0;
    /** A part of a split payload, not its last. */
    public static final int NOT_LAST = 1;
    /** The last part of a split payload; it carries the parts' size. */
    public static final int LAST = 2;
    /** Reserved by 2.6 for path-MTU probes and never sent by it. */
    public static final int TEST = 3;
    /** Sequence ids wrap at 256. */
    public static final int SEQUENCE_IDS = 256;
    /** At most 32 parts per payload: one bit each in the reassembly map. */
    public static final int MAX_PARTS = 32;
    /** Part sizes are multiples of 4, sent divided by 4 in 14 bits. */
    public static final int SIZE_UNIT = 4;
    /** The largest part size the header can carry. */
    public static final int MAX_PART_SIZE = 0x3fff * SIZE_UNIT;

    private static final int TYPE_MASK = 0x3;
    private static final int SEQUENCE_SHIFT = 2;
    private static final int SEQUENCE_MASK = 0xff;
    private static final int INDEX_SHIFT = 10;
    private static final int INDEX_MASK = 0x1f;
    private static final int SIZE_SHIFT = 15;
    private static final int SIZE_MASK = 0x3fff;

    private FragmentHeader() {
    }

    /** The word of a payload sent whole: all zero. */
    public static int whole() {
        return WHOLE;
    }

    /** The word of part {@code index} of packet {@code sequence}; {@code partSize} is written only when {@code last}. */
    public static int part(boolean last, int sequence, int index, int partSize) {
        int word = (last ? LAST : NOT_LAST) | (sequence & SEQUENCE_MASK) << SEQUENCE_SHIFT | (index & INDEX_MASK) << INDEX_SHIFT;
        return last ? word | ((partSize / SIZE_UNIT) & SIZE_MASK) << SIZE_SHIFT : word;
    }

    public static int type(int word) {
        return word & TYPE_MASK;
    }

    public static int sequence(int word) {
        return word >>> SEQUENCE_SHIFT & SEQUENCE_MASK;
    }

    public static int index(int word) {
        return word >>> INDEX_SHIFT & INDEX_MASK;
    }

    /** The parts' size a {@link #LAST} word carries, in bytes. */
    public static int partSize(int word) {
        return (word >>> SIZE_SHIFT & SIZE_MASK) * SIZE_UNIT;
    }

    /** Whether a {@link #WHOLE} word has sequence or index bits set, which 2.6 refuses as spurious. */
    public static boolean spuriousWhole(int word) {
        return (word & (SEQUENCE_MASK << SEQUENCE_SHIFT | INDEX_MASK << INDEX_SHIFT)) != 0;
    }
}
