package dev.culvert.vpn.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TlsPrfTest {
    static final byte[] LOREM = ("Lorem ipsum dolor sit amet, consectetur adipisici elit, sed eiusmod tempor "
            + "incidunt ut labore et dolore magna aliqua.").getBytes(StandardCharsets.US_ASCII);
    static final byte[] QUIS = "Quis aute iure reprehenderit in voluptate velit esse cillum dolore".getBytes(StandardCharsets.US_ASCII);

    /** OpenVPN tests/unit_tests/openvpn/test_crypto.c {@code crypto_test_tls_prf}, openvpn.md §3.2 [verified]. */
    @Test
    void matchesOpenvpnUnitTestVector() {
        byte[] out = TlsPrf.prf(LOREM, QUIS, 32);
        assertArrayEquals(HexFormat.of().parseHex("d98c8518c85e946927916acfc2d592fbb1567e4b4b1459e6a904ac2ddab72d67"), out);
    }

    @Test
    void theSecretIs117BytesSoTheHalvesOverlap() {
        org.junit.jupiter.api.Assertions.assertEquals(117, LOREM.length);
    }

    @Test
    void aLongerOutputStartsWithTheShorterOne() {
        byte[] shortOut = TlsPrf.prf(LOREM, QUIS, 32);
        byte[] longOut = TlsPrf.prf(LOREM, QUIS, 100);
        assertArrayEquals(shortOut, Arrays.copyOf(longOut, 32));
    }

    @Test
    void refusesAnEmptySecret() {
        assertThrows(IllegalArgumentException.class, () -> TlsPrf.prf(new byte[0], QUIS, 16));
    }
}
