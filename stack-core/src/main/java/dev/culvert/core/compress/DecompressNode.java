package dev.culvert.core.compress;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.slot.Binding;
import dev.culvert.core.slot.Slot;
import dev.culvert.spi.compress.CompressionFraming;
import dev.culvert.spi.compress.Compressor;
import dev.culvert.spi.compress.Decompressors;
import dev.culvert.spi.compress.FramingScratch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes the framing from every incoming payload and decompresses it with whichever installed
 * codec its header names, active or not: the peer may have swapped codecs a moment ago and
 * packets of both kinds are in flight.
 *
 * <p>The algorithm lookup is rebuilt whenever the slot changes and read once per batch; a packet
 * the framing refuses is dropped with the reason (see
 * {@link dev.culvert.spi.compress.CompressionDrops}).
 *
 * <p>The slot's drain on unbind covers batches that entered it, i.e. users of the active codec;
 * this node uses inactive codecs without entering, so a codec's module must not free what
 * {@link Compressor#decompress} needs merely because its unbind returned. The codecs of
 * module-compress hold nothing to free.
 */
public final class DecompressNode implements Node, AutoCloseable {
    private final Slot<Compressor> slot;
    private volatile CompressionFraming framing;
    private final Object rebuildLock = new Object();
    private volatile Decompressors decompressors = Decompressors.empty();
    private final Runnable unsubscribe;

    public DecompressNode(Slot<Compressor> slot, CompressionFraming framing) {
        this.slot = slot;
        this.framing = framing;
        unsubscribe = slot.onChange(s -> rebuild());
        rebuild();
    }

    /** Stops following the slot; called when the graph closes. */
    @Override
    public void close() {
        unsubscribe.run();
    }

    /** Changes the framing between two batches; null passes packets through unframed. */
    public void setFraming(CompressionFraming framing) {
        this.framing = framing;
    }

    public CompressionFraming framing() {
        return framing;
    }

    /** The codecs this node decodes with right now. */
    public Decompressors decompressors() {
        return decompressors;
    }

    private void rebuild() {
        // Serialised and re-reading the slot, so the last rebuild always sees the latest bindings.
        synchronized (rebuildLock) {
            List<Compressor> codecs = new ArrayList<>();
            for (Binding<Compressor> b : slot.all()) {
                codecs.add(b.implementation());
            }
            decompressors = Decompressors.of(codecs);
        }
    }

    @Override
    public void process(PacketBatch batch, Emitter out) {
        CompressionFraming current = framing;
        if (current == null) {
            for (int i = 0; i < batch.size(); i++) {
                out.forward(batch.get(i));
            }
            return;
        }
        ByteBuffer scratch = FramingScratch.forCurrentThread();
        Decompressors codecs = decompressors;
        for (int i = 0; i < batch.size(); i++) {
            Packet packet = batch.get(i);
            DropReason refused = current.unframe(packet, codecs, scratch);
            if (refused == null) {
                out.forward(packet);
            } else {
                out.drop(packet, refused);
            }
        }
    }
}
