package dev.culvert.vpn.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.PeerInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** 2.6's p2p NCP ({@code get_p2p_ncp_cipher}, {@code p2p_ncp_set_options}) as a table of both sides' offers. */
class PeerToPeerNegotiationTest {
    /** 2.6's own p2p peer-info with its default data-ciphers: DATA_V2, DNS, CC_EXIT, NCP_P2P, TLS_KEY_EXPORT, DYN_TLS_CRYPT. */
    private static final int STOCK_IV_PROTO = 2 | 64 | 128 | 32 | 8 | 512;

    @ParameterizedTest(name = "ours {0} (TLS server: {1}), peer's {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
        // the TLS server's order decides, on either side
        "AES-256-GCM:AES-128-GCM:CHACHA20-POLY1305 | true  | AES-256-GCM:AES-128-GCM:CHACHA20-POLY1305 | AES-256-GCM",
        "CHACHA20-POLY1305:AES-256-GCM             | true  | AES-256-GCM:CHACHA20-POLY1305             | CHACHA20-POLY1305",
        "CHACHA20-POLY1305:AES-256-GCM             | false | AES-256-GCM:CHACHA20-POLY1305             | AES-256-GCM",
        "AES-128-GCM                               | false | AES-256-GCM:AES-128-GCM                   | AES-128-GCM",
        "AES-128-GCM:AES-256-GCM                   | true  | AES-256-GCM:AES-128-GCM                   | AES-128-GCM",
        // names the peer writes in another case, or Culvert does not know, are read leniently
        "AES-256-GCM                               | true  | BF-CBC:aes-256-gcm                        | AES-256-GCM",
        // no overlap, or no list at all: refused
        "AES-256-GCM                               | true  | CHACHA20-POLY1305                         | -",
        "AES-256-GCM                               | false | AES-128-GCM:BF-CBC                        | -",
    })
    void theCipherIsTheTlsServersFirstThatTheTlsClientLists(String ours, boolean tlsServer, String peers, String expected) {
        PeerToPeerNegotiation.Outcome outcome = PeerToPeerNegotiation.negotiate(DataCiphers.parse(ours), null, tlsServer, true,
                PeerInfo.parse("IV_CIPHERS=" + peers + "\nIV_PROTO=" + STOCK_IV_PROTO + "\n"));
        if (expected.equals("-")) {
            assertFalse(outcome.ok());
            assertNull(outcome.cipher());
            assertTrue(outcome.failure().contains("no shared data cipher") && outcome.failure().contains(peers), outcome.failure());
        } else {
            assertTrue(outcome.ok(), outcome.failure());
            assertEquals(DataCipher.byOpenvpnName(expected), outcome.cipher());
        }
    }

    @ParameterizedTest(name = "peer IV_PROTO {0}, ours announced tls-ekm {1} -> tls-ekm {2}, peer-id {3}")
    @CsvSource({
        // 2.6 with the exporter, and Culvert announcing it too: keys and peer-id from the exporter
        "746, true,  true,  true",
        // this side did not announce the exporter: the peer derives by the PRF, so does this side
        "746, false, false, true",
        // NCP_P2P without TLS_KEY_EXPORT: PRF, the fixed peer-id
        "34,  true,  false, true",
        // NCP_P2P without DATA_V2's bit: P_DATA_V1
        "40,  true,  true,  false",
        // no NCP_P2P (an older peer): nothing but the cipher is negotiated
        "714, true,  false, false",
        "0,   true,  false, false",
    })
    void keyDerivationAndPeerIdNeedTheNcpP2pBit(int peerIvProto, boolean ownEkm, boolean tlsEkm, boolean peerId) {
        PeerToPeerNegotiation.Outcome outcome = PeerToPeerNegotiation.negotiate(DataCiphers.parse(DataCiphers.DEFAULT), null, true, ownEkm,
                PeerInfo.parse("IV_CIPHERS=AES-256-GCM\nIV_PROTO=" + peerIvProto + "\n"));
        assertEquals(DataCipher.AES_256_GCM, outcome.cipher());
        assertEquals(tlsEkm, outcome.tlsEkm(), "tls-ekm");
        assertEquals(peerId, outcome.peerId(), "peer-id");
    }

    @org.junit.jupiter.api.Test
    void aPeerWithoutIvCiphersIsRefusedWithoutACipherToFallBackTo() {
        PeerToPeerNegotiation.Outcome outcome = PeerToPeerNegotiation.negotiate(DataCiphers.parse(DataCiphers.DEFAULT), null, false, true,
                PeerInfo.parse("IV_PROTO=" + STOCK_IV_PROTO + "\n"));
        assertFalse(outcome.ok());
        assertTrue(outcome.failure().contains("no IV_CIPHERS") && outcome.failure().contains("set 'cipher'"), outcome.failure());
    }

    /** p2p_mode_ncp: without a common cipher both sides use their configured one. */
    @org.junit.jupiter.api.Test
    void withoutACommonCipherBothSidesFallBackToTheirCipher() {
        PeerToPeerNegotiation.Outcome silent = PeerToPeerNegotiation.negotiate(DataCiphers.parse(DataCiphers.DEFAULT), DataCipher.AES_256_CBC,
                false, true, PeerInfo.parse("IV_VER=2.4.12\n"));
        assertEquals(DataCipher.AES_256_CBC, silent.cipher());
        assertFalse(silent.tlsEkm() || silent.peerId(), "a peer without NCP_P2P negotiates nothing else");
        PeerToPeerNegotiation.Outcome disjoint = PeerToPeerNegotiation.negotiate(DataCiphers.parse("AES-256-GCM"), DataCipher.AES_128_CBC,
                true, true, PeerInfo.parse("IV_CIPHERS=CHACHA20-POLY1305\nIV_PROTO=" + STOCK_IV_PROTO + "\n"));
        assertEquals(DataCipher.AES_128_CBC, disjoint.cipher());
    }

    @org.junit.jupiter.api.Test
    void theFixedPeerIdSpellsVpn() {
        assertEquals(('v' << 16) | ('p' << 8) | 'n', PeerToPeerNegotiation.FIXED_PEER_ID);
    }
}
