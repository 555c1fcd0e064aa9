package dev.culvert.spi.compress;

/**
 * The algorithms OpenVPN's framing can name, with the byte that names each one on the wire.
 * The bytes are protocol facts (openvpn {@code comp.h}, {@code compstub.c}, {@code comp-lz4.c};
 * snappy from the 2012 OpenVPN 2 code and openvpn3), so they live in the SPI where every codec
 * and the tunnel agree on them.
 */
public enum CompressionAlgorithm {
    /** No compression: the stub that only frames. */
    NONE(0xFB, 0x00),
    LZ4(0x69, 0x01),
    /** LZO1X, as comp-lzo and compress lzo frame it (prefix byte, never swapped; no v2 id in 2.6). */
    LZO(0x66, 0x02),
    /** Snappy: v1 byte from OpenVPN 2's former snappy support and openvpn3, v2 id reserved in comp.h. */
    SNAPPY(0x68, 0x03);

    private final int v1Byte;
    private final int v2Id;

    CompressionAlgorithm(int v1Byte, int v2Id) {
        this.v1Byte = v1Byte;
        this.v2Id = v2Id;
    }

    /** The command byte of v1 (swap) framing, as in {@code compress lz4}. */
    public int v1Byte() {
        return v1Byte;
    }

    /** The algorithm byte after {@code 0x50} in v2 framing, as in {@code compress lz4-v2}. */
    public int v2Id() {
        return v2Id;
    }
}
