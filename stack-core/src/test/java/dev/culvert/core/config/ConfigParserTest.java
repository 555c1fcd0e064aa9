package dev.culvert.core.config;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.config.DirectiveHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigParserTest {

    static List<Directive> parse(String text) throws ConfigException {
        return ConfigParser.parse(text, "test.conf");
    }

    @Test
    void aDirectiveALineWithCommentsAndBlankLinesIgnored() throws Exception {
        List<Directive> d = parse("""
                # a comment
                ; another
                remote vpn.example.org 1194   # trailing comment
                  proto udp
                
                --dev tun
                """);
        assertEquals(3, d.size());
        assertEquals("remote", d.get(0).name());
        assertEquals(List.of("vpn.example.org", "1194"), d.get(0).args());
        assertEquals(3, d.get(0).line());
        assertEquals("dev", d.get(2).name(), "a leading -- is accepted as on the command line");
        assertEquals("test.conf:6", d.get(2).where());
    }

    @Test
    void quotesAndEscapesFollowOpenVpn() throws Exception {
        Directive d = parse("push \"route 10.0.0.0 255.0.0.0\" 'a \\ b' c\\ d \"x\\\"y\" key#notcomment").get(0);
        assertEquals(List.of("route 10.0.0.0 255.0.0.0", "a \\ b", "c d", "x\"y", "key#notcomment"), d.args());
    }

    @Test
    void inlineBlocksBecomeOneDirectiveWithTheirText() throws Exception {
        List<Directive> d = parse("""
                ca ignored-later
                <ca>
                -----BEGIN CERTIFICATE-----
                MIIB
                -----END CERTIFICATE-----
                </ca>
                verb 3
                """);
        assertEquals(3, d.size());
        Directive ca = d.get(1);
        assertTrue(ca.inline());
        assertEquals("ca", ca.name());
        assertEquals(2, ca.line());
        assertEquals("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", ca.args().get(0));
        assertFalse(ca.toString().contains("MIIB"), "inline contents (keys) never appear in messages");
        assertEquals("verb", d.get(2).name());
        assertEquals(7, d.get(2).line());
    }

    @Test
    void errorsNameTheFileTheLineAndTheFix() {
        ConfigException open = assertThrows(ConfigException.class, () -> parse("verb 3\n<key>\nsecret\n"));
        assertEquals("test.conf:2", open.where());
        assertTrue(open.getMessage().contains("never closed") && open.getMessage().contains("</key>"), open.getMessage());
        ConfigException quote = assertThrows(ConfigException.class, () -> parse("\n\nremote \"host 1194\n"));
        assertEquals("test.conf:3", quote.where());
        assertTrue(quote.fix().contains("close the quote"));
        ConfigException tooMany = assertThrows(ConfigException.class, () -> parse("push 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17"));
        assertTrue(tooMany.getMessage().contains("at most 16"));
        ConfigException longLine = assertThrows(ConfigException.class, () -> parse("x " + "a".repeat(ConfigParser.MAX_LINE)));
        assertTrue(longLine.getMessage().contains("limited to"));
        ConfigException stray = assertThrows(ConfigException.class, () -> parse("</ca>"));
        assertTrue(stray.getMessage().contains("without an opening one"));
        assertThrows(ConfigException.class, () -> parse("dev tun\\"));
        assertThrows(ConfigException.class, () -> parse("dev t\u0001un"));
    }

    @Test
    void filesAreReadWithIncludesRelativeToTheIncludingFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.conf"), "verb 3\nconfig common.conf\nmute 10\n");
        Files.writeString(dir.resolve("common.conf"), "dev tun\n");
        List<Directive> d = ConfigParser.parse(dir.resolve("main.conf"));
        assertEquals(List.of("verb", "dev", "mute"), d.stream().map(Directive::name).toList());
        assertTrue(d.get(1).source().endsWith("common.conf"));
        assertEquals(1, d.get(1).line());
    }

    @Test
    void aMissingFileOrASelfIncludeIsAClearError(@TempDir Path dir) throws Exception {
        ConfigException missing = assertThrows(ConfigException.class, () -> ConfigParser.parse(dir.resolve("nope.conf")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        Files.writeString(dir.resolve("loop.conf"), "config loop.conf\n");
        ConfigException loop = assertThrows(ConfigException.class, () -> ConfigParser.parse(dir.resolve("loop.conf")));
        assertTrue(loop.getMessage().contains("nest deeper"), loop.getMessage());
        Files.write(dir.resolve("bin.conf"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
        ConfigException binary = assertThrows(ConfigException.class, () -> ConfigParser.parse(dir.resolve("bin.conf")));
        assertTrue(binary.getMessage().contains("UTF-8"));
    }

    record Handler(String module, Set<String> directives) implements DirectiveHandler {
        @Override
        public void check(Directive directive) throws ConfigException {
            if (directive.name().equals("verb")) {
                directive.expectArgs(1, 1, "verb N");
            }
        }
    }

    @Test
    void everyDirectiveMustBeClaimedByAnInstalledModule() throws Exception {
        Config config = Config.of("""
                verb 3
                compress lz4
                frobnicate yes
                verb
                """, "server.conf");
        DirectiveCatalog catalog = DirectiveCatalog.of(List.of(new Handler("the kernel", Set.of("verb"))),
                List.of(new Handler("module-compress", Set.of("compress"))));
        List<ConfigException> problems = config.validate(catalog);
        assertEquals(3, problems.size());
        assertEquals("server.conf:2", problems.get(0).where());
        assertTrue(problems.get(0).getMessage().contains("'compress' is taken by module-compress, which is not installed"), problems.get(0).getMessage());
        assertTrue(problems.get(0).fix().contains("install module-compress"));
        assertTrue(problems.get(1).getMessage().contains("unknown directive 'frobnicate'"));
        assertTrue(problems.get(2).getMessage().contains("takes 1 argument"), problems.get(2).getMessage());
        ConfigException all = assertThrows(ConfigException.class, () -> config.requireValid(List.of(new Handler("k", Set.of("verb")))));
        assertTrue(all.getMessage().contains("3 problems in all"));
    }

    @Test
    void laterDirectivesOverrideEarlierOnesAndRepeatsAreKept() throws Exception {
        Config config = Config.of("verb 1\nroute 10.0.0.0 255.0.0.0\nverb 4\nroute 10.1.0.0 255.255.0.0\n", "c");
        assertEquals("4", config.last("verb").orElseThrow().args().get(0));
        assertEquals(2, config.all("route").size());
        assertTrue(config.has("route"));
        assertFalse(config.has("remote"));
    }
}
