package dev.culvert.vpn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.spi.aead.AeadCipher;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.HmacDigest;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DataPathRehearsalTest {
    @ParameterizedTest
    @EnumSource(DataCipher.class)
    void everyRehearsedPacketOpensToTheBytesThatWereSealed(DataCipher cipher) throws GeneralSecurityException {
        assertEquals(64, DataPathRehearsal.run(cipher, HmacDigest.SHA256, AeadSource.of(new JceAeadProvider()), 64));
    }

    @Test
    void aProviderWhoseTagsNeverCheckOutOpensNothing() throws GeneralSecurityException {
        assertEquals(0, DataPathRehearsal.run(DataCipher.AES_256_GCM, null, AeadSource.of(new RefusingProvider()), 16));
    }

    /** Seals nothing and refuses every tag: what a broken provider would look like to the data channel. */
    private static final class RefusingProvider implements AeadProvider {
        @Override
        public String name() {
            return "refusing";
        }

        @Override
        public boolean supports(AeadAlgorithm algorithm) {
            return true;
        }

        @Override
        public AeadCipher newCipher(AeadAlgorithm algorithm, byte[] key, boolean encrypt) {
            return new AeadCipher() {
                @Override
                public AeadAlgorithm algorithm() {
                    return algorithm;
                }

                @Override
                public void seal(byte[] nonce, ByteBuffer aad, int aadOffset, int aadLength, ByteBuffer data, int offset, int length, int tagOffset) {
                }

                @Override
                public boolean open(byte[] nonce, ByteBuffer aad, int aadOffset, int aadLength, ByteBuffer data, int offset, int length, int tagOffset) {
                    return false;
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
