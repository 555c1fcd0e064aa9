package dev.culvert.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.spi.compress.CompressionFraming;
import dev.culvert.spi.compress.Compressor;
import dev.culvert.spi.compress.Decompressors;
import dev.culvert.spi.compress.FramingFormat;
import dev.culvert.spi.compress.FramingScratch;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Jazzer targets for the bytes a peer controls in compression: a framed payload arriving from
 * the network, unframed by every installed codec. Normal builds run them over the kept corpus
 * (src/test/resources/dev/culvert/compress/CompressionFuzzTestInputs/); {@code -Pfuzz} fuzzes
 * each for a bounded time. Any exception is a finding, and so is output beyond the bound or a
 * packet the pool does not get back.
 */
class CompressionFuzzTest {
    private static final List<Compressor> CODECS = List.of(new Lz4Compressor(), new SnappyCompressor(), new NoCompressor(),
            new LzoCompressor());
    private static final Decompressors ALL = Decompressors.of(CODECS);
    private static final FramingFormat[] FORMATS = FramingFormat.values();

    private final PacketPool pool = new PacketPool("compress-fuzz", 4);
    private final ByteBuffer scratch = FramingScratch.allocate();

    private Packet load(byte[] data, int from) {
        Packet p = pool.acquire();
        int length = Math.max(0, Math.min(data.length - from, p.tailroom()));
        p.setContents(data, from, length);
        return p;
    }

    /** First byte picks the framing; the rest is what the peer sent. */
    @FuzzTest(maxDuration = "30s")
    void unframe(byte[] data) {
        if (data.length < 1) {
            return;
        }
        CompressionFraming framing = new CompressionFraming(FORMATS[(data[0] & 0xff) % FORMATS.length]);
        Packet p = load(data, 1);
        DropReason reason = framing.unframe(p, ALL, scratch);
        if (reason == null) {
            assertTrue(p.length() <= framing.maxPayload(), "unframed payload within the bound");
        }
        p.release();
        assertEquals(0, pool.outstanding());
    }

    /** First byte picks framing and codec; whatever we frame, we unframe to the same bytes. */
    @FuzzTest(maxDuration = "30s")
    void frameThenUnframeRoundTrips(byte[] data) {
        if (data.length < 1 || data.length > 1501) {
            return;
        }
        CompressionFraming framing = new CompressionFraming(FORMATS[(data[0] & 0xff) % FORMATS.length]);
        Compressor codec = CODECS.get(((data[0] & 0xff) / FORMATS.length) % CODECS.size());
        Packet p = load(data, 1);
        byte[] original = p.toByteArray();
        DropReason framed = framing.frame(p, codec, scratch);
        if (framed == null) {
            assertNull(framing.unframe(p, ALL, scratch), "our own frame unframes");
            assertArrayEquals(original, p.toByteArray());
        }
        p.release();
        assertEquals(0, pool.outstanding());
    }
}
