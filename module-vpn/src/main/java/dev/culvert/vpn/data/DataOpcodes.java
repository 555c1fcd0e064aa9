package dev.culvert.vpn.data;

/**
 * The data-channel header (ssl_pkt.h, ssl.c {@code tls_prepend_opcode_v1/v2}): byte 0 is
 * {@code opcode << 3 | key_id}; P_DATA_V2 follows it with a 24-bit peer-id.
 */
public final class DataOpcodes {
    public static final int P_DATA_V1 = 6;
    public static final int P_DATA_V2 = 9;
    public static final int OPCODE_SHIFT = 3;
    public static final int KEY_ID_MASK = 0x07;
    /** "No peer-id" ({@code MAX_PEER_ID}). */
    public static final int NO_PEER_ID = 0xFFFFFF;
    public static final int V1_HEADER = 1;
    public static final int V2_HEADER = 4;
    public static final int PACKET_ID_LENGTH = 4;

    private DataOpcodes() {
    }

    public static int opcode(int byte0) {
        return (byte0 & 0xff) >>> OPCODE_SHIFT;
    }

    public static int keyId(int byte0) {
        return byte0 & KEY_ID_MASK;
    }
}
