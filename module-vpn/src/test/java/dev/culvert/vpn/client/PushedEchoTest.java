package dev.culvert.vpn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.culvert.vpn.push.PushReplyParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pushed echo reaches the management interface's echo buffer; only a 'msg' one reaches the log. */
class PushedEchoTest {
    @Test
    void eachEchoIsItsWordsJoinedBySingleSpacesInThePushedOrder() {
        assertEquals(List.of("msg-window Welcome back", "forget-passwords", ""),
                PushedEcho.texts(PushReplyParser.parse("PUSH_REPLY,echo msg-window  Welcome\tback,ping 10,echo forget-passwords,echo")
                        .reply()));
    }

    @Test
    void aPushWithoutEchoHasNone() {
        assertEquals(List.of(), PushedEcho.texts(PushReplyParser.parse("PUSH_REPLY,ping 10,ifconfig 10.8.0.2 255.255.255.0").reply()));
    }

    @Test
    void onlyATextWhoseFirstWordStartsWithMsgIsLogged() {
        assertEquals("ECHO-PULL:msg Maintenance at 22:00", PushedEcho.logLine("msg Maintenance at 22:00"));
        assertEquals("ECHO-PULL:msg-n more text", PushedEcho.logLine("msg-n more text"));
        assertNull(PushedEcho.logLine("setenv-safe TOKEN s3cret"), "may be a secret meant for the GUI only");
        assertNull(PushedEcho.logLine(""));
    }
}
