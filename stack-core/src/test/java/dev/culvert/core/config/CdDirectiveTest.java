package dev.culvert.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cd DIR}: OpenVPN 2.6 changes directory while parsing and reads its files afterwards, from there. */
class CdDirectiveTest {
    @TempDir
    Path root;

    @Test
    void withoutCdAFileIsTakenFromBesideTheConfiguration() throws Exception {
        Path conf = write(root.resolve("etc/server.conf"), "ca ca.crt\n");
        assertEquals(root.resolve("etc/ca.crt"), only(ConfigParser.parse(conf), "ca").resolve("ca.crt"));
    }

    @Test
    void everyRelativeFileBeforeOrAfterTheCdLineIsTakenFromTheDirectory() throws Exception {
        Files.createDirectories(root.resolve("etc/keys"));
        Path conf = write(root.resolve("etc/server.conf"), "ca ca.crt\ncd keys\nkey server.key\ncert /abs/server.crt\n");
        List<Directive> lines = ConfigParser.parse(conf);
        assertEquals(root.resolve("etc/keys/ca.crt"), only(lines, "ca").resolve("ca.crt"));
        assertEquals(root.resolve("etc/keys/server.key"), only(lines, "key").resolve("server.key"));
        assertEquals(Path.of("/abs/server.crt"), only(lines, "cert").resolve("/abs/server.crt"), "absolute names stay");
        assertEquals(root.resolve("etc/keys"), only(lines, "cd").cd(), "the cd line is kept for the module that claims it");
    }

    @Test
    void aSecondCdIsTakenFromTheFirstAndTheLastOneWins() throws Exception {
        Files.createDirectories(root.resolve("srv/openvpn/pki"));
        Path conf = write(root.resolve("etc/server.conf"), "cd " + root.resolve("srv") + "\ncd openvpn/pki\nca ca.crt\n");
        assertEquals(root.resolve("srv/openvpn/pki/ca.crt"), only(ConfigParser.parse(conf), "ca").resolve("ca.crt"));
    }

    @Test
    void aConfigIncludeAfterCdIsTakenFromTheDirectory() throws Exception {
        write(root.resolve("srv/common.conf"), "verb 4\n");
        Path conf = write(root.resolve("etc/server.conf"), "cd ../srv\nconfig common.conf\n");
        Directive verb = only(ConfigParser.parse(conf), "verb");
        assertEquals(List.of("4"), verb.args());
        assertTrue(verb.source().endsWith("common.conf"), verb.source());
    }

    @Test
    void aCdToNoDirectoryNamesTheLineAndTheFix() throws Exception {
        Path conf = write(root.resolve("etc/server.conf"), "verb 3\ncd missing\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parse(conf));
        assertTrue(e.getMessage().contains("server.conf:2"), e.getMessage());
        assertTrue(e.getMessage().contains("cd to '" + root.resolve("etc/missing") + "' failed"), e.getMessage());
        assertTrue(e.getMessage().contains("name an existing directory"), e.getMessage());
        ConfigException noArg = assertThrows(ConfigException.class, () -> ConfigParser.parse("cd\n", "x.conf"));
        assertTrue(noArg.getMessage().contains("cd DIR"), noArg.getMessage());
    }

    private static Directive only(List<Directive> lines, String name) {
        List<Directive> found = lines.stream().filter(d -> d.name().equals(name)).toList();
        assertEquals(1, found.size(), name + " in " + lines);
        return found.get(0);
    }

    private static Path write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
