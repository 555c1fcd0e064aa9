package dev.culvert.vpn.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PeerInfoTest {
    /** What a stock 2.6.14 client sent in the loopback run (openvpn.md §3.1) [verified]. */
    static final String STOCK_CLIENT = "IV_VER=2.6.14\nIV_PLAT=linux\nIV_TCPNL=1\nIV_MTU=1600\nIV_NCP=2\n"
            + "IV_CIPHERS=AES-256-GCM:AES-128-GCM:CHACHA20-POLY1305\nIV_PROTO=990\nIV_LZO_STUB=1\nIV_COMP_STUB=1\nIV_COMP_STUBv2=1\n";

    @Test
    void readsTheStockClientPeerInfo() {
        PeerInfo info = PeerInfo.parse(STOCK_CLIENT);
        assertEquals(990, info.ivProto());
        assertEquals(2, info.ivNcp());
        assertEquals(1600, info.ivMtu());
        assertEquals("AES-256-GCM:AES-128-GCM:CHACHA20-POLY1305", info.ivCiphers());
        assertTrue(IvProto.has(info.ivProto(), IvProto.CC_EXIT_NOTIFY | IvProto.TLS_KEY_EXPORT | IvProto.DYN_TLS_CRYPT));
        assertFalse(IvProto.has(info.ivProto(), IvProto.NCP_P2P));
    }

    @Test
    void ignoresJunkLinesAndNonNumbers() {
        PeerInfo info = PeerInfo.parse("garbage\n=x\nIV_PROTO=12a\nIV_NCP=99999999999\nIV_VER=1\r\nIV_VER=2");
        assertEquals(0, info.ivProto());
        assertEquals(0, info.ivNcp());
        assertEquals("1", info.get("IV_VER"));
        assertNull(info.ivCiphers());
    }

    @Test
    void builderAnnouncesOnlyWhatIsAskedFor() {
        String s = new PeerInfoBuilder("culvert-0.1", "linux").ivProto(IvProto.TLS_KEY_EXPORT | IvProto.CC_EXIT_NOTIFY).build();
        assertEquals("IV_VER=culvert-0.1\nIV_PLAT=linux\nIV_TCPNL=1\nIV_NCP=2\n"
                + "IV_CIPHERS=AES-256-GCM:AES-128-GCM:CHACHA20-POLY1305\nIV_PROTO=138\n", s);
        assertFalse(s.contains("IV_MTU"));
        assertFalse(s.contains("COMP"));
    }

    @Test
    void dataV2IsAddedWheneverAnyBitIsSet() {
        assertEquals(6, PeerInfo.parse(new PeerInfoBuilder("1", "linux").ivProto(IvProto.REQUEST_PUSH).build()).ivProto());
        assertNull(PeerInfo.parse(new PeerInfoBuilder("1", "linux").ivProto(0).build()).get("IV_PROTO"));
    }

    @Test
    void ncpTwoOnlyWithBothAesGcms() {
        PeerInfo one = PeerInfo.parse(new PeerInfoBuilder("1", "linux").dataCiphers(List.of(DataCipher.AES_256_GCM, DataCipher.CHACHA20_POLY1305)).build());
        assertNull(one.get("IV_NCP"));
        assertEquals("AES-256-GCM:CHACHA20-POLY1305", one.ivCiphers());
        PeerInfo both = PeerInfo.parse(new PeerInfoBuilder("1", "linux").dataCiphers(List.of(DataCipher.AES_128_GCM, DataCipher.AES_256_GCM)).build());
        assertEquals(2, both.ivNcp());
    }

    @Test
    void mtuAndExtrasOnRequest() {
        PeerInfo info = PeerInfo.parse(new PeerInfoBuilder("1", "mac").mtu(1500).put("IV_GUI_VER", "culvert-shell").build());
        assertEquals(1500, info.ivMtu());
        assertEquals("culvert-shell", info.get("IV_GUI_VER"));
    }

    @Test
    void refusesBitsOpenvpn26DoesNotKnowAndControlCharacters() {
        assertThrows(IllegalArgumentException.class, () -> new PeerInfoBuilder("1", "linux").ivProto(1 << 10));
        assertThrows(IllegalArgumentException.class, () -> new PeerInfoBuilder("1\n", "linux"));
        assertThrows(IllegalArgumentException.class, () -> new PeerInfoBuilder("1", "linux").put("A=B", "c"));
    }
}
