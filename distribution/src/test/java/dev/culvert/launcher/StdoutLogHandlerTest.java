package dev.culvert.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The log on stdout: a line per message, and, with a shell on the terminal, lines that go through the shared terminal. */
class StdoutLogHandlerTest {
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final StdoutLogHandler handler = new StdoutLogHandler(written);

    private String output() {
        handler.flush();
        return written.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutAShellEachMessageIsOneDatedLineAndNoPrompt() {
        handler.publish(new LogRecord(Level.INFO, "Initialization Sequence Completed"));
        String out = output();
        assertTrue(out.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} Initialization Sequence Completed\\n"), out);
    }

    @Test
    void withAShellTheLogGoesThroughTheSharedTerminal() throws Exception {
        ByteArrayOutputStream terminalBytes = new ByteArrayOutputStream();
        SharedTerminal terminal = new SharedTerminal(terminalBytes, "g! ");
        terminal.write("g! ".getBytes(StandardCharsets.UTF_8));
        handler.writeThrough(terminal);
        handler.publish(new LogRecord(Level.INFO, "client alice connected"));
        String out = terminalBytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.endsWith(" client alice connected\ng! "), out);
        assertEquals("", output(), "nothing written past the terminal");
    }
}
