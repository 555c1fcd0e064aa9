package dev.culvert.vpn.push;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of 2.6's extract_command_buffer (and test_pkt.c's use of it). */
class ControlMessagesTest {
    static ControlMessages.Split split(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return ControlMessages.split(b, 0, b.length);
    }

    @Test
    void splitsAtNulsAndStripsTrailingLineEnds() {
        ControlMessages.Split s = split("PUSH_REQUEST\0AUTH_FAILED,bad\r\n\0\0EXIT\0");
        assertEquals(List.of("PUSH_REQUEST", "AUTH_FAILED,bad", "EXIT"), s.messages());
        assertEquals(0, s.nonPrintable());
        assertFalse(s.unterminated());
    }

    @Test
    void dropsATrailingPieceWithoutItsNul() {
        ControlMessages.Split s = split("PUSH_REQUEST\0EXIT");
        assertEquals(List.of("PUSH_REQUEST"), s.messages());
        assertTrue(s.unterminated());
        assertTrue(split("HALT").unterminated());
    }

    @Test
    void dropsAndCountsMessagesWithControlCharacters() {
        ControlMessages.Split s = split("HALT\0PUSH\tREPLY\0RESTART\r\nX\0INFO,\u007f\0");
        assertEquals(List.of("HALT"), s.messages());
        assertEquals(3, s.nonPrintable(), "a tab, a CR/LF that is not trailing, a DEL");
    }

    @Test
    void letsUtf8ThroughAs26Does() {
        byte[] b = "INFO,caf\u00e9\0".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("INFO,caf\u00e9"), ControlMessages.split(b, 0, b.length).messages());
    }

    @Test
    void refusesRecordsLongerThan2048Bytes() {
        byte[] big = new byte[2049];
        java.util.Arrays.fill(big, (byte) 'A');
        big[2047] = 0;
        assertTrue(ControlMessages.split(big, 0, big.length).tooLong());
        assertEquals(1, ControlMessages.split(big, 0, 2048).messages().size());
    }

    @Test
    void encodesOneNulTerminatedMessage() {
        assertArrayEquals("PUSH_REQUEST\0".getBytes(StandardCharsets.US_ASCII), ControlMessages.encode("PUSH_REQUEST"));
        assertArrayEquals("INFO,\u00e9\0".getBytes(StandardCharsets.UTF_8), ControlMessages.encode("INFO,\u00e9"));
        assertThrows(IllegalArgumentException.class, () -> ControlMessages.encode("EXIT\n"));
        assertThrows(IllegalArgumentException.class, () -> ControlMessages.encode("x".repeat(2048)));
    }

    @Test
    void recognisesCommandsInOpenvpnsOrder() {
        assertEquals(ControlCommand.AUTH_FAILED, ControlCommand.of("AUTH_FAILED"));
        assertEquals(ControlCommand.AUTH_FAILED, ControlCommand.of("AUTH_FAILED,Data channel cipher negotiation failed (no shared cipher)"));
        assertEquals(ControlCommand.PUSH_REQUEST, ControlCommand.of("PUSH_REQUEST"));
        assertEquals(ControlCommand.PUSH_REPLY, ControlCommand.of("PUSH_REPLY,ping 10"));
        assertEquals(ControlCommand.RESTART, ControlCommand.of("RESTART,[N]"));
        assertEquals(ControlCommand.HALT, ControlCommand.of("HALT,shutdown"));
        assertEquals(ControlCommand.INFO_PRE, ControlCommand.of("INFO_PRE,WEB_AUTH::https://x"));
        assertEquals(ControlCommand.INFO, ControlCommand.of("INFO,hello"));
        assertEquals(ControlCommand.AUTH_PENDING, ControlCommand.of("AUTH_PENDING,timeout 60"));
        assertEquals(ControlCommand.EXIT, ControlCommand.of("EXIT"));
        assertEquals(ControlCommand.CR_RESPONSE, ControlCommand.of("CR_RESPONSE,abc"));
        assertEquals(ControlCommand.UNKNOWN, ControlCommand.of("PUSH_UPDATE,route x"));
        assertEquals(ControlCommand.UNKNOWN, ControlCommand.of("exit"));
    }

    @Test
    void argumentsFollowTheComma() {
        assertEquals("timeout 60", ControlCommand.argument(ControlCommand.AUTH_PENDING, "AUTH_PENDING,timeout 60"));
        assertEquals("", ControlCommand.argument(ControlCommand.AUTH_FAILED, "AUTH_FAILED"));
        assertEquals("[N]", ControlCommand.argument(ControlCommand.RESTART, "RESTART,[N]"));
    }
}
