package dev.culvert.vpn.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The load generator's command line: defaults, and refusals that say what is wrong. */
class LoadOptionsTest {
    @Test
    void onlyTheConfigurationIsRequiredTheRestHasDefaults() {
        LoadOptions o = LoadOptions.parse(List.of("--config", "c.conf"));
        assertEquals(Path.of("c.conf"), o.config());
        assertEquals(100, o.clients());
        assertEquals(200, o.ratePerSecond());
        assertEquals(60, o.idleSeconds());
        assertEquals(2, o.lateSlackSeconds());
    }

    @Test
    void refusesAMissingConfigurationAnUnknownOptionAndANumberOutOfRange() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse(List.of("--clients", "5")))
                .getMessage().contains("--config"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse(List.of("--config", "c", "--speed", "5")))
                .getMessage().contains("unknown option --speed"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse(List.of("--config", "c", "--rate", "0")))
                .getMessage().contains("--rate 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse(List.of("--config", "c", "--clients")))
                .getMessage().contains("needs a value"));
    }
}
