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
import dev.culvert.spi.compress.FramingScratch;
import java.nio.ByteBuffer;

/**
 * Frames every outgoing payload, compressed with the compress slot's active codec where that pays.
 *
 * <p>The slot is entered once per batch, so a swap takes effect between two batches and a batch
 * never mixes codecs. With the slot empty, or with compression of outgoing packets turned off
 * ({@code allow-compression asym} or {@code no}), payloads are framed uncompressed: the peer still
 * expects the framing. A packet that cannot be framed (no room for the framing byte, a failing
 * codec) is dropped with its reason; the rest of the batch goes on.
 */
public final class CompressNode implements Node {
    private final Slot<Compressor> slot;
    private final CompressionFraming framing;
    private final boolean compressOutgoing;

    public CompressNode(Slot<Compressor> slot, CompressionFraming framing, boolean compressOutgoing) {
        this.slot = slot;
        this.framing = framing;
        this.compressOutgoing = compressOutgoing;
    }

    public CompressNode(Slot<Compressor> slot, CompressionFraming framing) {
        this(slot, framing, true);
    }

    public CompressionFraming framing() {
        return framing;
    }

    @Override
    public void process(PacketBatch batch, Emitter out) {
        ByteBuffer scratch = FramingScratch.forCurrentThread();
        Binding<Compressor> binding = compressOutgoing ? slot.enter() : null;
        try {
            Compressor codec = binding == null ? null : binding.implementation();
            for (int i = 0; i < batch.size(); i++) {
                Packet packet = batch.get(i);
                DropReason refused = framing.frame(packet, codec, scratch);
                if (refused == null) {
                    out.forward(packet);
                } else {
                    out.drop(packet, refused);
                }
            }
        } finally {
            if (binding != null) {
                slot.exit(binding);
            }
        }
    }
}
