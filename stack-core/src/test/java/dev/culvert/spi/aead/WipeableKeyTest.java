package dev.culvert.spi.aead;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WipeableKeyTest {
    private static final byte[] BYTES = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

    @Test
    void aCopyingKeyKeepsACopyOfItsBytesAndHandsOutCopies() {
        byte[] given = BYTES.clone();
        WipeableKey key = WipeableKey.copying(given, "AES");
        Arrays.fill(given, (byte) 0);
        byte[] handed = key.getEncoded();
        assertArrayEquals(BYTES, handed, "the caller's array is the caller's: wiping it leaves the key whole");
        Arrays.fill(handed, (byte) 0);
        assertArrayEquals(BYTES, key.getEncoded(), "a provider that wipes what it was handed leaves the key whole");
        assertNotSame(key.getEncoded(), key.getEncoded());
        assertEquals("AES", key.getAlgorithm());
        assertEquals("RAW", key.getFormat());
    }

    @Test
    void aSharingKeyHandsOutItsOwnArraySoDestroyingItWipesWhatAProviderKept() {
        byte[] own = BYTES.clone();
        WipeableKey key = WipeableKey.sharing(own, "ChaCha20");
        byte[] kept = key.getEncoded();
        assertTrue(kept == own && key.getEncoded() == own, "one array, wherever it went");
        key.destroy();
        assertArrayEquals(new byte[BYTES.length], kept);
    }

    @Test
    void destroyingWipesTheKeyWithoutAnExceptionAndRefusesItsFurtherUse() {
        WipeableKey key = WipeableKey.copying(BYTES, "AES");
        assertFalse(key.isDestroyed());
        key.destroy();
        key.destroy();
        assertTrue(key.isDestroyed());
        assertThrows(IllegalStateException.class, key::getEncoded);
    }

    @Test
    void itNeverShowsItsBytes() {
        WipeableKey key = WipeableKey.copying(new byte[] {0x7f, 0x7f, 0x7f, 0x7f}, "HmacSHA256");
        assertEquals("WipeableKey[HmacSHA256, 4 bytes]", key.toString());
        key.destroy();
        assertEquals("WipeableKey[HmacSHA256, 4 bytes, destroyed]", key.toString());
        assertEquals("WipeableKey[AES, 16 bytes, shared]", WipeableKey.sharing(BYTES.clone(), "AES").toString());
        assertThrows(IllegalArgumentException.class, () -> WipeableKey.copying(new byte[0], "AES"));
    }

    @Test
    void theJdksCiphersTakeItAsTheyTakeASecretKeySpec() throws Exception {
        byte[] nonce = new byte[AeadAlgorithm.NONCE_LENGTH];
        byte[] plain = "a data channel packet".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Cipher withSpec = Cipher.getInstance("AES/GCM/NoPadding");
        withSpec.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(BYTES, "AES"), new GCMParameterSpec(128, nonce));
        Cipher withKey = Cipher.getInstance("AES/GCM/NoPadding");
        withKey.init(Cipher.ENCRYPT_MODE, WipeableKey.copying(BYTES, "AES"), new GCMParameterSpec(128, nonce));
        assertArrayEquals(withSpec.doFinal(plain), withKey.doFinal(plain));
    }
}
