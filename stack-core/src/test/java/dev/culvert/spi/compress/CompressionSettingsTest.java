package dev.culvert.spi.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompressionSettingsTest {
    private static Optional<CompressionSettings> settings(String text) throws ConfigException {
        return CompressionSettings.from(Config.of(text, "client.conf"));
    }

    private static CompressionSettings expect(FramingFormat format, String codec, boolean compressOutgoing) {
        return new CompressionSettings(format, codec, compressOutgoing);
    }

    @Test
    void noCompressionDirectiveMeansNoFraming() throws ConfigException {
        assertEquals(Optional.empty(), settings("dev tun\nremote example.net 1194"));
        assertEquals(Optional.empty(), settings("allow-compression yes"));
    }

    @Test
    void eachCompressOptionPicksItsFramingAndCodec() throws ConfigException {
        assertEquals(expect(FramingFormat.V1_SWAP, "none", false), settings("compress").orElseThrow());
        assertEquals(expect(FramingFormat.V1_SWAP, "none", false), settings("compress stub").orElseThrow());
        assertEquals(expect(FramingFormat.V2, "none", false), settings("compress stub-v2").orElseThrow());
        assertEquals(expect(FramingFormat.V1_SWAP, "lz4", false), settings("compress lz4").orElseThrow());
        assertEquals(expect(FramingFormat.V2, "lz4", false), settings("compress lz4-v2").orElseThrow());
        assertEquals(expect(FramingFormat.V1_SWAP, "snappy", false), settings("compress snappy").orElseThrow());
        assertEquals(expect(FramingFormat.LZO_V1, "none", false), settings("comp-lzo no").orElseThrow());
        assertEquals(expect(FramingFormat.LZO_V1, "lzo", false), settings("comp-lzo").orElseThrow());
        assertEquals(expect(FramingFormat.LZO_V1, "lzo", false), settings("comp-lzo adaptive").orElseThrow());
        assertEquals(expect(FramingFormat.LZO_V1, "lzo", false), settings("compress lzo").orElseThrow());
    }

    @Test
    void outgoingPacketsAreCompressedOnlyWithAllowCompressionYes() throws ConfigException {
        assertEquals(expect(FramingFormat.V2, "lz4", true), settings("allow-compression yes\ncompress lz4-v2").orElseThrow());
        assertEquals(expect(FramingFormat.V2, "lz4", false), settings("allow-compression asym\ncompress lz4-v2").orElseThrow());
    }

    @Test
    void theLaterDirectiveWins() throws ConfigException {
        assertEquals(expect(FramingFormat.V2, "none", false), settings("comp-lzo yes\ncompress stub-v2").orElseThrow());
        assertEquals(expect(FramingFormat.LZO_V1, "none", false), settings("compress lz4\ncomp-lzo no").orElseThrow());
    }

    @Test
    void migrateLeavesTheFramingToEachClient() throws ConfigException {
        assertEquals(Optional.empty(), settings("compress migrate"));
    }

    @Test
    void allowCompressionNoConflictsWithRealCompression() throws ConfigException {
        ConfigException e = assertThrows(ConfigException.class, () -> settings("allow-compression no\ncompress lz4-v2"));
        assertEquals("client.conf:2", e.where());
        assertTrue(e.problem().contains("client.conf:1"), e.problem());
        assertThrows(ConfigException.class, () -> settings("allow-compression no\ncomp-lzo yes"));
        assertEquals(expect(FramingFormat.V2, "none", false), settings("allow-compression no\ncompress stub-v2").orElseThrow());
        assertEquals(expect(FramingFormat.LZO_V1, "none", false), settings("allow-compression no\ncomp-lzo no").orElseThrow());
    }

    @Test
    void lzoIsReceivedAlwaysAndSentOnlyWithAllowCompressionYesAs2_6Does() throws ConfigException {
        assertEquals(expect(FramingFormat.LZO_V1, "lzo", false), settings("comp-lzo yes").orElseThrow());
        assertEquals(expect(FramingFormat.LZO_V1, "lzo", false), settings("allow-compression asym\ncomp-lzo yes").orElseThrow());
        assertEquals(expect(FramingFormat.LZO_V1, "lzo", true), settings("allow-compression yes\ncomp-lzo yes").orElseThrow());
        assertEquals(expect(FramingFormat.LZO_V1, "lzo", true), settings("allow-compression yes\ncompress lzo").orElseThrow());
    }
}
