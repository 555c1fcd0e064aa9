package dev.culvert.spi.compress;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;
import java.nio.ByteBuffer;

/**
 * OpenVPN's per-packet compression framing (protocol/openvpn.md §6.2), applied in place to a
 * {@link Packet}'s window.
 *
 * <p>Sending: a payload of at least {@value #COMPRESS_THRESHOLD} bytes is compressed with the
 * given codec into a scratch buffer; the result is kept only if the framed packet gets smaller
 * (as OpenVPN decides it), otherwise the payload goes uncompressed. An empty payload is left
 * empty, as OpenVPN leaves it.
 *
 * <p>Receiving: every byte is hostile. The header is checked against the window's length before
 * it is read, the algorithm is looked up among all installed codecs, and the codec may write at
 * most as much as the packet can hold (and at most {@link #maxPayload()}). Every refusal is a
 * {@link CompressionDrops} reason; nothing here throws for anything the bytes contain.
 *
 * <p>Thread-safe and allocation-free: instances hold only configuration, and the scratch buffer
 * is the caller's (usually {@link FramingScratch#forCurrentThread()}).
 */
public final class CompressionFraming {
    /** OpenVPN's {@code COMPRESS_THRESHOLD}: shorter payloads are never worth compressing. */
    public static final int COMPRESS_THRESHOLD = 100;

    private static final CompressionAlgorithm[] BY_V1_BYTE = new CompressionAlgorithm[256];
    private static final CompressionAlgorithm[] BY_V2_ID = new CompressionAlgorithm[256];

    static {
        for (CompressionAlgorithm a : CompressionAlgorithm.values()) {
            if (a != CompressionAlgorithm.NONE) {
                BY_V1_BYTE[a.v1Byte()] = a;
                BY_V2_ID[a.v2Id()] = a;
            }
        }
    }

    private final FramingFormat format;
    private final int maxPayload;

    /**
     * @param format     how the tunnel marks compressed and uncompressed payloads
     * @param maxPayload the most a payload may decompress to (the tunnel's MTU bound), at most
     *                   {@link Compressor#MAX_PACKET}
     */
    public CompressionFraming(FramingFormat format, int maxPayload) {
        if (format == null) {
            throw new IllegalArgumentException("format is required");
        }
        if (maxPayload < 1 || maxPayload > Compressor.MAX_PACKET) {
            throw new IllegalArgumentException("maxPayload " + maxPayload + " outside 1.." + Compressor.MAX_PACKET);
        }
        this.format = format;
        this.maxPayload = maxPayload;
    }

    public CompressionFraming(FramingFormat format) {
        this(format, Compressor.MAX_PACKET);
    }

    public FramingFormat format() {
        return format;
    }

    public int maxPayload() {
        return maxPayload;
    }

    /**
     * Frames the packet's payload in place, compressing it with {@code codec} if that pays.
     * {@code codec} may be {@code null} (or a stub) to frame without compressing, as
     * {@code allow-compression asym} or an empty slot require.
     *
     * @return {@code null} when the packet is framed, else why it could not be (the packet's
     *         contents are then unspecified and the caller drops it)
     */
    public DropReason frame(Packet packet, Compressor codec, ByteBuffer scratch) {
        int length = packet.length();
        if (length == 0) {
            return null;
        }
        int marker = codec == null ? -1 : compressedMarker(codec.algorithm());
        int compressed = marker < 0 ? -1 : compressInto(packet, codec, scratch);
        if (compressed == -2) {
            return CompressionDrops.CODEC_FAILED;
        }
        ByteBuffer buf = packet.buffer();
        int off = packet.offset();
        switch (format) {
            case V1_SWAP -> {
                if (compressed > 0 && compressed < length) {
                    // cmd ‖ data[1..n) ‖ data[0], n + 1 <= length: fits the window it replaces.
                    buf.put(off + 1, scratch, 1, compressed - 1);
                    buf.put(off + compressed, scratch.get(0));
                    buf.put(off, (byte) marker);
                    packet.setLength(compressed + 1);
                    return null;
                }
                if (packet.tailroom() < 1) {
                    return CompressionDrops.NO_ROOM;
                }
                packet.append(1);
                packet.putByte(length, packet.getUnsignedByte(0));
                packet.putByte(0, FramingFormat.V1_UNCOMPRESSED);
                return null;
            }
            case V2 -> {
                if (compressed > 0 && compressed + 2 < length) {
                    buf.put(off + 2, scratch, 0, compressed);
                    buf.put(off, (byte) FramingFormat.V2_INDICATOR);
                    buf.put(off + 1, (byte) marker);
                    packet.setLength(compressed + 2);
                    return null;
                }
                if (packet.getUnsignedByte(0) != FramingFormat.V2_INDICATOR) {
                    return null;
                }
                if (packet.headroom() < 2) {
                    return CompressionDrops.NO_ROOM;
                }
                packet.prepend(2);
                packet.putByte(0, FramingFormat.V2_INDICATOR);
                packet.putByte(1, FramingFormat.V2_UNCOMPRESSED);
                return null;
            }
            case LZO_V1 -> {
                if (compressed > 0 && compressed < length) {
                    buf.put(off + 1, scratch, 0, compressed);
                    buf.put(off, (byte) marker);
                    packet.setLength(compressed + 1);
                    return null;
                }
                if (packet.headroom() < 1) {
                    return CompressionDrops.NO_ROOM;
                }
                packet.prepend(1);
                packet.putByte(0, FramingFormat.LZO_UNCOMPRESSED);
                return null;
            }
            default -> throw new AssertionError(format);
        }
    }

    /**
     * Removes the framing from a received packet in place, decompressing it with the installed
     * codec its header names.
     *
     * @return {@code null} when the window now holds the payload, else why the packet is refused
     */
    public DropReason unframe(Packet packet, Decompressors decompressors, ByteBuffer scratch) {
        int length = packet.length();
        if (length == 0) {
            return null;
        }
        CompressionAlgorithm algorithm;
        switch (format) {
            case V1_SWAP -> {
                int cmd = packet.getUnsignedByte(0);
                packet.putByte(0, packet.getUnsignedByte(length - 1));
                packet.trimBack(1);
                if (cmd == FramingFormat.V1_UNCOMPRESSED) {
                    return null;
                }
                algorithm = BY_V1_BYTE[cmd];
                if (algorithm == null || algorithm == CompressionAlgorithm.LZO) {
                    // OpenVPN frames LZO with a prefix, never swapped: 0x66 here is not a frame we know.
                    return algorithm == null ? CompressionDrops.UNKNOWN_ALGORITHM : CompressionDrops.LZO_UNSUPPORTED;
                }
            }
            case V2 -> {
                if (packet.getUnsignedByte(0) != FramingFormat.V2_INDICATOR) {
                    return null;
                }
                if (length < 2) {
                    return CompressionDrops.TRUNCATED;
                }
                int id = packet.getUnsignedByte(1);
                packet.trimFront(2);
                if (id == FramingFormat.V2_UNCOMPRESSED || id == FramingFormat.V2_UNCOMPRESSED_OPENVPN2) {
                    return null;
                }
                algorithm = BY_V2_ID[id];
                if (algorithm == null) {
                    return CompressionDrops.UNKNOWN_ALGORITHM;
                }
            }
            case LZO_V1 -> {
                int cmd = packet.getUnsignedByte(0);
                packet.trimFront(1);
                if (cmd == FramingFormat.LZO_UNCOMPRESSED) {
                    return null;
                }
                if (cmd != CompressionAlgorithm.LZO.v1Byte()) {
                    return CompressionDrops.UNKNOWN_ALGORITHM;
                }
                algorithm = CompressionAlgorithm.LZO;
            }
            default -> throw new AssertionError(format);
        }
        return decompressInPlace(packet, algorithm, decompressors, scratch);
    }

    /** The byte (v1) or id (v2) that marks {@code algorithm}'s output in this format, or -1 if it has none. */
    private int compressedMarker(CompressionAlgorithm algorithm) {
        return switch (format) {
            case V1_SWAP -> algorithm == CompressionAlgorithm.LZ4 || algorithm == CompressionAlgorithm.SNAPPY ? algorithm.v1Byte() : -1;
            case V2 -> algorithm == CompressionAlgorithm.LZ4 || algorithm == CompressionAlgorithm.SNAPPY ? algorithm.v2Id() : -1;
            case LZO_V1 -> algorithm == CompressionAlgorithm.LZO ? algorithm.v1Byte() : -1;
        };
    }

    /** Compresses the window into {@code scratch}; returns its length, -1 for "send it uncompressed", -2 if the codec failed. */
    private static int compressInto(Packet packet, Compressor codec, ByteBuffer scratch) {
        int length = packet.length();
        if (length < COMPRESS_THRESHOLD || length > Compressor.MAX_PACKET) {
            return -1;
        }
        try {
            int bound = codec.maxCompressedLength(length);
            // Room for the worst case: a codec that runs out of room mid-stream may throw per packet.
            if (bound <= 0 || bound > scratch.limit()) {
                return -1;
            }
            int n = codec.compress(packet.buffer(), packet.offset(), length, scratch, 0, bound);
            if (n > bound) {
                return -2;
            }
            return n > 0 ? n : -1;
        } catch (RuntimeException e) {
            return -2;
        }
    }

    private DropReason decompressInPlace(Packet packet, CompressionAlgorithm algorithm, Decompressors decompressors, ByteBuffer scratch) {
        int length = packet.length();
        if (length == 0) {
            return CompressionDrops.TRUNCATED;
        }
        Compressor codec = decompressors.forAlgorithm(algorithm);
        if (codec == null) {
            return algorithm == CompressionAlgorithm.LZO ? CompressionDrops.LZO_UNSUPPORTED : CompressionDrops.NO_CODEC;
        }
        int off = packet.offset();
        int room = Math.min(maxPayload, Math.min(packet.capacity() - off, scratch.limit()));
        int n;
        try {
            n = codec.decompress(packet.buffer(), off, length, scratch, 0, room);
        } catch (RuntimeException e) {
            return CompressionDrops.CODEC_FAILED;
        }
        if (n < 0) {
            return switch (n) {
                case Compressor.TOO_LARGE -> CompressionDrops.TOO_LARGE;
                case Compressor.UNSUPPORTED -> algorithm == CompressionAlgorithm.LZO ? CompressionDrops.LZO_UNSUPPORTED : CompressionDrops.NO_CODEC;
                default -> CompressionDrops.MALFORMED;
            };
        }
        if (n > room) {
            return CompressionDrops.CODEC_FAILED;
        }
        packet.buffer().put(off, scratch, 0, n);
        packet.setLength(n);
        return null;
    }

    @Override
    public String toString() {
        return "CompressionFraming[" + format + ", max " + maxPayload + "]";
    }
}
