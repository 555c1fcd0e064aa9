package dev.culvert.core.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.core.logging.LogOutput;
import dev.culvert.core.logging.LogSettings;
import dev.culvert.spi.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** log, log-append and syslog send the log where 2.6 sends it, and a configuration without them brings it back. */
class KernelLogDirectivesTest {
    private static final Logger NODE = Logger.getLogger("dev.culvert.test.LogDirectives");
    private final List<Handler> before = List.of(Logger.getLogger("").getHandlers());

    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        LogOutput.toProcessDefault();
        LogSettings.apply(OptionalInt.empty(), 0);
        System.clearProperty(KernelDirectives.SYSLOG_SOCKET_PROPERTY);
    }

    private static void apply(String config) throws Exception {
        Nodes.applyTo(new KernelDirectives(), Config.of(config, "node.conf"));
    }

    @Test
    void logTruncatesTheFileAndWritesEveryLineToIt() throws Exception {
        Path file = Files.writeString(dir.resolve("node.log"), "yesterday's log\n");
        apply("log " + file + "\n");
        NODE.info("Initialization Sequence Completed");
        String written = Files.readString(file);
        assertFalse(written.contains("yesterday"), written);
        assertTrue(written.contains("Initialization Sequence Completed"), written);
        assertEquals(List.of(), List.of(Logger.getLogger("").getHandlers()).stream().filter(before::contains).toList(),
                "the process's own output no longer gets the log");
    }

    @Test
    void logAppendKeepsWhatTheFileHeld() throws Exception {
        Path file = Files.writeString(dir.resolve("node.log"), "yesterday's log\n");
        apply("log-append " + file + "\n");
        NODE.info("today");
        String written = Files.readString(file);
        assertTrue(written.startsWith("yesterday's log\n") && written.contains("today"), written);
    }

    @Test
    void aRestartNamingTheSameFileAppendsSoThatLogrotateAndSighupLoseNothing() throws Exception {
        Path file = dir.resolve("node.log");
        apply("log " + file + "\n");
        NODE.info("before the restart");
        apply("log " + file + "\n");
        NODE.info("after the restart");
        String written = Files.readString(file);
        assertTrue(written.contains("before the restart") && written.contains("after the restart"), written);
    }

    @Test
    void aConfigurationWithoutLogPutsTheProcesssOutputBack() throws Exception {
        apply("log " + dir.resolve("node.log") + "\n");
        apply("verb 3\n");
        assertEquals(before, List.of(Logger.getLogger("").getHandlers()));
    }

    @Test
    void aFileThatCannotBeOpenedIsAConfigurationErrorNamingFileLineAndFix() throws Exception {
        ConfigException missingDir = assertThrows(ConfigException.class, () -> apply("verb 3\nlog " + dir.resolve("no/such/dir/node.log") + "\n"));
        assertTrue(missingDir.getMessage().startsWith("node.conf:2:"), missingDir.getMessage());
        assertTrue(missingDir.getMessage().contains("does not exist"), missingDir.getMessage());
        ConfigException aDirectory = assertThrows(ConfigException.class, () -> apply("log " + dir + "\n"));
        assertTrue(aDirectory.getMessage().contains("cannot open the log file " + dir), aDirectory.getMessage());
        assertTrue(aDirectory.getMessage().contains("name a file this user may write"), aDirectory.getMessage());
    }

    @Test
    void checkingAConfigurationFindsAMissingLogDirectoryToo() {
        KernelDirectives kernel = new KernelDirectives();
        ConfigException e = assertThrows(ConfigException.class,
                () -> kernel.check(Config.of("log-append " + dir.resolve("gone/x.log") + "\n", "node.conf").directives().get(0)));
        assertTrue(e.getMessage().startsWith("node.conf:1:"), e.getMessage());
    }

    @Test
    void syslogSendsEachLineToTheSyslogSocketWithTheProgramName() throws Exception {
        Path socket = dir.resolve("log.sock");
        try (var syslog = new dev.culvert.core.logging.SyslogReceiver(socket)) {
            System.setProperty(KernelDirectives.SYSLOG_SOCKET_PROPERTY, socket.toString());
            apply("syslog myvpn\n");
            NODE.warning("a warning");
            List<String> lines = syslog.received();
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).matches("<28>[A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} myvpn\\[" + ProcessHandle.current().pid()
                    + "\\]: a warning"), lines.get(0));
        }
    }

    @Test
    void withoutASyslogSocketTheLogStaysWhereItWas() throws Exception {
        System.setProperty(KernelDirectives.SYSLOG_SOCKET_PROPERTY, dir.resolve("none.sock").toString());
        apply("syslog\n");
        assertEquals(before, List.of(Logger.getLogger("").getHandlers()));
    }
}
