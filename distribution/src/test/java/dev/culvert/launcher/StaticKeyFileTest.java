package dev.culvert.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.vpn.control.StaticKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --genkey}: the key file is the one {@code openvpn --genkey} writes, byte for byte in layout. */
class StaticKeyFileTest {
    @TempDir
    Path dir;

    @Test
    void theFileIsTheCommentHeaderThenSixteenLinesOf32HexDigitsBetweenBeginAndEnd() {
        byte[] key = new byte[256];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        List<String> lines = StaticKeyFile.format(key).lines().toList();
        assertEquals(List.of("#", "# 2048 bit OpenVPN static key", "#", "-----BEGIN OpenVPN Static key V1-----"), lines.subList(0, 4));
        assertEquals("000102030405060708090a0b0c0d0e0f", lines.get(4));
        assertEquals("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff", lines.get(19));
        assertEquals("-----END OpenVPN Static key V1-----", lines.get(20));
        assertEquals(21, lines.size());
        lines.subList(4, 20).forEach(l -> assertTrue(l.matches("[0-9a-f]{32}"), l));
        assertTrue(StaticKeyFile.format(key).endsWith("-----\n"), "the last line ends with a newline, as openvpn's");
    }

    @Test
    void moduleVpnReadsEveryByteOfAGeneratedKeyInItsSlots() throws Exception {
        byte[] key = new byte[256];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (255 - i);
        }
        try (StaticKey read = StaticKey.parse(StaticKeyFile.format(key), "generated")) {
            assertArrayEquals(Arrays.copyOfRange(key, 0, 64), read.cipherKey(0, 64));
            assertArrayEquals(Arrays.copyOfRange(key, 64, 128), read.hmacKey(0, 64));
            assertArrayEquals(Arrays.copyOfRange(key, 128, 192), read.cipherKey(1, 64));
            assertArrayEquals(Arrays.copyOfRange(key, 192, 256), read.hmacKey(1, 64));
        }
    }

    @Test
    void twoGeneratedKeysDiffer() throws Exception {
        String a = StaticKeyFile.generate();
        String b = StaticKeyFile.generate();
        assertNotEquals(a, b);
        StaticKey.parse(a, "a").close();
    }

    @Test
    void aKeyIsNot255Bytes() {
        assertThrows(IllegalArgumentException.class, () -> StaticKeyFile.format(new byte[255]));
    }

    @Test
    void theFileIsReadableByItsOwnerOnlyAndReplacesAnOldOneWithNothingLeftBehind() throws Exception {
        Path file = dir.resolve("tc.key");
        Files.writeString(file, "an old key");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        String text = StaticKeyFile.generate();
        StaticKeyFile.write(file, text);
        assertEquals(text, Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left");
        }
    }

    @Test
    void theFiveTypesOf26AreMadeAndTheOthersRefusedWithTheReason() {
        StaticKeyFile.ALL_TYPES.forEach(t -> assertNull(StaticKeyFile.refusal(t), t));
        String token = StaticKeyFile.refusal("auth-token");
        assertTrue(token.contains("does not implement auth-gen-token") && token.contains("openvpn --genkey auth-token"), token);
        String unknown = StaticKeyFile.refusal("tls-crypt-v3");
        assertTrue(unknown.contains("unknown key type 'tls-crypt-v3'")
                && unknown.contains("secret, tls-crypt, tls-auth, tls-crypt-v2-server, tls-crypt-v2-client"), unknown);
    }

    @Test
    void theLauncherWritesTheKeyToTheFileOrToStandardOutputWithoutStartingANode() throws Exception {
        Path file = dir.resolve("ta.key");
        assertEquals(0, run("--genkey", "tls-auth", file.toString()).status);
        StaticKey.read(file).close();
        Run toStdout = run("--genkey", "secret");
        assertEquals(0, toStdout.status);
        StaticKey.parse(toStdout.out, "stdout").close();
        Run refused = run("--genkey", "tls-crypt-v2-client", file.toString());
        assertEquals(2, refused.status);
        assertTrue(refused.err.contains("add --tls-crypt-v2 SERVER-KEY-FILE"), refused.err);
        assertEquals(2, run("--genkey").status);
    }

    private static Run run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int status, String out, String err) {
    }
}
