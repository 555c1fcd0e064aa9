package dev.culvert.vpn.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Key2SplitterTest {
    /** key2[i] = i, so every byte says where it came from. */
    static byte[] indexed() {
        byte[] key2 = new byte[256];
        for (int i = 0; i < 256; i++) {
            key2[i] = (byte) i;
        }
        return key2;
    }

    static byte[] iv(DataKey k) {
        byte[] nonce = new byte[12];
        k.copyImplicitIv(nonce, 4);
        return Arrays.copyOfRange(nonce, 4, 12);
    }

    static byte[] range(int from, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    @Test
    void clientSendsWithKeys0AndReceivesWithKeys1() throws GeneralSecurityException {
        DirectionalKeys k = Key2Splitter.split(indexed(), DataCipher.AES_256_GCM, Role.CLIENT);
        assertArrayEquals(range(0, 32), k.send().cipherKeyBytes());
        assertArrayEquals(range(64, 8), iv(k.send()));
        assertArrayEquals(range(128, 32), k.receive().cipherKeyBytes());
        assertArrayEquals(range(192, 8), iv(k.receive()));
    }

    @Test
    void serverSendsWithKeys1AndReceivesWithKeys0() throws GeneralSecurityException {
        DirectionalKeys k = Key2Splitter.split(indexed(), DataCipher.AES_128_GCM, Role.SERVER);
        assertArrayEquals(range(128, 16), k.send().cipherKeyBytes());
        assertArrayEquals(range(192, 8), iv(k.send()));
        assertArrayEquals(range(0, 16), k.receive().cipherKeyBytes());
        assertArrayEquals(range(64, 8), iv(k.receive()));
        assertEquals(DataCipher.AES_128_GCM, k.send().cipher());
    }

    @Test
    void refusesAnAllZeroCipherKeyInEitherHalf() {
        byte[] key2 = indexed();
        Arrays.fill(key2, 128, 128 + 32, (byte) 0);
        assertThrows(GeneralSecurityException.class, () -> Key2Splitter.split(key2, DataCipher.CHACHA20_POLY1305, Role.CLIENT));
        byte[] other = indexed();
        Arrays.fill(other, 0, 16, (byte) 0);
        assertThrows(GeneralSecurityException.class, () -> Key2Splitter.split(other, DataCipher.AES_128_GCM, Role.SERVER));
    }

    @Test
    void zeroBytesBeyondTheKeyLengthDoNotCount() throws GeneralSecurityException {
        byte[] key2 = indexed();
        key2[0] = 1;
        Arrays.fill(key2, 16, 64, (byte) 0);
        Key2Splitter.split(key2, DataCipher.AES_128_GCM, Role.CLIENT);
    }

    @Test
    void wipedKeysAreZeroAndRefuseUse() throws GeneralSecurityException {
        DirectionalKeys k = Key2Splitter.split(indexed(), DataCipher.AES_256_GCM, Role.CLIENT);
        byte[] held = k.send().cipherKeyBytes();
        k.wipe();
        assertTrue(k.send().isWiped() && k.receive().isWiped());
        assertArrayEquals(new byte[32], held);
        assertThrows(IllegalStateException.class, () -> k.send().cipherKeyBytes());
    }

    @Test
    void exporterPathAsksForTheOpenvpnLabelWithoutContext() throws GeneralSecurityException {
        String[] askedLabel = new String[1];
        boolean[] contextWasNull = new boolean[1];
        DirectionalKeys k = DataKeyDerivation.fromExporter((label, context, length) -> {
            askedLabel[0] = label;
            contextWasNull[0] = context == null;
            assertEquals(256, length);
            return indexed();
        }, DataCipher.AES_256_GCM, null, Role.SERVER);
        assertEquals("EXPORTER-OpenVPN-datakeys", askedLabel[0]);
        assertTrue(contextWasNull[0]);
        assertArrayEquals(range(128, 32), k.send().cipherKeyBytes());
    }

    @Test
    void exporterOutputOfTheWrongLengthIsRefused() {
        assertThrows(GeneralSecurityException.class,
                () -> DataKeyDerivation.fromExporter((l, c, n) -> new byte[255], DataCipher.AES_256_GCM, null, Role.CLIENT));
    }
}
