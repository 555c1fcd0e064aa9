package dev.culvert.core.tlscheck;

import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * OpenVPN's {@code remote-cert-ku [hex...]} on the peer's own certificate, as 2.6 checks it with
 * OpenSSL: the Key Usage extension must be present; with values, the certificate's first eight
 * usage bits, read as a byte (digitalSignature 0x80, nonRepudiation 0x40, keyEncipherment 0x20,
 * dataEncipherment 0x10, keyAgreement 0x08, keyCertSign 0x04, cRLSign 0x02, encipherOnly 0x01),
 * must hold all the bits of at least one value. Without values only the presence is checked (the
 * bits are then the TLS library's to match against the key exchange), which is also what
 * {@code remote-cert-tls} asks.
 */
public final class KeyUsageCheck {
    private KeyUsageCheck() {
    }

    /**
     * Why {@code leaf} fails, or null if it passes.
     *
     * @param anyOf     the accepted usage values; empty to require only the extension
     * @param who       names the certificate, e.g. "server certificate CN=vpn"
     * @param directive the line that asks, e.g. "remote-cert-ku a0 88", for the message
     */
    public static String problem(X509Certificate leaf, List<Integer> anyOf, String who, String directive) {
        boolean[] bits = leaf.getKeyUsage();
        if (bits == null) {
            return who + " has no Key Usage extension (" + directive + " requires one)";
        }
        if (anyOf.isEmpty()) {
            return null;
        }
        int usage = 0;
        for (int i = 0; i < 8 && i < bits.length; i++) {
            if (bits[i]) {
                usage |= 1 << (7 - i);
            }
        }
        for (int wanted : anyOf) {
            if (wanted != 0 && (usage & wanted) == wanted) {
                return null;
            }
        }
        return who + " has key usage " + hex(usage) + ", which holds none of " + anyOf.stream().map(KeyUsageCheck::hex)
                .collect(Collectors.joining(", ")) + " (" + directive + ")";
    }

    private static String hex(int value) {
        return HexFormat.of().toHexDigits((byte) value);
    }
}
