package dev.culvert.vpn.ccd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Common names come from certificates, which whoever asked the CA chose: any string must end in
 * overrides or a {@link ConfigException}, never another exception, never a file outside the
 * directory, and never a control character in the message.
 */
class ClientConfigDirFuzzTest {
    private static final List<String> PIECES = List.of("/", "..", ".", "\\", "\u0000", "\n", "\r", "\t", "\u007f", "\u0085", "\uD800",
            "\uDC00", "\uD83D\uDE00", "ü", " ", "DEFAULT", "secret", "alice", "~", "$HOME", "%2e%2e", "*", "?", ":", "\"", "'", "@", "-");

    @Test
    void anyCommonNameEndsInOverridesOrARefusal(@TempDir Path root) throws Exception {
        Path dir = Files.createDirectories(root.resolve("ccd"));
        Files.writeString(root.resolve("secret"), "disable\n");
        Files.writeString(dir.resolve("alice"), "push \"route 10.1.0.0 255.255.0.0\"\n");
        Random random = new Random(2026);
        for (boolean exclusive : new boolean[] {false, true}) {
            ClientConfigDir ccd = new ClientConfigDir(dir, exclusive);
            for (int i = 0; i < 5000; i++) {
                StringBuilder cn = new StringBuilder();
                int parts = random.nextInt(5);
                for (int p = 0; p < parts; p++) {
                    if (random.nextInt(4) == 0) {
                        cn.append((char) random.nextInt(0x10000));
                    } else {
                        cn.append(PIECES.get(random.nextInt(PIECES.size())));
                    }
                }
                String name = cn.toString();
                try {
                    ClientOverrides o = ccd.load(name);
                    assertFalse(o.disable(), "read a file outside the directory for " + escape(name));
                    if (name.equals("alice")) {
                        assertEquals(1, o.push().size());
                    } else {
                        assertSame(ClientOverrides.NONE, o, escape(name));
                    }
                } catch (ConfigException e) {
                    assertTrue(e.getMessage().chars().noneMatch(c -> c < 0x20 || c == 0x7f), escape(e.getMessage()));
                }
            }
        }
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return b.toString();
    }
}
