package dev.culvert.vpn.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticKeyTest {
    @Test
    void readsTheSlotsOfStruct_key2() {
        try (StaticKey key = TestKeys.testPktKey()) {
            assertArrayEquals(TestKeys.HEX.parseHex("37268ea8f95d7f71"), key.cipherKey(0, 8));
            assertArrayEquals(TestKeys.HEX.parseHex("de63ebc64ec59d57"), key.hmacKey(0, 8));
            assertArrayEquals(TestKeys.HEX.parseHex("a0c1c489a036cf3a"), key.cipherKey(1, 8));
            assertArrayEquals(TestKeys.HEX.parseHex("bb0f9ad13e9bbb46"), key.hmacKey(1, 8));
            assertEquals(64, key.hmacKey(1, 64).length);
        }
    }

    @Test
    void commentsAndBlankLinesAreSkipped(@TempDir Path dir) throws Exception {
        String text = TestKeys.TEST_PKT_STATIC_KEY.replace("-----BEGIN OpenVPN Static key V1-----\n",
                "-----BEGIN OpenVPN Static key V1-----\n# 2048 bit OpenVPN static key\n\n; another comment\n");
        Path file = dir.resolve("ta.key");
        Files.writeString(file, text);
        try (StaticKey key = StaticKey.read(file)) {
            assertArrayEquals(TestKeys.HEX.parseHex("37268ea8"), key.cipherKey(0, 4));
        }
    }

    @Test
    void errorsNameTheSourceAndTheFix() {
        StaticKeyException noBegin = assertThrows(StaticKeyException.class, () -> StaticKey.parse("hello", "ta.key"));
        assertTrue(noBegin.getMessage().startsWith("ta.key: "), noBegin.getMessage());
        assertTrue(noBegin.getMessage().contains("fix:"), noBegin.getMessage());

        String shortKey = TestKeys.TEST_PKT_STATIC_KEY.replace("2b4126b999005ade802797b0eeb8b9e6\n", "");
        StaticKeyException tooShort = assertThrows(StaticKeyException.class, () -> StaticKey.parse(shortKey, "inline"));
        assertTrue(tooShort.getMessage().contains("240 bytes"), tooShort.getMessage());

        String badChar = TestKeys.TEST_PKT_STATIC_KEY.replace("37268ea8", "37268ex8");
        StaticKeyException notHex = assertThrows(StaticKeyException.class, () -> StaticKey.parse(badChar, "k"));
        assertTrue(notHex.getMessage().contains("line 3") && notHex.getMessage().contains("'x'"), notHex.getMessage());

        String noEnd = TestKeys.TEST_PKT_STATIC_KEY.replace("-----END OpenVPN Static key V1-----", "");
        assertThrows(StaticKeyException.class, () -> StaticKey.parse(noEnd, "k"));

        String tooLong = TestKeys.TEST_PKT_STATIC_KEY.replace("2b4126b999005ade802797b0eeb8b9e6\n",
                "2b4126b999005ade802797b0eeb8b9e6\n00\n");
        assertThrows(StaticKeyException.class, () -> StaticKey.parse(tooLong, "k"));

        StaticKeyException missing = assertThrows(StaticKeyException.class, () -> StaticKey.read(Path.of("/nonexistent/ta.key")));
        assertTrue(missing.getMessage().startsWith("/nonexistent/ta.key: "), missing.getMessage());
    }

    @Test
    void closeWipesTheKey() {
        StaticKey key = TestKeys.testPktKey();
        key.close();
        assertThrows(IllegalStateException.class, () -> key.hmacKey(0, 20));
    }
}
