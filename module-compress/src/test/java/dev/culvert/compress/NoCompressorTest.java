package dev.culvert.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.culvert.spi.compress.CompressionAlgorithm;
import dev.culvert.spi.compress.Compressor;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class NoCompressorTest {
    @Test
    void neverCompressesAndCannotDecompress() {
        NoCompressor stub = new NoCompressor();
        ByteBuffer buf = ByteBuffer.allocateDirect(2000);
        assertEquals("none", stub.name());
        assertSame(CompressionAlgorithm.NONE, stub.algorithm());
        assertEquals(-1, stub.compress(buf, 0, 1400, buf, 0, 2000));
        assertEquals(Compressor.UNSUPPORTED, stub.decompress(buf, 0, 10, buf, 0, 2000));
    }
}
