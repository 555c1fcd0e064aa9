package dev.culvert.vpn.wire;

/**
 * The eleven OpenVPN opcodes. On the wire the first byte of every packet is
 * {@code (opcode << 3) | keyId}: the opcode in the high five bits, the key id (0..7) in the low three.
 */
public enum Opcode {
    CONTROL_HARD_RESET_CLIENT_V1(1),
    CONTROL_HARD_RESET_SERVER_V1(2),
    CONTROL_SOFT_RESET_V1(3),
    CONTROL_V1(4),
    ACK_V1(5),
    DATA_V1(6),
    CONTROL_HARD_RESET_CLIENT_V2(7),
    CONTROL_HARD_RESET_SERVER_V2(8),
    DATA_V2(9),
    CONTROL_HARD_RESET_CLIENT_V3(10),
    CONTROL_WKC_V1(11);

    public static final int SHIFT = 3;
    public static final int KEY_ID_MASK = 0x07;

    private static final Opcode[] BY_CODE = new Opcode[32];

    static {
        for (Opcode op : values()) {
            BY_CODE[op.code] = op;
        }
    }

    private final int code;

    Opcode(int code) {
        this.code = code;
    }

    /** The five-bit number on the wire. */
    public int code() {
        return code;
    }

    /**
     * Whether 2.6 accepts this opcode on the control path (3..11 less the two data opcodes). The V1
     * hard resets belong to key-method 1, which 2.6 refuses.
     */
    public boolean isLegalControl() {
        return code >= 3 && code <= 11 && !isData();
    }

    public boolean isData() {
        return this == DATA_V1 || this == DATA_V2;
    }

    /** Whether this opcode opens a key state: a hard or soft reset (key-method 2's, not the V1 hard resets). */
    public boolean isReset() {
        return switch (this) {
            case CONTROL_HARD_RESET_CLIENT_V2, CONTROL_HARD_RESET_SERVER_V2, CONTROL_HARD_RESET_CLIENT_V3, CONTROL_SOFT_RESET_V1 -> true;
            default -> false;
        };
    }

    /** Whether the packet carries a message packet-id (every control opcode but P_ACK_V1). */
    public boolean hasMessageId() {
        return this != ACK_V1;
    }

    /** The first byte of a packet with this opcode and key id. */
    public int byte0(int keyId) {
        if ((keyId & ~KEY_ID_MASK) != 0) {
            throw new IllegalArgumentException("key id out of range 0..7: " + keyId);
        }
        return (code << SHIFT) | keyId;
    }

    /** The opcode in a first byte, or null for the 21 numbers that name none. */
    public static Opcode ofByte0(int byte0) {
        return BY_CODE[(byte0 & 0xff) >>> SHIFT];
    }

    /** The key id in a first byte. */
    public static int keyIdOf(int byte0) {
        return byte0 & KEY_ID_MASK;
    }
}
