package dev.culvert.compress;

import dev.culvert.core.slot.Ranked;
import dev.culvert.spi.compress.CompressionAlgorithm;
import dev.culvert.spi.compress.Compressor;
import io.airlift.compress.lzo.LzoDecompressor;
import java.nio.ByteBuffer;
import org.osgi.service.component.annotations.Component;

/**
 * LZO1X, as OpenVPN's {@code comp-lzo} and {@code compress lzo} use it (2.6 compresses with
 * liblzo2's {@code lzo1x_1_15} and reads with {@code lzo1x_decompress_safe}), through
 * aircompressor's pure-Java codec. OpenVPN 2.6 receives LZO from such a peer by default but sends
 * it only with {@code allow-compression yes}; that choice is the compression settings', not this
 * codec's.
 *
 * <p>The library's codec objects keep tables between calls, so each thread has its own. Its
 * decoder bounds every read and write by the buffers it is given and throws on a malformed block;
 * an LZO block does not state its decoded size, so a block that would overflow {@code maxOut} and
 * a corrupt one are both {@link #MALFORMED}. The library reaches direct buffers through
 * {@code sun.misc.Unsafe}: where that is missing the codec answers {@link #UNSUPPORTED} instead of
 * failing per packet.
 *
 * <p>Ranked below every other codec: it is the compress slot's choice only when a configuration
 * names LZO, never by default.
 */
@Component(service = Compressor.class, property = {"culvert.name=lzo", "service.ranking:Integer=" + LzoCompressor.RANKING})
public final class LzoCompressor implements Compressor, Ranked {
    static final int RANKING = -10;

    private static final ThreadLocal<io.airlift.compress.lzo.LzoCompressor> COMPRESSORS = ThreadLocal.withInitial(
            io.airlift.compress.lzo.LzoCompressor::new);
    private static final ThreadLocal<LzoDecompressor> DECOMPRESSORS = ThreadLocal.withInitial(LzoDecompressor::new);

    @Override
    public String name() {
        return "lzo";
    }

    @Override
    public CompressionAlgorithm algorithm() {
        return CompressionAlgorithm.LZO;
    }

    @Override
    public int maxCompressedLength(int length) {
        return COMPRESSORS.get().maxCompressedLength(length);
    }

    @Override
    public int compress(ByteBuffer src, int srcOffset, int length, ByteBuffer dst, int dstOffset, int maxOut) {
        int room = BufferRanges.room(dst, dstOffset, maxOut);
        if (room < 0 || !BufferRanges.inside(src, srcOffset, length) || length > MAX_PACKET || dst.isReadOnly()
                || room < maxCompressedLength(length)) {
            return -1;
        }
        try {
            ByteBuffer out = dst.slice(dstOffset, room);
            COMPRESSORS.get().compress(src.slice(srcOffset, length), out);
            return out.position();
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }

    @Override
    public int decompress(ByteBuffer src, int srcOffset, int length, ByteBuffer dst, int dstOffset, int maxOut) {
        int room = BufferRanges.decompressionRoom(src, srcOffset, length, dst, dstOffset, maxOut);
        if (room < 0) {
            return room;
        }
        ByteBuffer out = dst.slice(dstOffset, room);
        try {
            DECOMPRESSORS.get().decompress(src.slice(srcOffset, length), out);
        } catch (LinkageError e) {
            return UNSUPPORTED;
        } catch (RuntimeException e) {
            // MalformedInputException normally; whatever else the library throws on a hostile block, it is not valid LZO.
            return MALFORMED;
        }
        int n = out.position();
        return n >= 0 && n <= room ? n : MALFORMED;
    }

    @Override
    public String toString() {
        return "lzo (aircompressor)";
    }

    @Override
    public int ranking() {
        return RANKING;
    }
}
