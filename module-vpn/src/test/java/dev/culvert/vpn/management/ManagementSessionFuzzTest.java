package dev.culvert.vpn.management;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Jazzer target for the management interface's command interpreter: whatever a local client
 * types, a line at a time (the bytes split at newlines, as the socket reader splits them), the
 * session answers without an exception and every answer is one line (no CR or LF in it, so a
 * client cannot forge a notification), and only SIGHUP, SIGTERM, SIGUSR1 and SIGUSR2 are raised.
 * Corpus: src/test/resources/dev/culvert/vpn/management/ManagementSessionFuzzTestInputs/.
 */
class ManagementSessionFuzzTest {
    private final List<String> out = new ArrayList<>();
    private final List<String> raised = new ArrayList<>();
    private final History log = new History(8);
    private final ManagementSession session = new ManagementSession(ManagementSessionTest.fake(), log, new History(8), new History(8),
            raised::add, out::add, 1);

    @FuzzTest(maxDuration = "30s")
    void handle(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        for (String line : text.split("\n", 64)) {
            session.handle(line.length() > ManagementServer.MAX_LINE ? line.substring(0, ManagementServer.MAX_LINE) : line);
            log.add(1, "I," + line.replaceAll("[\\r\\n]", " "));
        }
        for (String answer : out) {
            assertFalse(answer.indexOf('\n') >= 0 || answer.indexOf('\r') >= 0, answer);
        }
        for (String signal : raised) {
            assertFalse(!List.of("HUP", "TERM", "USR1", "USR2").contains(signal), signal);
        }
        session.detach();
        out.clear();
    }
}
