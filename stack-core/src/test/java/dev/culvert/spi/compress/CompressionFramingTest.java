package dev.culvert.spi.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CompressionFramingTest {
    private static final RunLengthTestCodec LZ4_STANDIN = new RunLengthTestCodec("rle-lz4", CompressionAlgorithm.LZ4);
    private static final RunLengthTestCodec SNAPPY_STANDIN = new RunLengthTestCodec("rle-snappy", CompressionAlgorithm.SNAPPY);
    private static final Decompressors BOTH = Decompressors.of(List.of(LZ4_STANDIN, SNAPPY_STANDIN));

    private final PacketPool pool = new PacketPool("framing-test", 16);
    private final ByteBuffer scratch = FramingScratch.allocate();

    @AfterEach
    void poolBalances() {
        assertEquals(0, pool.outstanding(), "every packet went back to the pool");
        assertEquals(0, pool.badReleases());
    }

    private byte[] framed(FramingFormat format, Compressor codec, byte[] payload) {
        Packet p = Payloads.packet(pool, payload);
        try {
            assertNull(new CompressionFraming(format).frame(p, codec, scratch));
            return p.toByteArray();
        } finally {
            p.release();
        }
    }

    /** Unframes {@code wire}; returns the payload, or throws an AssertionError naming the refusal. */
    private byte[] unframed(FramingFormat format, Decompressors codecs, byte[] wire) {
        Packet p = Payloads.packet(pool, wire);
        try {
            DropReason refused = new CompressionFraming(format).unframe(p, codecs, scratch);
            assertNull(refused, () -> "refused: " + refused);
            return p.toByteArray();
        } finally {
            p.release();
        }
    }

    private DropReason refusal(CompressionFraming framing, Decompressors codecs, byte[] wire) {
        Packet p = Payloads.packet(pool, wire);
        try {
            return framing.unframe(p, codecs, scratch);
        } finally {
            p.release();
        }
    }

    @ParameterizedTest
    @EnumSource(FramingFormat.class)
    void everySizeRoundTripsCompressibleAndRandom(FramingFormat format) {
        for (int size : Payloads.SIZES) {
            for (byte[] payload : List.of(Payloads.compressible(size, size), Payloads.random(size, size))) {
                for (Compressor codec : Arrays.asList(LZ4_STANDIN, SNAPPY_STANDIN, null)) {
                    byte[] wire = framed(format, codec, payload);
                    assertArrayEquals(payload, unframed(format, BOTH, wire), format + " " + codec + " size " + size);
                }
            }
        }
    }

    @Test
    void v1SwapMovesTheFirstByteToTheEndBehindTheUncompressedMarker() {
        byte[] wire = framed(FramingFormat.V1_SWAP, LZ4_STANDIN, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {(byte) 0xFB, 2, 3, 1}, wire);
    }

    @Test
    void v1SwapMarksCompressedPayloadsWithTheAlgorithmByte() {
        byte[] payload = Payloads.compressible(1400, 7);
        assertEquals(0x69, framed(FramingFormat.V1_SWAP, LZ4_STANDIN, payload)[0] & 0xff);
        assertEquals(0x68, framed(FramingFormat.V1_SWAP, SNAPPY_STANDIN, payload)[0] & 0xff);
    }

    @Test
    void v1SwapOfACompressedPayloadMovesItsFirstByteToTheEnd() {
        byte[] payload = new byte[200];
        Arrays.fill(payload, (byte) 'x');
        // RLE of 200 'x': (200, 'x'); swapped: 0x69 'x' 200.
        assertArrayEquals(new byte[] {0x69, 'x', (byte) 200}, framed(FramingFormat.V1_SWAP, LZ4_STANDIN, payload));
    }

    @Test
    void v2SendsUncompressedPayloadsBare() {
        byte[] payload = {0x45, 0, 0, 20};
        assertArrayEquals(payload, framed(FramingFormat.V2, LZ4_STANDIN, payload));
    }

    @Test
    void v2EscapesAPayloadStartingWith0x50() {
        byte[] payload = {0x50, 1, 2};
        assertArrayEquals(new byte[] {0x50, 0x00, 0x50, 1, 2}, framed(FramingFormat.V2, LZ4_STANDIN, payload));
        assertArrayEquals(payload, unframed(FramingFormat.V2, BOTH, new byte[] {0x50, 0x00, 0x50, 1, 2}));
    }

    @Test
    void v2AcceptsOpenVpn2sEscapeByteLeniently() {
        assertArrayEquals(new byte[] {0x50, 9}, unframed(FramingFormat.V2, BOTH, new byte[] {0x50, 0x0A, 0x50, 9}));
    }

    @Test
    void v2MarksCompressedPayloadsWith0x50AndTheAlgorithmId() {
        byte[] payload = Payloads.compressible(1400, 3);
        byte[] lz4 = framed(FramingFormat.V2, LZ4_STANDIN, payload);
        byte[] snappy = framed(FramingFormat.V2, SNAPPY_STANDIN, payload);
        assertEquals(0x50, lz4[0]);
        assertEquals(0x01, lz4[1]);
        assertEquals(0x50, snappy[0]);
        assertEquals(0x03, snappy[1]);
    }

    @Test
    void lzoV1PrefixesUncompressedPayloadsWith0xFA() {
        assertArrayEquals(new byte[] {(byte) 0xFA, 7, 8}, framed(FramingFormat.LZO_V1, LZ4_STANDIN, new byte[] {7, 8}));
    }

    @Test
    void payloadsBelowTheThresholdAreNeverCompressed() {
        byte[] runs = new byte[99];
        assertArrayEquals(runs, framed(FramingFormat.V2, LZ4_STANDIN, runs));
        byte[] hundred = new byte[100];
        assertEquals(2 + 2, framed(FramingFormat.V2, LZ4_STANDIN, hundred).length, "100 zero bytes compress to one run");
    }

    @Test
    void aPayloadThatDoesNotShrinkGoesUncompressed() {
        byte[] payload = Payloads.random(1400, 11);
        assertArrayEquals(payload, framed(FramingFormat.V2, LZ4_STANDIN, payload));
        assertEquals(0xFB, framed(FramingFormat.V1_SWAP, LZ4_STANDIN, payload)[0] & 0xff);
    }

    @Test
    void v2KeepsCompressionOnlyIfTheFrameIsSmallerIncludingItsTwoHeaderBytes() {
        // 50 runs of 2 bytes each: RLE output 100 bytes; 100 + 2 is not < 100, so uncompressed.
        byte[] payload = new byte[100];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i / 2);
        }
        byte[] wire = framed(FramingFormat.V2, LZ4_STANDIN, payload);
        assertArrayEquals(payload, wire);
    }

    @Test
    void emptyPayloadsStayEmptyBothWays() {
        for (FramingFormat format : FramingFormat.values()) {
            assertEquals(0, framed(format, LZ4_STANDIN, new byte[0]).length);
            assertEquals(0, unframed(format, BOTH, new byte[0]).length);
        }
    }

    @Test
    void theStubCodecFramesWithoutCompressing() {
        Compressor stub = new RunLengthTestCodec("stub", CompressionAlgorithm.NONE);
        byte[] payload = new byte[1000];
        assertEquals(1001, framed(FramingFormat.V1_SWAP, stub, payload).length);
        assertEquals(1000, framed(FramingFormat.V2, stub, payload).length);
    }

    @Test
    void theReceiverDecodesEveryInstalledAlgorithmNotJustOne() {
        byte[] payload = Payloads.compressible(1400, 5);
        byte[] fromSnappy = framed(FramingFormat.V2, SNAPPY_STANDIN, payload);
        byte[] fromLz4 = framed(FramingFormat.V2, LZ4_STANDIN, payload);
        assertArrayEquals(payload, unframed(FramingFormat.V2, BOTH, fromSnappy));
        assertArrayEquals(payload, unframed(FramingFormat.V2, BOTH, fromLz4));
    }

    @Test
    void truncatedFramesAreRefused() {
        CompressionFraming v2 = new CompressionFraming(FramingFormat.V2);
        assertSame(CompressionDrops.TRUNCATED, refusal(v2, BOTH, new byte[] {0x50}));
        assertSame(CompressionDrops.TRUNCATED, refusal(v2, BOTH, new byte[] {0x50, 0x01}));
        CompressionFraming v1 = new CompressionFraming(FramingFormat.V1_SWAP);
        assertSame(CompressionDrops.TRUNCATED, refusal(v1, BOTH, new byte[] {0x69}));
        assertSame(CompressionDrops.TRUNCATED, refusal(new CompressionFraming(FramingFormat.LZO_V1), BOTH, new byte[] {0x66}),
                "an LZO frame with no data is truncated before it is unsupported");
    }

    @Test
    void unknownAlgorithmsAreRefused() {
        assertSame(CompressionDrops.UNKNOWN_ALGORITHM, refusal(new CompressionFraming(FramingFormat.V2), BOTH, new byte[] {0x50, 0x07, 1, 2}));
        assertSame(CompressionDrops.UNKNOWN_ALGORITHM, refusal(new CompressionFraming(FramingFormat.V1_SWAP), BOTH, new byte[] {0x11, 1, 2}));
        assertSame(CompressionDrops.UNKNOWN_ALGORITHM, refusal(new CompressionFraming(FramingFormat.V1_SWAP), BOTH, new byte[] {(byte) 0xFA, 1, 2}),
                "the LZO framing's uncompressed byte is not v1 swap's");
        assertSame(CompressionDrops.UNKNOWN_ALGORITHM, refusal(new CompressionFraming(FramingFormat.LZO_V1), BOTH, new byte[] {(byte) 0xFB, 1, 2}));
    }

    @Test
    void lzoIsRecognisedAndRefusedByName() {
        assertSame(CompressionDrops.LZO_UNSUPPORTED, refusal(new CompressionFraming(FramingFormat.LZO_V1), BOTH, new byte[] {0x66, 1, 2, 3}));
        assertSame(CompressionDrops.LZO_UNSUPPORTED, refusal(new CompressionFraming(FramingFormat.V2), BOTH, new byte[] {0x50, 0x02, 1, 2}));
        assertSame(CompressionDrops.LZO_UNSUPPORTED, refusal(new CompressionFraming(FramingFormat.V1_SWAP), BOTH, new byte[] {0x66, 1, 2}));
    }

    @Test
    void anAlgorithmWithNoInstalledCodecIsRefused() {
        byte[] wire = framed(FramingFormat.V2, SNAPPY_STANDIN, Payloads.compressible(1400, 1));
        assertSame(CompressionDrops.NO_CODEC, refusal(new CompressionFraming(FramingFormat.V2), Decompressors.of(List.of(LZ4_STANDIN)), wire));
        assertSame(CompressionDrops.NO_CODEC, refusal(new CompressionFraming(FramingFormat.V2), Decompressors.empty(), wire));
    }

    @Test
    void malformedDataIsRefused() {
        // Odd length and a zero run are not RLE.
        assertSame(CompressionDrops.MALFORMED, refusal(new CompressionFraming(FramingFormat.V2), BOTH, new byte[] {0x50, 0x01, 5}));
        assertSame(CompressionDrops.MALFORMED, refusal(new CompressionFraming(FramingFormat.V1_SWAP), BOTH, new byte[] {0x69, 'a', 0}));
    }

    @Test
    void outputIsBoundedByMaxPayload() {
        byte[] payload = Payloads.compressible(1400, 2);
        byte[] wire = framed(FramingFormat.V2, LZ4_STANDIN, payload);
        assertSame(CompressionDrops.TOO_LARGE, refusal(new CompressionFraming(FramingFormat.V2, 1399), BOTH, wire));
        assertArrayEquals(payload, unframedWith(new CompressionFraming(FramingFormat.V2, 1400), wire));
    }

    @Test
    void outputIsBoundedByThePacketsCapacity() {
        // 40 runs of 255 bytes claim 10200 bytes: more than a 2048-byte packet holds.
        byte[] wire = new byte[2 + 80];
        wire[0] = 0x50;
        wire[1] = 0x01;
        for (int i = 2; i < wire.length; i += 2) {
            wire[i] = (byte) 255;
            wire[i + 1] = 'z';
        }
        assertSame(CompressionDrops.TOO_LARGE, refusal(new CompressionFraming(FramingFormat.V2), BOTH, wire));
    }

    private byte[] unframedWith(CompressionFraming framing, byte[] wire) {
        Packet p = Payloads.packet(pool, wire);
        try {
            assertNull(framing.unframe(p, BOTH, scratch));
            return p.toByteArray();
        } finally {
            p.release();
        }
    }

    @Test
    void aPacketWithoutRoomForTheFramingByteIsRefused() {
        PacketPool tight = new PacketPool("tight", 2, 256, 0);
        CompressionFraming v2 = new CompressionFraming(FramingFormat.V2);
        CompressionFraming v1 = new CompressionFraming(FramingFormat.V1_SWAP);
        Packet escaped = tight.acquire();
        escaped.setContents(new byte[] {0x50, 1}, 0, 2);
        assertSame(CompressionDrops.NO_ROOM, v2.frame(escaped, null, scratch), "no headroom for the escape");
        escaped.release();
        Packet full = tight.acquire();
        full.setContents(new byte[256], 0, 256);
        assertSame(CompressionDrops.NO_ROOM, v1.frame(full, null, scratch), "no tailroom for the swapped byte");
        full.release();
        assertEquals(0, tight.outstanding());
    }

    @Test
    void aCodecThatBreaksItsContractIsCountedNotThrown() {
        Compressor broken = new Compressor() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public CompressionAlgorithm algorithm() {
                return CompressionAlgorithm.LZ4;
            }

            @Override
            public int maxCompressedLength(int length) {
                return length;
            }

            @Override
            public int compress(ByteBuffer src, int srcOffset, int length, ByteBuffer dst, int dstOffset, int maxOut) {
                throw new IllegalStateException("bug");
            }

            @Override
            public int decompress(ByteBuffer src, int srcOffset, int length, ByteBuffer dst, int dstOffset, int maxOut) {
                return maxOut + 1;
            }
        };
        Packet p = Payloads.packet(pool, new byte[500]);
        assertSame(CompressionDrops.CODEC_FAILED, new CompressionFraming(FramingFormat.V2).frame(p, broken, scratch));
        p.release();
        assertSame(CompressionDrops.CODEC_FAILED,
                refusal(new CompressionFraming(FramingFormat.V2), Decompressors.of(List.of(broken)), new byte[] {0x50, 0x01, 1, 2}));
    }

    @Test
    void randomPayloadsRoundTripInEveryFormat() {
        Random random = new Random(0xC0FFEE);
        for (int i = 0; i < 2000; i++) {
            FramingFormat format = FramingFormat.values()[random.nextInt(3)];
            int size = random.nextInt(1700);
            byte[] payload = random.nextBoolean() ? Payloads.compressible(size, random.nextLong()) : Payloads.random(size, random.nextLong());
            if (size > 0 && random.nextInt(8) == 0) {
                payload[0] = 0x50;
            }
            Compressor codec = random.nextBoolean() ? LZ4_STANDIN : SNAPPY_STANDIN;
            byte[] wire = framed(format, codec, payload);
            assertArrayEquals(payload, unframed(format, BOTH, wire), "case " + i);
        }
    }

    @Test
    void hostileBytesAreRefusedWithAReasonOrPassedBoundedNeverThrown() {
        Set<DropReason> known = Set.of(CompressionDrops.TRUNCATED, CompressionDrops.UNKNOWN_ALGORITHM, CompressionDrops.MALFORMED,
                CompressionDrops.TOO_LARGE, CompressionDrops.NO_CODEC, CompressionDrops.LZO_UNSUPPORTED);
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            FramingFormat format = FramingFormat.values()[random.nextInt(3)];
            byte[] wire = Payloads.random(random.nextInt(64), random.nextLong());
            if (wire.length > 0 && random.nextBoolean()) {
                wire[0] = (byte) (format == FramingFormat.V2 ? 0x50 : random.nextBoolean() ? 0x69 : 0x68);
            }
            if (wire.length > 1 && format == FramingFormat.V2 && random.nextBoolean()) {
                wire[1] = (byte) random.nextInt(4);
            }
            CompressionFraming framing = new CompressionFraming(format, 1 + random.nextInt(2000));
            Packet p = Payloads.packet(pool, wire);
            try {
                DropReason refused = framing.unframe(p, BOTH, scratch);
                if (refused == null) {
                    assertTrue(p.length() <= Math.max(wire.length, framing.maxPayload()), "output bounded");
                } else {
                    assertTrue(known.contains(refused), "unexpected reason " + refused);
                }
            } finally {
                p.release();
            }
        }
    }
}
