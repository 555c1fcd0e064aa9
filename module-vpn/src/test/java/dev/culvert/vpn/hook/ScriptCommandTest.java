package dev.culvert.vpn.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A script's command is split into words as 2.6's argv_parse_cmd splits it. */
class ScriptCommandTest {
    @Test
    void spacesSeparateWordsAndQuotesKeepThemTogether() {
        assertEquals(List.of("/etc/openvpn/check", "--db", "/var/lib/users db"),
                ScriptCommand.parse("/etc/openvpn/check --db \"/var/lib/users db\"").words());
        assertEquals(List.of("a", "b c", "d"), ScriptCommand.parse("  a 'b c'   d ").words());
        assertEquals(List.of("x", ""), ScriptCommand.parse("x \"\"").words(), "an empty quoted word is a word");
    }

    @Test
    void culvertsArgumentsComeAfterTheScriptsOwn() {
        ScriptCommand command = ScriptCommand.parse("/bin/check --strict");
        assertEquals(List.of("/bin/check", "--strict", "/tmp/openvpn_up_1.tmp"), command.with("/tmp/openvpn_up_1.tmp"));
        assertEquals(List.of("/opt/check", "--strict"), command.withProgram("/opt/check").words());
    }

    @Test
    void anEmptyCommandOrAnOpenQuoteIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ScriptCommand.parse("   "));
        assertThrows(IllegalArgumentException.class, () -> ScriptCommand.parse("/bin/check 'open"));
    }
}
