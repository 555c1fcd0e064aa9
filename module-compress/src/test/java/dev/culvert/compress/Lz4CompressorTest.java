package dev.culvert.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.compress.CompressionAlgorithm;
import dev.culvert.spi.compress.Compressor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;

class Lz4CompressorTest {
    /** A System.Logger that remembers what it was told. */
    private static final class RecordingLogger implements System.Logger {
        final List<String> records = new ArrayList<>();

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            records.add(level + " " + msg + " / " + thrown);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            records.add(level + " " + format);
        }
    }

    @Test
    void namesItselfAsOperatorsTypeIt() {
        Lz4Compressor codec = new Lz4Compressor();
        assertEquals("lz4", codec.name());
        assertSame(CompressionAlgorithm.LZ4, codec.algorithm());
    }

    @Test
    void runsOnTheNativeLibraryWhereItLoads() {
        // lz4-java ships a library for linux-amd64, where these tests run; elsewhere this would fail loudly.
        assertTrue(new Lz4Compressor().implementation().contains("JNI"), new Lz4Compressor().implementation());
    }

    @Test
    void fallsBackToPureJavaLoudlyWhenTheNativeLibraryIsMissing() {
        RecordingLogger log = new RecordingLogger();
        LZ4Factory chosen = Lz4Compressor.nativeOrSafe(() -> {
            throw new UnsatisfiedLinkError("no liblz4-java in java.library.path");
        }, log);
        assertSame(LZ4Factory.safeInstance(), chosen);
        assertEquals(1, log.records.size());
        assertTrue(log.records.get(0).startsWith("WARNING"), log.records.get(0));
        assertTrue(log.records.get(0).contains("no liblz4-java"), "the cause is in the message: " + log.records.get(0));
    }

    @Test
    void choosesNativeSilentlyWhenItLoads() {
        RecordingLogger log = new RecordingLogger();
        assertSame(LZ4Factory.nativeInstance(), Lz4Compressor.nativeOrSafe(LZ4Factory::nativeInstance, log));
        assertTrue(log.records.isEmpty());
    }

    @Test
    void aBlockThatWouldOverflowIsRefusedAsMalformed() {
        // 1500 zero bytes: a tiny block whose output is far larger than the room given.
        Lz4Compressor codec = new Lz4Compressor();
        ByteBuffer src = ByteBuffer.allocateDirect(1500);
        ByteBuffer block = ByteBuffer.allocateDirect(codec.maxCompressedLength(1500));
        int n = codec.compress(src, 0, 1500, block, 0, block.capacity());
        assertTrue(n < 50);
        ByteBuffer out = ByteBuffer.allocateDirect(1500);
        assertEquals(Compressor.MALFORMED, codec.decompress(block, 0, n, out, 0, 1499));
        assertEquals(1500, codec.decompress(block, 0, n, out, 0, 1500));
    }

    @Test
    void aMatchReachingBeforeTheStartOfTheOutputIsRefused() {
        // token: 1 literal, match length 4; literal 'a'; offset 0x0100 points 256 bytes back into nothing.
        ByteBuffer block = ByteBuffer.allocateDirect(16);
        block.put(0, new byte[] {0x10, 'a', 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00});
        ByteBuffer out = ByteBuffer.allocateDirect(2048);
        for (Lz4Compressor codec : List.of(new Lz4Compressor(LZ4Factory.nativeInstance()), new Lz4Compressor(LZ4Factory.safeInstance()))) {
            assertEquals(Compressor.MALFORMED, codec.decompress(block, 0, 10, out, 0, 2048), codec.toString());
        }
    }

    @Test
    void aLiteralRunLongerThanTheInputIsRefused() {
        // token 0xF0: 15+ literals, extended by 0xFF bytes claiming thousands of literals that are not there.
        ByteBuffer block = ByteBuffer.allocateDirect(16);
        block.put(0, new byte[] {(byte) 0xF0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x10, 'x', 'y'});
        ByteBuffer out = ByteBuffer.allocateDirect(2048);
        for (Lz4Compressor codec : List.of(new Lz4Compressor(LZ4Factory.nativeInstance()), new Lz4Compressor(LZ4Factory.safeInstance()))) {
            assertEquals(Compressor.MALFORMED, codec.decompress(block, 0, 7, out, 0, 2048), codec.toString());
        }
    }
}
