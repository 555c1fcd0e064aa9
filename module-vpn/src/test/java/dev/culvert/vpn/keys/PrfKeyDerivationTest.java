package dev.culvert.vpn.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The expected key2 was computed for this test with an independent Python implementation of
 * openvpn.md §3.2 (hmac + hashlib; the same script reproduces the verified test_crypto.c PRF
 * vector). It is not an OpenVPN-produced vector: it pins the label bytes, the order of randoms
 * and session ids, and the use of the master secret as the second step's secret.
 */
class PrfKeyDerivationTest {
    static byte[] run(int from, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    static final String EXPECTED_KEY2 = "11ac6c48259de3145760ad96907afcabcc9599682339d266166ccfae91795f201cbb9dcb28a4400915b564778d51c0fe"
            + "060fbe32311fd9430b03b275dadeb96585c16ab7d46d26a7ca26c5fa4e813b06517b430415939fb5e494bc9124545cc7"
            + "5d68369eceffd6e4dc1c82a4e49518d3406b19bd8bfaea5f3935bb0f6435d79694119245af64ade3d60dce116ea31fdf"
            + "1972698e6bcd55e3c9f5095853127a877005e401072f79785ba27e8b5fe62d574d0ad88e8d0e10c48040285083940adf"
            + "ba7ada43256ab6f5ca4016c4442bc0d99d2e5b55c322afd54cb77ea4cd65ac1f38be83d73038782a97e8e2fd13b1f229"
            + "cc05b8c8ccb7f95a39e5dd4588d5e69c";

    @Test
    void derivesKey2FromBothMessagesAndSessionIds() {
        KeyMethod2Message client = new KeyMethod2Message(run(0, 48), run(0x40, 32), run(0x80, 32), "V4", "", "", "");
        KeyMethod2Message server = new KeyMethod2Message(null, run(0x60, 32), run(0xa0, 32), "V4", "", "", "");
        byte[] key2 = PrfKeyDerivation.key2(client, server, run(0xc0, 8), run(0xc8, 8));
        assertArrayEquals(HexFormat.of().parseHex(EXPECTED_KEY2), key2);
    }

    @Test
    void needsThePreMasterOfTheClient() {
        KeyMethod2Message server = new KeyMethod2Message(null, run(0x60, 32), run(0xa0, 32), "V4", "", "", "");
        assertThrows(IllegalArgumentException.class, () -> PrfKeyDerivation.key2(server, server, run(0, 8), run(8, 8)));
    }

    @Test
    void refusesSessionIdsOfTheWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> PrfKeyDerivation.key2(run(0, 48), run(0, 32), run(0, 32),
                run(0, 32), run(0, 32), run(0, 7), run(0, 8)));
    }
}
