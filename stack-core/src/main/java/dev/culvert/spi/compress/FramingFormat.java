package dev.culvert.spi.compress;

/**
 * The three ways OpenVPN marks a data-channel payload as compressed or not (protocol/openvpn.md
 * §6.2). The format is a property of the tunnel's configuration, not of the codec: a tunnel
 * configured with {@code compress lz4-v2} frames whatever the active codec produces in v2 style.
 */
public enum FramingFormat {
    /**
     * {@code compress}, {@code compress stub}, {@code compress lz4} (and Snappy as openvpn3 frames
     * it): one command byte in front, and the payload's first byte moved to the end to keep the
     * payload aligned. {@code 0xFB} marks an uncompressed payload.
     */
    V1_SWAP,
    /**
     * {@code compress stub-v2}, {@code compress lz4-v2}: no byte at all for an uncompressed payload
     * unless it starts with {@code 0x50}, which is escaped as {@code 0x50 0x00}; a compressed
     * payload is {@code 0x50} and the algorithm's v2 id.
     */
    V2,
    /**
     * {@code comp-lzo} and {@code compress lzo}: one prefix byte, {@code 0xFA} for an uncompressed
     * payload and {@code 0x66} for LZO. Culvert ships no LZO codec, so it only ever sends
     * {@code 0xFA} and refuses {@code 0x66} by name.
     */
    LZO_V1;

    /** The v1 byte of an uncompressed payload in {@link #V1_SWAP} framing. */
    public static final int V1_UNCOMPRESSED = 0xFB;
    /** The prefix byte of an uncompressed payload in {@link #LZO_V1} framing. */
    public static final int LZO_UNCOMPRESSED = 0xFA;
    /** The first byte of every v2 frame that is not a bare payload. */
    public static final int V2_INDICATOR = 0x50;
    /** The v2 id of an escaped, uncompressed payload. */
    public static final int V2_UNCOMPRESSED = 0x00;
    /**
     * What OpenVPN 2.x's encoder actually writes as the v2 escape ({@code COMP_ALGV2_UNCOMPRESSED}
     * instead of its {@code _BYTE} twin); accepted as uncompressed so that tap payloads starting
     * with {@code 0x50} from a 2.x peer survive.
     */
    public static final int V2_UNCOMPRESSED_OPENVPN2 = 0x0A;
}
