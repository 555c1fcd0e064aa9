package dev.culvert.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.spi.compress.CompressionDrops;
import dev.culvert.spi.compress.CompressionFraming;
import dev.culvert.spi.compress.Compressor;
import dev.culvert.spi.compress.Decompressors;
import dev.culvert.spi.compress.FramingFormat;
import dev.culvert.spi.compress.FramingScratch;
import dev.culvert.spi.compress.Payloads;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The framing of stack-core with the real codecs of this module, as a tunnel runs them. */
class RealCodecFramingTest {
    private static final Lz4Compressor LZ4 = new Lz4Compressor();
    private static final SnappyCompressor SNAPPY = new SnappyCompressor();
    private static final NoCompressor NONE = new NoCompressor();
    private static final LzoCompressor LZO = new LzoCompressor();
    /** The codecs the swap and v2 framings carry; LZO has only comp-lzo's prefix framing. */
    private static final List<Compressor> CODECS = List.of(LZ4, SNAPPY, NONE);
    private static final Decompressors ALL = Decompressors.of(List.of(LZ4, SNAPPY, NONE, LZO));
    private static final List<FramingFormat> FORMATS = List.of(FramingFormat.V1_SWAP, FramingFormat.V2);

    /** Buffers large enough for the largest payload the SPI allows, with head- and tailroom. */
    private final PacketPool pool = new PacketPool("real-codec-test", 4, Compressor.MAX_PACKET + 512, 128);
    private final ByteBuffer scratch = FramingScratch.allocate();

    @AfterEach
    void poolBalances() {
        assertEquals(0, pool.outstanding(), "every packet went back to the pool");
        assertEquals(0, pool.badReleases());
    }

    private byte[] frame(CompressionFraming framing, Compressor codec, byte[] payload) {
        Packet p = Payloads.packet(pool, payload);
        try {
            assertNull(framing.frame(p, codec, scratch));
            return p.toByteArray();
        } finally {
            p.release();
        }
    }

    private byte[] unframe(CompressionFraming framing, byte[] wire) {
        Packet p = Payloads.packet(pool, wire);
        try {
            DropReason refused = framing.unframe(p, ALL, scratch);
            assertNull(refused, () -> "refused: " + refused);
            return p.toByteArray();
        } finally {
            p.release();
        }
    }

    private DropReason refusal(CompressionFraming framing, byte[] wire) {
        Packet p = Payloads.packet(pool, wire);
        try {
            return framing.unframe(p, ALL, scratch);
        } finally {
            p.release();
        }
    }

    private static boolean compressedFrame(FramingFormat format, byte[] wire) {
        return format == FramingFormat.V2 ? wire.length > 1 && wire[0] == 0x50 && wire[1] != 0
                : wire.length > 0 && (wire[0] & 0xff) != 0xFB;
    }

    @Test
    void compLzoFramesLzoBehind0x66AndTheUncompressedFormBehind0xFA() {
        CompressionFraming framing = new CompressionFraming(FramingFormat.LZO_V1);
        byte[] compressible = Payloads.compressible(1400, 3);
        byte[] wire = frame(framing, LZO, compressible);
        assertEquals(0x66, wire[0] & 0xff, "compressed with LZO");
        assertTrue(wire.length < compressible.length);
        assertArrayEquals(compressible, unframe(framing, wire));
        byte[] random = Payloads.random(1400, 4);
        byte[] sentWhole = frame(framing, LZO, random);
        assertEquals(0xFA, sentWhole[0] & 0xff, "not smaller: sent uncompressed");
        assertArrayEquals(random, unframe(framing, sentWhole));
        byte[] stub = frame(framing, NONE, compressible);
        assertEquals(0xFA, stub[0] & 0xff, "comp-lzo without compressing: the stub's byte");
    }

    @Test
    void anLzoBlockThatIsNotLzoOrDoesNotFitIsRefusedWithAReason() {
        CompressionFraming framing = new CompressionFraming(FramingFormat.LZO_V1);
        byte[] garbage = Payloads.random(300, 5);
        garbage[0] = 0x66;
        assertEquals(CompressionDrops.MALFORMED, refusal(framing, garbage));
        byte[] wire = frame(framing, LZO, Payloads.compressible(1400, 6));
        byte[] truncated = java.util.Arrays.copyOf(wire, wire.length / 2);
        assertEquals(CompressionDrops.MALFORMED, refusal(framing, truncated));
    }

    @Test
    void everyCodecRoundTripsEverySizeInBothFramings() {
        for (FramingFormat format : FORMATS) {
            CompressionFraming framing = new CompressionFraming(format);
            for (Compressor codec : CODECS) {
                for (int size : new int[] {0, 1, 99, 100, 1400, 1500, Compressor.MAX_PACKET}) {
                    byte[] compressible = Payloads.compressible(size, size);
                    byte[] wire = frame(framing, codec, compressible);
                    assertArrayEquals(compressible, unframe(framing, wire), format + " " + codec + " " + size);
                    boolean shouldCompress = codec != NONE && size >= CompressionFraming.COMPRESS_THRESHOLD;
                    assertEquals(shouldCompress, compressedFrame(format, wire), format + " " + codec + " " + size + " compressed?");
                    if (shouldCompress) {
                        assertTrue(wire.length < size, format + " " + codec + " " + size + " shrank to " + wire.length);
                    }

                    byte[] random = Payloads.random(size, size);
                    byte[] randomWire = frame(framing, codec, random);
                    assertArrayEquals(random, unframe(framing, randomWire), format + " " + codec + " random " + size);
                    if (size > 0 && (format == FramingFormat.V1_SWAP || random[0] != 0x50)) {
                        assertTrue(!compressedFrame(format, randomWire), format + " " + codec + " random " + size + " went uncompressed");
                    }
                }
            }
        }
    }

    @Test
    void theFrameBytesAreOpenVpns() {
        byte[] payload = Payloads.compressible(1400, 1);
        assertEquals(0x69, frame(new CompressionFraming(FramingFormat.V1_SWAP), LZ4, payload)[0] & 0xff);
        assertEquals(0x68, frame(new CompressionFraming(FramingFormat.V1_SWAP), SNAPPY, payload)[0] & 0xff);
        byte[] v2 = frame(new CompressionFraming(FramingFormat.V2), LZ4, payload);
        assertEquals(0x50, v2[0]);
        assertEquals(0x01, v2[1]);
        byte[] v2Snappy = frame(new CompressionFraming(FramingFormat.V2), SNAPPY, payload);
        assertEquals(0x03, v2Snappy[1]);
    }

    @Test
    void v2PayloadsStartingWith0x50RoundTripCompressedOrEscaped() {
        CompressionFraming v2 = new CompressionFraming(FramingFormat.V2);
        for (Compressor codec : CODECS) {
            for (byte[] payload : List.of(Payloads.compressible(1400, 3), Payloads.random(1400, 3), new byte[] {0x50})) {
                payload[0] = 0x50;
                byte[] wire = frame(v2, codec, payload);
                assertEquals(0x50, wire[0]);
                assertArrayEquals(payload, unframe(v2, wire), codec + " " + payload.length);
            }
        }
    }

    @Test
    void aValidHeaderFollowedByRandomBytesIsRefusedOrBounded() {
        Set<DropReason> codecRefusals = Set.of(CompressionDrops.MALFORMED, CompressionDrops.TOO_LARGE);
        Random random = new Random(7);
        for (FramingFormat format : FORMATS) {
            CompressionFraming framing = new CompressionFraming(format, 1500);
            for (Compressor codec : List.of(LZ4, SNAPPY)) {
                int refused = 0;
                for (int i = 0; i < 3000; i++) {
                    byte[] body = Payloads.random(1 + random.nextInt(1400), random.nextLong());
                    byte[] wire = withHeader(format, codec, body);
                    Packet p = Payloads.packet(pool, wire);
                    try {
                        DropReason reason = framing.unframe(p, ALL, scratch);
                        if (reason == null) {
                            assertTrue(p.length() <= 1500);
                        } else {
                            assertTrue(codecRefusals.contains(reason), codec + ": " + reason);
                            refused++;
                        }
                    } finally {
                        p.release();
                    }
                }
                assertTrue(refused > 2500, format + " " + codec + " refused only " + refused + " of 3000");
            }
        }
    }

    private static byte[] withHeader(FramingFormat format, Compressor codec, byte[] body) {
        if (format == FramingFormat.V2) {
            byte[] wire = new byte[body.length + 2];
            wire[0] = 0x50;
            wire[1] = (byte) codec.algorithm().v2Id();
            System.arraycopy(body, 0, wire, 2, body.length);
            return wire;
        }
        // v1 swap: cmd ‖ body[1..] ‖ body[0]
        byte[] wire = new byte[body.length + 1];
        wire[0] = (byte) codec.algorithm().v1Byte();
        System.arraycopy(body, 1, wire, 1, body.length - 1);
        wire[body.length] = body[0];
        return wire;
    }

    @Test
    void aSnappyClaimLargerThanThePacketMayHoldIsTooLarge() {
        // Preamble 0xD0 0x0F = 2000 bytes, more than maxPayload 1500.
        byte[] body = {(byte) 0xD0, 0x0F, 0x00, 'a'};
        for (FramingFormat format : FORMATS) {
            assertSame(CompressionDrops.TOO_LARGE, refusal(new CompressionFraming(format, 1500), withHeader(format, SNAPPY, body)));
        }
    }

    @Test
    void anLz4BlockThatWouldOverflowIsRefused() {
        byte[] payload = new byte[1500];
        byte[] wire = frame(new CompressionFraming(FramingFormat.V2), LZ4, payload);
        assertSame(CompressionDrops.MALFORMED, refusal(new CompressionFraming(FramingFormat.V2, 1000), wire));
        assertArrayEquals(payload, unframe(new CompressionFraming(FramingFormat.V2, 1500), wire));
    }

    @Test
    void aCutFrameIsRefused() {
        for (FramingFormat format : FORMATS) {
            CompressionFraming framing = new CompressionFraming(format);
            for (Compressor codec : List.of(LZ4, SNAPPY)) {
                byte[] wire = frame(framing, codec, Payloads.compressible(1400, 8));
                byte[] cut = new byte[wire.length / 2];
                System.arraycopy(wire, 0, cut, 0, cut.length);
                DropReason reason = refusal(framing, cut);
                assertTrue(reason == CompressionDrops.MALFORMED || reason == CompressionDrops.TOO_LARGE, format + " " + codec + ": " + reason);
            }
        }
    }

    @Test
    void manyRandomPayloadsRoundTripWithEveryCodec() {
        Random random = new Random(0xFEED);
        for (int i = 0; i < 3000; i++) {
            FramingFormat format = FORMATS.get(random.nextInt(FORMATS.size()));
            Compressor codec = CODECS.get(random.nextInt(CODECS.size()));
            int size = random.nextInt(2000);
            byte[] payload = random.nextBoolean() ? Payloads.compressible(size, random.nextLong()) : Payloads.random(size, random.nextLong());
            if (size > 0 && random.nextInt(4) == 0) {
                payload[0] = 0x50;
            }
            CompressionFraming framing = new CompressionFraming(format);
            assertArrayEquals(payload, unframe(framing, frame(framing, codec, payload)), "case " + i + " " + format + " " + codec);
        }
    }
}
