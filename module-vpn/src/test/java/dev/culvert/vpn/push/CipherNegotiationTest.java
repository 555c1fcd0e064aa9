package dev.culvert.vpn.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.PeerInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ideas of OpenVPN's test_ncp.c, on Culvert's cipher set (the AEAD ciphers and AES-CBC). */
class CipherNegotiationTest {
    static final List<DataCipher> DEFAULT = DataCiphers.parse(DataCiphers.DEFAULT);

    @Test
    void normalisesCaseAndSkipsUnknownOptionalCiphers() {
        assertEquals(List.of(DataCipher.AES_256_GCM, DataCipher.CHACHA20_POLY1305),
                DataCiphers.parse("aes-256-gcm:?vapor-cipher:ChaCha20-Poly1305"));
        assertEquals("AES-128-GCM:AES-256-GCM", DataCiphers.names(DataCiphers.parse("AES-128-GCM::aes-256-GCM:")), "empty entries skipped");
        assertEquals("AES-128-GCM:AES-128-GCM", DataCiphers.names(DataCiphers.parse("AES-128-GCM:?AES-128-GCM")), "duplicates kept, as 2.6 does");
    }

    @Test
    void refusesUnknownAndLegacyCiphersWithAClearError() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> DataCiphers.parse("AES-256-GCM:vapor"));
        assertTrue(unknown.getMessage().contains("vapor"));
        IllegalArgumentException bf = assertThrows(IllegalArgumentException.class, () -> DataCiphers.parse("AES-256-GCM:bf-cbc"));
        assertTrue(bf.getMessage().contains("BF-CBC is a legacy cipher") && bf.getMessage().contains("AES-256-CBC"), bf.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> DataCiphers.parse("none"));
        assertTrue(none.getMessage().contains("no encryption"), none.getMessage());
        assertEquals(List.of(DataCipher.AES_256_GCM, DataCipher.AES_256_CBC), DataCiphers.parse("AES-256-GCM:?BF-CBC:aes-256-cbc"),
                "an optional legacy cipher is left out, AES-CBC kept");
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
        CipherNegotiation.Choice c = CipherNegotiation.serverChoose(DEFAULT, null, client, null);
        assertEquals(DataCipher.AES_128_GCM, c.cipher(), "server order wins");
        assertTrue(c.push());
    }

    @Test
    void ivNcp2AloneMeansBothAesGcms() {
        PeerInfo client = PeerInfo.parse("IV_NCP=2\n");
        List<DataCipher> server = List.of(DataCipher.CHACHA20_POLY1305, DataCipher.AES_128_GCM);
        assertEquals(DataCipher.AES_128_GCM, CipherNegotiation.serverChoose(server, null, client, null).cipher());
        assertFalse(CipherNegotiation.serverChoose(List.of(DataCipher.CHACHA20_POLY1305), null, client, null).ok());
    }

    @Test
    void anOccCipherCountsForIvNcp2ClientsButNotForThoseListingCiphers() {
        List<DataCipher> server = List.of(DataCipher.CHACHA20_POLY1305, DataCipher.AES_128_GCM);
        String occ = "V4,dev-type tun,cipher CHACHA20-POLY1305";
        CipherNegotiation.Choice ncp2 = CipherNegotiation.serverChoose(server, null, PeerInfo.parse("IV_NCP=2\n"), occ);
        assertEquals(DataCipher.CHACHA20_POLY1305, ncp2.cipher(), "the OCC cipher, in the server's order");
        assertTrue(ncp2.push());
        CipherNegotiation.Choice listed = CipherNegotiation.serverChoose(server, null, PeerInfo.parse("IV_CIPHERS=AES-128-GCM\n"), occ);
        assertEquals(DataCipher.AES_128_GCM, listed.cipher());
    }

    @Test
    void poorMansNcpTakesTheOccCipherWithoutPushingIt() {
        PeerInfo old = PeerInfo.parse("IV_VER=2.3.18\n");
        CipherNegotiation.Choice c = CipherNegotiation.serverChoose(DEFAULT, null, old, "V4,dev-type tun,cipher AES-128-GCM,auth SHA1");
        assertEquals(DataCipher.AES_128_GCM, c.cipher());
        assertFalse(c.push());
        CipherNegotiation.Choice none = CipherNegotiation.serverChoose(DEFAULT, null, old, "V4,dev-type tun,cipher BF-CBC");
        assertEquals(CipherNegotiation.NO_SHARED_CIPHER, none.failure());
        assertNull(none.cipher());
    }

    @Test
    void noSharedCipherFails() {
        PeerInfo client = PeerInfo.parse("IV_CIPHERS=AES-256-CBC\nIV_NCP=2\n");
        assertEquals("Data channel cipher negotiation failed (no shared cipher)",
                CipherNegotiation.serverChoose(DEFAULT, null, client, null).failure());
    }

    @Test
    void clientAcceptsOnlyAPushedCipherFromItsOwnList() {
        List<DataCipher> mine = List.of(DataCipher.AES_256_GCM);
        assertEquals(DataCipher.AES_256_GCM, CipherNegotiation.clientAccept(mine, null, "AES-256-GCM", null).cipher());
        assertFalse(CipherNegotiation.clientAccept(mine, null, "AES-128-GCM", null).ok());
        assertFalse(CipherNegotiation.clientAccept(mine, null, "BF-CBC", null).ok());
        assertEquals(DataCipher.AES_256_GCM, CipherNegotiation.clientAccept(mine, null, null, "V4,cipher AES-256-GCM,auth SHA1").cipher());
        assertTrue(CipherNegotiation.clientAccept(mine, null, null, "V4,dev-type tun").failure()
                .contains("Set data-ciphers-fallback"));
        assertTrue(CipherNegotiation.clientAccept(mine, null, null, "V4,cipher AES-128-CBC").failure()
                .contains("Add the server's cipher ('AES-128-CBC') to data-ciphers"));
    }

    @Test
    void aServerForcedToCbcPicksItFromAClientThatListsIt() {
        PeerInfo client = PeerInfo.parse("IV_CIPHERS=AES-256-GCM:AES-128-GCM:CHACHA20-POLY1305:AES-256-CBC\n");
        CipherNegotiation.Choice c = CipherNegotiation.serverChoose(List.of(DataCipher.AES_256_CBC), null, client, null);
        assertEquals(DataCipher.AES_256_CBC, c.cipher());
        assertTrue(c.push());
    }

    /** multi.c: the fallback is only for a client that says nothing, neither a list nor an OCC cipher. */
    @Test
    void theServersFallbackServesOnlyAClientThatNamesNoCipher() {
        PeerInfo silent = PeerInfo.parse("IV_VER=2.3.18\n");
        CipherNegotiation.Choice c = CipherNegotiation.serverChoose(DEFAULT, DataCipher.AES_128_CBC, silent, "V4,dev-type tun,auth SHA1");
        assertEquals(DataCipher.AES_128_CBC, c.cipher());
        assertFalse(c.push(), "a client that does not negotiate is not pushed a cipher");
        assertFalse(CipherNegotiation.serverChoose(DEFAULT, DataCipher.AES_128_CBC, silent, "V4,cipher AES-256-CBC").ok(),
                "a client that named another cipher would not take the fallback");
        assertFalse(CipherNegotiation.serverChoose(DEFAULT, DataCipher.AES_128_CBC, PeerInfo.parse("IV_CIPHERS=AES-256-CBC\n"), null).ok(),
                "nor would one that listed others");
    }

    /** ssl_ncp.c check_pull_client_ncp and check_session_cipher. */
    @Test
    void theClientsFallbackTakesASilentServerAndAllowsItsOwnCipherPushed() {
        List<DataCipher> mine = List.of(DataCipher.AES_256_GCM);
        assertEquals(DataCipher.AES_256_CBC, CipherNegotiation.clientAccept(mine, DataCipher.AES_256_CBC, null, "V4,dev-type tun").cipher());
        assertEquals(DataCipher.AES_256_CBC, CipherNegotiation.clientAccept(mine, DataCipher.AES_256_CBC, "AES-256-CBC", null).cipher());
        assertFalse(CipherNegotiation.clientAccept(mine, DataCipher.AES_256_CBC, "AES-128-CBC", null).ok());
        assertFalse(CipherNegotiation.clientAccept(mine, DataCipher.AES_256_CBC, null, "V4,cipher AES-128-CBC").ok(),
                "a server that names a cipher gets that one or none");
    }
}
