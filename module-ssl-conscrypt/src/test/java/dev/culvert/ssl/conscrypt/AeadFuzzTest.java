package dev.culvert.ssl.conscrypt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.spi.aead.AeadCipher;
import dev.culvert.spi.aead.AeadProvider;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

/**
 * Jazzer targets for the data channel's bytes a peer controls, on Conscrypt: a forged packet (any
 * bytes, any lengths and offsets a broken framing could hand over) must be refused and never throw;
 * and any payload sealed by one provider opens with the other to the same bytes. Normal builds run
 * them over the kept corpus (src/test/resources/dev/culvert/ssl/conscrypt/AeadFuzzTestInputs/);
 * {@code -Pfuzz} fuzzes each for a bounded time.
 */
class AeadFuzzTest {
    private static final AeadAlgorithm[] ALGORITHMS = {AeadAlgorithm.AES_128_GCM, AeadAlgorithm.AES_256_GCM, AeadAlgorithm.CHACHA20_POLY1305};
    private static final AeadProvider CONSCRYPT = new ConscryptAeadProvider();
    private static final AeadProvider JCE = new JceAeadProvider();

    @FuzzTest(maxDuration = "30s")
    void openForged(FuzzedDataProvider data) throws GeneralSecurityException {
        AeadAlgorithm algorithm = ALGORITHMS[data.consumeInt(0, ALGORITHMS.length - 1)];
        byte[] key = data.consumeBytes(algorithm.keyLength());
        if (key.length != algorithm.keyLength()) {
            return;
        }
        byte[] nonce = data.consumeBytes(data.consumeBoolean() ? 12 : data.consumeInt(0, 16));
        int aadOffset = data.consumeInt(-4, 64);
        int aadLength = data.consumeInt(-4, 64);
        int offset = data.consumeInt(-4, 2048);
        int length = data.consumeInt(-4, 2048);
        int tagOffset = data.consumeInt(-4, 2048);
        byte[] packet = data.consumeRemainingAsBytes();
        ByteBuffer buffer = ByteBuffer.allocateDirect(packet.length).put(0, packet);
        try (AeadCipher opener = CONSCRYPT.newCipher(algorithm, key, false)) {
            assertFalse(opener.open(nonce, buffer, aadOffset, aadLength, buffer, offset, length, tagOffset), "a forged packet opened");
        }
    }

    @FuzzTest(maxDuration = "30s")
    void sealedByOneOpensWithTheOther(FuzzedDataProvider data) throws GeneralSecurityException {
        AeadAlgorithm algorithm = ALGORITHMS[data.consumeInt(0, ALGORITHMS.length - 1)];
        boolean conscryptSeals = data.consumeBoolean();
        byte[] key = data.consumeBytes(algorithm.keyLength());
        byte[] nonce = data.consumeBytes(12);
        byte[] aad = data.consumeBytes(data.consumeInt(0, 16));
        if (key.length != algorithm.keyLength() || nonce.length != 12) {
            return;
        }
        byte[] payload = data.consumeRemainingAsBytes();
        int dataAt = aad.length + AeadAlgorithm.TAG_LENGTH;
        ByteBuffer buffer = ByteBuffer.allocateDirect(dataAt + payload.length + AeadAlgorithm.TAG_LENGTH).put(0, aad).put(dataAt, payload);
        AeadProvider sealer = conscryptSeals ? CONSCRYPT : JCE;
        AeadProvider opener = conscryptSeals ? JCE : CONSCRYPT;
        try (AeadCipher seal = sealer.newCipher(algorithm, key, true); AeadCipher open = opener.newCipher(algorithm, key, false)) {
            seal.seal(nonce, buffer, 0, aad.length, buffer, dataAt, payload.length, aad.length);
            assertTrue(open.open(nonce, buffer, 0, aad.length, buffer, dataAt, payload.length, aad.length));
        }
        byte[] back = new byte[payload.length];
        buffer.get(dataAt, back);
        assertArrayEquals(payload, back);
    }
}
