package dev.culvert.spi.compress;

import dev.culvert.core.graph.DropReason;

/**
 * Why the compression layer refused a packet. Every refusal of {@link CompressionFraming} is one
 * of these, so an operator can tell a peer speaking another framing ({@link #UNKNOWN_ALGORITHM})
 * from a missing module ({@link #NO_CODEC}) from hostile or corrupt input ({@link #MALFORMED}).
 */
public final class CompressionDrops {
    /** A frame too short for its header, or a compressed frame with no data after it. */
    public static final DropReason TRUNCATED = DropReason.of("compress.truncated");
    /** A command byte or v2 id that names no algorithm this framing knows. */
    public static final DropReason UNKNOWN_ALGORITHM = DropReason.of("compress.unknown-algorithm");
    /** The codec rejected the compressed data. LZ4 blocks do not state their size, so an LZ4
     * block that would overflow the packet is counted here too. */
    public static final DropReason MALFORMED = DropReason.of("compress.malformed");
    /** The data would decompress to more than the packet can hold. */
    public static final DropReason TOO_LARGE = DropReason.of("compress.too-large");
    /** The peer compressed with an algorithm for which no codec is installed. */
    public static final DropReason NO_CODEC = DropReason.of("compress.no-codec");
    /** The peer compressed with LZO, and no LZO codec is installed (module-compress has one) or it cannot run here. */
    public static final DropReason LZO_UNSUPPORTED = DropReason.of("compress.lzo-unsupported");
    /** The packet has no headroom or tailroom left for the framing byte(s). */
    public static final DropReason NO_ROOM = DropReason.of("compress.no-room");
    /** A codec broke its contract (threw, or claimed more output than allowed); a bug in its module. */
    public static final DropReason CODEC_FAILED = DropReason.of("compress.codec-failed");

    private CompressionDrops() {
    }
}
