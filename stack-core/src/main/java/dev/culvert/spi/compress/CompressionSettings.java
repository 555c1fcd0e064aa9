package dev.culvert.spi.compress;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import java.util.List;
import java.util.Optional;

/**
 * What a configuration's compression directives ask of the data channel, decided as OpenVPN 2.6
 * decides it, for whoever builds the pipeline (the tunnel, the embedded builder) without
 * depending on module-compress.
 *
 * <p>No {@code compress} or {@code comp-lzo} directive means no framing at all, OpenVPN 2.6's
 * default. Otherwise the later of the two decides the framing and the codec to select. Outgoing
 * packets are compressed only with {@code allow-compression yes}; without it OpenVPN 2.6
 * decompresses what it receives but sends uncompressed (its warning says so), which is also what
 * {@code asym} asks for. {@code allow-compression no} with real compression configured is an
 * error, as in OpenVPN.
 *
 * @param format           the framing both peers use
 * @param codec            the name of the codec to select in the compress slot ({@code lz4},
 *                         {@code snappy}, {@code lzo}, or {@code none} for stub framing)
 * @param compressOutgoing whether sent payloads are compressed; if not, they are framed uncompressed
 */
public record CompressionSettings(FramingFormat format, String codec, boolean compressOutgoing) {

    /** The settings a configuration asks for, or empty if it asks for no compression framing. */
    public static Optional<CompressionSettings> from(Config config) throws ConfigException {
        Directive chosen = null;
        Directive allow = null;
        for (Directive d : config.directives()) {
            switch (d.name()) {
                case "compress", "comp-lzo" -> chosen = d;
                case "allow-compression" -> allow = d;
                default -> {
                }
            }
        }
        if (chosen == null) {
            return Optional.empty();
        }
        String allowMode = allow == null || allow.args().isEmpty() ? "" : allow.args().get(0);
        CompressionSettings settings = settingsFor(chosen, allowMode.equals("yes"));
        if (settings == null) {
            return Optional.empty();
        }
        boolean lzoCompression = chosen.name().equals("comp-lzo") && !chosen.args().equals(List.of("no"));
        if (allowMode.equals("no") && (lzoCompression || !settings.codec().equals("none"))) {
            throw new ConfigException(chosen, "'" + chosen.name() + (chosen.args().isEmpty() ? "" : " " + chosen.args().get(0))
                    + "' enables compression, which 'allow-compression no' at " + allow.where() + " forbids",
                    "remove one of the two lines, or use 'compress stub-v2' for framing without compression");
        }
        return Optional.of(settings);
    }

    /** Returns null for {@code compress migrate}, whose framing is decided per client. */
    private static CompressionSettings settingsFor(Directive d, boolean allowed) throws ConfigException {
        String arg = d.args().isEmpty() ? null : d.args().get(0);
        if (d.name().equals("comp-lzo")) {
            // 'comp-lzo no' is the framing alone; otherwise LZO, sent only with allow-compression yes (2.6).
            return arg != null && arg.equals("no") ? new CompressionSettings(FramingFormat.LZO_V1, "none", false)
                    : new CompressionSettings(FramingFormat.LZO_V1, "lzo", allowed);
        }
        if (arg == null) {
            return new CompressionSettings(FramingFormat.V1_SWAP, "none", false);
        }
        return switch (arg) {
            case "stub" -> new CompressionSettings(FramingFormat.V1_SWAP, "none", false);
            case "stub-v2" -> new CompressionSettings(FramingFormat.V2, "none", false);
            case "lz4" -> new CompressionSettings(FramingFormat.V1_SWAP, "lz4", allowed);
            case "lz4-v2" -> new CompressionSettings(FramingFormat.V2, "lz4", allowed);
            case "snappy" -> new CompressionSettings(FramingFormat.V1_SWAP, "snappy", allowed);
            case "lzo" -> new CompressionSettings(FramingFormat.LZO_V1, "lzo", allowed);
            case "migrate" -> null;
            default -> throw new ConfigException(d, "'compress " + arg + "' names no compression Culvert supports",
                    "use one of stub, stub-v2, lz4, lz4-v2, lzo or snappy");
        };
    }
}
