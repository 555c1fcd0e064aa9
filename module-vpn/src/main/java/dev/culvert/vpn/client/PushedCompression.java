package dev.culvert.vpn.client;

import dev.culvert.core.compress.CompressNode;
import dev.culvert.core.compress.DecompressNode;
import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.core.slot.Slot;
import dev.culvert.spi.compress.CompressionFraming;
import dev.culvert.spi.compress.CompressionSettings;
import dev.culvert.spi.compress.Compressor;
import dev.culvert.spi.compress.FramingFormat;
import dev.culvert.vpn.push.PushReply;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The client's data-channel compression, which the server decides: what the client announces it
 * can speak, and the framing the server's PUSH_REPLY then sets on the compress and decompress
 * nodes of the data path. Until a reply says otherwise there is no framing (OpenVPN 2.6's default).
 */
final class PushedCompression {
    private static final System.Logger LOG = System.getLogger(PushedCompression.class.getName());

    /** The client's own compression lines; pushed ones are read after them, so the server's win. */
    private final List<String> ownLines;
    private final Slot<Compressor> codecs;
    private final CompressNode compress;
    private final DecompressNode decompress;
    /** Whether the framing the server set puts a byte in front of every packet (v1), which the MSS clamp counts. */
    private volatile boolean v1Framing;

    /** {@code ownLines}: the client's {@code allow-compression}, {@code compress} and {@code comp-lzo} lines, as written. */
    PushedCompression(List<String> ownLines, Slot<Compressor> codecs) {
        this.ownLines = List.copyOf(ownLines);
        this.codecs = codecs;
        this.compress = new CompressNode(codecs, null, false);
        this.decompress = new DecompressNode(codecs, null);
    }

    /** Whether the current framing adds a byte to every packet (a v1 framing); false until a reply sets one. */
    boolean v1Framing() {
        return v1Framing;
    }

    CompressNode compressNode() {
        return compress;
    }

    DecompressNode decompressNode() {
        return decompress;
    }

    /**
     * The compression framings this client can speak, announced as OpenVPN 2.6 does: the stubs
     * whenever framing is possible, LZ4 and LZO too when {@code allow-compression yes} and the
     * codec is installed. A server pushes {@code compress ...} only to clients that announce it.
     */
    Map<String, String> peerInfo() {
        Map<String, String> info = new TreeMap<>();
        info.put("IV_LZO_STUB", "1");
        info.put("IV_COMP_STUB", "1");
        info.put("IV_COMP_STUBv2", "1");
        boolean allowed = ownLines.stream().anyMatch(l -> l.equals("allow-compression yes"));
        if (allowed && codecs.find("lz4").isPresent()) {
            info.put("IV_LZ4", "1");
            info.put("IV_LZ4v2", "1");
        }
        if (allowed && codecs.find("lzo").isPresent()) {
            info.put("IV_LZO", "1");
        }
        return info;
    }

    /**
     * Frames the data channel as the server pushed ({@code compress lz4-v2}, {@code compress
     * stub-v2}, {@code comp-lzo no}...), decided by the same rules as a configuration file, with
     * the client's own {@code allow-compression}: without {@code yes}, received packets are
     * decompressed but sent ones are not, as OpenVPN 2.6 does.
     *
     * @param from names the reply's source in errors, e.g. the server's address
     */
    void apply(PushReply reply, String from) throws IOException {
        List<String> lines = new ArrayList<>(ownLines);
        for (String option : reply.rawOptions()) {
            if (option.equals("compress") || option.startsWith("compress ") || option.equals("comp-lzo") || option.startsWith("comp-lzo ")) {
                lines.add(option);
            }
        }
        try {
            Optional<CompressionSettings> settings = CompressionSettings.from(Config.of(String.join("\n", lines), "PUSH_REPLY from " + from));
            CompressionFraming framing = settings.map(cs -> new CompressionFraming(cs.format())).orElse(null);
            compress.configure(framing, settings.map(CompressionSettings::compressOutgoing).orElse(false), settings.map(CompressionSettings::codec).orElse(null));
            decompress.setFraming(framing);
            v1Framing = settings.map(cs -> cs.format() != FramingFormat.V2).orElse(false);
            settings.ifPresent(cs -> LOG.log(System.Logger.Level.INFO, "data channel framing " + cs.format()
                    + ", codec " + cs.codec() + (cs.compressOutgoing() ? "" : ", sending uncompressed")));
        } catch (ConfigException e) {
            throw new IOException("the server's compression settings cannot be used: " + e.getMessage(), e);
        }
    }
}
