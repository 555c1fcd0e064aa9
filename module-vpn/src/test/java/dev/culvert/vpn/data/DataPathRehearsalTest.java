package dev.culvert.vpn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.HmacDigest;
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
        assertEquals(0, DataPathRehearsal.run(DataCipher.AES_256_GCM, null, AeadSource.of(XorAead.refusingTags()), 16));
    }
}
