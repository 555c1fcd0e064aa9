package dev.culvert.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.compress.CompressionAlgorithm;
import dev.culvert.spi.compress.Compressor;
import dev.culvert.spi.compress.Payloads;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

class SnappyCompressorTest {
    private final SnappyCompressor codec = new SnappyCompressor();

    @Test
    void namesItselfAsOperatorsTypeIt() {
        assertEquals("snappy", codec.name());
        assertSame(CompressionAlgorithm.SNAPPY, codec.algorithm());
    }

    @Test
    void itsWorstCaseIsAtLeastSnappysOwn() {
        for (int n : new int[] {0, 1, 100, 1400, 1500, Compressor.MAX_PACKET}) {
            assertTrue(codec.maxCompressedLength(n) >= Snappy.maxCompressedLength(n), "n=" + n);
        }
    }

    @Test
    void theDeclaredLengthIsReadAsSnappyReadsIt() throws Exception {
        Random random = new Random(5);
        for (int i = 0; i < 200; i++) {
            byte[] payload = Payloads.compressible(random.nextInt(Compressor.MAX_PACKET), random.nextLong());
            byte[] compressed = Snappy.compress(payload);
            ByteBuffer buf = ByteBuffer.wrap(compressed);
            assertEquals(Snappy.uncompressedLength(compressed), SnappyCompressor.declaredLength(buf, 0, compressed.length));
        }
    }

    @Test
    void aMalformedPreambleIsRefused() {
        ByteBuffer buf = ByteBuffer.allocateDirect(16);
        ByteBuffer out = ByteBuffer.allocateDirect(2048);
        buf.put(0, new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01});
        assertEquals(-1, SnappyCompressor.declaredLength(buf, 0, 6), "a varint longer than five bytes");
        assertEquals(Compressor.MALFORMED, codec.decompress(buf, 0, 6, out, 0, 2048));
        assertEquals(-1, SnappyCompressor.declaredLength(buf, 0, 3), "a varint running off the input");
        assertEquals(Compressor.MALFORMED, codec.decompress(buf, 0, 3, out, 0, 2048));
    }

    @Test
    void aClaimedLengthAboveMaxOutIsRefusedBeforeDecoding() {
        // Preamble 0xFF 0xFF 0x03 = 65535, then a literal that is not there.
        ByteBuffer buf = ByteBuffer.allocateDirect(16);
        buf.put(0, new byte[] {(byte) 0xFF, (byte) 0xFF, 0x03, 0x00, 'a'});
        ByteBuffer out = ByteBuffer.allocateDirect(2048);
        assertEquals(Compressor.TOO_LARGE, codec.decompress(buf, 0, 5, out, 0, 2048));
        // A 4 GiB claim is too large, not a crash.
        buf.put(0, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F});
        assertEquals(Compressor.TOO_LARGE, codec.decompress(buf, 0, 5, out, 0, 2048));
    }

    @Test
    void aStreamThatWritesMoreThanItClaimsIsRefused() {
        // Claims 2 bytes, then a 4-byte literal ('tag' 0x0C = literal of length 4).
        ByteBuffer buf = ByteBuffer.allocateDirect(16);
        buf.put(0, new byte[] {0x02, 0x0C, 'a', 'b', 'c', 'd'});
        ByteBuffer out = ByteBuffer.allocateDirect(2048);
        out.put(2, (byte) 0x77);
        assertEquals(Compressor.MALFORMED, codec.decompress(buf, 0, 6, out, 0, 2048));
        assertEquals(0x77, out.get(2), "nothing written past the claimed length");
    }

    @Test
    void aCopyReachingBeforeTheOutputIsRefused() {
        // Claims 10 bytes: literal 'a', then a copy with offset 5 from position 1.
        ByteBuffer buf = ByteBuffer.allocateDirect(16);
        buf.put(0, new byte[] {0x0A, 0x00, 'a', 0x15, 0x05});
        ByteBuffer out = ByteBuffer.allocateDirect(2048);
        assertEquals(Compressor.MALFORMED, codec.decompress(buf, 0, 5, out, 0, 2048));
    }
}
