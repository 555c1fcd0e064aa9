package dev.culvert.core.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VirtualLinkTest {

    @Test
    void bytesSentAtOneEndAreReadAtTheOtherIntoTheReadersOwnPool() throws Exception {
        PacketPool left = new PacketPool("left", 8);
        PacketPool right = new PacketPool("right", 8);
        VirtualLink[] cable = VirtualLink.pair("c", 1500, 4);
        AtomicInteger signals = new AtomicInteger();
        cable[1].onReadable(signals::incrementAndGet);
        assertTrue(cable[0].send(new byte[] {1, 2, 3}, 0, 3, left));
        assertEquals(1, signals.get());
        PacketBatch batch = new PacketBatch();
        assertEquals(1, cable[1].read(batch, right));
        assertSame(right, batch.get(0).pool());
        assertArrayEquals(new byte[] {1, 2, 3}, batch.get(0).toByteArray());
        batch.releaseAll();
        assertEquals(0, left.outstanding());
        assertEquals(0, right.outstanding());
    }

    private static void assertSame(Object a, Object b) {
        org.junit.jupiter.api.Assertions.assertSame(a, b);
    }

    @Test
    void aFullDirectionRefusesWritesSoTheCallerCountsTheDrop() {
        PacketPool pool = new PacketPool("p", 8);
        VirtualLink[] cable = VirtualLink.pair("c", 1500, 2);
        assertTrue(cable[0].send(new byte[10], 0, 10, pool));
        assertTrue(cable[0].send(new byte[10], 0, 10, pool));
        assertFalse(cable[0].send(new byte[10], 0, 10, pool));
        assertEquals(2, pool.outstanding(), "the refused packet went back to the pool");
        cable[1].close();
        assertEquals(0, pool.outstanding(), "closing releases what was queued");
    }

    @Test
    void packetsAboveTheMtuAreRefusedAndCounted() {
        PacketPool pool = new PacketPool("p", 2);
        VirtualLink[] cable = VirtualLink.pair("c", 100, 2);
        assertFalse(cable[0].send(new byte[101], 0, 101, pool));
        assertEquals(1, cable[0].refusedOversize());
        assertEquals(0, pool.outstanding());
    }

    @Test
    void aReaderWhosePoolIsDryLeavesPacketsQueuedInsteadOfLosingThem() throws Exception {
        PacketPool writer = new PacketPool("w", 4);
        PacketPool reader = new PacketPool("r", 1);
        VirtualLink[] cable = VirtualLink.pair("c", 1500, 4);
        cable[0].send(new byte[] {1}, 0, 1, writer);
        cable[0].send(new byte[] {2}, 0, 1, writer);
        PacketBatch batch = new PacketBatch();
        AtomicInteger signals = new AtomicInteger();
        cable[1].onReadable(signals::incrementAndGet);
        assertEquals(1, cable[1].read(batch, reader));
        assertEquals(1, cable[1].pending());
        assertEquals(1, signals.get(), "the reader is told the packet left behind is still there");
        batch.releaseAll();
        assertEquals(1, cable[1].read(batch, reader));
        assertEquals(2, batch.get(0).getUnsignedByte(0));
        batch.releaseAll();
        byte[] buf = new byte[4];
        assertEquals(-1, cable[1].receive(buf, 1, TimeUnit.MILLISECONDS));
    }
}
