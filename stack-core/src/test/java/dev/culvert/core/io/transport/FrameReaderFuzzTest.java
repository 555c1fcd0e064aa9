package dev.culvert.core.io.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hostile TCP streams against the frame reader: arbitrary bytes cut at arbitrary places never
 * make it throw, never produce a packet longer than the maximum, and never leak a buffer.
 * Runs its seeds as a regression test in the build; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class FrameReaderFuzzTest {
    private static final PacketPool POOL = new PacketPool("fuzz-frames", 64);

    @FuzzTest(maxDuration = "30s")
    void anyStreamCutAnyWay(FuzzedDataProvider data) {
        int maxFrame = data.consumeInt(1, 1900);
        int chunk = data.consumeInt(1, 4096);
        byte[] stream = data.consumeRemainingAsBytes();
        FrameReader reader = new FrameReader(maxFrame, new LongAdder());
        ByteBuffer in = ByteBuffer.allocateDirect(Math.max(1, stream.length));
        in.put(0, stream);
        PacketBatch batch = new PacketBatch(8);
        int at = 0;
        while (at < stream.length) {
            int end = Math.min(stream.length, at + chunk);
            int next = reader.read(in, at, end, batch, POOL, 1);
            if (next == FrameReader.BAD_LENGTH) {
                break;
            }
            assertTrue(next >= at && next <= end);
            for (int i = 0; i < batch.size(); i++) {
                assertTrue(batch.get(i).length() >= 1 && batch.get(i).length() <= maxFrame);
            }
            batch.releaseAll();
            at = next;
        }
        reader.release();
        batch.releaseAll();
        assertEquals(0, POOL.outstanding());
    }
}
