package dev.culvert.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Standard output shared by the shell and the log: a log line never overwrites the prompt nor splits a command's answer. */
class SharedTerminalTest {
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final SharedTerminal terminal = new SharedTerminal(screen, "g! ");

    private void shell(String text) throws Exception {
        terminal.write(text.getBytes(StandardCharsets.UTF_8));
    }

    private String screen() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void atTheBarePromptTheLogReplacesThePromptLineAndThePromptComesBackBelowIt() throws Exception {
        shell("g! ");
        terminal.log("12:00 client alice connected\n");
        assertEquals("g! " + SharedTerminal.CLEAR_LINE + "12:00 client alice connected\ng! ", screen());
    }

    @Test
    void aLogLineThatArrivesInTheMiddleOfAnAnswerWaitsForThatLinesEnd() throws Exception {
        shell("server    tls  state\n192.0.2.1:1451  con");
        terminal.log("12:00 renegotiated\n");
        shell("scrypt  CONNECTED\n1 session\n");
        assertEquals("server    tls  state\n192.0.2.1:1451  conscrypt  CONNECTED\n12:00 renegotiated\n1 session\n", screen());
    }

    @Test
    void atTheStartOfALineTheLogIsWrittenAtOnce() throws Exception {
        shell("server    tls  state\n");
        terminal.log("12:00 renegotiated\n");
        assertEquals("server    tls  state\n12:00 renegotiated\n", screen());
    }

    @Test
    void aPromptFollowedByTypedOutputIsNotTheBarePrompt() throws Exception {
        shell("g! 1 session");
        terminal.log("12:00 renegotiated\n");
        assertEquals("g! 1 session", screen(), "held until the line ends");
        shell("\n");
        assertEquals("g! 1 session\n12:00 renegotiated\n", screen());
    }

    @Test
    void aLineThatNeverEndsHoldsAtMostABoundedNumberOfLogLines() throws Exception {
        shell("partial");
        for (int i = 0; i <= SharedTerminal.MAX_HELD; i++) {
            terminal.log("line " + i + "\n");
        }
        String out = screen();
        assertEquals(SharedTerminal.MAX_HELD + 1, out.lines().filter(l -> l.contains("line ")).count(), "all written once the bound is reached");
    }
}
