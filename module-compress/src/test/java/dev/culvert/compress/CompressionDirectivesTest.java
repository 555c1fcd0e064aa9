package dev.culvert.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.core.config.DirectiveCatalog;
import dev.culvert.spi.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompressionDirectivesTest {
    private final CompressionDirectives handler = new CompressionDirectives();

    private List<ConfigException> problems(String text) throws ConfigException {
        return Config.of(text, "server.conf").validate(List.of(handler));
    }

    @Test
    void acceptsWhatOpenVpn26Accepts() throws ConfigException {
        String config = String.join("\n",
                "compress", "compress stub", "compress stub-v2", "compress lz4", "compress lz4-v2", "compress migrate",
                "comp-lzo", "comp-lzo yes", "comp-lzo no", "comp-lzo adaptive",
                "allow-compression yes", "allow-compression no", "allow-compression asym", "comp-noadapt");
        assertEquals(List.of(), problems(config));
    }

    @Test
    void acceptsSnappyAsOpenvpn3FramesIt() throws ConfigException {
        assertEquals(List.of(), problems("compress snappy"));
    }

    @Test
    void acceptsLzoInBothSpellings() throws ConfigException {
        assertEquals(List.of(), problems("comp-lzo\ncomp-lzo adaptive\ncompress lzo\n"));
    }

    @Test
    void refusesBadArgumentsLikeOpenVpn() throws ConfigException {
        List<ConfigException> found = problems(String.join("\n",
                "compress zstd", "compress lz4 extra", "comp-lzo maybe", "allow-compression", "allow-compression sometimes",
                "comp-noadapt now"));
        assertEquals(6, found.size());
        for (int i = 0; i < found.size(); i++) {
            assertEquals("server.conf:" + (i + 1), found.get(i).where());
            assertTrue(!found.get(i).fix().isEmpty(), "every refusal says how to fix it");
        }
        assertTrue(found.get(0).fix().contains("lz4-v2"), found.get(0).fix());
        assertTrue(found.get(4).fix().contains("asym"), found.get(4).fix());
    }

    @Test
    void claimsWhatTheCatalogSaysItTakes() {
        assertEquals("module-compress", handler.module());
        for (String name : handler.directives()) {
            assertEquals("module-compress", DirectiveCatalog.of(List.of()).moduleFor(name), name);
        }
        for (String name : List.of("compress", "comp-lzo", "allow-compression", "comp-noadapt")) {
            assertTrue(handler.directives().contains(name), name);
        }
    }

    @Test
    void aDirectiveItDoesNotClaimIsABugNotASilentPass() {
        assertThrows(ConfigException.class, () -> handler.check(new dev.culvert.spi.config.Directive("route", List.of(), "x", 1, false)));
    }
}
