package dev.culvert.core.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.core.logging.LogSettings;
import java.util.OptionalInt;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The kernel applies the verb and mute lines it claims, instead of only checking them. */
class KernelDirectivesTest {
    @AfterEach
    void restore() {
        LogSettings.apply(OptionalInt.empty(), 0);
    }

    @Test
    void theLastVerbAndMuteOfAConfigurationReachTheLogOutput() throws Exception {
        Config config = Config.of("verb 3\nmute 20\nverb 6\n", "node.conf");
        Nodes.applyTo(new KernelDirectives(), config);
        assertEquals(Level.FINE, LogSettings.verbLevel());
        var handlers = Logger.getLogger("").getHandlers();
        assertTrue(handlers.length > 0, "the JDK's logging configuration gives the root logger a console handler");
        for (var handler : handlers) {
            assertTrue(handler.getFilter() != null, "mute filters " + handler);
        }
    }

    @Test
    void aConfigurationWithoutVerbLeavesTheLevelToTheLoggingConfiguration() throws Exception {
        Nodes.applyTo(new KernelDirectives(), Config.of("verb 0\n", "a.conf"));
        assertEquals(Level.SEVERE, LogSettings.verbLevel());
        Nodes.applyTo(new KernelDirectives(), Config.of("culvert-workers 2\n", "b.conf"));
        assertNull(LogSettings.verbLevel());
    }
}
