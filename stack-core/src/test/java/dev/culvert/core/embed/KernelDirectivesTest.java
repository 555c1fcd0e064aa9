package dev.culvert.core.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.core.logging.LogSettings;
import dev.culvert.core.worker.Workers;
import dev.culvert.spi.config.ConfigException;
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
        Workers.chooseRealtime(null);
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

    @Test
    void workerSchedulingNormalKeepsLaterWorkersOutOfTheRealtimeClassUntilAConfigurationWithoutIt() throws Exception {
        assertTrue(Workers.realtimeWanted(), "realtime while light is the default");
        Nodes.applyTo(new KernelDirectives(), Config.of("culvert-worker-scheduling realtime\nculvert-worker-scheduling normal\n", "a.conf"));
        assertFalse(Workers.realtimeWanted(), "the last line wins");
        Nodes.applyTo(new KernelDirectives(), Config.of("verb 3\n", "b.conf"));
        assertTrue(Workers.realtimeWanted(), "a reload without the line goes back to the default");
    }

    @Test
    void anUnknownWorkerSchedulingNamesTheLineAndTheWordsItTakes() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Nodes.applyTo(new KernelDirectives(), Config.of("verb 3\nculvert-worker-scheduling fifo\n", "c.conf")));
        assertTrue(e.getMessage().contains("c.conf:2"), e.getMessage());
        assertTrue(e.getMessage().contains("culvert-worker-scheduling realtime|normal"), e.getMessage());
        assertTrue(Workers.realtimeWanted(), "a refused configuration changes nothing");
    }
}
