package dev.culvert.core.io.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** Stream framing as a specification: what comes out for what goes in, however it is cut. */
class FrameReaderTest {
    private final PacketPool pool = new PacketPool("frames", 256);

    /** Feeds {@code stream} in the given chunk sizes; returns the frames, or null after a bad length. */
    private List<byte[]> feed(byte[] stream, int[] chunks, int maxFrame, LongAdder skipped) {
        FrameReader reader = new FrameReader(maxFrame, skipped);
        ByteBuffer in = ByteBuffer.allocateDirect(stream.length);
        in.put(0, stream);
        PacketBatch batch = new PacketBatch(4);
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        int chunk = 0;
        boolean bad = false;
        while (at < stream.length && !bad) {
            int end = Math.min(stream.length, at + Math.max(1, chunks[chunk++ % chunks.length]));
            while (at < end) {
                int next = reader.read(in, at, end, batch, pool, 5);
                if (next == FrameReader.BAD_LENGTH) {
                    bad = true;
                    break;
                }
                at = next;
                for (int i = 0; i < batch.size(); i++) {
                    assertEquals(5, batch.get(i).remote());
                    out.add(batch.get(i).toByteArray());
                }
                batch.releaseAll();
            }
        }
        reader.release();
        assertEquals(0, pool.outstanding(), "the reader holds no buffer after release");
        return bad ? null : out;
    }

    private static byte[] frame(byte[] body) {
        byte[] f = new byte[body.length + 2];
        f[0] = (byte) (body.length >>> 8);
        f[1] = (byte) body.length;
        System.arraycopy(body, 0, f, 2, body.length);
        return f;
    }

    @Test
    void framesComeOutWholeAndInOrderHoweverTheStreamIsCut() {
        Random random = new Random(42);
        for (int trial = 0; trial < 300; trial++) {
            List<byte[]> frames = new ArrayList<>();
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            int count = 1 + random.nextInt(20);
            for (int i = 0; i < count; i++) {
                byte[] body = new byte[1 + random.nextInt(1500)];
                random.nextBytes(body);
                frames.add(body);
                stream.writeBytes(frame(body));
            }
            int[] chunks = new int[1 + random.nextInt(8)];
            for (int i = 0; i < chunks.length; i++) {
                chunks[i] = 1 + random.nextInt(random.nextBoolean() ? 4 : 3000);
            }
            List<byte[]> got = feed(stream.toByteArray(), chunks, 1600, new LongAdder());
            assertEquals(frames.size(), got.size(), "trial " + trial);
            for (int i = 0; i < frames.size(); i++) {
                assertArrayEquals(frames.get(i), got.get(i), "trial " + trial + " frame " + i);
            }
        }
    }

    @Test
    void aZeroLengthIsRejected() {
        assertEquals(null, feed(new byte[] {0, 1, 'a', 0, 0, 'b'}, new int[] {1}, 1600, new LongAdder()));
    }

    @Test
    void aLengthAboveTheMaximumIsRejectedBeforeAnyOfItIsStored() {
        assertEquals(null, feed(new byte[] {0x06, 0x41, 1, 2, 3}, new int[] {100}, 1600, new LongAdder()));
        assertEquals(1, feed(frame(new byte[1600]), new int[] {7}, 1600, new LongAdder()).size());
    }

    @Test
    void withoutAFreeBufferAFrameIsSkippedAndCountedAndTheStreamStaysInStep() {
        PacketPool tiny = new PacketPool("tiny", 1);
        LongAdder skipped = new LongAdder();
        FrameReader reader = new FrameReader(1600, skipped);
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        frames.writeBytes(frame(new byte[] {1}));
        frames.writeBytes(frame(new byte[] {2, 2}));
        frames.writeBytes(frame(new byte[] {3, 3, 3}));
        byte[] stream = frames.toByteArray();
        ByteBuffer in = ByteBuffer.allocateDirect(stream.length);
        in.put(0, stream);
        PacketBatch batch = new PacketBatch();
        int at = reader.read(in, 0, stream.length, batch, tiny, 0); // frame 1 takes the only buffer
        assertEquals(stream.length, at);
        assertEquals(1, batch.size());
        assertEquals(2, skipped.sum(), "frames 2 and 3 found no buffer");
        batch.releaseAll();
        in.put(0, frame(new byte[] {4}));
        reader.read(in, 0, 3, batch, tiny, 0);
        assertArrayEquals(new byte[] {4}, batch.get(0).toByteArray(), "the next frame is read correctly");
        batch.releaseAll();
    }
}
