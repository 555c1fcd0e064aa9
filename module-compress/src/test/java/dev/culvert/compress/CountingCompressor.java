package dev.culvert.compress;

import dev.culvert.spi.compress.CompressionAlgorithm;
import dev.culvert.spi.compress.Compressor;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

/** A codec as loaded, counting the packets it was asked to compress: which binding carried traffic. */
final class CountingCompressor implements Compressor {
    private final Compressor codec;
    private final LongAdder compressed = new LongAdder();

    CountingCompressor(Compressor codec) {
        this.codec = codec;
    }

    long compressed() {
        return compressed.sum();
    }

    @Override
    public String name() {
        return codec.name();
    }

    @Override
    public CompressionAlgorithm algorithm() {
        return codec.algorithm();
    }

    @Override
    public int maxCompressedLength(int length) {
        return codec.maxCompressedLength(length);
    }

    @Override
    public int compress(ByteBuffer src, int srcOffset, int length, ByteBuffer dst, int dstOffset, int maxOut) {
        compressed.increment();
        return codec.compress(src, srcOffset, length, dst, dstOffset, maxOut);
    }

    @Override
    public int decompress(ByteBuffer src, int srcOffset, int length, ByteBuffer dst, int dstOffset, int maxOut) {
        return codec.decompress(src, srcOffset, length, dst, dstOffset, maxOut);
    }
}
