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
    /** What the node applies; replaced as a whole, so a batch sees one consistent choice. */
    private record Settings(CompressionFraming framing, boolean compressOutgoing, String codec) {
    }

    private final Slot<Compressor> slot;
    private volatile Settings settings;

    public CompressNode(Slot<Compressor> slot, CompressionFraming framing, boolean compressOutgoing) {
        this.slot = slot;
        this.settings = new Settings(framing, compressOutgoing, null);
    }

    public CompressNode(Slot<Compressor> slot, CompressionFraming framing) {
        this(slot, framing, true);
    }

    /**
     * Changes the framing between two batches, as a tunnel does when the peer pushes
     * {@code compress lz4-v2}: {@code framing} null passes packets through unframed;
     * {@code codec} names the codec the peer understands ({@code lz4}), or null for the slot's
     * active one.
     */
    public void configure(CompressionFraming framing, boolean compressOutgoing, String codec) {
        this.settings = new Settings(framing, compressOutgoing, codec);
    }

    /** The framing in force, or null when packets pass unframed. */
    public CompressionFraming framing() {
        return settings.framing();
    }

    @Override
    public void process(PacketBatch batch, Emitter out) {
        Settings current = settings;
        if (current.framing() == null) {
            for (int i = 0; i < batch.size(); i++) {
                out.forward(batch.get(i));
            }
            return;
        }
        ByteBuffer scratch = FramingScratch.forCurrentThread();
        Binding<Compressor> binding = current.compressOutgoing() && current.codec() == null ? slot.enter() : null;
        try {
            Compressor codec = binding != null ? binding.implementation()
                    : current.compressOutgoing() ? slot.find(current.codec()).orElse(null) : null;
            for (int i = 0; i < batch.size(); i++) {
                Packet packet = batch.get(i);
                DropReason refused = current.framing().frame(packet, codec, scratch);
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
