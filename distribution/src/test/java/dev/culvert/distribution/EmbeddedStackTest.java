package dev.culvert.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.embed.Culvert;
import dev.culvert.core.embed.LoopbackTrial;
import dev.culvert.core.embed.ModuleBinder;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.compress.Compressor;
import dev.culvert.spi.l3.L3Protocol;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same flow as the OSGi test, in a plain JVM: modules found by ServiceLoader, no framework. */
class EmbeddedStackTest {

    @Test
    void aHundredThousandPacketsCrossTwoEmbeddedStacksIntactAcrossCompressorSwaps() throws Exception {
        SlotRegistry registry = new SlotRegistry();
        Culvert.installKernelDefaults(registry);
        ModuleBinder.discover(registry, getClass().getClassLoader());
        List<String> cycle = LoopbackTrial.compressorNames(registry);
        assertEquals(List.of("lz4", "snappy", "none", "lzo"), cycle, "ServiceLoader found module-compress's codecs, best ranked first");
        LoopbackTrial.Result r = LoopbackTrial.run(registry, 100_000, cycle, 1_000, null);
        assertTrue(r.perfect(), r.summary());
        assertEquals(100_000, r.received());
        assertEquals(99, r.swaps());
        assertEquals(0, registry.slot(SlotNames.COMPRESS, Compressor.class).listenerCount(), "closed stacks unsubscribed from the slots");
        assertEquals(0, registry.slot(SlotNames.L3, L3Protocol.class).listenerCount());
    }

    @Test
    void withoutAnL3ModuleEveryPacketIsDroppedWithACountedReasonAndNothingLeaks() throws Exception {
        SlotRegistry registry = new SlotRegistry();
        Culvert.installKernelDefaults(registry);
        LoopbackTrial.Result r = LoopbackTrial.run(registry, 10, List.of(), 0, null);
        assertEquals(0, r.received());
        assertEquals(10, r.lost());
        assertEquals(10L, r.drops().get("a.l3.inside:l3.ipv4.no-module"), r.drops().toString());
        assertEquals(0, r.outstandingBuffers());
    }
}
