package dev.culvert.core.graph;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A sink for tests: records the first byte of each packet it receives, in order, and releases the
 * packet. Safe to read from another thread than the worker that feeds it.
 */
public final class FirstByteSink implements Node {
    public final List<Integer> seen = new CopyOnWriteArrayList<>();

    @Override
    public List<String> ports() {
        return List.of();
    }

    @Override
    public void process(PacketBatch batch, Emitter out) {
        for (int i = 0; i < batch.size(); i++) {
            Packet p = batch.get(i);
            seen.add(p.getUnsignedByte(0));
            out.consume(p);
            p.release();
        }
    }
}
