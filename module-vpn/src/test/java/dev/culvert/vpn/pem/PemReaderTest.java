package dev.culvert.vpn.pem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Splitting text into blocks: structure errors, damaged base64, sizes, and hostile input. */
class PemReaderTest {
    @Test
    void readsTypeLineAndBytesOfEachBlock() throws PemException {
        List<PemBlock> blocks = PemReader.read("junk\n-----BEGIN A-----\nAQID\n-----END A-----\n\n-----BEGIN B C-----\nBA==\n-----END B C-----", "t");
        assertEquals(2, blocks.size());
        assertEquals("A", blocks.get(0).type());
        assertEquals(2, blocks.get(0).line());
        assertArrayEquals(new byte[] {1, 2, 3}, blocks.get(0).der());
        assertEquals("B C", blocks.get(1).type());
        assertEquals(6, blocks.get(1).line());
        assertArrayEquals(new byte[] {4}, blocks.get(1).der());
    }

    @Test
    void aBlockWithoutEndIsCutShort() {
        PemException e = assertThrows(PemException.class, () -> PemReader.read("-----BEGIN CERTIFICATE-----\nAQID\n", "ca.crt"));
        assertEquals("ca.crt: the CERTIFICATE block on line 1 has no END line; the file is cut short: copy it again", e.getMessage());
    }

    @Test
    void aSecondBeginBeforeEndIsRefused() {
        PemException e = assertThrows(PemException.class,
                () -> PemReader.read("-----BEGIN CERTIFICATE-----\nAQID\n-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE-----\n", "ca.crt"));
        assertTrue(e.problem().contains("has no END line before line 3"), e.problem());
    }

    @Test
    void mismatchedEndIsRefused() {
        PemException e = assertThrows(PemException.class, () -> PemReader.read("-----BEGIN CERTIFICATE-----\nAQID\n-----END PRIVATE KEY-----\n", "x"));
        assertTrue(e.problem().contains("ends with END PRIVATE KEY on line 3"), e.problem());
    }

    @Test
    void truncatedBase64IsRefused() {
        // "AQIDB" is five characters: one too many for whole groups of four, so bytes are missing.
        PemException e = assertThrows(PemException.class, () -> PemReader.read("-----BEGIN A-----\nAQIDB\n-----END A-----\n", "x"));
        assertTrue(e.problem().contains("not valid base64"), e.problem());
    }

    @Test
    void anEmptyBlockIsRefused() {
        PemException e = assertThrows(PemException.class, () -> PemReader.read("-----BEGIN A-----\n-----END A-----\n", "x"));
        assertTrue(e.problem().contains("is empty"), e.problem());
    }

    @Test
    void legacyEncryptionHeadersAreNoticed() throws PemException {
        List<PemBlock> blocks = PemReader.read("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00\n\nAQID\n-----END RSA PRIVATE KEY-----\n", "k");
        assertTrue(blocks.get(0).encrypted());
        assertArrayEquals(new byte[] {1, 2, 3}, blocks.get(0).der());
    }

    @Test
    void refusesTextLongerThanTheBound() {
        String huge = "x".repeat(PemReader.MAX_TEXT_CHARS + 1);
        PemException e = assertThrows(PemException.class, () -> PemReader.read(huge, "big.pem"));
        assertTrue(e.problem().contains("longer than"), e.problem());
    }

    @Test
    void toStringShowsNoBytes() throws PemException {
        PemBlock block = PemReader.read("-----BEGIN A-----\nAQID\n-----END A-----\n", "x").get(0);
        assertEquals("PemBlock[A, line 1, 3 bytes]", block.toString());
        block.wipe();
        assertArrayEquals(new byte[3], block.der());
    }

    /** Mutated keys and certificates: anything may be refused, but only ever with a PemException. */
    @Test
    void mutatedInputOnlyEverFailsWithPemException() {
        Random random = new Random(5);
        String[] fixtures = {"rsa-pkcs1.pem", "rsa-pkcs8.pem", "ec-sec1-with-params.pem", "ec-pkcs8.pem", "ed25519-pkcs8.pem", "two-certs.pem"};
        int refused = 0;
        for (int round = 0; round < 3000; round++) {
            char[] text = Fixtures.text(fixtures[round % fixtures.length]).toCharArray();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                int at = random.nextInt(text.length);
                text[at] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-\n ".charAt(random.nextInt(68));
            }
            String mutated = new String(text);
            try {
                PemCertificates.read(mutated, "m");
            } catch (PemException e) {
                refused++;
            }
            try {
                PemPrivateKeys.read(mutated, "m");
            } catch (PemException e) {
                refused++;
                assertFalse(e.getMessage().isEmpty());
            }
        }
        assertTrue(refused > 3000, "most mutations are refused: " + refused);
    }
}
