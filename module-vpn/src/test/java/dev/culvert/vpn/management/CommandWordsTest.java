package dev.culvert.vpn.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A command line split as 2.6's parse_line splits it: what a GUI's quoted username and password become. */
class CommandWordsTest {
    @Test
    void doubleQuotesKeepSpacesAndBackslashEscapesAQuoteOrABackslash() {
        assertEquals(List.of("password", "Auth", "a b\"c\\d"), ManagementSession.words("password \"Auth\" \"a b\\\"c\\\\d\""));
        assertEquals(List.of("username", "Auth", "alice"), ManagementSession.words("username \"Auth\" alice"));
    }

    @Test
    void aBackslashWorksOutsideQuotesTooBeforeASpace() {
        assertEquals(List.of("password", "Auth", "two words"), ManagementSession.words("password Auth two\\ words"));
    }

    @Test
    void singleQuotesTakeEverythingAsItIs() {
        assertEquals(List.of("password", "Auth", "p\\a\"ss"), ManagementSession.words("password Auth 'p\\a\"ss'"));
    }

    @Test
    void anEmptyQuotedWordIsAWord() {
        assertEquals(List.of("password", "Auth", ""), ManagementSession.words("password Auth \"\""));
    }

    @Test
    void aHashOrSemicolonWhereAWordStartsBeginsAComment() {
        assertEquals(List.of("state"), ManagementSession.words("state # all"));
        assertEquals(List.of("password", "Auth", "a#b"), ManagementSession.words("password Auth a#b"));
    }

    @Test
    void anUnclosedQuoteOrABackslashBeforeAnOrdinaryCharacterIsRefused() {
        assertNull(ManagementSession.words("password \"Auth\" \"abc"));
        assertNull(ManagementSession.words("password Auth 'abc"));
        assertNull(ManagementSession.words("password Auth a\\bc"), "2.6: bad backslash usage");
    }

    @Test
    void aNulEndsTheLineAsItEndsACString() {
        assertEquals(List.of("pid"), ManagementSession.words("pid\u0000 quit"));
    }
}
