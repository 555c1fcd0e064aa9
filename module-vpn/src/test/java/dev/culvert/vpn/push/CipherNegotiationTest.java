package dev.culvert.vpn.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.vpn.keys.PeerInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ideas of OpenVPN's test_ncp.c, on Culvert's AEAD-only cipher set. */
class CipherNegotiationTest {
    static final List<AeadAlgorithm> DEFAULT = DataCiphers.parse(DataCiphers.DEFAULT);

    @Test
    void normalisesCaseAndSkipsUnknownOptionalCiphers() {
        assertEquals(List.of(AeadAlgorithm.AES_256_GCM, AeadAlgorithm.CHACHA20_POLY1305),
                DataCiphers.parse("aes-256-gcm:?vapor-cipher:ChaCha20-Poly1305"));
        assertEquals("AES-128-GCM:AES-256-GCM", DataCiphers.names(DataCiphers.parse("AES-128-GCM::aes-256-GCM:")), "empty entries skipped");
        assertEquals("AES-128-GCM:AES-128-GCM", DataCiphers.names(DataCiphers.parse("AES-128-GCM:?AES-128-GCM")), "duplicates kept, as 2.6 does");
    }

    @Test
    void refusesUnknownAndNonAeadCiphersWithAClearError() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> DataCiphers.parse("AES-256-GCM:vapor"));
        assertTrue(unknown.getMessage().contains("vapor"));
        IllegalArgumentException cbc = assertThrows(IllegalArgumentException.class, () -> DataCiphers.parse("aes-256-cbc"));
        assertTrue(cbc.getMessage().contains("AES-256-CBC") && cbc.getMessage().contains("AEAD"));
        assertThrows(IllegalArgumentException.class, () -> DataCiphers.parse(""));
        assertThrows(IllegalArgumentException.class, () -> DataCiphers.parse(":::"));
        assertThrows(IllegalArgumentException.class, () -> DataCiphers.parse("?vapor"));
    }

    @Test
    void theNormalisedListMustFit2_6sBuffer() {
        String ten = "AES-256-GCM:".repeat(9) + "AES-256-GCM";
        assertEquals(119, ten.length());
        assertEquals(10, DataCiphers.parse(ten).size());
        String tooLong = ten + ":AES-128-GCM";
        assertThrows(IllegalArgumentException.class, () -> DataCiphers.parse(tooLong));
        String optionalJunk = "?" + "x".repeat(200) + ":" + ten;
        assertEquals(10, DataCiphers.parse(optionalJunk).size(), "what is left out does not count");
    }

    @Test
    void serverPicksTheFirstOfItsOwnListTheClientOffers() {
        PeerInfo client = PeerInfo.parse("IV_CIPHERS=CHACHA20-POLY1305:AES-128-GCM\n");
        CipherNegotiation.Choice c = CipherNegotiation.serverChoose(DEFAULT, client, null);
        assertEquals(AeadAlgorithm.AES_128_GCM, c.cipher(), "server order wins");
        assertTrue(c.push());
    }

    @Test
    void ivNcp2AloneMeansBothAesGcms() {
        PeerInfo client = PeerInfo.parse("IV_NCP=2\n");
        List<AeadAlgorithm> server = List.of(AeadAlgorithm.CHACHA20_POLY1305, AeadAlgorithm.AES_128_GCM);
        assertEquals(AeadAlgorithm.AES_128_GCM, CipherNegotiation.serverChoose(server, client, null).cipher());
        assertFalse(CipherNegotiation.serverChoose(List.of(AeadAlgorithm.CHACHA20_POLY1305), client, null).ok());
    }

    @Test
    void anOccCipherCountsForIvNcp2ClientsButNotForThoseListingCiphers() {
        List<AeadAlgorithm> server = List.of(AeadAlgorithm.CHACHA20_POLY1305, AeadAlgorithm.AES_128_GCM);
        String occ = "V4,dev-type tun,cipher CHACHA20-POLY1305";
        CipherNegotiation.Choice ncp2 = CipherNegotiation.serverChoose(server, PeerInfo.parse("IV_NCP=2\n"), occ);
        assertEquals(AeadAlgorithm.CHACHA20_POLY1305, ncp2.cipher(), "the OCC cipher, in the server's order");
        assertTrue(ncp2.push());
        CipherNegotiation.Choice listed = CipherNegotiation.serverChoose(server, PeerInfo.parse("IV_CIPHERS=AES-128-GCM\n"), occ);
        assertEquals(AeadAlgorithm.AES_128_GCM, listed.cipher());
    }

    @Test
    void poorMansNcpTakesTheOccCipherWithoutPushingIt() {
        PeerInfo old = PeerInfo.parse("IV_VER=2.3.18\n");
        CipherNegotiation.Choice c = CipherNegotiation.serverChoose(DEFAULT, old, "V4,dev-type tun,cipher AES-128-GCM,auth SHA1");
        assertEquals(AeadAlgorithm.AES_128_GCM, c.cipher());
        assertFalse(c.push());
        CipherNegotiation.Choice none = CipherNegotiation.serverChoose(DEFAULT, old, "V4,dev-type tun,cipher BF-CBC");
        assertEquals(CipherNegotiation.NO_SHARED_CIPHER, none.failure());
        assertNull(none.cipher());
    }

    @Test
    void noSharedCipherFails() {
        PeerInfo client = PeerInfo.parse("IV_CIPHERS=AES-256-CBC\nIV_NCP=2\n");
        assertEquals("Data channel cipher negotiation failed (no shared cipher)",
                CipherNegotiation.serverChoose(DEFAULT, client, null).failure());
    }

    @Test
    void clientAcceptsOnlyAPushedCipherFromItsOwnList() {
        List<AeadAlgorithm> mine = List.of(AeadAlgorithm.AES_256_GCM);
        assertEquals(AeadAlgorithm.AES_256_GCM, CipherNegotiation.clientAccept(mine, "AES-256-GCM", null).cipher());
        assertFalse(CipherNegotiation.clientAccept(mine, "AES-128-GCM", null).ok());
        assertFalse(CipherNegotiation.clientAccept(mine, "BF-CBC", null).ok());
        assertEquals(AeadAlgorithm.AES_256_GCM, CipherNegotiation.clientAccept(mine, null, "V4,cipher AES-256-GCM,auth SHA1").cipher());
        assertEquals("OPTIONS ERROR: failed to negotiate cipher with server",
                CipherNegotiation.clientAccept(mine, null, "V4,dev-type tun").failure());
    }
}
