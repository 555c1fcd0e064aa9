package dev.culvert.vpn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import org.junit.jupiter.api.Test;

/**
 * The MSS clamp each {@code mssfix} form gives, with OpenVPN 2.6's arithmetic (mss.c): the data
 * channel adds 24 bytes (P_DATA_V2 header 4, packet id 4, AEAD tag 16), TCP 2 more for its length
 * prefix; {@code mtu} also counts the outer IP and UDP/TCP headers; the MSS leaves out the inner
 * IPv4 and TCP headers (40).
 */
class MssfixTest {
    private static final boolean V4 = false;
    private static final boolean V6 = true;
    private static final boolean UDP = false;
    private static final boolean TCP = true;

    private static Mssfix of(String lines, int tunMtu) {
        try {
            return Mssfix.from(Config.of(lines + "\n", "test.conf"), tunMtu);
        } catch (ConfigException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void withoutALineTheDefaultIs1492CountingTheOuterHeaders() {
        Mssfix mssfix = of("dev tun", 1500);
        assertEquals("mssfix 1492 mtu", mssfix.toString());
        assertEquals(1492 - 28 - 24 - 40, mssfix.clamp(V4, UDP, false));
        assertEquals(1400, mssfix.clamp(V4, UDP, false));
        assertEquals(1380, mssfix.clamp(V6, UDP, false));
        assertEquals(1492 - 40 - 26 - 40, mssfix.clamp(V4, TCP, false));
        assertEquals(1492 - 60 - 26 - 40, mssfix.clamp(V6, TCP, false));
    }

    /**
     * 2.6's options.c: without an mssfix size, mssfix takes the fragment size and keeps the
     * {@code mtu} counting (mssfix_encap) its defaults start with, whatever fragment's own flag
     * says; mss.c then counts the 4-byte fragment header with the inner headers. A stock 2.6 pair
     * with {@code fragment 1300} logs mss_fix:1204 over IPv4, 1184 over IPv6.
     */
    @Test
    void underFragmentTheDefaultIsTheFragmentSizeCountingTheOuterHeaders() {
        assertEquals("mssfix 1300 mtu", of("fragment 1300", 1500).toString());
        assertEquals(1300 - 28 - 24 - 4 - 40, of("fragment 1300", 1500).clamp(V4, UDP, false));
        assertEquals(1204, of("fragment 1300", 1500).clamp(V4, UDP, false));
        assertEquals(1184, of("fragment 1300 mtu", 1500).clamp(V6, UDP, false), "fragment's 'mtu' flag does not matter");
        assertEquals(1184, of("fragment 1300\nmssfix", 1500).clamp(V6, UDP, false), "nor does a bare mssfix");
    }

    @Test
    void underFragmentAnMssfixSizeKeepsItsCountingAndThePayloadCarriesTheFragmentHeader() {
        assertEquals(1400 - 24 - 4 - 40, of("fragment 1300\nmssfix 1400", 1500).clamp(V4, UDP, false));
        assertEquals(1400 - 48 - 24 - 4 - 40, of("fragment 1300\nmssfix 1400 mtu", 1500).clamp(V6, UDP, false));
        assertEquals(1400 - 40, of("fragment 1300\nmssfix 1400 fixed", 1500).clamp(V4, UDP, false), "fixed counts the inner packet only");
        assertEquals(0, of("fragment 1300\nmssfix 0", 1500).clamp(V4, UDP, false));
    }

    /**
     * With CBC the fragment header is part of the padded plaintext, so 2.6 takes it off after
     * rounding the ciphertext down to whole blocks (mss.c frame_calculate_mssfix: target, then
     * adjust_payload_max_cbc, then the payload overhead). 'mssfix 1400', AES-128-CBC, SHA1:
     * 1400 - 20 (header, IV) - 20 (HMAC) = 1360, whole blocks 1360, less the padding byte 1359, less
     * the inner headers (40), the fragment header (4) and the packet id (4): 1311, as a stock 2.6 pair logs.
     */
    @Test
    void withCbcTheFragmentHeaderIsCountedAfterTheBlockRounding() throws Exception {
        Mssfix cbc = of("fragment 1300\nmssfix 1400", 1500).withData(dataChannel("data-ciphers AES-128-CBC\nauth SHA1"));
        assertEquals(1311, cbc.clamp(V4, UDP, false));
    }

    /**
     * mss.c frame_calculate_mssfix with AES-CBC and HMAC-SHA1 under 'mssfix 1492 mtu': 68 bytes of
     * outer, header, IV and HMAC leave 1424, whole blocks less a padding byte 1423, and the packet id
     * and inner headers take 44 more: 1379, below the AEAD figure of 1400.
     */
    @Test
    void aNodeThatMayUseCbcClampsForItsLargerOverhead() throws Exception {
        Mssfix cbc = of("dev tun", 1500).withData(dataChannel("data-ciphers AES-256-GCM:AES-256-CBC"));
        assertEquals(1379, cbc.clamp(V4, UDP, false));
        assertEquals(1400, of("dev tun", 1500).withData(dataChannel("data-ciphers AES-256-GCM")).clamp(V4, UDP, false),
                "AEAD only: as before");
        Mssfix sha512 = of("mssfix 1400", 1500).withData(dataChannel("data-ciphers-fallback AES-128-CBC\nauth SHA512"));
        // 1400 - 20 (header, IV) - 64 = 1316, whole blocks 1312, less the padding byte, the packet id and 40.
        assertEquals(1312 - 1 - 4 - 40, sha512.clamp(V4, UDP, false));
    }

    private static DataCipherConfig dataChannel(String lines) throws Exception {
        dev.culvert.core.config.Config config = dev.culvert.core.config.Config.of(lines + "\n", "t.conf");
        return DataCipherConfig.from(config, config.last("auth").map(d -> dev.culvert.vpn.keys.HmacDigest.byName(d.args().get(0)))
                .orElse(dev.culvert.vpn.keys.HmacDigest.SHA1), false);
    }

    @Test
    void aBareMssfixIsTheDefault() {
        assertEquals(of("dev tun", 1500), of("mssfix", 1500));
    }

    @Test
    void withATunMtuOtherThan1500TheDefaultClampsToTheTunMtu() {
        Mssfix mssfix = of("", 1400);
        assertEquals("mssfix 1400 fixed", mssfix.toString());
        assertEquals(1360, mssfix.clamp(V4, UDP, false));
        assertEquals(1360, mssfix.clamp(V6, TCP, true), "fixed ignores the encapsulation");
    }

    @Test
    void aSizeAloneCountsThePacketWithoutItsOuterHeaders() {
        Mssfix mssfix = of("mssfix 1450", 1500);
        assertEquals(1450 - 24 - 40, mssfix.clamp(V4, UDP, false));
        assertEquals(1450 - 24 - 40, mssfix.clamp(V6, UDP, false), "the outer family does not count");
        assertEquals(1450 - 26 - 40, mssfix.clamp(V4, TCP, false));
    }

    @Test
    void mtuCountsTheWholeOuterPacket() {
        assertEquals(1400 - 28 - 24 - 40, of("mssfix 1400 mtu", 1500).clamp(V4, UDP, false));
        assertEquals(1400 - 48 - 24 - 40, of("mssfix 1400 mtu", 1500).clamp(V6, UDP, false));
    }

    @Test
    void fixedCountsTheInnerPacket() {
        assertEquals(1260, of("mssfix 1300 fixed", 1500).clamp(V4, UDP, false));
    }

    @Test
    void zeroTurnsClampingOff() {
        assertEquals(0, of("mssfix 0", 1500).clamp(V4, UDP, false));
        assertEquals(0, of("mssfix 0", 1400).clamp(V6, TCP, true));
    }

    @Test
    void aV1CompressionFramingCostsOneByte() {
        assertEquals(1399, of("", 1500).clamp(V4, UDP, true));
        assertEquals(1450 - 24 - 40 - 1, of("mssfix 1450", 1500).clamp(V4, UDP, true));
    }

    @Test
    void theLastLineWins() {
        assertEquals(1260, of("mssfix 0\nmssfix 1300 fixed", 1500).clamp(V4, UDP, false));
    }

    @Test
    void aSizeTooSmallForTheOverheadClampsAsHardAsItCanRatherThanTurningClampingOff() {
        assertEquals(1, of("mssfix 100 mtu", 1500).clamp(V6, TCP, true));
    }
}
