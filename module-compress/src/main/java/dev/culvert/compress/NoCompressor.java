package dev.culvert.compress;

import dev.culvert.spi.compress.CompressionAlgorithm;
import dev.culvert.core.slot.Ranked;
import dev.culvert.spi.compress.Compressor;
import java.nio.ByteBuffer;
import org.osgi.service.component.annotations.Component;

/**
 * The stub: it never compresses, so every payload goes out framed but uncompressed, which is what
 * {@code compress stub}, {@code compress stub-v2} and {@code comp-lzo no} ask for. Selecting it is
 * how an operator turns compression off under traffic without changing the framing.
 */
@Component(service = Compressor.class, property = {"culvert.name=none", "service.ranking:Integer=" + NoCompressor.RANKING})
public final class NoCompressor implements Compressor, Ranked {
    /** The slot's preference when several codecs are installed: lz4 20, snappy 10, none 0. */
    static final int RANKING = 0;

    @Override
    public String name() {
        return "none";
    }

    @Override
    public CompressionAlgorithm algorithm() {
        return CompressionAlgorithm.NONE;
    }

    @Override
    public int maxCompressedLength(int length) {
        return length;
    }

    @Override
    public int compress(ByteBuffer src, int srcOffset, int length, ByteBuffer dst, int dstOffset, int maxOut) {
        return -1;
    }

    @Override
    public int decompress(ByteBuffer src, int srcOffset, int length, ByteBuffer dst, int dstOffset, int maxOut) {
        return UNSUPPORTED;
    }

    @Override
    public String toString() {
        return "none";
    }

    @Override
    public int ranking() {
        return RANKING;
    }
}
