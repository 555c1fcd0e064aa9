package dev.culvert.vpn.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.culvert.vpn.keys.PeerInfo;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer target for the text a peer sends inside TLS: the control-message splitter over a
 * plaintext record, and {@link PeerInfo#parse} over the record's text and over each message (a
 * client's peer-info reaches the server as such text). A normal build runs it over the kept
 * corpus; {@code -Pfuzz} fuzzes it.
 *
 * <p>What must hold: no exception; a record over {@link ControlMessages#MAX_RECORD} is refused
 * whole and counted as such; otherwise every piece is a message or a counted rejection (a control
 * character, or missing its NUL), a message is never longer than the record and carries no
 * control character, and the messages written back out (when they fit one record) split into
 * themselves with nothing rejected. Peer-info keys are the text before a line's first {@code =}, never empty, and the
 * numbers read from it are never negative.
 */
class ControlTextFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void split(byte[] record) {
        ControlMessages.Split split = ControlMessages.split(record, 0, record.length);
        if (record.length > ControlMessages.MAX_RECORD) {
            assertTrue(split.tooLong(), "a record over the limit is refused whole");
            assertTrue(split.messages().isEmpty());
            return;
        }
        assertFalse(split.tooLong());
        int nuls = 0;
        int lastNul = -1;
        for (int i = 0; i < record.length; i++) {
            if (record[i] == 0) {
                nuls++;
                lastNul = i;
            }
        }
        assertTrue(split.messages().size() + split.nonPrintable() <= nuls, "each message or rejection ended at a NUL");
        assertEquals(lastNul < record.length - 1, split.unterminated(), "bytes after the last NUL are counted as unterminated");
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        for (String message : split.messages()) {
            assertFalse(message.isEmpty());
            assertTrue(message.length() <= record.length, "a message is never longer than its record");
            assertFalse(message.endsWith("\r") || message.endsWith("\n"));
            message.chars().forEach(c -> assertTrue(c >= 0x20 && c != 0x7f, "no control character passes: " + c));
            // Invalid UTF-8 reads as U+FFFD, three bytes when written: a message may outgrow a record.
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            rewritten.write(bytes, 0, bytes.length);
            rewritten.write(0);
            peerInfo(message);
        }
        if (rewritten.size() <= ControlMessages.MAX_RECORD) {
            byte[] again = rewritten.toByteArray();
            ControlMessages.Split resplit = ControlMessages.split(again, 0, again.length);
            assertEquals(split.messages(), resplit.messages(), "the messages written out read back as themselves");
            assertEquals(0, resplit.nonPrintable());
            assertFalse(resplit.unterminated());
        }
        peerInfo(new String(record, StandardCharsets.UTF_8));
    }

    private static void peerInfo(String text) {
        PeerInfo info = PeerInfo.parse(text);
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                assertNotNull(info.get(line.substring(0, eq)), "every KEY=VALUE line's key is found: " + line);
            }
        }
        assertTrue(info.ivProto() >= 0);
        assertTrue(info.ivNcp() >= 0);
        assertTrue(info.ivMtu() >= 0);
        String ciphers = info.ivCiphers();
        assertTrue(ciphers == null || ciphers.length() <= text.length());
    }
}
