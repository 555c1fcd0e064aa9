package dev.culvert.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.compress.Compressor;
import dev.culvert.spi.compress.Payloads;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.stream.Stream;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the SPI promises of every real codec, checked on each (LZ4 on both lz4-java engines, LZO through aircompressor). */
class CodecContractTest {
    static Stream<Arguments> codecs() {
        return Stream.of(
                Arguments.of("lz4 native", new Lz4Compressor(LZ4Factory.nativeInstance())),
                Arguments.of("lz4 pure Java", new Lz4Compressor(LZ4Factory.safeInstance())),
                Arguments.of("snappy", new SnappyCompressor()),
                Arguments.of("lzo", new LzoCompressor()));
    }

    private static ByteBuffer buffer(boolean direct, int capacity) {
        return direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
    }

    private static byte[] roundTrip(Compressor codec, byte[] payload, boolean srcDirect, boolean dstDirect) {
        int bound = codec.maxCompressedLength(payload.length);
        ByteBuffer src = buffer(srcDirect, payload.length + 20);
        src.put(7, payload);
        ByteBuffer compressed = buffer(dstDirect, bound + 30);
        int n = codec.compress(src, 7, payload.length, compressed, 13, bound);
        assertTrue(n > 0 && n <= bound, codec + " compressed " + payload.length + " bytes to " + n);
        ByteBuffer out = buffer(srcDirect, payload.length + 40);
        int m = codec.decompress(compressed, 13, n, out, 5, payload.length);
        assertEquals(payload.length, m, codec + " decompressed length");
        byte[] result = new byte[m];
        out.get(5, result);
        return result;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecs")
    void roundTripsEverySizeOnDirectHeapAndMixedBuffers(String label, Compressor codec) {
        for (int size : new int[] {1, 99, 100, 1400, 1500, Compressor.MAX_PACKET}) {
            for (byte[] payload : new byte[][] {Payloads.compressible(size, size), Payloads.random(size, size)}) {
                assertArrayEquals(payload, roundTrip(codec, payload, true, true), label + " direct " + size);
                assertArrayEquals(payload, roundTrip(codec, payload, false, false), label + " heap " + size);
                assertArrayEquals(payload, roundTrip(codec, payload, true, false), label + " mixed " + size);
                assertArrayEquals(payload, roundTrip(codec, payload, false, true), label + " mixed " + size);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecs")
    void compressibleDataShrinksAndRandomDataDoesNot(String label, Compressor codec) {
        ByteBuffer src = ByteBuffer.allocateDirect(1400);
        ByteBuffer dst = ByteBuffer.allocateDirect(codec.maxCompressedLength(1400));
        src.put(0, Payloads.compressible(1400, 1));
        assertTrue(codec.compress(src, 0, 1400, dst, 0, dst.capacity()) < 700, label);
        src.put(0, Payloads.random(1400, 1));
        assertTrue(codec.compress(src, 0, 1400, dst, 0, dst.capacity()) >= 1400, label);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecs")
    void positionsAndLimitsAreLeftAlone(String label, Compressor codec) {
        ByteBuffer src = ByteBuffer.allocateDirect(2000);
        src.put(0, Payloads.compressible(1400, 2));
        src.position(1700).limit(1900);
        ByteBuffer dst = ByteBuffer.allocateDirect(4000);
        dst.position(3000).limit(3999);
        int n = codec.compress(src, 0, 1400, dst, 100, codec.maxCompressedLength(1400));
        assertTrue(n > 0);
        ByteBuffer out = ByteBuffer.allocateDirect(2000);
        out.position(1500).limit(1999);
        assertEquals(1400, codec.decompress(dst, 100, n, out, 0, 1999));
        assertEquals(1700, src.position(), label);
        assertEquals(1900, src.limit(), label);
        assertEquals(3000, dst.position(), label);
        assertEquals(3999, dst.limit(), label);
        assertEquals(1500, out.position(), label);
        assertEquals(1999, out.limit(), label);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecs")
    void compressionThatDoesNotFitMaxOutReportsMinusOne(String label, Compressor codec) {
        ByteBuffer src = ByteBuffer.allocateDirect(1400);
        src.put(0, Payloads.random(1400, 3));
        ByteBuffer dst = ByteBuffer.allocateDirect(4000);
        assertEquals(-1, codec.compress(src, 0, 1400, dst, 0, 1000), label);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecs")
    void decompressionNeverWritesMoreThanMaxOut(String label, Compressor codec) {
        byte[] payload = Payloads.compressible(1500, 4);
        ByteBuffer src = ByteBuffer.allocateDirect(1500);
        src.put(0, payload);
        ByteBuffer compressed = ByteBuffer.allocateDirect(codec.maxCompressedLength(1500));
        int n = codec.compress(src, 0, 1500, compressed, 0, compressed.capacity());
        ByteBuffer out = ByteBuffer.allocateDirect(4000);
        byte[] canary = Payloads.random(4000, 5);
        out.put(0, canary);
        int result = codec.decompress(compressed, 0, n, out, 0, 1000);
        assertTrue(result == Compressor.TOO_LARGE || result == Compressor.MALFORMED, label + " returned " + result);
        byte[] after = new byte[4000 - 1000];
        out.get(1000, after);
        byte[] expected = new byte[after.length];
        System.arraycopy(canary, 1000, expected, 0, expected.length);
        assertArrayEquals(expected, after, label + " wrote past maxOut");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecs")
    void hostileInputIsRefusedWithoutThrowingOrOverflowing(String label, Compressor codec) {
        Random random = new Random(99);
        ByteBuffer src = ByteBuffer.allocateDirect(2048);
        ByteBuffer out = ByteBuffer.allocateDirect(4096);
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            int length = 1 + random.nextInt(1500);
            byte[] garbage = Payloads.random(length, random.nextLong());
            src.put(0, garbage);
            int maxOut = 1 + random.nextInt(2048);
            out.put(maxOut, (byte) 0x5A);
            int n = codec.decompress(src, 0, length, out, 0, maxOut);
            assertTrue(n <= maxOut, label + ": result " + n + " above maxOut " + maxOut);
            assertTrue(n >= 0 || n == Compressor.MALFORMED || n == Compressor.TOO_LARGE, label + ": result " + n);
            assertEquals(0x5A, out.get(maxOut), label + ": wrote past maxOut");
            if (n < 0) {
                refused++;
            }
        }
        assertTrue(refused > 15_000, label + " refused only " + refused + " of 20000 random streams");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecs")
    void truncatedStreamsAreRefused(String label, Compressor codec) {
        byte[] payload = Payloads.compressible(1400, 6);
        ByteBuffer src = ByteBuffer.allocateDirect(1400);
        src.put(0, payload);
        ByteBuffer compressed = ByteBuffer.allocateDirect(codec.maxCompressedLength(1400));
        int n = codec.compress(src, 0, 1400, compressed, 0, compressed.capacity());
        ByteBuffer out = ByteBuffer.allocateDirect(2000);
        for (int cut : new int[] {1, n / 2, n - 1}) {
            assertTrue(codec.decompress(compressed, 0, cut, out, 0, 2000) < 0, label + " accepted a stream cut to " + cut + " of " + n);
        }
        assertEquals(Compressor.MALFORMED, codec.decompress(compressed, 0, 0, out, 0, 2000), label + " empty input");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecs")
    void badArgumentsNeverReachTheLibrary(String label, Compressor codec) {
        ByteBuffer small = ByteBuffer.allocateDirect(100);
        ByteBuffer out = ByteBuffer.allocateDirect(100);
        assertEquals(-1, codec.compress(small, 50, 100, out, 0, 100), label);
        assertEquals(Compressor.MALFORMED, codec.decompress(small, 50, 100, out, 0, 100), label);
        ByteBuffer limited = ByteBuffer.allocateDirect(200).limit(100);
        assertEquals(-1, codec.compress(limited, 0, 150, out, 0, 100), label + ": reading past the limit");
        assertEquals(Compressor.MALFORMED, codec.decompress(limited, 0, 150, out, 0, 100), label + ": reading past the limit");
        assertTrue(codec.decompress(small, 0, 10, out, 200, 100) < 0, label);
        assertEquals(-1, codec.compress(small, 0, 100, out.asReadOnlyBuffer(), 0, 100), label);
    }
}
