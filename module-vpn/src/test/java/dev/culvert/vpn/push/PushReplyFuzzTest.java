package dev.culvert.vpn.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.culvert.spi.route.AddressText;

/**
 * Jazzer target for the control-message splitter and the PUSH_REPLY parser. A normal build runs
 * it over the kept corpus in src/test/resources/dev/culvert/vpn/push/PushReplyFuzzTestInputs/parse/;
 * {@code -Pfuzz} fuzzes it. The input is a TLS plaintext record; every PUSH_REPLY in it is fed to
 * a parser (a fresh one after each complete or refused reply). Any exception is a finding; so is
 * a refusal without a reason or a reply that breaks its own invariants.
 */
class PushReplyFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void parse(byte[] record) {
        ControlMessages.Split split = ControlMessages.split(record, 0, record.length);
        PushReplyParser parser = new PushReplyParser();
        for (String message : split.messages()) {
            ControlCommand command = ControlCommand.of(message);
            ControlCommand.argument(command, message);
            if (command != ControlCommand.PUSH_REPLY) {
                continue;
            }
            PushReplyParser.Status status = parser.feed(message);
            if (status == PushReplyParser.Status.FAILED) {
                assertNotNull(parser.reject());
                assertNotNull(parser.detail());
                parser = new PushReplyParser();
            } else if (status == PushReplyParser.Status.DONE) {
                PushReply r = parser.reply();
                assertTrue(r.peerId() >= -1 && r.peerId() <= 0xFFFFFF);
                assertTrue(r.tunMtu() == -1 || (r.tunMtu() >= 68 && r.tunMtu() <= 65535));
                if (r.ifconfig() != null) {
                    assertEquals(r.ifconfig().local(), AddressText.ipv4OrNull(r.ifconfig().localText()));
                }
                parser = new PushReplyParser();
            }
        }
    }
}
